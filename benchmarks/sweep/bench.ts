// Sweep throughput: the default scenario (3 nodes, 2 routers, ~10,000 connections, 10 simulated
// minutes) as a sweep of replicates on every core through the piscina pool, exactly as
// `stalepath sweep` runs it. `npm run bench` bundles this file into a temp dir, so paths are
// found from the working directory (the repo root) and esbuild is loaded from there too.
// The sweep modules themselves are loaded through tsx at run time (sweep-modules.js): the runner's bundle cannot hold
// piscina (CommonJS that requires Node built-ins and starts its own worker script by path). The
// worker threads still load one esbuild bundle, as the CLI's do, so tsx stays out of the runs.
// STALEPATH_SWEEP_RUNS sets the number of runs (default 240).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as RunSweep from '../../cli/sweep/run-sweep.js';
import type * as WorkerBundle from '../../cli/sweep/worker-bundle.js';
import { loadScenarioText, PROFILE_NAMES, prepareScenario, runScenario } from '../../sim/index.js';

function repoRoot(): string {
  for (let d = process.cwd(); ; d = dirname(d)) {
    if (existsSync(join(d, 'cli', 'sweep', 'worker.ts'))) return d;
    if (dirname(d) === d) throw new Error('run from inside the stalepath checkout');
  }
}

const root = repoRoot();
const file = join(root, 'scenarios', 'metallb-speaker-restart.json');
const text = readFileSync(file, 'utf8');
const loaded = loadScenarioText(text, file, { profiles: PROFILE_NAMES });
if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
const simulatedSeconds = loaded.scenario.duration / 1e6;
const runs = Number(process.env.STALEPATH_SWEEP_RUNS ?? 240);
const workers = availableParallelism();

// One core, main thread, no pool: the ceiling the pool divides by its overhead (one prepared
// scenario, as each worker prepares its grid point once).
const prepared = prepareScenario(loaded.scenario);
for (let i = 0; i < 10; i++) runScenario(prepared, { seed: 1000 + i });
const t1 = performance.now();
const single = 20;
for (let i = 0; i < single; i++) runScenario(prepared, { seed: 2000 + i });
const oneRun = (performance.now() - t1) / single / 1000;
console.log(`sweep.single-run default scenario (main thread): ${(oneRun * 1000).toFixed(1)} ms`);
console.log(`sweep.single-core default scenario: ${(1 / oneRun).toFixed(1)} runs/s`);

const req = createRequire(join(root, 'package.json'));
const load = (path: string) => import(pathToFileURL(path).href);
const { runSweep, prepareWorker } = (await load(join(root, 'benchmarks', 'sweep', 'sweep-modules.js'))) as Pick<
  typeof RunSweep,
  'runSweep'
> &
  Pick<typeof WorkerBundle, 'prepareWorker'>;
const esbuild = await load(req.resolve('esbuild'));
const tb = performance.now();
const worker = await prepareWorker({ source: join(root, 'cli', 'sweep', 'worker.ts'), esbuild });
console.log(`sweep.worker bundle: ${((performance.now() - tb) / 1000).toFixed(2)} s`);

/** One sweep of `runs` replicates on `w` workers: wall seconds, and runs/s from first row to last. */
async function sweep(runs: number, w: number): Promise<{ wall: number; steadyRate: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'stalepath-bench-sweep-'));
  let firstRow = 0;
  let firstRows = 0;
  let lastRow = 0;
  const t0 = performance.now();
  try {
    await runSweep({
      text,
      source: file,
      params: [],
      replicates: runs,
      workers: w,
      out: join(dir, 'out.jsonl'),
      workerFile: worker.filename,
      onProgress: (written) => {
        if (written === 0) return;
        lastRow = performance.now();
        if (firstRow === 0) {
          firstRow = lastRow;
          firstRows = written;
        }
      },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { wall: (performance.now() - t0) / 1000, steadyRate: (runs - firstRows) / ((lastRow - firstRow) / 1000) };
}

try {
  const one = await sweep(Math.ceil(runs / 4), 1);
  console.log(`sweep.throughput 1 worker (first row to last row): ${one.steadyRate.toFixed(1)} runs/s`);
  const all = await sweep(runs, workers);
  console.log(`sweep.default scenario ${runs} runs on ${workers} workers: ${all.wall.toFixed(2)} s`);
  console.log(`sweep.throughput ${workers} workers (pool start to last row): ${(runs / all.wall).toFixed(1)} runs/s`);
  console.log(`sweep.throughput ${workers} workers (first row to last row): ${all.steadyRate.toFixed(1)} runs/s`);
  console.log(`sweep.simulated/wall-clock: ${((runs * simulatedSeconds) / all.wall).toFixed(0)} ×`);
  console.log(`sweep.10000-run sweep (extrapolated): ${(10_000 / all.steadyRate).toFixed(0)} s`);
} finally {
  worker.dispose();
}
