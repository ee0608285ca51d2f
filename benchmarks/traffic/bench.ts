// Traffic cost (issue 13, deliverables 2 and 3): what a run costs as simulated time, arrivals and
// services grow. One figure per line; CPU time (process.cpuUsage), min over repeats; peak RSS from
// child processes (process.resourceUsage().maxRSS), one per measure, so runs do not share a heap.
//   traffic.cpu          default scenario, CPU ms per run: quiet windows (the default), every arrival drawn in bulk, per connection (the reference)
//   traffic.days         default scenario at 1 simulated day ÷ at 10 min (CPU per run), quiet windows and bulk
//   traffic.rss          peak RSS at 30 simulated days ÷ at 10 min
//   traffic.services     10,000 services (traffic on one) ÷ the one-service run: CPU and peak RSS
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioText, PROFILE_NAMES, runScenario, type Scenario } from '../../sim/index.js';

const DEFAULT = 'metallb-speaker-restart';
type Mode = 'windows' | 'bulk' | 'per-connection';

function load(name: string): Scenario {
  const file = join(process.cwd(), 'scenarios', `${name}.json`);
  const r = loadScenarioText(readFileSync(file, 'utf8'), file, { profiles: PROFILE_NAMES });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

/** The default scenario, `seconds` long, with `services` services (traffic on the first). */
function variant(seconds: number, services = 1): Scenario {
  const sc = load(DEFAULT);
  const extra = Array.from({ length: services - 1 }, (_, i) => ({
    name: `svc-${i}`,
    prefix: `10.${200 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}/32`,
    externalTrafficPolicy: 'Cluster' as const,
  }));
  return { ...sc, duration: (seconds * 1e6) as Scenario['duration'], services: [...sc.services, ...extra] };
}

/** CPU ms of one run, min over `repeats` batches of `runs`. */
function cpuPerRun(sc: Scenario, traffic: Mode, runs: number, repeats = 3): number {
  runScenario(sc, { traffic });
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < repeats; k++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < runs; i++) runScenario(sc, { seed: i + 1, traffic });
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000 / runs);
  }
  return best;
}

/** Runs one variant in a child process; returns its CPU ms and peak RSS (MiB). */
function child(seconds: number, services: number): { cpuMs: number; rssMiB: number } {
  const r = spawnSync(process.execPath, [process.argv[1]!, 'child', String(seconds), String(services)], {
    encoding: 'utf8',
    cwd: process.cwd(),
  });
  const m = /child (\S+) (\S+)/.exec(r.stdout);
  if (!m) throw new Error(`child failed: ${r.stderr}`);
  return { cpuMs: Number(m[1]), rssMiB: Number(m[2]) };
}

export function trafficCpu(): void {
  const sc = load(DEFAULT);
  const windows = cpuPerRun(sc, 'windows', 20);
  const bulk = cpuPerRun(sc, 'bulk', 10);
  const ref = cpuPerRun(sc, 'per-connection', 10);
  console.log(`traffic.cpu ${DEFAULT} (600 s): ${windows.toFixed(2)} ms CPU/run in quiet windows (default)`);
  console.log(`traffic.cpu ${DEFAULT} (600 s): ${bulk.toFixed(2)} ms CPU/run in bulk`);
  console.log(`traffic.cpu ${DEFAULT} (600 s): ${ref.toFixed(2)} ms CPU/run per connection (reference)`);
}

export function trafficDays(): void {
  for (const mode of ['windows', 'bulk'] as const) {
    const short = cpuPerRun(variant(600), mode, mode === 'bulk' ? 5 : 20);
    const day = cpuPerRun(variant(86_400), mode, mode === 'bulk' ? 1 : 10, mode === 'bulk' ? 2 : 3);
    console.log(
      `traffic.days ${DEFAULT} (${mode}) 1 day: ${day.toFixed(1)} ms CPU/run, 10 min: ${short.toFixed(2)} ms`,
    );
    console.log(`traffic.days ${DEFAULT} (${mode}) 1 day ÷ 10 min: ${(day / short).toFixed(1)}x`);
  }
}

export function trafficRss(days = Number(process.env.STALEPATH_RSS_DAYS ?? 30)): void {
  const short = child(600, 1);
  const long = child(days * 86_400, 1);
  console.log(
    `traffic.rss ${DEFAULT} ${days} days: ${long.rssMiB.toFixed(0)} MiB peak, 10 min: ${short.rssMiB.toFixed(0)} MiB`,
  );
  console.log(`traffic.rss ${DEFAULT} ${days} days ÷ 10 min: ${(long.rssMiB / short.rssMiB).toFixed(2)}x peak RSS`);
}

export function trafficServices(n = 10_000): void {
  const one = child(600, 1);
  const many = child(600, n);
  console.log(
    `traffic.services ${n} services (traffic on one): ${(many.cpuMs / 1000).toFixed(2)} s CPU, ${many.rssMiB.toFixed(0)} MiB peak`,
  );
  console.log(
    `traffic.services ${n} ÷ 1 service: ${(many.cpuMs / one.cpuMs).toFixed(1)}x CPU, ${(many.rssMiB / one.rssMiB).toFixed(2)}x peak RSS`,
  );
}

if (process.argv[2] === 'child') {
  const sc = variant(Number(process.argv[3]), Number(process.argv[4]));
  const c0 = process.cpuUsage();
  runScenario(sc);
  const c = process.cpuUsage(c0);
  console.log(`child ${(c.user + c.system) / 1000} ${process.resourceUsage().maxRSS / 1024}`);
} else {
  const only = process.env.STALEPATH_TRAFFIC_BENCH?.split(',');
  const want = (k: string) => only === undefined || only.includes(k);
  if (want('cpu')) trafficCpu();
  if (want('days')) trafficDays();
  if (want('rss')) trafficRss();
  if (want('services')) trafficServices();
}
