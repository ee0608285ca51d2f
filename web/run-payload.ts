/**
 * What the worker sends back for one run: the trace, the metrics and the traffic series summed
 * over every router's forwarding group. Plain data and typed arrays only (structured clone).
 */
import {
  type ExpectationResult,
  type RunMetrics,
  type RunResult,
  type Scenario,
  type Time,
  type TrafficSeries,
  trafficSeries,
  type WorldRecord,
} from '../sim/index.js';

export type { TrafficSeries };

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
    series: trafficSeries(r.world),
  };
}

export const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
