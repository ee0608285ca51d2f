/**
 * Runs a validated scenario: build the world, schedule the route-state observations the
 * expectations ask for, run to the end, then read the metrics and judge every expectation.
 */
import type { Time } from '../base/time.js';
import type { Family } from '../bgp/rib/index.js';
import type { LoggedDraws } from '../bgp/session/index.js';
import { type RunMetrics, World, worldMetrics } from '../world/index.js';
import { buildSeedFreeSpec, type SeedFreeSpec, seedWorldSpec } from './build.js';
import type { ExpectationConfig, Scenario } from './schema.js';

export const VERSION = '0.1.0';

export interface ExpectationResult {
  readonly name: string;
  readonly passed: boolean;
  /** What was measured or seen, for the summary. */
  readonly actual: string;
}

export interface RunResult {
  readonly scenario: string;
  readonly seed: number;
  readonly version: string;
  readonly traceHash: string;
  readonly events: number;
  readonly metrics: RunMetrics;
  readonly expectations: ExpectationResult[];
  readonly traceJsonLines?: string;
  readonly world: World;
  /** With `loggedDraws`: the draws the log could not explain (sim/bgp/session/logged-draws.ts). */
  readonly replayed?: { readonly misfits: number };
}

export interface RunOptions {
  readonly seed?: number;
  readonly keepTrace?: boolean;
  /** Stop early (neighbors --at); expectations after it are not judged. */
  readonly until?: Time;
  /** BFD steady state implied (default) or every packet scheduled (the reference). */
  readonly bfd?: 'implied' | 'explicit';
  /** KEEPALIVEs in steady state implied as span records (default) or every one scheduled (the reference). */
  readonly keepalives?: 'implied' | 'explicit';
  /** Client arrivals in quiet windows (default), every one drawn in bulk, or one agenda event each (the reference). */
  readonly traffic?: 'windows' | 'bulk' | 'per-connection';
  /** Called between slices of the run (the UI's progress bar); does not change the run. */
  readonly onProgress?: (now: Time, events: number) => void;
  /** A real daemon's logged random draws, replayed in place of the seeded ones they explain (calibration). */
  readonly loggedDraws?: LoggedDraws;
}

/** Progress slices: a callback every 1 % of simulated time. */
const PROGRESS_SLICES = 100;

export class ScenarioBuildError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('\n'));
  }
}

/**
 * A scenario with its seed-free world spec built once and frozen: runs of many seeds (sweeps,
 * benchmarks) share it instead of each resolving profiles and defaults again.
 */
export class PreparedScenario {
  private constructor(
    readonly scenario: Scenario,
    readonly seedFree: SeedFreeSpec,
  ) {}

  /** Frozen when shared; a one-run spec (`createWorld` of a bare scenario) is nobody else's. */
  static of(sc: Scenario, shared = true): PreparedScenario {
    const built = buildSeedFreeSpec(sc);
    if (!built.ok) throw new ScenarioBuildError(built.errors);
    return new PreparedScenario(sc, shared ? deepFreeze(built.seedFree) : built.seedFree);
  }
}

export const prepareScenario = (sc: Scenario): PreparedScenario => PreparedScenario.of(sc);

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

export function createWorld(scenario: Scenario | PreparedScenario, options: RunOptions = {}): World {
  const prepared = scenario instanceof PreparedScenario ? scenario : PreparedScenario.of(scenario, false);
  const seed = options.seed ?? prepared.scenario.seed;
  return new World(seedWorldSpec(prepared.seedFree, seed), {
    seed,
    keepTrace: options.keepTrace ?? false,
    bfd: options.bfd,
    keepalives: options.keepalives,
    traffic: options.traffic,
    ...(options.loggedDraws ? { loggedDraws: options.loggedDraws } : {}),
  });
}

export function runScenario(scenario: Scenario | PreparedScenario, options: RunOptions = {}): RunResult {
  const prepared = scenario instanceof PreparedScenario ? scenario : PreparedScenario.of(scenario, false);
  const sc = prepared.scenario;
  const seed = options.seed ?? sc.seed;
  const world = createWorld(prepared, options);
  const observed = new Map<number, ExpectationResult>();
  const h = world.sim.handler((i) => observed.set(i, observeRoute(world, sc.expect[i] as RouteExpectation)));
  sc.expect.forEach((e, i) => {
    // Priority 3: after everything else that happens at that instant.
    if ('at' in e) world.sim.scheduleAt(e.at, h, i, 3);
  });
  const end = options.until ?? sc.duration;
  if (options.onProgress) {
    for (let k = 1; k < PROGRESS_SLICES; k++) {
      world.run(Math.floor((end * k) / PROGRESS_SLICES) as Time, true);
      options.onProgress(world.sim.now(), world.sim.eventCount);
    }
  }
  world.run(end);
  options.onProgress?.(world.sim.now(), world.sim.eventCount);
  const metrics = worldMetrics(world);
  if (options.until === undefined) {
    world.sim.record({
      t: world.sim.now(),
      type: 'totals',
      subject: 'clients',
      started: metrics.connections.started,
      reset: metrics.connections.reset,
      delivered: metrics.packets.delivered,
      lost: metrics.packets.lost,
      trafficDigest: world.traffic.dp.trafficDigest(world.sim.now()),
    });
  }
  const expectations = sc.expect.map(
    (e, i) =>
      observed.get(i) ??
      ('metric' in e ? judgeMetric(e, metrics) : { name: e.name, passed: false, actual: 'not reached' }),
  );
  return {
    scenario: sc.name,
    seed,
    version: VERSION,
    traceHash: world.sim.trace.hash(),
    events: world.sim.eventCount,
    metrics,
    expectations,
    ...(options.keepTrace ? { traceJsonLines: world.sim.trace.toJsonLines() } : {}),
    world,
    ...(world.replayTally ? { replayed: { misfits: world.replayTally.misfits } } : {}),
  };
}

type MetricExpectation = Extract<ExpectationConfig, { metric: string }>;
type RouteExpectation = Extract<ExpectationConfig, { router: string }>;

export function metricValue(m: RunMetrics, path: string): number {
  let v: unknown = m;
  for (const k of path.split('.')) v = (v as Record<string, unknown>)[k];
  return typeof v === 'number' ? v : Number.NaN;
}

function judgeMetric(e: MetricExpectation, m: RunMetrics): ExpectationResult {
  const v = metricValue(m, e.metric);
  const tol = e.tolerance ?? 0;
  const eq = Math.abs(v - e.value) <= tol;
  const passed =
    e.op === '=='
      ? eq
      : e.op === '!='
        ? !eq
        : e.op === '<'
          ? v < e.value
          : e.op === '<='
            ? v <= e.value + tol
            : e.op === '>'
              ? v > e.value
              : v >= e.value - tol;
  return {
    name: e.name,
    passed,
    actual: `${e.metric} = ${fmt(v)} (expected ${e.op} ${e.value}${tol ? ` ± ${tol}` : ''})`,
  };
}

function observeRoute(world: World, e: RouteExpectation): ExpectationResult {
  const router = world.routers.get(e.router)!;
  const sv = world.spec.services.find((x) => x.name === e.service)!;
  const fam: Family = sv.prefix.includes(':') ? 'ipv6-unicast' : 'ipv4-unicast';
  const parts: string[] = [];
  let passed = true;
  if (e.state !== undefined) {
    const rib = router.process.sp?.rib;
    const seen = !rib
      ? 'absent'
      : e.node
        ? (rib.routeState(e.node, fam, sv.prefix) ?? 'absent')
        : (rib.bestPath(fam, sv.prefix)?.state ?? 'absent');
    parts.push(`${e.node ? `${e.node}'s path` : 'best path'} is ${seen}`);
    passed &&= seen === e.state;
  }
  if (e.nextHops !== undefined) {
    const n = world.fibNextHops(e.router, sv.prefix).length;
    parts.push(`${n} next hop${n === 1 ? '' : 's'}`);
    passed &&= n === e.nextHops;
  }
  return { name: e.name, passed, actual: `at ${e.at / 1e6} s on ${e.router}: ${parts.join(', ')}` };
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(3));
