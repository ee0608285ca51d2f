import { describe, expect, it } from 'vitest';
import type { FlowId } from '../base/ids.js';
import { NEVER, s, type Time } from '../base/time.js';
import { DataPlane } from './data-plane.js';
import { PROTO_TCP } from './flow-key.js';
import { nextDeadline, step } from './step.js';
import { TEXTBOOK_TCP } from './tcp/linux-tcp.js';

describe('data plane step', () => {
  it('reports a next-hop change, then the resets it causes at the moved connections next packets, and a black hole is given up at the Linux deadline', () => {
    const dp = new DataPlane({ reconnect: { mode: 'never' }, tcp: TEXTBOOK_TCP });
    const g = dp.addGroup(
      { router: 'r1', prefix: 'p', ecmp: { scheme: 'modulo' }, hashSeed: 1, hashPolicy: 'l4' },
      s(0),
    );
    step(dp, { type: 'set-next-hops', group: g, nextHops: ['a', 'b'] }, s(0));
    const flows: FlowId[] = [];
    for (let i = 0; i < 50; i++) {
      const key = { protocol: PROTO_TCP, src: 0x0a000000 + i, dst: 1, srcPort: 40000, dstPort: 80 };
      const opened = step(
        dp,
        { type: 'open', group: g, key, duration: s(100), packetsPerSecond: 1, packetBytes: 100 },
        s(0),
      );
      if (opened[0]?.type === 'connection-opened') flows.push(opened[0].flow as FlowId);
    }
    const out = step(dp, { type: 'set-next-hops', group: g, nextHops: ['a', 'b', 'c'] }, s(1));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ type: 'next-hops-changed', group: g, movedFraction: 2 / 3 });
    const moved = out[0]!.type === 'next-hops-changed' ? out[0]!.movedConnections : -1;
    // At 1 packet/s every moved connection's next packet falls within a second of the change.
    expect(nextDeadline(dp)).toBeGreaterThan(s(1));
    expect(step(dp, { type: 'deadline' }, s(2))).toEqual([
      {
        type: 'connections-reset',
        counts: { rehash: moved, blackhole: 0, nodeFailure: 0, noRoute: 0 },
        reason: 'timers',
      },
    ]);
    const onA = flows.filter((f) => dp.isLive(f) && dp.nextHopOf(f) === 'a').length;
    expect(onA).toBeGreaterThan(0);
    step(dp, { type: 'node-forwarding', node: 'a', up: false }, s(2));
    // a's connections stall at 2 s; Linux retransmits at 2 + 0.2 s (TCP_RTO_MIN), 2 + 0.6, 2 + 1.4, …
    expect(nextDeadline(dp)).toBe(s(2.2));
    // Lost retransmissions reset nothing. tcp_retries2 = 15 allows 924.6 s from the first
    // retransmission (2.2 s): the expiry 0.2·(2^10 − 1) + 6·120 = 924.6 s into the stall is 0.2 s
    // short, the next, 1044.6 s into it, gives up: 1046.6 s. b's and c's connections closed at 100 s.
    expect(step(dp, { type: 'deadline' }, (s(1046.6) - 1) as Time)).toEqual([]);
    expect(nextDeadline(dp)).toBe(s(1046.6));
    expect(step(dp, { type: 'deadline' }, s(1046.6))).toEqual([
      {
        type: 'connections-reset',
        counts: { rehash: 0, blackhole: onA, nodeFailure: 0, noRoute: 0 },
        reason: 'timers',
      },
    ]);
    expect(nextDeadline(dp)).toBe(NEVER);
  });
});
