/**
 * What the worker sends back for one run: the trace, the metrics and the traffic series summed
 * over every router's forwarding group. Plain data and typed arrays only (structured clone).
 */
import type { ExpectationResult, RunMetrics, RunResult, Scenario, Time, WorldRecord } from '../sim/index.js';

export interface TrafficSeries {
  /** Bin width, µs. Bin k covers [k·resolution, (k+1)·resolution). */
  readonly resolution: number;
  /** Packets per bin (summed over routers' groups). */
  readonly delivered: Float64Array;
  readonly lost: Float64Array;
  /** Connections reset in the bin, any cause. */
  readonly resets: Float64Array;
  readonly opened: Float64Array;
}

export interface RunPayload {
  readonly scenario: string;
  readonly title: string;
  readonly seed: number;
  readonly events: number;
  readonly traceHash: string;
  readonly duration: Time;
  readonly routers: readonly string[];
  readonly records: readonly WorldRecord[];
  readonly metrics: RunMetrics;
  readonly expectations: readonly ExpectationResult[];
  readonly series: TrafficSeries;
}

export function runPayload(sc: Scenario, r: RunResult): RunPayload {
  const now = r.world.sim.now();
  const dp = r.world.traffic.dp;
  let resolution = 1_000_000;
  let n = 0;
  const snaps = r.metrics.groups.map((_, i) => {
    const s = dp.groupSeries(i, now);
    resolution = s.resolution;
    n = Math.max(n, s.bins);
    return s;
  });
  const delivered = new Float64Array(n);
  const lost = new Float64Array(n);
  const resets = new Float64Array(n);
  const opened = new Float64Array(n);
  for (const s of snaps) {
    const c = s.channels;
    for (let k = 0; k < s.bins; k++) {
      delivered[k]! += c.deliveredPackets[k]!;
      lost[k]! += c.blackholedPackets[k]! + c.noRoutePackets[k]!;
      resets[k]! += c.rehash[k]! + c.blackhole[k]! + c.nodeFailure[k]! + c.noRoute[k]!;
      opened[k]! += c.opened[k]!;
    }
  }
  return {
    scenario: sc.name,
    title: sc.title ?? sc.name,
    seed: r.seed,
    events: r.events,
    traceHash: r.traceHash,
    duration: now,
    routers: sc.routers.map((x) => x.name),
    records: r.world.sim.trace.records,
    metrics: r.metrics,
    expectations: r.expectations,
    series: { resolution, delivered, lost, resets, opened },
  };
}

export const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
