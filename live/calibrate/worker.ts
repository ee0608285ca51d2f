/**
 * The real half of one calibration case, run inside the case's network namespace (`ip netns exec
 * NS node --import tsx live/calibrate/worker.ts JOB.json`: Node sockets can only bind the
 * namespace's loopback addresses from inside it). Plays every node's speaker with LiveSpeaker on
 * port 179 of the node's address, waits for the steady start (all sessions Established and the
 * daemon holding the states the simulation starts from: the scenario's t = 0), applies the
 * scenario's faults on the wall clock, samples the daemon's RIB back to back, and writes the
 * samples (epoch ms) to the job's output file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FaultSpec, loadScenarioText, PROFILE_NAMES } from '../../sim/index.js';
import { loopbackHost } from '../daemons/host-address.js';
import type { DaemonName } from '../daemons/preflight.js';
import { scheduleFaults } from '../fault-target.js';
import { LiveSpeaker } from '../live-speaker.js';
import type { RouteState } from '../route-states.js';
import { liveSetup } from '../scenario-setup.js';
import { sampleRib } from './sampler.js';

export interface WorkerJob {
  readonly scenarioFile: string;
  readonly daemon: DaemonName;
  readonly dir: string;
  readonly router: { readonly name: string; readonly address: string };
  readonly nodes: readonly { readonly name: string; readonly address: string }[];
  /** The simulation's states at t = 0, node address → prefix → state: the steady start to wait for. */
  readonly initial: Record<string, Record<string, RouteState>>;
  readonly samplePeriodMs: number;
  /**
   * Read the RIB during the run (default). False for BIRD 2.0.x: a CLI command wakes its main loop and
   * would hide the wake-up lag; its states come from its log (logs/bird-routes.ts), the RIB is read
   * once more after the run as a check (`after`).
   */
  readonly sampleDuringRun?: boolean;
  /**
   * The simulated speaker's last KEEPALIVE before the fault that silences it, s after t = 0: t = 0 is
   * set that long before one of the live speaker's own KEEPALIVEs, so the router's hold timer runs
   * from the same point in both (the live speaker's keepalive phase is its own, RFC 4271 §10 jitter).
   */
  readonly keepaliveAlign?: { readonly node: string; readonly at: number; readonly silencedAt: number };
  /**
   * The simulated router's last KEEPALIVE to `node` before a crash the node is straight back from, s
   * after t = 0: t = 0 is set that long before one the live speaker receives, so the router's next
   * KEEPALIVE, the one that meets the dead kernel's RST and ends the old session, falls where the
   * simulated one does (GoBGP's keepalive ticker is not jittered, its phase is its Established time).
   */
  readonly routerKeepaliveAlign?: { readonly node: string; readonly at: number };
  readonly out: string;
}

export interface RibReading {
  /** Epoch ms when the CLI calls started and when the last one answered. */
  readonly start: number;
  readonly end: number;
  /** node address → prefix → state (absent prefixes left out). */
  readonly states: Record<string, Record<string, RouteState>>;
}

export interface WorkerResult {
  readonly t0: number;
  readonly readings: readonly RibReading[];
  /** The reading taken after the run when the RIB was not read during it. */
  readonly after?: RibReading;
  readonly skipped: readonly string[];
  /** Each stimulus applied (a fault, a restart it schedules): epoch ms it was due and epoch ms it ran. */
  readonly faults: readonly { readonly due: number; readonly applied: number }[];
  readonly error?: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function read(job: WorkerJob): Promise<RibReading> {
  const start = Date.now();
  const rib = await sampleRib(
    job.daemon,
    job.dir,
    job.nodes.map((n) => n.address),
  );
  const states: RibReading['states'] = {};
  for (const [n, s] of rib) states[n] = Object.fromEntries(s);
  return { start, end: Date.now(), states };
}

const matches = (r: RibReading, initial: WorkerJob['initial']) =>
  Object.entries(initial).every(([n, ps]) =>
    Object.entries(ps).every(([p, s]) => (r.states[n]?.[p] ?? 'absent') === s),
  );

/** Epoch ms of the next KEEPALIVE `ls` sends. */
async function nextKeepaliveSent(ls: LiveSpeaker): Promise<number> {
  let sentAt = 0;
  await ls.waitFor((r) => {
    if (r.type !== 'bgp-message' || r.dir !== 'sent' || r.message !== 'KEEPALIVE') return false;
    sentAt = Date.now();
    return true;
  });
  return sentAt;
}

/** t0 (epoch ms) `atMs` before the first KEEPALIVE from `next` that leaves t0 at or after `settled`. */
async function keepaliveZero(next: () => Promise<number>, settled: number, atMs: number): Promise<number> {
  for (;;) {
    const at = await next();
    if (at - atMs >= settled) return at - atMs;
  }
}

async function main(job: WorkerJob): Promise<WorkerResult> {
  const loaded = loadScenarioText(readFileSync(job.scenarioFile, 'utf8'), job.scenarioFile, {
    profiles: PROFILE_NAMES,
  });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const sc = loaded.scenario;
  const speakers: LiveSpeaker[] = [];
  const faults: FaultSpec[][] = [];
  for (const n of job.nodes) {
    const setup = liveSetup(sc, n.name);
    if (!setup.ok) throw new Error(setup.errors.join('; '));
    faults.push([...setup.setup.faults]);
    speakers.push(
      new LiveSpeaker({
        config: setup.setup.config,
        local: { address: n.address, port: 179 },
        peers: { [job.router.name]: { address: job.router.address, port: 179 } },
        prefixes: setup.setup.prefixes,
        uptime: setup.setup.uptime,
        host: loopbackHost(n.address),
      }),
    );
  }
  const up = speakers.map((ls) => ls.waitFor((r) => r.type === 'bgp-state' && r.to === 'Established'));
  for (const ls of speakers) await ls.listen();
  for (const ls of speakers) ls.start();
  const timeout = (ms: number, what: string) =>
    sleep(ms).then(() => {
      throw new Error(`${what} within ${ms / 1000} s`);
    });
  await Promise.race([Promise.all(up), timeout(60_000, `no session with ${job.daemon} came up`)]);
  // The steady start: the daemon holds what the simulation starts from.
  const settleEnd = Date.now() + 10_000;
  for (;;) {
    const r = await read(job);
    if (matches(r, job.initial)) break;
    if (Date.now() > settleEnd)
      throw new Error(`${job.daemon} never reached the simulation's initial states: ${JSON.stringify(r.states)}`);
    await sleep(job.samplePeriodMs);
  }
  let t0 = Date.now();
  const align = job.keepaliveAlign;
  const aligned = align ? speakers[job.nodes.findIndex((n) => n.name === align.node)] : undefined;
  if (align && aligned) t0 = await keepaliveZero(() => nextKeepaliveSent(aligned), t0, align.at * 1000);
  const byRouter = job.routerKeepaliveAlign;
  const hearing = byRouter ? speakers[job.nodes.findIndex((n) => n.name === byRouter.node)] : undefined;
  if (byRouter && hearing) t0 = await keepaliveZero(() => hearing.nextKeepaliveHeard(), t0, byRouter.at * 1000);
  const skipped: string[] = [];
  const stimuli: { due: number; applied: number }[] = [];
  const since = (Date.now() - t0) * 1000;
  const cancels = speakers.map((ls, i) =>
    scheduleFaults(
      ls,
      faults[i] ?? [],
      sc.seed,
      (w) => skipped.push(w),
      since,
      (due, applied) => stimuli.push({ due, applied }),
    ),
  );
  const readings: RibReading[] = [];
  const end = t0 + Number(sc.duration) / 1000;
  if (job.sampleDuringRun === false) await sleep(end - Date.now());
  while (job.sampleDuringRun !== false && Date.now() < end) {
    const r = await read(job);
    readings.push(r);
    const wait = job.samplePeriodMs - (r.end - r.start);
    if (wait > 0) await sleep(wait);
  }
  for (const c of cancels) c();
  const after = job.sampleDuringRun === false ? await read(job) : undefined;
  for (const ls of speakers) await ls.close();
  // The speakers' own trace (scenario time), for `--keep` inspection and `stalepath explain`.
  writeFileSync(
    join(job.dir, 'speaker-trace.jsonl'),
    speakers.flatMap((ls) => ls.records.map((r) => JSON.stringify(r))).join('\n'),
  );
  return {
    t0,
    readings,
    ...(after ? { after } : {}),
    skipped: [...new Set(skipped)],
    faults: stimuli
      // How late the silencing fault ran shifts nothing: the hold timer runs from the aligned KEEPALIVE.
      .filter((x) => !(align && Math.abs(x.due - (t0 + align.silencedAt * 1000)) < 5))
      .sort((a, b) => a.applied - b.applied),
  };
}

const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as WorkerJob;
main(job)
  .then((r) => {
    writeFileSync(job.out, JSON.stringify(r));
    process.exit(0);
  })
  .catch((e: unknown) => {
    const result: WorkerResult = { t0: 0, readings: [], skipped: [], faults: [], error: (e as Error).message };
    writeFileSync(job.out, JSON.stringify(result));
    process.exit(1);
  });
