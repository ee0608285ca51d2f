/**
 * The bulk path (arrivals drawn after the fact at the next routing event, closed form for the
 * connections that end before it: DataPlane.arriveSettled) against the per-connection reference
 * (one `advance` + `arrive` at each arrival's own µs), on random workloads and random routing
 * events: the same counts, the same per-connection digest (opens, ends, µs per state and node),
 * and the same fluid totals and series up to float summation order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { s, type Time } from '../base/time.js';
import { DataPlane } from './data-plane.js';
import type { EcmpConfig } from './ecmp/config.js';
import { counterSource } from './testing/counter-source.js';
import type { Workload } from './workload.js';

const NODES = ['a', 'b', 'c', 'd'];

type RoutingEvent =
  | { readonly type: 'next-hops'; readonly group: number; readonly nodes: readonly string[] }
  | { readonly type: 'forwarding'; readonly node: string; readonly up: boolean }
  | { readonly type: 'fail'; readonly node: string };

interface Case {
  readonly scheme: EcmpConfig;
  readonly seed: number;
  readonly meanDurationS: number;
  readonly pps: number;
  readonly arrivals: readonly number[];
  readonly events: readonly { readonly at: number; readonly e: RoutingEvent }[];
  readonly end: number;
}

function apply(dp: DataPlane, e: RoutingEvent, now: Time): void {
  if (e.type === 'next-hops') dp.setNextHops(e.group, e.nodes, now);
  else if (e.type === 'forwarding') dp.setNodeForwarding(e.node, e.up, now);
  else dp.failNode(e.node, now);
}

/** Runs a case; `bulk` draws arrivals only at routing events and at the end. */
function run(c: Case, bulk: boolean) {
  const dp = new DataPlane({ initialCapacity: 64 });
  const groups = [0, 1].map((i) => {
    const g = dp.addGroup(
      { router: `r${i}`, prefix: '10.0.0.1/32', ecmp: c.scheme, hashSeed: i + 7, hashPolicy: 'l4' },
      s(0),
    );
    dp.setNextHops(g, NODES, s(0));
    return g;
  });
  const w: Workload = {
    clients: { firstIp: 0x64400000, count: 5000, portMin: 32768, portMax: 60999 },
    dstIp: 0x0a000001,
    dstPort: 443,
    arrivalsPerSecond: 1,
    durationS: { type: 'exponential', mean: c.meanDurationS },
    packetsPerSecond: { type: 'fixed', value: c.pps },
    packetBytes: { type: 'uniform', min: 64, max: 1500 },
  };
  const rng = counterSource(c.seed);
  const pick = counterSource(c.seed ^ 0x5bd1e995);
  let next = 0;
  const pump = (now: number, settledUntil: number): void => {
    while (next < c.arrivals.length && c.arrivals[next]! <= now) {
      const at = c.arrivals[next++]! as Time;
      dp.advance(at);
      const g = groups[Math.floor(pick.next() * groups.length)]!;
      if (bulk) dp.arriveSettled(g, w, rng, at, settledUntil as Time);
      else dp.arrive(g, w, rng, at);
    }
  };
  for (const { at, e } of c.events) {
    pump(at, at);
    dp.advance(at as Time);
    apply(dp, e, at as Time);
  }
  pump(c.end, c.end);
  dp.advance(c.end as Time);
  return {
    metrics: dp.metrics(c.end as Time),
    digest: dp.trafficDigest(c.end as Time),
    series: dp.groupSeries(0, c.end as Time),
  };
}

const closeTo = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

const arbEvent: fc.Arbitrary<RoutingEvent> = fc.oneof(
  fc.record({
    type: fc.constant('next-hops' as const),
    group: fc.integer({ min: 0, max: 1 }),
    nodes: fc.subarray(NODES),
  }),
  fc.record({ type: fc.constant('forwarding' as const), node: fc.constantFrom(...NODES), up: fc.boolean() }),
  fc.record({ type: fc.constant('fail' as const), node: fc.constantFrom(...NODES) }),
);

const arbCase: fc.Arbitrary<Case> = fc
  .record({
    scheme: fc.constantFrom<EcmpConfig>(
      { scheme: 'modulo' },
      { scheme: 'hash-threshold' },
      { scheme: 'maglev' },
      { scheme: 'rendezvous' },
      { scheme: 'resilient', buckets: 64 },
    ),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    meanDurationS: fc.double({ min: 0.05, max: 120, noNaN: true }),
    pps: fc.constantFrom(0, 0.5, 3, 10, 100),
    // Gaps of 0: bursts opened in the same µs (as the world's initial connections), whose
    // retransmissions, give-ups and reconnects then fall due in the same µs too.
    gaps: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000_000 })), { maxLength: 200 }),
    events: fc.array(fc.record({ at: fc.integer({ min: 0, max: 300_000_000 }), e: arbEvent }), { maxLength: 8 }),
  })
  .map(({ gaps, events, ...rest }) => {
    let t = 0;
    const arrivals = gaps.map((g) => (t += g));
    const sorted = [...events].sort((x, y) => x.at - y.at);
    return { ...rest, arrivals, events: sorted, end: Math.max(t, sorted.at(-1)?.at ?? 0) + 60_000_000 };
  });

describe('traffic in bulk between routing events', () => {
  it('gives the per-connection reference’s counts, digest, totals and series on random workloads', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const ref = run(c, false);
        const bulk = run(c, true);
        expect(bulk.digest).toBe(ref.digest);
        for (let i = 0; i < ref.metrics.groups.length; i++) {
          const r = ref.metrics.groups[i]!;
          const b = bulk.metrics.groups[i]!;
          expect([b.opened, b.closed, b.live, b.resets]).toEqual([r.opened, r.closed, r.live, r.resets]);
          for (const k of ['delivered', 'blackholed', 'noRoute'] as const) {
            expect(closeTo(b[k].packets, r[k].packets)).toBe(true);
            expect(closeTo(b[k].bytes, r[k].bytes)).toBe(true);
            expect(closeTo(b[k].connectionSeconds, r[k].connectionSeconds)).toBe(true);
          }
        }
        for (let i = 0; i < ref.metrics.nodes.length; i++) {
          const r = ref.metrics.nodes[i]!;
          const b = bulk.metrics.nodes[i]!;
          expect(closeTo(b.packets, r.packets) && closeTo(b.conntrackSeconds, r.conntrackSeconds)).toBe(true);
        }
        expect(bulk.series.bins).toBe(ref.series.bins);
        const rs = ref.series.channels.deliveredPackets;
        const bs = bulk.series.channels.deliveredPackets;
        for (let k = 0; k < rs.length; k++) expect(Math.abs(bs[k]! - rs[k]!)).toBeLessThan(1e-6);
      }),
      { numRuns: 60 },
    );
  });

  it('gives the reference’s digest when connections met in one µs are reset and reconnect in one µs', () => {
    // Bursts opened in the same µs, many ending before the first routing event (so the reference's
    // region and lane lists, and their growth, differ from those the bulk path's latent records
    // are materialised into), at 1,000 packets/s: the moved connections' next packets, and node
    // a's retransmissions after its crash, fall in the same µs, and their reconnects open in the
    // same µs. Their open ordinals (packet phases) follow the canonical order (DataPlane.keyOf).
    for (const scheme of [{ scheme: 'modulo' }, { scheme: 'maglev' }] as const) {
      const c: Case = {
        scheme,
        seed: 42,
        meanDurationS: 2,
        pps: 1000,
        arrivals: Array.from({ length: 3000 }, (_, i) => 1_000_000 + Math.floor(i / 10) * 10_000),
        events: [
          { at: 5_000_000, e: { type: 'next-hops', group: 0, nodes: ['a', 'b', 'c'] } },
          { at: 6_000_000, e: { type: 'fail', node: 'a' } },
          { at: 7_000_000, e: { type: 'forwarding', node: 'a', up: true } },
        ],
        end: 20_000_000,
      };
      const ref = run(c, false);
      const bulk = run(c, true);
      expect(ref.metrics.groups[0]!.resets.rehash).toBeGreaterThan(10);
      expect(bulk.digest).toBe(ref.digest);
      expect(bulk.metrics.groups.map((g) => g.resets)).toEqual(ref.metrics.groups.map((g) => g.resets));
    }
  });

  it('keeps no table slot for a connection that opens and ends between two routing events', () => {
    const dp = new DataPlane();
    const g = dp.addGroup(
      { router: 'r', prefix: 'p', ecmp: { scheme: 'maglev' }, hashSeed: 1, hashPolicy: 'l4' },
      s(0),
    );
    dp.setNextHops(g, NODES, s(0));
    const w: Workload = {
      clients: { firstIp: 1, count: 10, portMin: 1000, portMax: 2000 },
      dstIp: 2,
      dstPort: 443,
      arrivalsPerSecond: 1,
      durationS: { type: 'fixed', value: 1 },
      packetsPerSecond: { type: 'fixed', value: 10 },
      packetBytes: { type: 'fixed', value: 100 },
    };
    dp.arriveSettled(g, w, counterSource(1), s(1), s(5));
    dp.arriveSettled(g, w, counterSource(2), s(4.5), s(5));
    expect(dp.liveConnections).toBe(1);
    const m = dp.groupMetrics(g, s(5));
    expect([m.opened, m.closed]).toEqual([2, 1]);
    expect(m.delivered.packets).toBeCloseTo(15, 9);
  });
});
