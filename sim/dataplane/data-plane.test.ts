import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowId } from '../base/ids.js';
import { ms, s, type Time } from '../base/time.js';
import { DataPlane, type ResetEvent } from './data-plane.js';
import type { EcmpConfig } from './ecmp/config.js';
import { ECMP_SCHEMES } from './ecmp/group.js';
import { type FlowKey, PROTO_TCP } from './flow-key.js';
import { fmix32 } from './hash.js';
import { TEXTBOOK_TCP } from './tcp/linux-tcp.js';
import type { Workload } from './workload.js';

const SERVICE = 0xc0a80a01;
const key = (i: number): FlowKey => ({
  protocol: PROTO_TCP,
  src: 0x0a000000 + (i % 10_000),
  dst: SERVICE,
  srcPort: 32768 + (fmix32(i) % 28232),
  dstPort: 443,
});

function plane(ecmp: EcmpConfig = { scheme: 'modulo' }, nodes = ['a', 'b', 'c'], opts = {}) {
  return planeOf(ecmp, nodes, opts);
}

function planeOf(ecmp: EcmpConfig, nodes: string[], opts: { tcp?: object }) {
  const events: ResetEvent[] = [];
  const dp = new DataPlane({
    onReset: (e) => events.push(e),
    reconnect: { mode: 'never' },
    ...opts,
    tcp: { ...TEXTBOOK_TCP, ...opts.tcp },
  });
  const g = dp.addGroup({ router: 'r1', prefix: '192.168.10.1/32', ecmp, hashSeed: 42, hashPolicy: 'l4' }, s(0));
  dp.setNextHops(g, nodes, s(0));
  return { dp, g, events };
}

/** The µs of a live flow's first packet strictly after `t`, walking its packet clock from k = 0. */
function firstPacketAfter(dp: DataPlane, f: FlowId, t: number): number {
  const clock = dp.packetClockOf(f)!;
  for (let k = 0; ; k++) {
    const p = ((k + clock.phase) * 1e6) / clock.packetsPerSecond;
    if (p > t) return Math.ceil(p);
  }
}

/** Opens a connection that hashes to `node`, searching keys deterministically. */
function openOn(dp: DataPlane, g: number, node: string, now: Time, pps = 100, duration = s(3600)): FlowId {
  for (let i = 0; i < 100_000; i++) {
    const f = dp.openConnection(g, key(i), duration, pps, 1000, now);
    if (dp.nextHopOf(f) === node) return f;
    dp.closeConnection(f, now);
  }
  throw new Error(`no key hashes to ${node}`);
}

describe('DataPlane loss accounting', () => {
  it('loses exactly rate × the stall (first loss to the retransmission that gets through), to the packet and byte', () => {
    const { dp, g } = plane();
    const f = openOn(dp, g, 'b', s(0), 100);
    dp.setNodeForwarding('b', false, s(10));
    dp.advance(s(25));
    dp.setNodeForwarding('b', true, s(25));
    dp.advance(s(60));
    const m = dp.groupMetrics(g, s(60));
    expect(dp.isLive(f)).toBe(true);
    // Down 10–25 s; retransmissions at 10 + 0.2, 0.6, …, 12.6, 25.4 s: it resumes at 35.4 s.
    expect(m.blackholed.packets).toBe(2540);
    expect(m.blackholed.bytes).toBe(2_540_000);
    expect(m.delivered.packets).toBe(100 * 34.6);
    expect(m.blackholed.connectionSeconds).toBeCloseTo(25.4, 9);
    expect(m.blackholeSeconds).toBe(15);
    expect(m.tcp.blackholedSeconds).toBe(15);
    expect(dp.nodeMetrics('b', s(60)).packets).toBe(3460);
  });

  it('a failed link black-holes only the router whose link failed, exactly rate × time', () => {
    const { dp, g } = plane();
    const g2 = dp.addGroup(
      { router: 'r2', prefix: '192.168.10.1/32', ecmp: { scheme: 'modulo' }, hashSeed: 42, hashPolicy: 'l4' },
      s(0),
    );
    dp.setNextHops(g2, ['a', 'b', 'c'], s(0));
    const f1 = openOn(dp, g, 'b', s(0), 100);
    const f2 = openOn(dp, g2, 'b', s(0), 100);
    dp.setPathUp(g, 'b', false, s(10));
    // A node failure while the link is down does not count the member down twice.
    dp.setNodeForwarding('b', false, s(12));
    dp.setNodeForwarding('b', true, s(14));
    dp.advance(s(20));
    dp.setPathUp(g, 'b', true, s(20));
    dp.advance(s(60));
    const m1 = dp.groupMetrics(g, s(60));
    const m2 = dp.groupMetrics(g2, s(60));
    expect(dp.isLive(f1) && dp.isLive(f2)).toBe(true);
    // Stalled from 10 s; back at 20 s; the retransmission at 10 + 12.6 s gets through.
    expect(m1.blackholed.packets).toBeCloseTo(100 * 12.6, 9);
    expect(m1.blackholeSeconds).toBe(10);
    // r2 reached b all along except while b itself was down (12–14 s): resumed at 12 + 3.0 s.
    expect(m2.blackholed.packets).toBeCloseTo(100 * 3, 9);
    expect(m2.blackholeSeconds).toBe(2);
  });

  it('integrates fractional rates into chart bins exactly, not by sampling', () => {
    const { dp, g } = plane({ scheme: 'modulo' }, ['a']);
    dp.openConnection(g, key(1), s(2), 10, 100, ms(500));
    dp.advance(s(5));
    const series = dp.groupSeries(g, s(5));
    expect(Array.from(series.channels.deliveredPackets)).toEqual([5, 10, 5, 0, 0]);
    expect(Array.from(series.channels.deliveredBytes)).toEqual([500, 1000, 500, 0, 0]);
    expect(Array.from(series.channels.opened)).toEqual([1, 0, 0, 0, 0]);
    expect(Array.from(series.channels.closed)).toEqual([0, 0, 1, 0, 0]);
  });

  it('counts no-route seconds and drops while the router has no next hop, up to the SYN retransmission that finds the route', () => {
    const { dp, g } = plane({ scheme: 'modulo' }, []);
    dp.openConnection(g, key(1), s(100), 50, 100, s(0));
    dp.advance(s(10));
    // SYNs at 0, 1, 3, 7, 15 s: the route is back at 10 s, the connection at 15 s.
    const back = s(15);
    dp.setNextHops(g, ['a'], s(10));
    dp.advance(s(20));
    const m = dp.groupMetrics(g, s(20));
    expect(m.noRoute.packets).toBeCloseTo((50 * back) / 1e6, 9);
    expect(m.noRouteSeconds).toBe(10);
    expect(m.delivered.packets).toBeCloseTo((50 * (s(20) - back)) / 1e6, 9);
    expect(m.resets.noRoute).toBe(0);
  });

  it('conserves packets: delivered + black-holed + no-route = offered, under random faults', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ECMP_SCHEMES),
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4000 })),
          { maxLength: 40 },
        ),
        (scheme, ops) => {
          const cfg: EcmpConfig =
            scheme === 'resilient'
              ? { scheme, buckets: 64, idleTimerMs: 5000 }
              : scheme === 'maglev' || scheme === 'rendezvous'
                ? { scheme, tableSize: 251 }
                : { scheme };
          const names = ['a', 'b', 'c', 'd'];
          const ended = new Map<FlowId, number>();
          const { dp, g, events } = plane(cfg, names, { onClose: (f: FlowId, at: Time) => ended.set(f, at) });
          const born = new Map<FlowId, [number, number]>();
          let now = 0;
          let i = 0;
          for (const [op, n, dtMs] of ops) {
            now += dtMs * 1000;
            dp.advance(now as Time);
            if (op <= 1) {
              // Rates on the 1/1024 grid the data plane keeps, so the offered load is exact.
              const pps = 1 + (i % 7) * 0.375;
              const f = dp.openConnection(g, key(i++), ms(500 + dtMs * 20), pps, 100, now as Time);
              born.set(f, [now, pps]);
            } else if (op === 2) dp.setNodeForwarding(names[n]!, false, now as Time);
            else if (op === 3) dp.setNodeForwarding(names[n]!, true, now as Time);
            else if (op === 4)
              dp.setNextHops(
                g,
                names.filter((_, k) => k !== n),
                now as Time,
              );
            else if (n === 0) dp.failNode(names[n]!, now as Time);
            else dp.setNextHops(g, names.slice(0, n + 1), now as Time);
          }
          // Bring everything back and run to completion: every connection ends or fails.
          for (const x of names) dp.setNodeForwarding(x, true, now as Time);
          dp.setNextHops(g, names, now as Time);
          while (dp.liveConnections > 0) {
            now = dp.nextEventTime();
            dp.advance(now as Time);
          }
          const m = dp.groupMetrics(g, now as Time);
          for (const e of events) ended.set(e.flow, e.at);
          let offered = 0;
          for (const [f, [t0, pps]] of born) offered += (pps * ((ended.get(f) ?? Number.NaN) - t0)) / 1e6;
          const carried = m.delivered.packets + m.blackholed.packets + m.noRoute.packets;
          expect(carried).toBeCloseTo(offered, 6);
          const resets = m.resets.rehash + m.resets.blackhole + m.resets.nodeFailure + m.resets.noRoute;
          expect(resets + m.closed).toBe(m.opened);
          expect(ended.size).toBe(m.opened);
          const nodePackets = names.reduce((a, x) => a + dp.nodeMetrics(x, now as Time).packets, 0);
          expect(nodePackets).toBeCloseTo(m.delivered.packets, 6);
          const series = dp.groupSeries(g, now as Time);
          const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
          expect(sum(series.channels.deliveredPackets)).toBeCloseTo(m.delivered.packets, 6);
          expect(sum(series.channels.blackholedPackets)).toBeCloseTo(m.blackholed.packets, 6);
          for (const x of names) expect(dp.nodeMetrics(x, now as Time).conntrack).toBe(0);
        },
      ),
      { numRuns: 80, seed: 7 },
    );
  });
});

describe('DataPlane resets by cause', () => {
  // These tests are about causes: an application timeout of 30 s keeps their give-ups short.
  const plane = (ecmp: EcmpConfig = { scheme: 'modulo' }, nodes = ['a', 'b', 'c'], opts = {}) =>
    planeOf(ecmp, nodes, { tcp: { appTimeout: s(30) }, ...opts });

  it('fails a connection black-holed for its application timeout with cause blackhole', () => {
    const { dp, g, events } = plane();
    const f = openOn(dp, g, 'b', s(0));
    dp.setNodeForwarding('b', false, s(10));
    // The first retransmission (RTO 200 ms) comes first; the application gives up at 40 s.
    expect(dp.nextEventTime()).toBe(s(10.2));
    dp.advance(s(39));
    expect(dp.isLive(f)).toBe(true);
    const r = dp.advance(s(40));
    expect(r.blackhole).toBe(1);
    expect(dp.isLive(f)).toBe(false);
    expect(events.map((e) => [e.cause, e.node, e.at])).toEqual([['blackhole', 'b', s(40)]]);
    expect(dp.groupMetrics(g, s(50)).blackholed.packets).toBe(3000);
  });

  it('honours a configured application timeout', () => {
    const { dp, g } = plane({ scheme: 'modulo' }, ['a', 'b', 'c'], { tcp: { appTimeout: s(5) } });
    openOn(dp, g, 'a', s(0));
    dp.setNodeForwarding('a', false, s(1));
    dp.advance((s(6) - 1) as Time);
    expect(dp.liveConnections).toBe(1);
    expect(dp.advance(s(6)).blackhole).toBe(1);
  });

  it('fails connections of a crashed node behind a stale route with cause nodeFailure', () => {
    const { dp, g } = plane({ scheme: 'resilient', buckets: 128 });
    const f = openOn(dp, g, 'a', s(0));
    const other = openOn(dp, g, 'b', s(0));
    dp.failNode('a', s(10));
    expect(dp.nodeMetrics('a', s(10)).conntrack).toBe(0);
    const r = dp.advance(s(40));
    expect(r).toEqual({ rehash: 0, blackhole: 0, nodeFailure: 1, noRoute: 0 });
    expect(dp.isLive(f)).toBe(false);
    expect(dp.isLive(other)).toBe(true);
  });

  it('resets with nodeFailure when a crashed node is withdrawn and its flows reach a live node', () => {
    const { dp, g, events } = plane({ scheme: 'resilient', buckets: 128 });
    const f = openOn(dp, g, 'a', s(0));
    const other = openOn(dp, g, 'b', s(0));
    dp.failNode('a', s(10));
    // Stalled since 10 s: its next packet is the retransmission at 10 + 3.0 s.
    const at = s(13);
    const r = dp.setNextHops(g, ['b', 'c'], s(12));
    expect(r.resets).toEqual({ rehash: 0, blackhole: 0, nodeFailure: 0, noRoute: 0 });
    // That retransmission reaches a live node without its entry: RST.
    expect(dp.advance(s(13))).toEqual({ rehash: 0, blackhole: 0, nodeFailure: 1, noRoute: 0 });
    expect(events[0]!.at).toBe(at);
    expect(dp.isLive(f)).toBe(false);
    expect(dp.isLive(other)).toBe(true);
  });

  it('resets connections with nodeFailure when their node returns with empty conntrack', () => {
    const { dp, g } = plane();
    const f = openOn(dp, g, 'c', s(0));
    dp.failNode('c', s(10));
    expect(dp.setNodeForwarding('c', true, s(20)).nodeFailure).toBe(0);
    // The retransmission at 10 + 12.6 s reaches it: RST.
    expect(dp.advance(s(22.6)).nodeFailure).toBe(1);
    expect(dp.isLive(f)).toBe(false);
    // New connections are accepted by the rebooted node.
    const n = openOn(dp, g, 'c', s(23));
    expect(dp.isLive(n)).toBe(true);
    expect(dp.nodeMetrics('c', s(23)).conntrack).toBe(1);
  });

  it('resumes a connection whose node only lost forwarding briefly, conntrack intact', () => {
    const { dp, g } = plane();
    const f = openOn(dp, g, 'c', s(0));
    dp.setNodeForwarding('c', false, s(10));
    const r = dp.setNodeForwarding('c', true, s(20));
    expect(r).toEqual({ rehash: 0, blackhole: 0, nodeFailure: 0, noRoute: 0 });
    expect(dp.isLive(f)).toBe(true);
    // It resumes at its retransmission at 10 + 12.6 s; then only its end is due.
    expect(dp.nextEventTime()).toBe(s(22.6));
    dp.advance(s(22.6));
    expect(dp.nextEventTime()).toBe(s(3600));
  });

  it('resets with rehash every connection that modulo moves when a live node is withdrawn, each at its next packet', () => {
    const { dp, g, events } = plane({ scheme: 'modulo' }, ['a', 'b', 'c', 'd']);
    const flows: FlowId[] = [];
    for (let i = 0; i < 4000; i++) flows.push(dp.openConnection(g, key(i), s(3600), 1, 100, s(0)));
    const before = flows.map((f) => dp.nextHopOf(f));
    const nextPacket = new Map(flows.map((f) => [f, firstPacketAfter(dp, f, s(5))]));
    const r = dp.setNextHops(g, ['a', 'b', 'c'], s(5));
    // Nothing is reset at the change itself: at 1 packet/s every moved flow decides within 1 s.
    expect(r.resets.rehash).toBe(0);
    expect(flows.every((f) => dp.isLive(f))).toBe(true);
    const later = dp.advance(s(6));
    const survived = flows.filter((f) => dp.isLive(f));
    expect(later.rehash).toBe(r.moved);
    expect(later.rehash + survived.length).toBe(4000);
    for (const e of events) expect(e.at).toBe(nextPacket.get(e.flow));
    // A flow survives iff it stayed on its node: h mod 4 and h mod 3 pick the same name.
    for (const f of survived) expect(dp.nextHopOf(f)).toBe(before[flows.indexOf(f)]);
    expect(r.moved / 4000).toBeCloseTo(3 / 4, 1);
  });

  it('re-checks under hash-threshold only the flows in the 65,536ths of the hash space that moved', () => {
    const { dp, g } = plane({ scheme: 'hash-threshold' }, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    for (let i = 0; i < 20_000; i++) dp.openConnection(g, key(i), s(3600), 1, 100, s(0));
    // Removing the 4th of 8 moves D(4) = 1/8 + (6 + 12)/112 ≈ 0.286 of the hash space.
    const r = dp.setNextHops(g, ['a', 'b', 'c', 'e', 'f', 'g', 'h'], s(1));
    expect(dp.advance(s(2)).rehash).toBe(r.moved);
    expect(r.visited).toBeGreaterThanOrEqual(r.moved);
    // At most one partially moved region per boundary (each holds ~20,000 / 65,536 flows).
    expect(r.visited - r.moved).toBeLessThan(20);
    expect(r.visited).toBeLessThan(20_000 * 0.35);
  });

  it('resets only the withdrawn node flows under resilient, maglev and rendezvous', () => {
    for (const ecmp of [
      { scheme: 'resilient', buckets: 1024 },
      { scheme: 'rendezvous' },
      { scheme: 'maglev', tableSize: 65537 },
    ] as EcmpConfig[]) {
      const { dp, g } = plane(ecmp, ['a', 'b', 'c', 'd']);
      const flows: FlowId[] = [];
      for (let i = 0; i < 4000; i++) flows.push(dp.openConnection(g, key(i), s(3600), 1, 100, s(0)));
      const onD = flows.filter((f) => dp.nextHopOf(f) === 'd').length;
      const r = dp.setNextHops(g, ['a', 'b', 'c'], s(5));
      const rehash = dp.advance(s(6)).rehash;
      if (ecmp.scheme === 'maglev') expect(rehash - onD).toBeLessThan(4000 * 0.03);
      else expect(rehash).toBe(onD);
      expect(rehash).toBe(r.moved);
      // Table schemes find the moved flows without looking at any other flow.
      expect(r.visited).toBe(r.moved);
    }
  });

  it('re-adding a node under resilient moves no busy flow; emptied buckets return after idle_timer', () => {
    const { dp, g } = plane({ scheme: 'resilient', buckets: 64 }, ['a', 'b']);
    const flows: FlowId[] = [];
    for (let i = 0; i < 2000; i++) flows.push(dp.openConnection(g, key(i), s(30), 1, 100, s(0)));
    // Withdrawing b resets b's flows (b is alive: rehash) and leaves its former buckets empty from 1 s.
    const removal = dp.setNextHops(g, ['a'], s(1));
    const readd = dp.setNextHops(g, ['a', 'b'], s(2));
    // The re-add came after every moved flow's next packet (1 packet/s): each was reset by then.
    expect(readd.resets.rehash).toBe(removal.moved);
    const live = flows.filter((f) => dp.isLive(f));
    expect(readd.moved).toBe(0);
    expect(readd.change.movedFraction).toBe(0);
    expect(dp.nextEventTime()).toBe(s(30));
    dp.advance(s(29));
    for (const f of live) expect(dp.nextHopOf(f)).toBe('a');
    // Flows end at 30 s; b's former buckets, emptied as their flows' next packets were reset
    // (within 1 s of the removal at 1 s), turn idle 120 s later and go back to b.
    dp.advance(s(30));
    expect(dp.nextEventTime()).toBeGreaterThan(s(121));
    expect(dp.nextEventTime()).toBeLessThanOrEqual(s(122));
    dp.advance(s(122));
    expect(dp.ecmpOf(g).nextUpkeep()).toBe(Number.MAX_SAFE_INTEGER);
    expect(dp.nextEventTime()).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('fails a new connection hashed to a dead node behind a stale route with cause blackhole', () => {
    const { dp, g, events } = plane();
    dp.setNodeForwarding('b', false, s(0));
    const f = openOn(dp, g, 'b', s(1));
    dp.advance(s(31));
    expect(dp.isLive(f)).toBe(false);
    expect(events.map((e) => [e.cause, e.node])).toEqual([['blackhole', null]]);
  });

  it('accepts a stalled new connection where its route lands, at its first SYN retransmission after the stale route goes', () => {
    const { dp, g } = plane({ scheme: 'resilient', buckets: 16 });
    dp.setNodeForwarding('b', false, s(0));
    const f = openOn(dp, g, 'b', s(1));
    // SYNs at 1, 2, 4, 8 s: the route changes at 5 s, the SYN at 8 s is accepted.
    const accepted = s(8);
    dp.setNextHops(g, ['a', 'c'], s(5));
    dp.advance(s(10));
    expect(dp.isLive(f)).toBe(true);
    expect(['a', 'c']).toContain(dp.nextHopOf(f));
    expect(dp.groupMetrics(g, s(10)).blackholed.packets).toBeCloseTo((100 * (accepted - s(1))) / 1e6, 9);
  });

  it('fails connections at the application timeout with cause noRoute when the route is withdrawn', () => {
    const { dp, g } = plane();
    const f = openOn(dp, g, 'a', s(0));
    const stalled = firstPacketAfter(dp, f, s(10));
    dp.setNextHops(g, [], s(10));
    // The stall, and with it the application timeout, starts at the first packet that finds no route.
    expect(dp.nextEventTime()).toBe(stalled);
    expect(dp.advance((stalled + s(30) - 1) as Time).noRoute).toBe(0);
    expect(dp.advance((stalled + s(30)) as Time).noRoute).toBe(1);
    expect(dp.isLive(f)).toBe(false);
    const m = dp.groupMetrics(g, s(50));
    expect(m.noRoute.packets).toBeCloseTo(3000, 9);
    expect(m.noRouteSeconds).toBe(40);
  });

  it('defers a planned end that falls in a stall until delivery resumes', () => {
    const { dp, g } = plane();
    const f = openOn(dp, g, 'a', s(0), 10, s(15));
    const closedBefore = dp.groupMetrics(g, s(0)).closed;
    dp.setNodeForwarding('a', false, s(10));
    dp.advance(s(20));
    expect(dp.isLive(f)).toBe(true);
    dp.setNodeForwarding('a', true, s(22));
    // It closes when the retransmission at 10 + 12.6 s gets through.
    dp.advance(s(22.6));
    expect(dp.isLive(f)).toBe(false);
    const m = dp.groupMetrics(g, s(30));
    expect(m.closed - closedBefore).toBe(1);
    expect(m.blackholed.packets).toBeCloseTo(126, 9);
  });

  it('keeps per-node load: conntrack entries and packets', () => {
    const { dp, g } = plane({ scheme: 'maglev' }, ['a', 'b', 'c', 'd']);
    for (let i = 0; i < 8000; i++) dp.openConnection(g, key(i), s(100), 2, 100, s(0));
    const load = ['a', 'b', 'c', 'd'].map((n) => dp.nodeMetrics(n, s(10)));
    expect(load.reduce((a, l) => a + l.conntrack, 0)).toBe(8000);
    for (const l of load) {
      expect(l.conntrack / 8000).toBeGreaterThan(0.22);
      expect(l.packets).toBe(l.conntrack * 20);
    }
  });

  it('makes the client population an entropy knob: 3-tuple hashing of 3 clients cannot use 8 nodes', () => {
    const workload: Workload = {
      clients: { firstIp: 0x0a000000, count: 3, portMin: 32768, portMax: 60999 },
      dstIp: SERVICE,
      dstPort: 443,
      arrivalsPerSecond: 100,
      durationS: { type: 'fixed', value: 1000 },
      packetsPerSecond: { type: 'fixed', value: 1 },
      packetBytes: { type: 'fixed', value: 100 },
    };
    const nodes = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const used = (policy: 'l3' | 'l4'): number => {
      const dp = new DataPlane({ reconnect: { mode: 'never' }, tcp: TEXTBOOK_TCP });
      const g = dp.addGroup(
        { router: 'r', prefix: 'p', ecmp: { scheme: 'maglev' }, hashSeed: 5, hashPolicy: policy },
        s(0),
      );
      dp.setNextHops(g, nodes, s(0));
      let i = 0;
      const rng = { next: () => fmix32(++i) / 4294967296 };
      for (let k = 0; k < 800; k++) dp.arrive(g, workload, rng, s(0));
      return nodes.filter((n) => dp.nodeMetrics(n, s(0)).conntrack > 0).length;
    };
    expect(used('l3')).toBeLessThanOrEqual(3);
    expect(used('l4')).toBe(8);
  });

  it('reports memory per live connection under 150 bytes', () => {
    const { dp, g } = plane({ scheme: 'modulo' }, ['a'], { initialCapacity: 10_000 });
    for (let i = 0; i < 10_000; i++) dp.openHashed(g, fmix32(i), s(100 + i), 1, 100, s(0));
    expect(dp.memory().bytesPerLiveConnection).toBeLessThan(150);
  });

  it('rejects time going backwards', () => {
    const { dp } = plane();
    dp.advance(s(10));
    expect(() => dp.advance(s(9))).toThrow(/backwards/);
  });
});
