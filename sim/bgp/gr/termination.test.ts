import { describe, expect, it } from 'vitest';
import { mustResolve } from '../profile/registry.js';
import type { NotificationMessage } from '../wire/message.js';
import { hardReset } from '../wire/notification.js';
import { decideTermination, hardResetInner, outgoingNotification, shouldHardReset } from './termination.js';

const n = (code: number, subcode: number): NotificationMessage => ({
  type: 'notification',
  code,
  subcode,
  data: new Uint8Array(),
});
const rfc = mustResolve({ profile: 'rfc' }).behaviour;
const gobgp = mustResolve({ profile: 'gobgp' }).behaviour;
const bird = mustResolve({ profile: 'bird' }).behaviour;

describe('GR or flush when a session ends (RFC 4724 §4, RFC 8538 §4)', () => {
  it('runs GR after a TCP close without NOTIFICATION', () => {
    expect(decideTermination({ kind: 'tcp-closed' }, false, false, rfc).gr).toBe(true);
  });
  it('flushes after any NOTIFICATION when N was not exchanged', () => {
    expect(decideTermination({ kind: 'notification-received', message: n(6, 2) }, false, false, rfc).gr).toBe(false);
    expect(decideTermination({ kind: 'notification-sent', message: n(6, 4) }, false, false, rfc).gr).toBe(false);
  });
  it('runs GR after a NOTIFICATION sent or received when N was exchanged, except a Hard Reset', () => {
    expect(decideTermination({ kind: 'notification-received', message: n(6, 4) }, true, false, rfc).gr).toBe(true);
    expect(decideTermination({ kind: 'notification-sent', message: n(3, 1) }, true, false, rfc).gr).toBe(true);
    expect(decideTermination({ kind: 'notification-received', message: n(6, 9) }, true, false, rfc).gr).toBe(false);
    expect(decideTermination({ kind: 'notification-sent', message: n(6, 9) }, true, false, rfc).gr).toBe(false);
  });
  it('runs GR after a hold-timer expiry only with N, unless the profile says otherwise', () => {
    expect(decideTermination({ kind: 'hold-timer-expired', notified: true }, true, false, rfc).gr).toBe(true);
    expect(decideTermination({ kind: 'hold-timer-expired', notified: true }, false, false, rfc).gr).toBe(false);
    expect(decideTermination({ kind: 'hold-timer-expired', notified: true }, false, false, gobgp).gr).toBe(true);
    expect(decideTermination({ kind: 'hold-timer-expired', notified: false }, false, true, bird).gr).toBe(true);
    expect(decideTermination({ kind: 'hold-timer-expired', notified: true }, false, false, bird).gr).toBe(false);
  });
  it('GoBGP flushes after a NOTIFICATION it sent even with N', () => {
    expect(decideTermination({ kind: 'notification-sent', message: n(6, 4) }, true, false, gobgp).gr).toBe(false);
  });
  it("narrates BIRD's `bfd graceful` as BIRD's option, not as an RFC 5882 rule", () => {
    const d = decideTermination({ kind: 'bfd-down-graceful' }, false, false, bird);
    expect(d.gr).toBe(true);
    expect(d.clause).toBe('BIRD bfd graceful');
    expect(d.clause).not.toMatch(/RFC 5882 §4\.3\.2/);
  });
  it('a new connection while Established is a GR trigger (RFC 4724 §4.2)', () => {
    expect(decideTermination({ kind: 'new-connection' }, false, false, rfc).clause).toBe('RFC 4724 §4.2');
  });
});

describe('Hard Reset (RFC 8538 §3, §5.1)', () => {
  const frr = mustResolve({ profile: 'frr' });
  it('converts Cease 1, 2, 3 and 10 and, under user control, 4', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 10].map((sub) => shouldHardReset(6, sub, frr))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      true,
    ]);
    const noAdmin = mustResolve({ profile: 'frr', gr: { hardAdminReset: false } });
    expect(shouldHardReset(6, 4, noAdmin)).toBe(false);
    expect(shouldHardReset(4, 0, frr)).toBe(false);
  });
  it('wraps the inner code and subcode in the data, as wire.hardReset does', () => {
    const data = new Uint8Array([3, 0x61, 0x62, 0x63]);
    expect(outgoingNotification(6, 2, data, true, frr)).toEqual(hardReset({ code: 6, subcode: 2, data }));
    expect(hardResetInner(outgoingNotification(6, 2, data, true, frr))).toEqual({ code: 6, subcode: 2 });
  });
  it('never sends a Hard Reset to a peer that did not send N', () => {
    expect(outgoingNotification(6, 2, new Uint8Array(), false, frr)).toEqual(n(6, 2));
  });
  it('GoBGP ≥ 3.26 omits the inner code; GoBGP ≤ 3.25 and BIRD never convert', () => {
    const data = new Uint8Array([0]);
    expect(outgoingNotification(6, 2, data, true, mustResolve({ profile: 'gobgp' }))).toEqual({
      type: 'notification',
      code: 6,
      subcode: 9,
      data,
    });
    expect(outgoingNotification(6, 2, data, true, mustResolve({ profile: 'gobgp-3.25' })).subcode).toBe(2);
    expect(outgoingNotification(6, 2, data, true, mustResolve({ profile: 'bird' })).subcode).toBe(2);
  });
});
