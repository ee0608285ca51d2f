/**
 * Quiet windows (DataPlane.arriveQuiet) against every arrival drawn in bulk (arriveSettled), over
 * many seeds: the same means, within their sampling error, of counts, totals, resets, per-node
 * volumes (split by each next hop's share of the flows) and series bins. The quiet path draws only
 * the connections alive at a touch, so it cannot match draw for draw; it must match in law.
 */
import { describe, expect, it } from 'vitest';
import { s, type Time } from '../base/time.js';
import { DataPlane } from './data-plane.js';
import type { EcmpConfig } from './ecmp/config.js';
import type { HashPolicy } from './flow-key.js';
import { counterSource } from './testing/counter-source.js';
import { meansThatDiffer } from './testing/same-means.js';
import type { Distribution, Workload } from './workload.js';

const NODES = ['a', 'b', 'c'];

interface Case {
  readonly scheme: EcmpConfig;
  readonly policy: HashPolicy;
  readonly clients: number;
  readonly life: Distribution;
}

const RATE = 40;
/** Connections already open at 0: a steady population (Workload.steady). */
const COHORT = 2000;
const TOUCH = s(25);
const END = s(60);

/**
 * One run: a steady population open at 0 and arrivals over (0, 60 s] through one group, node c
 * leaving its next hops at 25 s; the last window is the run's end (`final`: its survivors a count).
 */
function run(c: Case, seed: number, quiet: boolean) {
  const dp = new DataPlane({ initialCapacity: 64 });
  const g = dp.addGroup(
    { router: 'r', prefix: '10.0.0.1/32', ecmp: c.scheme, hashSeed: 7, hashPolicy: c.policy },
    s(0),
  );
  dp.setNextHops(g, NODES, s(0));
  const w: Workload = {
    clients: { firstIp: 0x64400000, count: c.clients, portMin: 32768, portMax: 60999 },
    dstIp: 0x0a000001,
    dstPort: 443,
    arrivalsPerSecond: RATE,
    durationS: c.life,
    packetsPerSecond: { type: 'fixed', value: 10 },
    packetBytes: { type: 'fixed', value: 800 },
  };
  const rng = counterSource(seed);
  const steady: Workload = { ...w, steady: true };
  if (quiet) dp.openCohort(g, steady, COHORT, s(0));
  else for (let i = 0; i < COHORT; i++) dp.arriveSettled(g, steady, rng, s(0), TOUCH);
  let t = 0;
  const window = (from: Time, to: Time, final: boolean): void => {
    if (quiet) {
      dp.advance(to);
      expect(dp.quietWindows(w)).toBe(true);
      dp.closeQuiet(g, w, RATE, rng, from, to, final);
      return;
    }
    for (;;) {
      const gap = Math.max(1, Math.round((-Math.log(1 - rng.next()) / RATE) * 1e6));
      if (t + gap > to) break;
      t += gap;
      dp.advance(t as Time);
      dp.arriveSettled(g, w, rng, t as Time, to);
    }
    dp.advance(to);
    t = to;
  };
  window(s(0), TOUCH, false);
  dp.setNextHops(g, ['a', 'b'], TOUCH);
  window(TOUCH, END, true);
  const m = dp.metrics(END);
  const series = dp.groupSeries(g, END).channels;
  const bin = (x: Float64Array, lo: number, hi: number) => x.slice(lo, hi).reduce((a, b) => a + b, 0);
  return {
    opened: m.groups[0]!.opened,
    closed: m.groups[0]!.closed,
    live: m.groups[0]!.live,
    rehash: m.groups[0]!.resets.rehash,
    delivered: m.groups[0]!.delivered.packets,
    ...Object.fromEntries(
      m.nodes.flatMap((n) => [
        [`node ${n.node}`, n.packets],
        [`conntrack ${n.node}`, n.conntrack],
      ]),
    ),
    ...Object.fromEntries(
      [0, 10, 20, 30, 40, 50].flatMap((b) => [
        [`packets ${b}–${b + 10} s`, bin(series.deliveredPackets, b, b + 10)],
        [`opened ${b}–${b + 10} s`, bin(series.opened, b, b + 10)],
        [`closed ${b}–${b + 10} s`, bin(series.closed, b, b + 10)],
      ]),
    ),
  } as Record<string, number>;
}

const CASES: readonly Case[] = [
  { scheme: { scheme: 'hash-threshold' }, policy: 'l4', clients: 5000, life: { type: 'exponential', mean: 12 } },
  { scheme: { scheme: 'maglev', tableSize: 251 }, policy: 'l3', clients: 7, life: { type: 'fixed', value: 9 } },
  { scheme: { scheme: 'modulo' }, policy: 'l4', clients: 5000, life: { type: 'lognormal', mu: 1.5, sigma: 1 } },
  {
    scheme: { scheme: 'rendezvous', tableSize: 97 },
    policy: 'l3',
    clients: 40,
    life: { type: 'uniform', min: 5, max: 40 },
  },
];

describe('quiet windows', () => {
  for (const c of CASES) {
    it(`match every arrival drawn in law: ${c.scheme.scheme}, ${c.policy} hash of ${c.clients} clients, ${c.life.type} lives`, () => {
      const K = 150;
      const bulk = Array.from({ length: K }, (_, i) => run(c, 1000 + i, false));
      const quiet = Array.from({ length: K }, (_, i) => run(c, 5000 + i, true));
      // 4.5 standard errors over ~30 figures × 4 cases: a false alarm is ~1e-4 per run.
      expect(meansThatDiffer(bulk, quiet, 4.5)).toEqual([]);
      // The touch moved connections: the survivors at 25 s are individuals the change can reset.
      expect(quiet.reduce((n, r) => n + r.rehash!, 0) / K).toBeGreaterThan(1);
    });
  }
});
