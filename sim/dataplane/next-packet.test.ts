import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowId } from '../base/ids.js';
import { type Duration, ms, s, type Time } from '../base/time.js';
import { DataPlane, type ResetEvent } from './data-plane.js';
import { createEcmpGroup, type EcmpConfig } from './ecmp/config.js';
import { fmix32 } from './hash.js';
import { packetPhase } from './packet-clock.js';
import { TEXTBOOK_TCP } from './tcp/linux-tcp.js';

const NODES = ['a', 'b', 'c', 'd'];
const hashOf = (i: number) => fmix32(i + 1);

interface Run {
  readonly dp: DataPlane;
  readonly g: number;
  readonly flows: FlowId[];
  readonly resets: ResetEvent[];
  readonly closes: Map<FlowId, number>;
}

/** `count` connections opened at 0 through all four nodes, with hashes hashOf(0..count-1). */
function start(
  ecmp: EcmpConfig,
  count: number,
  pps: (i: number) => number,
  duration: (i: number) => number = () => s(3600),
  opts: { appTimeout?: number; initialCapacity?: number } = {},
): Run {
  const resets: ResetEvent[] = [];
  const closes = new Map<FlowId, number>();
  const dp = new DataPlane({
    onReset: (e) => resets.push(e),
    onClose: (f, at) => closes.set(f, at),
    tcp: opts.appTimeout === undefined ? TEXTBOOK_TCP : { ...TEXTBOOK_TCP, appTimeout: opts.appTimeout as Duration },
    reconnect: { mode: 'never' },
    initialCapacity: opts.initialCapacity,
  });
  const g = dp.addGroup({ router: 'r1', prefix: 'p', ecmp, hashSeed: 7, hashPolicy: 'l4' }, s(0));
  dp.setNextHops(g, NODES, s(0));
  const flows: FlowId[] = [];
  for (let i = 0; i < count; i++) flows.push(dp.openHashed(g, hashOf(i), duration(i) as Time, pps(i), 100, s(0)));
  return { dp, g, flows, resets, closes };
}

/** A flow's packet times (µs, rounded up as the plane decides them), from its clock, walked from k = 0. */
function* packets(dp: DataPlane, f: FlowId): Generator<number> {
  const c = dp.packetClockOf(f)!;
  for (let k = 0; ; k++) yield Math.ceil(((k + c.phase) * 1e6) / c.packetsPerSecond);
}

function firstPacketAfter(dp: DataPlane, f: FlowId, t: number): number {
  for (const p of packets(dp, f)) if (p > t) return p;
  return Number.NaN;
}

describe('a moved connection is affected only if one of its packets crosses the transient state', () => {
  it('a change undone in the same microsecond resets nothing and loses nothing', () => {
    const run = start({ scheme: 'hash-threshold' }, 3000, () => 10);
    const { dp, g } = run;
    const away = dp.setNextHops(g, ['a', 'c', 'd'], s(5));
    dp.setNextHops(g, NODES, s(5));
    dp.advance(s(20));
    const m = dp.groupMetrics(g, s(20));
    expect(away.moved).toBeGreaterThan(500);
    expect(run.resets).toEqual([]);
    expect(m.delivered.packets).toBeCloseTo(3000 * 10 * 20, 6);
    expect(m.blackholed.packets + m.noRoute.packets).toBe(0);
    expect(dp.nextEventTime()).toBe(s(3600));
  });

  it('a no-route transient shorter than any packet gap (1 µs) touches only the flows with a packet in it', () => {
    const run = start({ scheme: 'modulo' }, 3000, () => 10);
    const { dp, g, flows } = run;
    const t = s(5) + 123;
    const caught = flows.filter((f) => firstPacketAfter(dp, f, t) <= t + 1);
    dp.setNextHops(g, [], t as Time);
    dp.setNextHops(g, NODES, (t + 1) as Time);
    dp.advance(s(20));
    const m = dp.groupMetrics(g, s(20));
    expect(run.resets).toEqual([]);
    // 3000 flows at 10 packets/s: 0.03 of them expected in 1 µs; this draw has none.
    expect(caught).toEqual([]);
    expect(m.noRoute.packets).toBe(0);
    expect(m.delivered.packets).toBeCloseTo(3000 * 10 * 20, 6);
  });

  it('a transient lasting T resets exactly the moved flows whose next packet falls within it (about r·T of them)', () => {
    const run = start({ scheme: 'hash-threshold' }, 6000, () => 10);
    const { dp, g, flows } = run;
    const t = s(5);
    const T = ms(30);
    const on = new Map(flows.map((f) => [f, dp.nextHopOf(f)]));
    const away = dp.setNextHops(g, ['a', 'c', 'd'], t);
    // Hash-threshold moves b's flows and some of its neighbours' (RFC 2992).
    const moved = flows.filter((f) => dp.nextHopOf(f) !== on.get(f));
    expect(away.moved).toBe(moved.length);
    expect(moved.length).toBeGreaterThan(1500);
    // Independently from the phases: the first packet after the removal, decided before the re-add
    // in the same µs, is the one that meets the moved state.
    const expected = moved.filter((f) => firstPacketAfter(dp, f, t) <= t + T);
    dp.setNextHops(g, NODES, (t + T) as Time);
    dp.advance(s(20));
    expect(run.resets.map((e) => e.flow).sort()).toEqual(expected.sort());
    expect(run.resets.every((e) => e.cause === 'rehash')).toBe(true);
    expect(expected.length / moved.length).toBeCloseTo(10 * 0.03, 1);
  });

  it('a no-route transient lasting T stalls exactly the flows with a packet in it, from that packet to its first retransmission', () => {
    const run = start({ scheme: 'modulo' }, 2000, (i) => 4 + (i % 5));
    const { dp, g, flows } = run;
    const t = s(5);
    const T = ms(150);
    // A flow whose packet meets the empty group at p ∈ (t, t + T] stalls; Linux retransmits at
    // p + TCP_RTO_MIN = p + 200 ms > t + T, so every caught flow resumes then: its offered rate
    // counts as lost for exactly 0.2 s, pps × 0.2 packets, however early in T its packet fell.
    const caught = flows.filter((f) => firstPacketAfter(dp, f, t) <= t + T);
    const lost = caught.reduce((sum, f) => sum + dp.packetClockOf(f)!.packetsPerSecond * 0.2, 0);
    dp.setNextHops(g, [], t);
    dp.setNextHops(g, NODES, (t + T) as Time);
    dp.advance(s(20));
    const m = dp.groupMetrics(g, s(20));
    expect(run.resets).toEqual([]);
    expect(caught.length).toBeGreaterThan(0);
    expect(m.noRoute.packets).toBeCloseTo(lost, 6);
    expect(m.tcp.stalled).toBe(caught.length);
    expect(m.tcp.survived).toBe(caught.length);
    expect(m.tcp.survivedStallTimes.every((x) => x === 0.2)).toBe(true);
  });

  it('a permanent move resets every moved connection at its next packet, not at the change', () => {
    const run = start({ scheme: 'maglev', tableSize: 251 }, 2000, (i) => 1 + (i % 3));
    const { dp, g, flows } = run;
    const on = new Map(flows.map((f) => [f, dp.nextHopOf(f)]));
    const at = new Map(flows.map((f) => [f, firstPacketAfter(dp, f, s(5))]));
    const r = dp.setNextHops(g, ['a', 'b', 'c'], s(5));
    const onD = flows.filter((f) => dp.nextHopOf(f) !== on.get(f));
    expect(r.moved).toBe(onD.length);
    expect(onD.length).toBeGreaterThan(400);
    expect(r.resets.rehash).toBe(0);
    expect(flows.every((f) => dp.isLive(f))).toBe(true);
    expect(dp.nextEventTime()).toBe(Math.min(...onD.map((f) => at.get(f)!)));
    dp.advance(s(7));
    expect(run.resets).toHaveLength(onD.length);
    for (const e of run.resets) expect(e.at).toBe(at.get(e.flow));
  });
});

// ── the brute-force reference ─────────────────────────────────────────────────────────────────

interface Outcome {
  readonly kind: 'reset' | 'close';
  readonly at: number;
  readonly cause?: string;
}

/**
 * A stalled established connection's retransmissions, µs after the stall's first lost packet,
 * written out by hand from Linux tcp_retransmit_timer: the RTO starts at TCP_RTO_MIN = 200 ms and
 * doubles at each expiry (0.2, 0.2 + 0.4, + 0.8, + 1.6, + 3.2 s). The application timeout (UTO =
 * 2 s) comes before the 4th, so only the first three can be sent.
 */
const RETRANSMISSIONS = [200_000, 600_000, 1_400_000, 3_000_000, 6_200_000];

/**
 * One connection walked packet by packet through the piecewise-constant next-hop history: each
 * packet meets the next hop set by the last change strictly before it. All nodes are up, so the
 * states are its own node (deliver), another node (RST), or none (stall). A stalled connection
 * sends no packet of its clock, only its retransmissions (RETRANSMISSIONS after the packet that
 * stalled it), each of which meets the state then: its own node resumes it (its clock packets
 * after that count again), another node resets it, none keeps it stalled; its offered rate counts
 * as lost from the stalling packet to that retransmission. The end and the application timeout
 * act at their own times, after a packet in the same µs; an end inside a stall waits for the
 * retransmission that resumes it (before a retransmission in the same µs).
 */
function reference(
  packetTimes: Iterable<number>,
  hopAt: (t: number) => string | null,
  own: string,
  end: number,
  uto: number,
  pps: number,
): { outcome: Outcome; lost: number } {
  let lost = 0;
  let resumedAt = -1;
  for (const p of packetTimes) {
    if (p <= resumedAt) continue;
    if (end < p) return { outcome: { kind: 'close', at: end }, lost };
    const hop = hopAt(p);
    if (hop === own) continue;
    if (hop !== null) return { outcome: { kind: 'reset', at: p, cause: 'rehash' }, lost };
    // Stalled from p.
    let endPending = false;
    resumedAt = -1;
    for (const dt of RETRANSMISSIONS) {
      const r = p + dt;
      if (p + uto < r) {
        return { outcome: { kind: 'reset', at: p + uto, cause: 'noRoute' }, lost: lost + (pps * uto) / 1e6 };
      }
      if (end <= r) endPending = true;
      const h = hopAt(r);
      if (h === null) continue;
      lost += (pps * dt) / 1e6;
      if (h !== own) return { outcome: { kind: 'reset', at: r, cause: 'rehash' }, lost };
      if (endPending) return { outcome: { kind: 'close', at: r }, lost };
      resumedAt = r;
      break;
    }
    if (resumedAt < 0) throw new Error('the application timeout comes before the last retransmission listed');
  }
  throw new Error('a packet clock never ends');
}

const CONFIGS: EcmpConfig[] = [
  { scheme: 'modulo' },
  { scheme: 'hash-threshold' },
  { scheme: 'maglev', tableSize: 251 },
  { scheme: 'rendezvous', tableSize: 251 },
];
const RATES = [1, 2.5, 10, 33.25];
const UTO = s(2);

interface Case {
  readonly cfg: EcmpConfig;
  readonly conns: readonly (readonly [number, number])[];
  readonly changes: readonly (readonly [number, number])[];
}

function simulate(c: Case, initialCapacity?: number) {
  const run = start(
    c.cfg,
    c.conns.length,
    (i) => RATES[c.conns[i]![0]]!,
    (i) => c.conns[i]![1],
    { appTimeout: UTO, initialCapacity },
  );
  const { dp, g } = run;
  const own = run.flows.map((f) => dp.nextHopOf(f)!);
  const clocks = run.flows.map((f) => dp.packetClockOf(f)!);
  let t = 0;
  const history: { t: number; hops: string[] }[] = [{ t: 0, hops: NODES }];
  for (const [dt, mask] of c.changes) {
    t += dt;
    const hops = NODES.filter((_, k) => mask & (1 << k));
    dp.setNextHops(g, hops, t as Time);
    history.push({ t, hops });
  }
  dp.setNextHops(g, NODES, t as Time);
  history.push({ t, hops: NODES });
  while (dp.liveConnections > 0) dp.advance(dp.nextEventTime());
  return { run, own, clocks, history, end: t };
}

const outcomes = (run: Run): Map<FlowId, Outcome> => {
  const m = new Map<FlowId, Outcome>();
  for (const e of run.resets) m.set(e.flow, { kind: 'reset', at: e.at, cause: e.cause });
  for (const [f, at] of run.closes) m.set(f, { kind: 'close', at });
  return m;
};

const caseArb = fc.record({
  cfg: fc.constantFrom(...CONFIGS),
  conns: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: ms(200), max: s(12) })), {
    minLength: 1,
    maxLength: 30,
  }),
  changes: fc.array(
    fc.tuple(
      fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: s(3) })),
      fc.integer({ min: 0, max: 15 }),
    ),
    { maxLength: 12 },
  ),
});

describe('moved connections against a per-packet reference', () => {
  it('resets, closes and no-route loss equal a brute-force walk of each packet through the next-hop history', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { run, own, clocks, history, end } = simulate(c);
        // The reference's own ECMP group, replayed through the same history (the strategy is not under test).
        const groups = history.map((h) => {
          const e = createEcmpGroup(c.cfg, 7, s(0));
          for (const x of history) {
            e.setNextHops(x.hops, x.t as Time);
            if (x === h) break;
          }
          return e;
        });
        const got = outcomes(run);
        let lost = 0;
        run.flows.forEach((f, i) => {
          const h = hashOf(i);
          const hopAt = (p: number): string | null => {
            let k = 0;
            while (k + 1 < history.length && history[k + 1]!.t < p) k++;
            const slot = groups[k]!.lookup(h);
            return slot < 0 ? null : groups[k]!.nameOf(slot);
          };
          const { phase, packetsPerSecond: pps } = clocks[i]!;
          const times = (function* () {
            for (let k = 0; ; k++) yield Math.ceil(((k + phase) * 1e6) / pps);
          })();
          const ref = reference(times, hopAt, own[i]!, c.conns[i]![1], UTO, pps);
          expect(got.get(f), `flow ${i}`).toEqual(ref.outcome);
          lost += ref.lost;
        });
        const last = Math.max(end, ...[...got.values()].map((o) => o.at));
        const m = run.dp.groupMetrics(run.g, last as Time);
        expect(m.noRoute.packets).toBeCloseTo(lost, 6);
        expect(m.blackholed.packets).toBe(0);
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});

describe('packet clocks are deterministic', () => {
  it('gives the same phases, resets and losses for the same inputs, whatever the table layout', () => {
    const c: Case = {
      cfg: { scheme: 'hash-threshold' },
      conns: Array.from({ length: 200 }, (_, i) => [i % 4, s(2) + i * ms(37)] as const),
      changes: [
        [s(1), 0b0111],
        [ms(20), 0b1111],
        [ms(300), 0],
        [1, 0b1011],
        [ms(500), 0b1111],
      ],
    };
    const a = simulate(c);
    const b = simulate(c, 16);
    expect(b.clocks).toEqual(a.clocks);
    expect([...outcomes(b.run)]).toEqual([...outcomes(a.run)]);
    expect(b.run.dp.groupMetrics(b.run.g, s(60))).toEqual(a.run.dp.groupMetrics(a.run.g, s(60)));
    // The phase is the counter-based hash of (group, ordinal, flow hash), nothing else.
    a.clocks.forEach((k, i) => {
      expect(k.phase).toBe(packetPhase(a.run.g, i, hashOf(i)));
    });
  });
});
