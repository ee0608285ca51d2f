import { describe, expect, it } from 'vitest';
import { NEVER, s } from '../base/time.js';
import { DataPlane } from './data-plane.js';
import { PROTO_TCP } from './flow-key.js';
import { nextDeadline, step } from './step.js';

describe('data plane step', () => {
  it('reports a next-hop change, then the resets it causes at the moved connections next packets, and timer resets at the deadline', () => {
    const dp = new DataPlane({ reconnect: { mode: 'never' } });
    const g = dp.addGroup(
      { router: 'r1', prefix: 'p', ecmp: { scheme: 'modulo' }, hashSeed: 1, hashPolicy: 'l4' },
      s(0),
    );
    step(dp, { type: 'set-next-hops', group: g, nextHops: ['a', 'b'] }, s(0));
    for (let i = 0; i < 50; i++) {
      const key = { protocol: PROTO_TCP, src: 0x0a000000 + i, dst: 1, srcPort: 40000, dstPort: 80 };
      step(dp, { type: 'open', group: g, key, duration: s(100), packetsPerSecond: 1, packetBytes: 100 }, s(0));
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
    step(dp, { type: 'node-forwarding', node: 'a', up: false }, s(2));
    expect(nextDeadline(dp)).toBe(s(32));
    const late = step(dp, { type: 'deadline' }, s(32));
    expect(late[0]).toMatchObject({ type: 'connections-reset', reason: 'timers' });
    step(dp, { type: 'deadline' }, s(100));
    expect(nextDeadline(dp)).toBe(NEVER);
  });
});
