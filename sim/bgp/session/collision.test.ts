import { describe, expect, it } from 'vitest';
import type { Time } from '../../base/time.js';
import { mustResolve } from '../profile/registry.js';
import { keepsLocallyInitiated } from './collision.js';
import { createSession, type SessionState, stepSession } from './session.js';
import type { SessionInput, SessionOutput } from './types.js';

const T0 = 0 as Time;

function speaker(bgpId: string, localAs: number, peerAs: number): SessionState {
  return createSession({
    peer: 'p',
    config: mustResolve({}),
    identity: { localAs, bgpId, peerAs, restarting: false, startedAt: T0 },
    uniform: () => 0,
  });
}

/**
 * Two sessions over simultaneous TCP connections, each numbering its connections itself (as two real
 * hosts do): A's connection to B is A#1 = B#2, B's to A is B#1 = A#2. Both see their own connection
 * established first, then the peer's; messages are delivered in order.
 */
function collide(a: SessionState, b: SessionState): void {
  const ends = [a, b] as const;
  // other side's id for my conn id: my outbound #1 is the peer's #2 and vice versa.
  const theirs = (c: number) => (c === 1 ? 2 : 1);
  const open = new Set(['0:1', '0:2', '1:1', '1:2']);
  const queue: { to: 0 | 1; input: SessionInput }[] = [];
  const handle = (from: 0 | 1, out: SessionOutput[]) => {
    const to = (1 - from) as 0 | 1;
    for (const o of out) {
      if (o.type === 'send' && open.has(`${from}:${o.conn}`))
        queue.push({ to, input: { type: 'message', conn: theirs(o.conn), message: o.message } });
      if (o.type === 'tcp-close' && open.delete(`${from}:${o.conn}`)) {
        open.delete(`${to}:${theirs(o.conn)}`);
        queue.push({ to, input: { type: 'tcp-closed', conn: theirs(o.conn) } });
      }
    }
  };
  handle(0, stepSession(a, { type: 'manual-start' }, T0));
  handle(1, stepSession(b, { type: 'manual-start' }, T0));
  for (const i of [0, 1] as const)
    handle(i, stepSession(ends[i], { type: 'tcp-established', conn: 1, outbound: true }, T0));
  for (const i of [0, 1] as const)
    handle(i, stepSession(ends[i], { type: 'tcp-established', conn: 2, outbound: false }, T0));
  for (let n = 0; n < 100 && queue.length > 0; n++) {
    const e = queue.shift()!;
    handle(e.to, stepSession(ends[e.to], e.input, T0));
  }
}

describe('connection collision (RFC 4271 §6.8)', () => {
  it('keeps the connection initiated by the higher BGP Identifier, the larger AS on a tie (RFC 6286 §2.3)', () => {
    expect(keepsLocallyInitiated('10.0.1.11', 64513, '10.0.0.1', 64512)).toBe(true);
    expect(keepsLocallyInitiated('10.0.0.1', 64512, '10.0.1.11', 64513)).toBe(false);
    // Compared as unsigned integers, not as text: 9.0.0.1 < 10.0.0.1.
    expect(keepsLocallyInitiated('9.0.0.1', 1, '10.0.0.1', 1)).toBe(false);
    expect(keepsLocallyInitiated('1.1.1.1', 65002, '1.1.1.1', 65001)).toBe(true);
  });

  it('brings two speakers that connect at the same instant to Established on one connection, the higher Identifier’s', () => {
    const a = speaker('10.0.0.1', 64512, 64513);
    const b = speaker('10.0.1.11', 64513, 64512);
    collide(a, b);
    expect([a.fsm, b.fsm]).toEqual(['Established', 'Established']);
    // b (10.0.1.11) has the higher Identifier: its outbound connection (b#1 = a#2) survives on both ends.
    expect([a.conn, a.outbound, b.conn, b.outbound]).toEqual([2, false, 1, true]);
  });

  it('sends Cease / Connection Collision Resolution on the losing connection', () => {
    const a = speaker('10.0.0.1', 64512, 64513);
    const out: SessionOutput[] = [];
    out.push(...stepSession(a, { type: 'manual-start' }, T0));
    out.push(...stepSession(a, { type: 'tcp-established', conn: 1, outbound: true }, T0));
    out.push(...stepSession(a, { type: 'tcp-established', conn: 2, outbound: false }, T0));
    const peerOpen = {
      type: 'open' as const,
      version: 4,
      myAs: 64513,
      holdTime: 90,
      bgpId: '10.0.1.11',
      capabilities: [],
    };
    out.push(...stepSession(a, { type: 'message', conn: 1, message: peerOpen }, T0));
    const notified = out.flatMap((o) =>
      o.type === 'send' && o.message.type === 'notification' ? [[o.conn, o.message.code, o.message.subcode]] : [],
    );
    expect(notified).toEqual([[1, 6, 7]]);
    expect(a.conn).toBe(2);
    expect(a.fsm).toBe('OpenSent');
  });
});
