import { describe, expect, it } from 'vitest';
import { NEVER, s, type Time } from '../../base/time.js';
import type { GrNegotiation } from './capabilities.js';
import {
  createDeferral,
  deferralActiveFor,
  deferralCheck,
  deferralEndOfRib,
  deferralPeerDown,
  deferralPeerEstablished,
} from './deferral.js';

const neg = (grExchanged: boolean, peerRestartState: boolean) => ({ grExchanged, peerRestartState }) as GrNegotiation;
const GR = neg(true, false);
const T0 = 0 as Time;
const V4 = 'ipv4-unicast';
const V6 = 'ipv6-unicast';

const deferral = (o: { waitFor: string[]; families?: string[]; seconds?: number; restarting?: boolean }) =>
  createDeferral({
    restarting: o.restarting ?? true,
    now: T0,
    seconds: o.seconds ?? 120,
    families: o.families ?? [V4],
    waitFor: o.waitFor,
  });
const reasons = (d: ReturnType<typeof deferral>, at: Time) => deferralCheck(d, at).map((c) => [c.family, c.reason]);

describe('selection deferral on the restarting speaker (RFC 4724 §4.1)', () => {
  it('is inactive on a speaker that did not restart', () => {
    const d = deferral({ waitFor: ['a'], restarting: false });
    expect(d.active).toBe(false);
    expect(deferralCheck(d, s(1))).toEqual([]);
  });

  it('ends when End-of-RIB arrived from every GR peer', () => {
    const d = deferral({ waitFor: ['a', 'b'] });
    deferralPeerEstablished(d, s(1), 'a', GR, [V4]);
    deferralPeerEstablished(d, s(1), 'b', GR, [V4]);
    deferralEndOfRib(d, 'a', V4);
    expect(deferralCheck(d, s(2))).toEqual([]);
    deferralEndOfRib(d, 'b', V4);
    expect(deferralCheck(d, s(3))).toEqual([
      { family: V4, reason: 'end-of-rib', eorFrom: ['a', 'b'], stillWaiting: [] },
    ]);
    expect(d.active).toBe(false);
  });

  it('waits for a configured GR peer that has not come up yet', () => {
    const d = deferral({ waitFor: ['a', 'late'] });
    deferralPeerEstablished(d, s(1), 'a', GR, [V4]);
    deferralEndOfRib(d, 'a', V4);
    expect(deferralCheck(d, s(2))).toEqual([]);
    expect(deferralActiveFor(d, V4)).toBe(true);
    deferralPeerEstablished(d, s(30), 'late', GR, [V4]);
    expect(deferralCheck(d, s(30))).toEqual([]);
    deferralEndOfRib(d, 'late', V4);
    expect(reasons(d, s(31))).toEqual([[V4, 'end-of-rib']]);
  });

  it('releases a peer that comes up with R set or without the GR capability', () => {
    const d = deferral({ waitFor: ['a', 'restarted', 'plain'] });
    deferralPeerEstablished(d, s(1), 'a', GR, [V4]);
    deferralEndOfRib(d, 'a', V4);
    deferralPeerEstablished(d, s(2), 'restarted', neg(true, true), [V4]);
    expect(deferralCheck(d, s(2))).toEqual([]);
    deferralPeerEstablished(d, s(3), 'plain', neg(false, false), [V4]);
    expect(reasons(d, s(3))).toEqual([[V4, 'end-of-rib']]);
  });

  it('never waits for a peer not configured in GR restart mode', () => {
    const d = deferral({ waitFor: ['a'] });
    deferralPeerEstablished(d, s(1), 'a', GR, [V4]);
    deferralEndOfRib(d, 'a', V4);
    expect(reasons(d, s(1))).toEqual([[V4, 'end-of-rib']]);
  });

  it('names the completion no-end-of-rib-awaited when every peer was excluded and no End-of-RIB arrived', () => {
    const d = deferral({ waitFor: ['restarted', 'plain'] });
    deferralPeerEstablished(d, s(1), 'restarted', neg(true, true), [V4]);
    deferralPeerEstablished(d, s(1), 'plain', neg(false, false), [V4]);
    expect(reasons(d, s(1))).toEqual([[V4, 'no-end-of-rib-awaited']]);
    expect(d.completedBy).toBe('no-end-of-rib-awaited');
  });

  it('completes each address family on its own End-of-RIBs', () => {
    const d = deferral({ waitFor: ['a'], families: [V4, V6] });
    deferralPeerEstablished(d, s(1), 'a', GR, [V4, V6]);
    deferralEndOfRib(d, 'a', V4);
    expect(reasons(d, s(2))).toEqual([[V4, 'end-of-rib']]);
    expect(deferralActiveFor(d, V4)).toBe(false);
    expect(deferralActiveFor(d, V6)).toBe(true);
    expect(d.active).toBe(true);
    deferralEndOfRib(d, 'a', V6);
    expect(reasons(d, s(3))).toEqual([[V6, 'end-of-rib']]);
    expect(d.active).toBe(false);
  });

  it('releases a peer from the families it did not negotiate', () => {
    const d = deferral({ waitFor: ['a', 'b'], families: [V4, V6] });
    deferralPeerEstablished(d, s(1), 'a', GR, [V4, V6]);
    deferralPeerEstablished(d, s(1), 'b', GR, [V4]);
    deferralEndOfRib(d, 'a', V6);
    expect(reasons(d, s(2))).toEqual([[V6, 'end-of-rib']]);
  });

  it('ends when the Selection_Deferral_Timer expires, counted from the first Established peer', () => {
    const d = deferral({ waitFor: ['a'], seconds: 5 });
    expect(d.deadline).toBe(NEVER);
    deferralPeerEstablished(d, s(10), 'a', GR, [V4]);
    expect(deferralCheck(d, s(14.9))).toEqual([]);
    expect(deferralCheck(d, s(15))).toEqual([
      { family: V4, reason: 'deferral-timer-expired', eorFrom: [], stillWaiting: ['a'] },
    ]);
  });

  it('keeps waiting for a configured peer that never comes up until the timer expires', () => {
    const d = deferral({ waitFor: ['a', 'dead'], seconds: 120 });
    deferralPeerEstablished(d, s(10), 'a', GR, [V4]);
    deferralEndOfRib(d, 'a', V4);
    expect(deferralCheck(d, s(129.9))).toEqual([]);
    expect(deferralCheck(d, s(130))).toEqual([
      { family: V4, reason: 'deferral-timer-expired', eorFrom: ['a'], stillWaiting: ['dead'] },
    ]);
  });

  it('selects nothing and arms no timer while no peer has come up', () => {
    const d = deferral({ waitFor: [] });
    expect(deferralCheck(d, s(1000))).toEqual([]);
    expect(d.deadline).toBe(NEVER);
  });

  it('stops waiting for a peer whose session went down, and waits again when it comes back', () => {
    const d = deferral({ waitFor: ['a', 'b'] });
    deferralPeerEstablished(d, s(1), 'a', GR, [V4]);
    deferralPeerEstablished(d, s(1), 'b', GR, [V4]);
    deferralPeerDown(d, 'a');
    expect(deferralCheck(d, s(2))).toEqual([]);
    deferralPeerEstablished(d, s(3), 'a', GR, [V4]);
    deferralEndOfRib(d, 'b', V4);
    expect(deferralCheck(d, s(4))).toEqual([]);
    deferralPeerDown(d, 'a');
    expect(reasons(d, s(5))).toEqual([[V4, 'end-of-rib']]);
  });
});
