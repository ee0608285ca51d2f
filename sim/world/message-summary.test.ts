import { describe, expect, it } from 'vitest';
import { adminShutdown, type Capability, endOfRib, hardReset, type Message } from '../bgp/wire/index.js';
import { describeMessage, summaryOf } from './message-summary.js';

const open = (...capabilities: Capability[]): Message => ({
  type: 'open',
  version: 4,
  myAs: 64513,
  holdTime: 180,
  bgpId: '10.0.1.12',
  capabilities,
});
const gr = (notification: boolean): Capability => ({
  type: 'graceful-restart',
  restartState: false,
  notification,
  restartTime: 120,
  afis: [{ afi: 1, safi: 1, forwardingState: true }],
});
const llgr: Capability = { type: 'llgr', afis: [{ afi: 1, safi: 1, forwardingState: true, staleTime: 0 }] };
const clause = (m: Message) => describeMessage(m).clause;

describe('the clause a BGP message is summarized with', () => {
  it('cites the GR capability of an OPEN (RFC 4724 §3), its N bit (RFC 8538 §2) and LLGR (RFC 9494 §3.1)', () => {
    expect(clause(open(gr(false)))).toBe('RFC 4724 §3');
    expect(clause(open(gr(true), llgr))).toBe('RFC 4724 §3; RFC 8538 §2; RFC 9494 §3.1');
    expect(clause(open())).toBe('RFC 4271 §4.2');
  });

  it('cites RFC 4724 §2 for End-of-RIB and RFC 4271 §4.3 for an UPDATE', () => {
    expect(describeMessage(endOfRib(1, 1))).toEqual({
      kind: 'End-of-RIB',
      detail: 'AFI 1 SAFI 1',
      clause: 'RFC 4724 §2',
    });
    const update: Message = { type: 'update', withdrawn: [], attributes: {}, nlri: ['10.100.0.10/32'] };
    expect(describeMessage(update)).toEqual({
      kind: 'UPDATE',
      detail: 'announce 10.100.0.10/32',
      clause: 'RFC 4271 §4.3',
    });
  });

  it('cites a NOTIFICATION by its code: Cease subcodes (RFC 4486), Hard Reset (RFC 8538 §3), errors (RFC 4271 §6)', () => {
    expect(clause(adminShutdown())).toBe('RFC 4271 §6.7; RFC 4486 §4');
    expect(clause(hardReset({ code: 6, subcode: 2 }))).toBe('RFC 4271 §6.7; RFC 8538 §3');
    expect(clause({ type: 'notification', code: 6, subcode: 10, data: new Uint8Array() })).toBe(
      'RFC 4271 §6.7; RFC 9384 §2',
    );
    expect(clause({ type: 'notification', code: 4, subcode: 0, data: new Uint8Array() })).toBe('RFC 4271 §4.5, §6.5');
  });
});

describe('summaryOf', () => {
  it('describes an OPEN or UPDATE object once and other messages each time, as describeMessage does', () => {
    const o = open(gr(true));
    expect(summaryOf(o)).toBe(summaryOf(o));
    expect(summaryOf(o)).toEqual(describeMessage(o));
    const eor = endOfRib(1, 1);
    expect(summaryOf(eor)).toBe(summaryOf(eor));
    const k: Message = { type: 'keepalive' };
    expect(summaryOf(k)).not.toBe(summaryOf(k));
    expect(summaryOf(k)).toEqual(describeMessage(k));
    // Another object with other content: its own summary.
    expect(summaryOf(open()).detail).toBe('AS 64513 hold 180s no-GR');
  });
});
