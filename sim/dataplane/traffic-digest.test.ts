import { describe, expect, it } from 'vitest';
import { type Duration, ms, s, type Time } from '../base/time.js';
import { DataPlane } from './data-plane.js';
import { type FlowKey, PROTO_TCP } from './flow-key.js';
import { TEXTBOOK_TCP } from './tcp/linux-tcp.js';

const key = (i: number): FlowKey => ({
  protocol: PROTO_TCP,
  src: 0x0a000000 + i,
  dst: 0xc0a80a01,
  srcPort: 40000 + i,
  dstPort: 443,
});

function plane(nextHops: readonly string[] = ['a', 'b'], tcp: { rtoMin?: Duration } = {}) {
  const dp = new DataPlane({ reconnect: { mode: 'never' }, tcp: { ...TEXTBOOK_TCP, ...tcp } });
  for (const n of ['a', 'b']) dp.addNode(n);
  const g = dp.addGroup(
    { router: 'r1', prefix: '192.168.10.1/32', ecmp: { scheme: 'modulo' }, hashSeed: 42, hashPolicy: 'l4' },
    s(0),
  );
  dp.setNextHops(g, nextHops, s(0));
  return { dp, g };
}

/** Two connections through a two-node group, one on each node (keys found once, deterministically). */
function twoConnections(): { keys: [FlowKey, FlowKey]; nodes: [string, string] } {
  const { dp, g } = plane();
  const first = dp.openConnection(g, key(0), s(100), 100, 1000, s(0));
  const firstNode = dp.nextHopOf(first)!;
  for (let i = 1; i < 1000; i++) {
    const f = dp.openConnection(g, key(i), s(100), 100, 1000, s(0));
    const n = dp.nextHopOf(f)!;
    if (n !== firstNode) return { keys: [key(0), key(i)], nodes: [firstNode, n] };
  }
  throw new Error('no key hashes to the other node');
}

function totals(dp: DataPlane, g: number, now: Time) {
  const m = dp.groupMetrics(g, now);
  return { opened: m.opened, closed: m.closed, resets: m.resets, delivered: m.delivered, blackholed: m.blackholed };
}

describe('traffic digest', () => {
  it('differs when another connection is reset, though every total agrees', () => {
    const { keys, nodes } = twoConnections();
    const run = (failed: string) => {
      const { dp, g } = plane();
      for (const k of keys) dp.openConnection(g, k, s(100), 100, 1000, s(0));
      dp.failNode(failed, s(10));
      // The failed node's connection stalls at 10 s; with 200 ms RTOs Linux gives up on it at the
      // first expiry 924.6 s after its first retransmission (tcp_retries2 = 15), 1044.6 s into the
      // stall: a nodeFailure reset at 1054.6 s.
      dp.advance(s(1054.6));
      return { digest: dp.trafficDigest(s(1054.6)), totals: totals(dp, g, s(1054.6)) };
    };
    const a = run(nodes[0]);
    const b = run(nodes[1]);
    expect(a.totals.resets.nodeFailure).toBe(1);
    expect(b.totals).toEqual(a.totals);
    expect(b.digest).not.toBe(a.digest);
  });

  it('differs when the same connection delivers its packets to another node', () => {
    const run = (node: string) => {
      const { dp, g } = plane([node]);
      dp.openConnection(g, key(7), s(30), 100, 1000, s(0));
      dp.advance(s(60));
      return { digest: dp.trafficDigest(s(60)), totals: totals(dp, g, s(60)) };
    };
    const a = run('a');
    const b = run('b');
    expect(b.totals).toEqual(a.totals);
    expect(b.digest).not.toBe(a.digest);
  });

  it('differs when one connection loses one more packet', () => {
    // A 100 ms black hole from 10 s: the connection resumes at its first retransmission, RTO_MIN
    // after the stall began, and loses 100 pps × RTO_MIN: 20 packets at 200 ms, 21 at 210 ms.
    const run = (rtoMin: number) => {
      const { dp, g } = plane(['a'], { rtoMin: rtoMin as Duration });
      dp.openConnection(g, key(3), s(100), 100, 1000, s(0));
      dp.setNodeForwarding('a', false, s(10));
      dp.setNodeForwarding('a', true, s(10.1));
      dp.advance(s(200));
      return { digest: dp.trafficDigest(s(200)), lost: dp.groupMetrics(g, s(200)).blackholed.packets };
    };
    const a = run(ms(200));
    const b = run(ms(210));
    expect(a.lost).toBeCloseTo(20, 9);
    expect(b.lost).toBeCloseTo(21, 9);
    expect(b.digest).not.toBe(a.digest);
    expect(run(ms(200)).digest).toBe(a.digest);
  });

  it('does not depend on how often the data plane is advanced', () => {
    const run = (step: number) => {
      const { dp, g } = plane();
      for (let i = 0; i < 50; i++) dp.openConnection(g, key(i), s(5 + (i % 7)), 100, 1000, s(Math.floor(i / 20)));
      dp.failNode('a', s(4));
      for (let t: number = s(4); t <= s(80); t += step) dp.advance(t as Time);
      dp.advance(s(80));
      return dp.trafficDigest(s(80));
    };
    expect(run(s(76))).toBe(run(1_000));
  });

  it('is unchanged by a forwarding state that lasts no time', () => {
    const run = (blip: boolean) => {
      const { dp, g } = plane();
      for (let i = 0; i < 20; i++) dp.openConnection(g, key(i), s(100), 100, 1000, s(0));
      if (blip) {
        dp.setNodeForwarding('a', false, s(10));
        dp.setNodeForwarding('a', true, s(10));
      }
      dp.advance(s(50));
      return dp.trafficDigest(s(50));
    };
    expect(run(true)).toBe(run(false));
  });

  it('counts the packets live connections delivered up to the moment it is read', () => {
    const { dp, g } = plane();
    dp.openConnection(g, key(1), s(100), 100, 1000, s(0));
    const at10 = dp.trafficDigest(s(10));
    expect(dp.trafficDigest(s(11))).not.toBe(at10);
  });
});
