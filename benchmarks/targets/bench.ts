// The issue-13 targets table: one line per target with the figure measured now and the command that
// measures it. Each row runs in its own child process (so peak RSS is its own), CPU time of that
// process (user + system), min of several runs where a row is cheap enough. Rows that cost minutes
// or gigabytes today (30 simulated days, 10,000 services) run only with STALEPATH_TARGETS_FULL=1.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioText, PROFILE_NAMES, runScenario, type Scenario } from '../../sim/index.js';
import { bareHold } from '../engine/bare-heap.js';
import { hold } from '../engine/hold.js';
import { ixpScenario } from '../ixp/generate.js';

const FULL = process.env.STALEPATH_TARGETS_FULL === '1';

function scenarioText(name: string): string {
  return readFileSync(join(process.cwd(), 'scenarios', `${name}.json`), 'utf8');
}

function load(text: string, file: string): Scenario {
  const r = loadScenarioText(text, file, { profiles: PROFILE_NAMES });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

/** The default scenario with its duration replaced. */
function defaultFor(seconds: number): Scenario {
  const json = JSON.parse(scenarioText('metallb-speaker-restart'));
  json.duration = `${seconds}s`;
  return load(JSON.stringify(json), `metallb-speaker-restart@${seconds}s.json`);
}

function cpuSeconds(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

function minCpu(runs: number, f: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) best = Math.min(best, cpuSeconds(f));
  return best;
}

/**
 * CPU seconds per run of `sc` as a sweep of thousands spends them: seeds 1…n, 1,000 runs to warm the
 * JIT and the heap (the default scenario's runs cost ~7 ms at first, ~3 ms after 300, ~2 ms after
 * 1,000), then the least of 5 batches' means.
 */
function sweepCpu(sc: Scenario, n = 20): number {
  const batch = () => {
    for (let i = 0; i < n; i++) runScenario(sc, { seed: i + 1 });
  };
  for (let k = 0; k < 1000 / n; k++) batch();
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 5; k++) best = Math.min(best, cpuSeconds(batch) / n);
  return best;
}

const peakRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

interface Row {
  readonly measure: string;
  readonly main: string;
  readonly target: string;
  readonly command: string;
  /** Measures in this (child) process and returns the figure as printed; undefined = not run. */
  readonly run: () => string | undefined;
}

// Child-process helpers for the ratio rows: one scenario run in a fresh process, CPU and peak RSS.
function oneRun(seconds: number): string {
  const sc = defaultFor(seconds);
  const cpu = cpuSeconds(() => runScenario(sc));
  return JSON.stringify({ cpu, rss: peakRssMiB() });
}

async function inChild(args: string[]): Promise<{ cpu: number; rss: number }> {
  return new Promise((done, fail) => {
    const child = fork(fileURLToPath(import.meta.url), args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) =>
      code === 0 ? done(JSON.parse(out.trim().split('\n').pop()!)) : fail(new Error(`exit ${code}`)),
    );
  });
}

const rows: Row[] = [
  {
    measure: 'default scenario, CPU per run',
    main: '11.6 ms',
    target: '<= 3 ms',
    command: 'npm run bench -- targets (row 1); npm run bench -- world',
    run: () => {
      return `${(sweepCpu(defaultFor(600)) * 1000).toFixed(1)} ms`;
    },
  },
  {
    measure: 'default scenario at 1 simulated day vs at 10 min',
    main: '~140x',
    target: '<= 2x',
    command: 'npm run bench -- targets (row 2)',
    run: () => {
      const a = sweepCpu(defaultFor(600));
      const b = sweepCpu(defaultFor(86_400));
      return `${(b / a).toFixed(2)}x (${(b * 1000).toFixed(1)} ms vs ${(a * 1000).toFixed(1)} ms)`;
    },
  },
  {
    measure: 'peak RSS at 30 simulated days vs 10 min',
    main: '8x',
    target: '<= 1.3x',
    command: 'STALEPATH_TARGETS_FULL=1 npm run bench -- targets (row 3)',
    run: () => undefined, // async: see ratioRss below
  },
  {
    measure: '10,000 services (traffic on one)',
    main: '45 s, 7.2 GiB',
    target: '<= 10x the one-service run, <= 2 GiB',
    command: 'STALEPATH_TARGETS_FULL=1 npm run bench -- targets (row 4)',
    // pending (bulk traffic): the scenario generator for N services comes with the lean groups.
    run: () => undefined,
  },
  {
    measure: 'IXP route server, 1,000 members',
    main: '45 s',
    target: '<= 5 s',
    command: 'npm run bench -- ixp (STALEPATH_IXP_MEMBERS, STALEPATH_IXP_RUNS)',
    run: () => {
      const sc = load(JSON.stringify(ixpScenario(1000)), 'ixp-1000.json');
      const cpu = minCpu(1, () => runScenario(sc));
      return `${cpu.toFixed(1)} s, peak RSS ${peakRssMiB().toFixed(0)} MiB`;
    },
  },
  {
    measure: 'engine hold model / bare heap',
    main: '0.61-0.74x',
    target: '>= 0.9x',
    command: 'npm run bench -- engine',
    run: () => {
      const out: string[] = [];
      for (const n of [1_000, 100_000, 1_000_000]) {
        let api = 0;
        let bare = 0;
        for (let r = 0; r < 2; r++) {
          api = Math.max(api, hold(n, 2_000_000, 1).eventsPerSecond);
          bare = Math.max(bare, bareHold(n, 2_000_000, 1));
        }
        out.push(`${(api / bare).toFixed(2)}x at N=${n}`);
      }
      return out.join(', ');
    },
  },
];

async function ratioRss(): Promise<string | undefined> {
  if (!FULL) return undefined;
  const a = await inChild(['run', '600']);
  const b = await inChild(['run', String(30 * 86_400)]);
  return `${(b.rss / a.rss).toFixed(2)}x (${b.rss.toFixed(0)} MiB vs ${a.rss.toFixed(0)} MiB)`;
}

const [mode, arg] = process.argv.slice(2);
if (mode === 'run') {
  console.log(oneRun(Number(arg)));
} else if (mode === 'row') {
  console.log(rows[Number(arg)].run() ?? '');
} else {
  console.log('| measure | main before issue 13 | target | now | command |');
  console.log('|---|---|---|---|---|');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let now: string | undefined;
    if (i === 2) now = await ratioRss();
    else if (i === 3) now = undefined;
    else {
      now = await new Promise<string>((done) => {
        const child = fork(fileURLToPath(import.meta.url), ['row', String(i)], {
          stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
        });
        let out = '';
        child.stdout?.on('data', (d) => {
          out += d;
        });
        child.on('exit', (code) => done(code === 0 ? out.trim() : `failed (exit ${code})`));
      });
    }
    const shown = now ?? (i === 3 ? 'pending (bulk traffic)' : 'not run (STALEPATH_TARGETS_FULL=1: minutes, GiB)');
    console.log(`| ${row.measure} | ${row.main} | ${row.target} | ${shown} | \`${row.command}\` |`);
  }
}
