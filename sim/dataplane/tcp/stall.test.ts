import { describe, expect, it } from 'vitest';
import type { FlowId } from '../../base/ids.js';
import { type Duration, s, type Time } from '../../base/time.js';
import { DataPlane, type DataPlaneOptions, type ResetEvent } from '../data-plane.js';
import { type FlowKey, flowHash, PROTO_TCP } from '../flow-key.js';
import type { ReconnectPolicy } from './reconnect.js';

const key = (i: number): FlowKey => ({
  protocol: PROTO_TCP,
  src: 0x0a000000 + i,
  dst: 0xc0a80a01,
  srcPort: 40000,
  dstPort: 443,
});

function plane(opts: DataPlaneOptions = {}) {
  const events: ResetEvent[] = [];
  const dp = new DataPlane({ onReset: (e) => events.push(e), reconnect: { mode: 'never' }, ...opts });
  const spec = {
    router: 'r1',
    prefix: 'p',
    ecmp: { scheme: 'modulo' as const },
    hashSeed: 42,
    hashPolicy: 'l4' as const,
  };
  const g = dp.addGroup(spec, s(0));
  dp.setNextHops(g, ['a', 'b'], s(0));
  /** A key that the group sends to `node`. */
  const keyTo = (node: string): FlowKey => {
    for (let i = 0; ; i++) {
      const k = key(i);
      if (dp.ecmpOf(g).nameOf(dp.ecmpOf(g).lookup(flowHash('l4', 42, k))) === node) return k;
    }
  };
  const open = (node: string, at: number, duration = s(3600)): FlowId =>
    dp.openConnection(g, keyTo(node), duration as Duration, 10, 1000, at as Time);
  return { dp, g, events, open };
}

describe('a stalled connection behaves as Linux TCP', () => {
  it('resumes after a 10 s black hole at the first retransmission after it: 12.852 s after the stall began (RTO 204 ms)', () => {
    const { dp, g, open } = plane();
    const f = open('a', 0);
    dp.setNodeForwarding('a', false, s(1));
    dp.setNodeForwarding('a', true, s(11));
    // Back at 11 s, but nothing is sent until the retransmission at 1 s + 0.204 · (1 + 2 + 4 + 8 + 16 + 32) s:
    // the RTO is ⌈(200 ms + 0.1 ms rtt) · HZ 250⌉ = 51 ticks of 4 ms.
    expect(dp.nextEventTime()).toBe(s(13.852));
    dp.advance((s(13.852) - 1) as Time);
    expect(dp.groupMetrics(g, (s(13.852) - 1) as Time).tcp.survived).toBe(0);
    dp.advance(s(13.852));
    const m = dp.groupMetrics(g, s(20));
    expect(dp.isLive(f)).toBe(true);
    expect(m.tcp).toMatchObject({ stalled: 1, survived: 1, gaveUp: 0, survivedStallTimes: [12.852] });
    expect(m.tcp.blackholedSeconds).toBeCloseTo(10, 9);
    expect(m.tcp.stallSeconds).toBeCloseTo(12.852, 9);
    // Its data waited from the first loss to that retransmission: 10 pps × 12.852 s not delivered.
    expect(m.blackholed.packets).toBeCloseTo(128.52, 6);
    expect(m.delivered.packets).toBeCloseTo(200 - 128.52, 6);
  });

  it('does not stall for a black hole that lasts no time (down and up in the same µs lose no packet)', () => {
    const { dp, g, open } = plane();
    const f = open('a', 0);
    dp.setNodeForwarding('a', false, s(1));
    dp.setNodeForwarding('a', true, s(1));
    dp.advance(s(20));
    const m = dp.groupMetrics(g, s(20));
    expect(dp.isLive(f)).toBe(true);
    expect(m.tcp.stalled).toBe(0);
    expect(m.blackholed.packets).toBe(0);
    expect(m.delivered.packets).toBeCloseTo(200, 6);
  });

  it('gives up 928.692 s into a stall that never ends (tcp_retries2 = 15: 924.6 s after its first retransmission), with cause blackhole', () => {
    const { dp, events, open } = plane();
    open('a', 0);
    dp.setNodeForwarding('a', false, s(1));
    dp.advance((s(929.692) - 1) as Time);
    expect(events).toEqual([]);
    expect(dp.advance(s(929.692)).blackhole).toBe(1);
    expect(events.map((e) => [e.cause, e.at])).toEqual([['blackhole', s(929.692)]]);
  });

  it('gives up on a SYN after 131 s (tcp_syn_retries = 6 beyond 4 linear), 127 s before Linux 6.5', () => {
    for (const [tcp, at] of [
      [{}, 133],
      [{ tcp_syn_linear_timeouts: 0 }, 129],
    ] as const) {
      const { dp, g, events, open } = plane({ tcp });
      dp.setNodeForwarding('a', false, s(1));
      open('a', s(2));
      dp.advance(s(3600));
      expect(events.map((e) => [e.cause, e.node, e.at])).toEqual([['blackhole', null, s(at)]]);
      expect(dp.groupMetrics(g, s(3600)).tcp.gaveUp).toBe(1);
    }
  });

  it('connects at the first SYN retransmission after the path returns (1, 2, 3, 4, 5, 7, 11 s)', () => {
    const { dp, g, open } = plane();
    dp.setNodeForwarding('a', false, s(0));
    const f = open('a', 0);
    dp.setNodeForwarding('a', true, s(8));
    dp.advance((s(11) - 1) as Time);
    expect(dp.nodeMetrics('a', (s(11) - 1) as Time).conntrack).toBe(0);
    dp.advance(s(11));
    expect(dp.isLive(f)).toBe(true);
    expect(dp.groupMetrics(g, s(11)).tcp.survivedStallTimes).toEqual([11]);
  });

  it('before Linux 6.5, connects at the first SYN retransmission after the path returns (1, 3, 7, 15 s)', () => {
    const { dp, g, open } = plane({ tcp: { tcp_syn_linear_timeouts: 0 } });
    dp.setNodeForwarding('a', false, s(0));
    const f = open('a', 0);
    dp.setNodeForwarding('a', true, s(10));
    dp.advance((s(15) - 1) as Time);
    expect(dp.nodeMetrics('a', (s(15) - 1) as Time).conntrack).toBe(0);
    dp.advance(s(15));
    expect(dp.isLive(f)).toBe(true);
    expect(dp.nodeMetrics('a', s(15)).conntrack).toBe(1);
    expect(dp.groupMetrics(g, s(15)).tcp.survivedStallTimes).toEqual([15]);
  });

  it('answers the first retransmission after a crashed node returns with a RST (nodeFailure)', () => {
    const { dp, events, open } = plane();
    open('a', 0);
    dp.failNode('a', s(1));
    dp.setNodeForwarding('a', true, s(5));
    dp.advance(s(100));
    // Back at 5 s; the next retransmission is at 1 + 0.204 · 31 = 7.324 s.
    expect(events.map((e) => [e.cause, e.at])).toEqual([['nodeFailure', s(7.324)]]);
  });

  it('aborts at the application timeout when it comes before TCP gives up', () => {
    const { dp, g, events, open } = plane({ tcp: { appTimeout: s(30) as Duration } });
    open('a', 0);
    dp.setNodeForwarding('a', false, s(1));
    dp.advance(s(100));
    expect(events.map((e) => [e.cause, e.at])).toEqual([['blackhole', s(31)]]);
    expect(dp.groupMetrics(g, s(100)).tcp).toMatchObject({ appTimeouts: 1, gaveUp: 0 });
  });
});

describe('a reset client reconnects per its policy', () => {
  const crashAndReturn = (reconnect: ReconnectPolicy) => {
    const { dp, g, open } = plane({ reconnect });
    open('a', 0);
    dp.failNode('a', s(1));
    dp.setNodeForwarding('a', true, s(5));
    dp.advance(s(7.324));
    return { dp, g };
  };

  it('reconnects at once: a new connection through the current forwarding, counted as a reconnect', () => {
    const { dp, g } = crashAndReturn({ mode: 'immediate' });
    const m = dp.groupMetrics(g, s(8));
    expect(m.tcp.reconnects).toBe(1);
    expect(m.live).toBe(1);
    expect(m.opened).toBe(2);
  });

  it('reconnects after the configured delay', () => {
    const { dp, g } = crashAndReturn({ mode: 'after', delay: s(5) as Duration });
    dp.advance((s(12.324) - 1) as Time);
    expect(dp.groupMetrics(g, (s(12.324) - 1) as Time).live).toBe(0);
    dp.advance(s(12.324));
    expect(dp.groupMetrics(g, s(13)).tcp.reconnects).toBe(1);
    expect(dp.groupMetrics(g, s(13)).live).toBe(1);
  });

  it('does not reconnect under never', () => {
    const { dp, g } = crashAndReturn({ mode: 'never' });
    dp.advance(s(100));
    expect(dp.groupMetrics(g, s(100))).toMatchObject({ live: 0, opened: 1, tcp: { reconnects: 0 } });
  });

  it('gives the same outcome, to the traffic digest, for the same inputs', () => {
    const run = () => {
      const { dp, open } = plane({ reconnect: { mode: 'immediate' } });
      for (let i = 0; i < 5; i++) open(i % 2 ? 'a' : 'b', s(i));
      dp.failNode('a', s(10));
      dp.setNodeForwarding('b', false, s(12));
      dp.setNodeForwarding('a', true, s(20));
      dp.setNodeForwarding('b', true, s(40));
      dp.advance(s(2000));
      return dp.trafficDigest(s(2000));
    };
    expect(run()).toBe(run());
  });
});
