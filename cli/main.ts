// The `stalepath` command: run, explain, neighbors, validate, list, schema (and sweep).
// Exit codes: 0 ok, 1 an expectation failed, 2 invalid input.
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  explainRun,
  formatSummary,
  neighborsAt,
  neighborsStatusAt,
  parseDuration,
  type RunResult,
  runScenario,
  SCENARIO_JSON_SCHEMA,
  type Scenario,
  type Time,
  VERSION,
} from '../sim/index.js';
import { guardCost, NO_LIMIT_FLAG, NO_LIMIT_HELP } from './cost-guard.js';
import { neighborsJson, registerImportCommands } from './import/index.js';
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
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 32 - 1)
    throw new InvalidArgumentError(`${v} is not a seed (0..4294967295)`);
  return n;
}

function durationOption(v: string): Time {
  const d = parseDuration(/^\d+(\.\d+)?$/.test(v) ? Number(v) : v);
  if (d === undefined) throw new InvalidArgumentError(`${v} is not a duration such as "45s", "300ms", "2h"`);
  return d;
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
    const r = runScenario(sc, { seed: opts.seed, keepTrace: Boolean(opts.trace) });
    if (opts.trace) writeFileSync(opts.trace, r.traceJsonLines ?? '');
    process.stdout.write(opts.json ? `${JSON.stringify(resultJson(r))}\n` : formatSummary(r, sc));
    process.exit(r.expectations.every((e) => e.passed) ? 0 : 1);
  });

program
  .command('explain')
  .description('narrate the timeline step by step, each step with the RFC clause behind it')
  .argument('<file>', 'scenario file')
  .option('--seed <n>', 'run seed', seedOption)
  .option(NO_LIMIT_FLAG, NO_LIMIT_HELP)
  .action((file: string, opts: { seed?: number }) => {
    const sc = load(file);
    guardCost(sc, file, opts);
    for (const line of explainRun(sc, { seed: opts.seed })) process.stdout.write(`${line}\n`);
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
    process.stdout.write(
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
    process.stdout.write(
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
      process.stdout.write(`${sc.name.padEnd(36)} ${sc.title}\n`);
    }
  });

program
  .command('schema')
  .description('print the JSON Schema of the scenario format (for editors)')
  .action(() => {
    process.stdout.write(`${JSON.stringify(SCENARIO_JSON_SCHEMA, null, 2)}\n`);
  });

registerSweepCommands(program);
registerImportCommands(program);

await program.parseAsync(process.argv);
