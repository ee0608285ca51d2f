/**
 * One calibration case end to end: the scenario simulated (router-side states, live/sim-states.ts)
 * and run for real — a private namespace with the router's and nodes' addresses on lo, the daemon
 * the router's profile describes started from its generated config, the nodes' speakers played by
 * the worker inside the namespace (worker.ts) — then per node and prefix the real states (RIB
 * readings timed by the daemon's log, real-states.ts) compared with the simulated ones.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Duration,
  type LoggedDraws,
  loadScenarioText,
  PROFILE_NAMES,
  runScenario,
  type Scenario,
  type WorldRecord,
} from '../../sim/index.js';
import { compareSeqs, DEFAULT_TOLERANCE_SECONDS } from '../compare.js';
import { PROFILE_OF } from '../daemons/config/session.js';
import { RunningDaemon } from '../daemons/daemon.js';
import { type LogEvent, readBirdLog, readFrrLog, readGobgpLog } from '../daemons/logs/parse.js';
import { Netns } from '../daemons/netns.js';
import { DAEMON_NAMES, type DaemonName } from '../daemons/preflight.js';
import type { RouteState, StateSeq } from '../route-states.js';
import { liveSetup } from '../scenario-setup.js';
import { simRouteStates } from '../sim-states.js';
import { birdLoggedStates, realRouteStates } from './real-states.js';
import { loggedDraws } from './replay.js';
import { drawsConnectDelays, SEED_DRAWS } from './seed-draws.js';
import { daemonVersion } from './version.js';
import type { WorkerJob, WorkerResult } from './worker.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '..', '..');

export interface PrefixResult {
  readonly real: StateSeq;
  readonly sim: StateSeq;
  readonly agree: boolean;
  readonly maxErrorSeconds: number | null;
  readonly reason?: string;
}

export interface CaseResult {
  readonly scenario: string;
  readonly daemon: DaemonName;
  readonly version: string;
  readonly prefixes: Record<string, PrefixResult>;
  readonly agree: boolean;
  readonly maxErrorSeconds: number | null;
  /** Why the case could not run (namespace, daemon, session); the case then disagrees. */
  readonly error?: string;
  /** The simulation's seed that agreed, when the daemon draws its connect delays and seed 1 did not. */
  readonly seed?: number;
  /**
   * The simulation replayed the daemon's logged draws (replay.ts): how many of its draws the log
   * could not explain (sim/bgp/session/logged-draws.ts).
   */
  readonly replayed?: { readonly misfits: number };
  /** Scenario faults that are the real router's to make (not applied). */
  readonly skipped?: readonly string[];
}

export interface CaseOptions {
  readonly tolerance?: number;
  readonly samplePeriodMs?: number;
  /** Read BIRD's RIB during the run (waking its main loop) instead of timing it by its log. */
  readonly birdCliDuringRun?: boolean;
  /** Keep the run's directory (config, logs, readings) for inspection. */
  readonly keep?: boolean;
}

export class CaseError extends Error {}

/** The daemon a scenario's router is calibrated against: the one whose profile it names. */
export function daemonOfScenario(sc: Scenario): DaemonName | null {
  const p = sc.routers[0]?.bgp?.profile;
  return DAEMON_NAMES.find((d) => PROFILE_OF[d] === p) ?? null;
}

export function loadCase(file: string): Scenario {
  const r = loadScenarioText(readFileSync(file, 'utf8'), file, { profiles: PROFILE_NAMES });
  if (!r.ok) throw new CaseError(r.errors.join('\n'));
  return r.scenario;
}

const versions = new Map<DaemonName, string>();
const versionOf = (d: DaemonName) => versions.get(d) ?? versions.set(d, daemonVersion(d)).get(d)!;

function readLog(d: DaemonName, text: string): LogEvent[] {
  return d === 'frr' ? readFrrLog(text) : d === 'bird' ? readBirdLog(text) : readGobgpLog(text);
}

export async function calibrateCase(file: string, o: CaseOptions = {}): Promise<CaseResult> {
  const sc = loadCase(file);
  const daemon = daemonOfScenario(sc);
  const router = sc.routers[0];
  if (daemon === null || router === undefined)
    throw new CaseError(`${file}: routers[0].bgp.profile: must be one of ${Object.values(PROFILE_OF).join(', ')}`);
  const tolerance = o.tolerance ?? DEFAULT_TOLERANCE_SECONDS;
  const missing = [router, ...sc.nodes].filter((x) => x.address === undefined || x.asn === undefined);
  if (missing.length > 0)
    throw new CaseError(
      `${file}: ${missing.map((x) => x.name).join(', ')}: a calibration case names each address and asn`,
    );
  const nodes = sc.nodes.map((n) => ({ name: n.name, address: n.address!, asn: n.asn! }));
  const routerAddress = router.address!;
  // The simulated side. The real daemon is started seconds before t = 0, not a day: its startup
  // state (FRR's t_startup sets R in its OPENs, bgpd/bgpd.c bgp_create) is part of what the
  // simulation starts from, so the simulated router has been up SIM_ROUTER_UPTIME at t = 0 (the
  // real uptime is checked against it below).
  const keys: { key: string; node: (typeof nodes)[number]; prefix: string; sim: StateSeq }[] = [];
  let records: readonly WorldRecord[] = [];
  let replayed: { readonly misfits: number } | undefined;
  const simulate = (scenario: Scenario, draws?: LoggedDraws) => {
    const run = runScenario(scenario, { keepTrace: true, ...(draws ? { loggedDraws: draws } : {}) });
    records = run.world.sim.trace.records;
    replayed = run.replayed;
    keys.length = 0;
    for (const n of nodes) {
      const setup = liveSetup(scenario, n.name);
      if (!setup.ok) throw new CaseError(`${file}: ${setup.errors.join('; ')}`);
      const sim = simRouteStates(records, router.name, n.name, setup.setup.prefixes);
      for (const prefix of setup.setup.prefixes) {
        keys.push({
          key: nodes.length === 1 ? prefix : `${prefix} from ${n.name}`,
          node: n,
          prefix,
          sim: sim[prefix] ?? [['absent', 0]],
        });
      }
    }
  };
  const simulated: Scenario =
    sc.start === 'steady'
      ? { ...sc, routers: sc.routers.map((r, i) => (i === 0 ? { ...r, uptime: SIM_ROUTER_UPTIME } : r)) }
      : sc;
  simulate(simulated);
  const initial: WorkerJob['initial'] = {};
  for (const k of keys) {
    initial[k.node.address] ??= {};
    initial[k.node.address]![k.prefix] = k.sim[0]![0] as RouteState;
  }
  const base = {
    scenario: sc.name ?? basename(file, '.json'),
    daemon,
    version: versionOf(daemon),
  };
  // The real side.
  const dir = mkdtempSync(join(tmpdir(), `stalepath-cal-${daemon}-`));
  let ns: Netns | null = null;
  let d: RunningDaemon | null = null;
  let result: WorkerResult;
  let log: LogEvent[] = [];
  let logText = '';
  const align = { ...keepaliveAlign(sc, records, router.name), ...routerKeepaliveAlign(sc, records, router.name) };
  let daemonStarted = 0;
  try {
    ns = Netns.create([routerAddress, ...nodes.map((n) => n.address)]);
    d = new RunningDaemon(daemon, ns, {
      router,
      where: 'routers[0]',
      routerAddress,
      neighbors: nodes.map((n) => ({ address: n.address, asn: n.asn })),
      dir,
    });
    daemonStarted = Date.now();
    d.start();
    await d.ready();
    const job: WorkerJob = {
      scenarioFile: resolve(file),
      daemon,
      dir,
      router: { name: router.name, address: routerAddress },
      nodes: nodes.map((n) => ({ name: n.name, address: n.address })),
      initial,
      samplePeriodMs: o.samplePeriodMs ?? 40,
      sampleDuringRun: daemon !== 'bird' || o.birdCliDuringRun === true,
      ...align,
      out: join(dir, 'worker-result.json'),
    };
    const jobFile = join(dir, 'worker-job.json');
    writeFileSync(jobFile, JSON.stringify(job));
    const child = ns.spawn(process.execPath, ['--import', 'tsx', join(here, 'worker.ts'), jobFile], { cwd: ROOT });
    await new Promise<void>((res) => child.once('exit', () => res()));
    result = JSON.parse(readFileSync(job.out, 'utf8')) as WorkerResult;
    logText = d.log();
    log = readLog(daemon, logText);
  } catch (e) {
    result = { t0: 0, readings: [], skipped: [], faults: [], error: (e as Error).message };
  } finally {
    await d?.stop().catch(() => undefined);
    ns?.removeSync();
  }
  if (result.error !== undefined) {
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
    return { ...base, prefixes: {}, agree: false, maxErrorSeconds: null, error: result.error };
  }
  const uptime = routerUptime(result.t0, daemonStarted);
  if (sc.start === 'steady' && Math.abs(uptime - SIM_ROUTER_UPTIME) > UPTIME_SLACK) {
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
    const error = `${daemon} had been up ${uptime / 1e6} s at t = 0; the simulation assumes ${SIM_ROUTER_UPTIME / 1e6} s (± ${UPTIME_SLACK / 1e6} s)`;
    return { ...base, prefixes: {}, agree: false, maxErrorSeconds: null, error };
  }
  const compareAll = () => {
    const prefixes: Record<string, PrefixResult> = {};
    let agree = true;
    let max: number | null = 0;
    for (const k of keys) {
      const logged =
        daemon === 'bird' ? birdLoggedStates(logText, result, k.node.address, k.prefix, sc.duration / 1000) : null;
      const real =
        result.after && logged
          ? logged.real
          : realRouteStates(result.readings, result.t0, k.node.address, k.prefix, k.sim[0]![0], log, result.faults);
      const compared = compareSeqs(real, k.sim, tolerance);
      const c = logged?.mismatch && result.after ? { ...compared, agree: false, reason: logged.mismatch } : compared;
      prefixes[k.key] = { real, sim: k.sim, ...c, ...(o.keep && logged ? { logged: logged.real } : {}) };
      agree &&= c.agree;
      max = max === null || c.maxErrorSeconds === null ? null : Math.max(max, c.maxErrorSeconds);
    }
    return { prefixes, agree, max };
  };
  // BIRD draws its KEEPALIVE intervals, connect delays and hold times from a clock-seeded generator:
  // the simulation replays the run's draws from bird.log (replay.ts) instead of its own.
  const draws = loggedDraws(daemon, logText, router.name, nodes, result.t0, result.faults);
  if (daemon === 'bird' && draws) simulate(simulated, draws);
  let { prefixes, agree, max } = compareAll();
  let seed: number | undefined;
  let replay = daemon === 'bird' ? replayed : undefined;
  // GoBGP's connect loop: its logged dials replayed, then (its log may not explain every draw, e.g.
  // a dial the daemon logged before it was stopped) the seed envelope below.
  if (!agree && daemon === 'gobgp' && draws) {
    simulate(simulated, draws);
    const c = compareAll();
    if (c.agree) ({ prefixes, agree, max, replay } = { ...c, replay: replayed });
  }
  // A daemon that draws its connect delays (seed-draws.ts) made one draw; the real run agrees when one
  // of SEED_DRAWS simulated draws does.
  if (!agree && daemon !== 'bird' && drawsConnectDelays(simulated)) {
    const first = simulated.seed ?? 1;
    for (let k = 1; k < SEED_DRAWS && !agree; k++) {
      simulate({ ...simulated, seed: (first + k) >>> 0 });
      const c = compareAll();
      if (c.agree) ({ prefixes, agree, max, seed } = { ...c, seed: (first + k) >>> 0 });
    }
  }
  if (o.keep) writeFileSync(join(dir, 'result.json'), JSON.stringify({ prefixes, log }, null, 2));
  else rmSync(dir, { recursive: true, force: true });
  return {
    ...base,
    prefixes,
    agree,
    maxErrorSeconds: max,
    ...(seed === undefined ? {} : { seed }),
    ...(replay === undefined ? {} : { replayed: replay }),
    ...(result.skipped.length ? { skipped: result.skipped } : {}),
  };
}

/** The last KEEPALIVE `subject` sent in [0, until] µs of the simulated run, or null. */
function lastKeepaliveSent(records: readonly WorldRecord[], subject: string, until: number): number | null {
  let at: number | null = null;
  for (const r of records)
    if (
      r.type === 'bgp-message' &&
      r.subject === subject &&
      r.dir === 'sent' &&
      r.message === 'KEEPALIVE' &&
      r.t >= 0 &&
      r.t <= until
    )
      at = r.t;
  return at;
}

/**
 * When the scenario's first fault silences a node (power loss, link down), the router's hold timer
 * runs from the last KEEPALIVE it had from that node: the simulated node's last one before the
 * fault, which the worker aligns the live speaker's keepalive phase on.
 */
function keepaliveAlign(
  sc: Scenario,
  records: readonly WorldRecord[],
  router: string,
): Pick<WorkerJob, 'keepaliveAlign'> {
  const [first, next] = [...sc.faults].sort((a, b) => a.at - b.at);
  // Silent for a while (a crash with an immediate recovery is a new connection, no hold timer).
  if (next !== undefined && first !== undefined && next.at - first.at < 1_000_000) return {};
  const node =
    first?.type === 'node-crash'
      ? first.node
      : first?.type === 'link-down'
        ? sc.nodes.find((n) => first.between.includes(n.name))?.name
        : undefined;
  if (first === undefined || node === undefined) return {};
  const at = lastKeepaliveSent(records, `${node}>${router}`, first.at);
  return at === null ? {} : { keepaliveAlign: { node, at: at / 1e6, silencedAt: first.at / 1e6 } };
}

/**
 * When the scenario's first fault is a crash the node is straight back from (a new connection while
 * Established), a router that does not act on the new connection (GoBGP 3.10 closes it: fsm.go
 * established() "Closed an accepted connection") ends the old session when its next KEEPALIVE meets
 * the dead kernel's RST: the worker aligns t0 on the router's keepalive phase, from the simulated
 * router's last KEEPALIVE to the node before the crash.
 */
function routerKeepaliveAlign(
  sc: Scenario,
  records: readonly WorldRecord[],
  router: string,
): Pick<WorkerJob, 'routerKeepaliveAlign'> {
  const [first, next] = [...sc.faults].sort((a, b) => a.at - b.at);
  if (first?.type !== 'node-crash' || next?.type !== 'node-recover' || next.at - first.at >= 1_000_000) return {};
  const node = first.node;
  const at = lastKeepaliveSent(records, `${router}>${node}`, first.at);
  return at === null ? {} : { routerKeepaliveAlign: { node, at: at / 1e6 } };
}

/**
 * How long the simulated router has been up at t = 0: what the real daemon has, started, peered and
 * settled (about 2–10 s); the real one is refused beyond ± UPTIME_SLACK (its startup windows — FRR's
 * t_startup, 120 s — then might not match). 10 s, not less: a real run's t = 0 is when every session
 * is Established, and a simulated GoBGP router 5 s old has not yet taken a second speaker (a
 * collision costs it its 5 s idle hold), so the simulation would start from a state the run never has.
 */
const SIM_ROUTER_UPTIME = 10_000_000 as Duration;
const UPTIME_SLACK = 30_000_000;

/** The daemon's uptime at t0 (epoch ms each), µs, for the simulated router's `uptime`. */
function routerUptime(t0: number, started: number): Duration {
  return Math.max(0, Math.round((t0 - started) * 1000)) as Duration;
}

/** Runs `files` with at most `concurrency` cases at a time (each in its own namespace). */
export async function calibrateCases(
  files: readonly string[],
  o: CaseOptions & { readonly concurrency?: number; readonly onResult?: (r: CaseResult) => void } = {},
): Promise<CaseResult[]> {
  const out: CaseResult[] = new Array(files.length);
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const i = next++;
      const r = await calibrateCase(files[i]!, o);
      out[i] = r;
      o.onResult?.(r);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency ?? 2, files.length) }, lane));
  return out;
}
