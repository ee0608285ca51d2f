/**
 * What the worker sends back for one run: the trace, the metrics and the traffic series summed
 * over every router's forwarding group. Plain data and typed arrays only (structured clone).
 */
import {
  type EcmpSpec,
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

/** What the page needs to redraw a router's ECMP table at the cursor (`ecmpGridAt`). */
export interface RouterEcmp {
  readonly router: string;
  readonly ecmp: EcmpSpec;
  readonly hashSeed: number;
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
  readonly ecmp: readonly RouterEcmp[];
  /** Node names in scenario order (their colours). */
  readonly nodes: readonly string[];
  /** The prefix of the (first) service the clients use. */
  readonly servicePrefix: string | null;
  /**
   * Every prefix the clients use, in `workload.service` order: one, or a dual-stack service's IPv4
   * and IPv6 prefix. The ECMP view draws each router's table for the first of these it routes.
   */
  readonly servicePrefixes: readonly string[];
}

export function runPayload(sc: Scenario, r: RunResult): RunPayload {
  const now = r.world.sim.now();
  const { services, workload } = r.world.spec;
  const prefixes = workload.services.flatMap((name) => services.find((x) => x.name === name)?.prefix ?? []);
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
    ecmp: r.world.spec.routers.map((x) => ({ router: x.name, ecmp: x.ecmp, hashSeed: x.hashSeed })),
    nodes: r.world.spec.nodes.map((n) => n.name),
    servicePrefix: prefixes[0] ?? null,
    servicePrefixes: prefixes,
  };
}

export const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
