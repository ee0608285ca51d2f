/**
 * The `sweep` and `merge` commands, added to the `stalepath` program by cli/main.ts.
 * Exit codes: 0 ok, 1 a run crashed (the output keeps every row before it; --resume continues),
 * 2 invalid input (scenario, --param, --shard, output file, shard files to merge).
 */
import { availableParallelism } from 'node:os';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { OutputError } from '../output-file.js';
import { readScenarioFile } from '../read-scenario.js';
import { SweepInputError, SweepRunError } from './errors.js';
import { parseParams } from './grid.js';
import { mergeOutputs } from './merge.js';
import { runSweep } from './run-sweep.js';
import { parseShard } from './shard.js';
import { sweepCost } from './sweep-cost.js';

interface SweepFlags {
  param: string[];
  replicates: string;
  workers?: string;
  seed?: string;
  out: string;
  shard?: string;
  resume?: boolean;
  quiet?: boolean;
  limit?: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];

function wholeNumber(flag: string, v: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n < min || n > max)
    throw new SweepInputError(`${flag} ${v}: expected a whole number from ${min} to ${max}`);
  return n;
}

/** 75 → "1m15s"; whole seconds are plenty for an ETA. */
function clock(secs: number): string {
  const t = Math.round(secs);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(t % 60).padStart(2, '0')}s` : `${t}s`;
}

function fail(e: unknown): never {
  if (e instanceof SweepInputError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  // A run that crashed, or an output that could not be written (a full disk): one line, exit 1.
  const line = String((e as Error)?.message ?? e).split('\n')[0];
  const known = e instanceof SweepRunError || e instanceof OutputError;
  process.stderr.write(known ? `${line}\n` : `internal error: ${line} (please report)\n`);
  process.exit(1);
}

async function sweepAction(file: string, f: SweepFlags): Promise<void> {
  const loaded = readScenarioFile(file);
  if (!loaded.ok) {
    for (const e of loaded.errors) process.stderr.write(`${e}\n`);
    process.exit(2);
  }
  // Refused here, before any grid point is validated; stated once everything is valid (first progress call).
  let costLine: string | undefined;
  try {
    const workers = f.workers === undefined ? undefined : wholeNumber('--workers', f.workers, 1, 1024);
    const reps = wholeNumber('--replicates', f.replicates, 1);
    costLine = sweepCost(loaded.scenario, file, parseParams(f.param), reps, workers, f.limit === false).line;
  } catch (e) {
    fail(e);
  }
  const text = loaded.text ?? '';
  const showBar = process.stderr.isTTY === true && !f.quiet;
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: 'sweep [{bar}] {percentage}% | {value}/{total} runs | {rate} runs/s | ETA {etaText}',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  const t0 = performance.now();
  let startedBar = false;
  try {
    const summary = await runSweep({
      text,
      source: file,
      params: parseParams(f.param),
      replicates: wholeNumber('--replicates', f.replicates, 1),
      baseSeed: f.seed === undefined ? undefined : wholeNumber('--seed', f.seed, 0, 2 ** 32 - 1),
      workers: f.workers === undefined ? undefined : wholeNumber('--workers', f.workers, 1, 1024),
      shard: f.shard === undefined ? undefined : parseShard(f.shard),
      out: f.out,
      resume: f.resume,
      onProgress: (written, total, kept) => {
        if (costLine !== undefined && !f.quiet) process.stderr.write(`${costLine}\n`);
        costLine = undefined;
        if (!showBar) return;
        const secs = (performance.now() - t0) / 1000;
        const perSec = secs > 0 ? (written - kept) / secs : 0;
        const payload = { rate: perSec.toFixed(1), etaText: perSec > 0 ? clock((total - written) / perSec) : '…' };
        if (!startedBar) {
          bar.start(total, written, payload);
          startedBar = true;
        } else bar.update(written, payload);
      },
    });
    if (startedBar) bar.stop();
    if (!f.quiet) {
      const secs = (performance.now() - t0) / 1000;
      const kept = summary.kept > 0 ? ` (${summary.kept} kept from the existing output)` : '';
      process.stderr.write(
        `${f.out}: ${summary.owned} of ${summary.total} runs${kept}; ran ${summary.ran} on ${summary.workers} workers in ${secs.toFixed(1)} s\n`,
      );
    }
  } catch (e) {
    if (startedBar) bar.stop();
    fail(e);
  }
}

/** Adds `sweep` and `merge` to the stalepath program. */
export function registerSweepCommands(program: Command): void {
  program
    .command('sweep')
    .description('run a scenario over a grid of parameters × replicates on every core, one row per run')
    .argument('<file>', 'scenario file')
    .option(
      '--param <PATH=VALUES>',
      'vary a scenario field: faults[0].downtime=20s,40s or speaker.gracefulRestart.restartTime=30..300:30 (repeatable)',
      collect,
      [],
    )
    .option('--replicates <k>', 'runs per grid point, each with its own seed', '1')
    .option('--workers <w>', `worker threads (default: all ${availableParallelism()} cores)`)
    .option('--seed <n>', 'base seed the run seeds derive from (default: the scenario seed)')
    .requiredOption('--out <file>', 'results.csv or results.jsonl, written row by row in run order')
    .option('--shard <I/N>', 'run only the runs whose index ≡ I (mod N); join shards with `merge`')
    .option('--resume', 'continue a killed sweep from what its output already holds')
    .option('--quiet', 'no progress bar and no summary on stderr')
    .option('--no-limit', 'run a grid beyond 10^6 runs or an estimated week, or runs beyond the run budget')
    .action((file: string, f: SweepFlags) => sweepAction(file, f));

  program
    .command('merge')
    .description('join shard outputs into one file ordered by run, checking for duplicate and missing runs')
    .argument('<files...>', 'shard outputs (all .csv or all .jsonl)')
    .requiredOption('--out <file>', 'merged output')
    .option('--runs <n>', 'runs the whole sweep has (detects missing runs at the end too)')
    .action((files: string[], f: { out: string; runs?: string }) => {
      try {
        const runs = f.runs === undefined ? undefined : wholeNumber('--runs', f.runs, 0);
        const n = mergeOutputs(files, f.out, { runs });
        process.stderr.write(`${f.out}: ${n} runs from ${files.length} file(s)\n`);
      } catch (e) {
        fail(e);
      }
    });
}
