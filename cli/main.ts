// The `stalepath` command: run, explain, neighbors, validate, list, schema (and sweep).
// Exit codes: 0 ok, 1 an expectation failed, 2 invalid input.
import { closeSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  explainRecords,
  explainRun,
  formatSummary,
  neighborsAt,
  neighborsStatusAt,
  parseDuration,
  type RunResult,
  readTraceLines,
  runScenario,
  SCENARIO_JSON_SCHEMA,
  type Scenario,
  type Time,
  VERSION,
} from '../sim/index.js';
import { registerCalibrateCommand } from './calibrate.js';
import { guardCost, NO_LIMIT_FLAG, NO_LIMIT_HELP } from './cost-guard.js';
import { neighborsJson, registerImportCommands } from './import/index.js';
import { readInputFile } from './input-file.js';
import { registerLiveCommand } from './live.js';
import { OutputError, openOutputFile, writeAllSync, writeStdout } from './output-file.js';
import { readScenarioFile } from './read-scenario.js';
import { registerSweepCommands } from './sweep/index.js';

const here = dirname(fileURLToPath(import.meta.url));
// `stalepath explain … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1));
export const SCENARIO_DIR = resolve(here, '..', 'scenarios');

function load(file: string): Scenario {
  const r = readScenarioFile(file);
  if (!r.ok) {
    for (const e of r.errors) process.stderr.write(`${e}\n`);
    process.exit(2);
  }
  for (const w of r.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
  return r.scenario;
}

function seedOption(v: string): number {
  // Digits only: Number('') is 0 and Number('0x10') is 16, neither of which the user wrote.
  const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 32 - 1)
    throw new InvalidArgumentError(`${v} is not a seed (0..4294967295)`);
  return n;
}

function durationOption(v: string): Time {
  let d: Time | undefined;
  try {
    d = parseDuration(/^\d+(\.\d+)?$/.test(v) ? Number(v) : v);
  } catch {
    // 99999999999999999999 s is beyond the microsecond clock (2^53 µs): not a moment of any run.
    throw new InvalidArgumentError(
      `${v} is too long a duration (the clock ends at ${Number.MAX_SAFE_INTEGER / 1e6} s)`,
    );
  }
  if (d !== undefined && !Number.isSafeInteger(d))
    throw new InvalidArgumentError(
      `${v} is too long a duration (the clock ends at ${Number.MAX_SAFE_INTEGER / 1e6} s)`,
    );
  if (d === undefined) throw new InvalidArgumentError(`${v} is not a duration such as "45s", "300ms", "2h"`);
  return d;
}

/** Runs `f`; an OutputError becomes its one line on stderr and exit `code`. */
function orExit<T>(f: () => T, code: number): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof OutputError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(code);
  }
}

function resultJson(r: RunResult) {
  return {
    scenario: r.scenario,
    seed: r.seed,
    version: r.version,
    traceHash: r.traceHash,
    events: r.events,
    metrics: r.metrics,
    expectations: r.expectations,
  };
}

const program = new Command()
  .name('stalepath')
  .description('Deterministic simulator of BGP graceful restart, BFD and ECMP traffic loss')
  .version(VERSION)
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

program
  .command('run')
  .description('run a scenario and print its summary')
  .argument('[file]', 'scenario file', join(SCENARIO_DIR, 'metallb-speaker-restart.json'))
  .option('--seed <n>', 'run seed (default: the scenario seed)', seedOption)
  .option('--json', 'one JSON object on stdout')
  .option('--trace <file.jsonl>', 'write the trace as JSON Lines')
  .option(NO_LIMIT_FLAG, NO_LIMIT_HELP)
  .action((file: string, opts: { seed?: number; json?: boolean; trace?: string }) => {
    const sc = load(file);
    guardCost(sc, file, opts);
    // The trace file is opened before the run: a bad path fails now, not after the simulation.
    const traceFd = opts.trace === undefined ? undefined : orExit(() => openOutputFile(opts.trace as string), 2);
    const r = runScenario(sc, { seed: opts.seed, keepTrace: traceFd !== undefined });
    if (traceFd !== undefined)
      orExit(() => {
        writeAllSync(traceFd, r.traceJsonLines ?? '', opts.trace as string);
        closeSync(traceFd);
      }, 1);
    writeStdout(opts.json ? `${JSON.stringify(resultJson(r))}\n` : formatSummary(r, sc));
    process.exit(r.expectations.every((e) => e.passed) ? 0 : 1);
  });

// A trace is read whole; a long run's trace can be far larger than a scenario.
const TRACE_LIMIT_BYTES = 1024 * 1024 * 1024;

program
  .command('explain')
  .description('narrate the timeline step by step, each step with the RFC clause behind it')
  .argument('[file]', 'scenario file (run, then narrated)')
  .option('--trace <file.jsonl>', 'narrate a trace written by `run --trace` or `live --trace` instead of running')
  .option('--seed <n>', 'run seed', seedOption)
  .option(NO_LIMIT_FLAG, NO_LIMIT_HELP)
  .action((file: string | undefined, opts: { seed?: number; trace?: string }) => {
    if ((file === undefined) === (opts.trace === undefined)) {
      process.stderr.write('explain: give either a scenario file or --trace <file.jsonl> (exactly one)\n');
      process.exit(2);
    }
    let lines: string[];
    if (opts.trace !== undefined) {
      const input = readInputFile(opts.trace, 'a trace', TRACE_LIMIT_BYTES);
      const read =
        'error' in input ? { ok: false as const, errors: [input.error] } : readTraceLines(input.text, opts.trace);
      if (!read.ok) {
        for (const e of read.errors) process.stderr.write(`${e}\n`);
        process.exit(2);
      }
      lines = explainRecords(read.records);
    } else {
      const sc = load(file!);
      guardCost(sc, file!, opts);
      lines = explainRun(sc, { seed: opts.seed });
    }
    writeStdout(lines.map((line) => `${line}\n`).join(''));
  });

program
  .command('neighbors')
  .description('what `show bgp neighbors` would print for graceful restart at a moment of the run')
  .argument('<file>', 'scenario file')
  .requiredOption('--at <time>', 'moment of the run, e.g. 45s', durationOption)
  .option('--router <name>', 'only this router')
  .option('--seed <n>', 'run seed', seedOption)
  .addOption(new Option('--format <format>', 'FRR text or FRR-style JSON').choices(['frr', 'json']).default('frr'))
  .option(NO_LIMIT_FLAG, NO_LIMIT_HELP)
  .action((file: string, opts: { at: Time; router?: string; seed?: number; format: 'frr' | 'json' }) => {
    const sc = load(file);
    guardCost(sc, file, opts);
    if (opts.router !== undefined && !sc.routers.some((r) => r.name === opts.router)) {
      process.stderr.write(
        `--router: no router named "${opts.router}" (known: ${sc.routers.map((r) => r.name).join(', ')})\n`,
      );
      process.exit(2);
    }
    if (opts.at > sc.duration) {
      process.stderr.write(`--at: ${opts.at / 1e6} s is after the end of the run (${sc.duration / 1e6} s)\n`);
      process.exit(2);
    }
    const o = { at: opts.at, router: opts.router, seed: opts.seed };
    writeStdout(
      opts.format === 'json'
        ? `${JSON.stringify(neighborsJson(opts.at / 1e6, neighborsStatusAt(sc, o)), null, 2)}\n`
        : neighborsAt(sc, o),
    );
  });

program
  .command('validate')
  .description('check a scenario file and report every problem')
  .argument('<file>', 'scenario file')
  .option(NO_LIMIT_FLAG, NO_LIMIT_HELP)
  .action((file: string, opts: object) => {
    const sc = load(file);
    guardCost(sc, file, opts);
    writeStdout(
      `${file}: valid (${sc.nodes.length} nodes, ${sc.routers.length} routers, ${sc.faults.length} faults)\n`,
    );
  });

program
  .command('list')
  .description('the bundled scenarios with their one-line purpose')
  .action(() => {
    for (const f of readdirSync(SCENARIO_DIR)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const sc = load(join(SCENARIO_DIR, f));
      writeStdout(`${sc.name.padEnd(36)} ${sc.title}\n`);
    }
  });

program
  .command('schema')
  .description('print the JSON Schema of the scenario format (for editors)')
  .action(() => {
    writeStdout(`${JSON.stringify(SCENARIO_JSON_SCHEMA, null, 2)}\n`);
  });

registerSweepCommands(program);
registerLiveCommand(program, load);
registerCalibrateCommand(program, SCENARIO_DIR);
registerImportCommands(program);

// The net under everything above: whatever still escapes is our bug, reported in one line
// (the real causes, unreadable files, bad flags and outputs, are each handled where they arise).
function internalError(e: unknown): never {
  const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
  process.stderr.write(`internal error: ${msg} (please report)\n`);
  process.exit(1);
}
process.on('uncaughtException', internalError);
process.on('unhandledRejection', internalError);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  internalError(e);
}
