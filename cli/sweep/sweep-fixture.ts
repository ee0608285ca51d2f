// Shared by the sweep tests: a small scenario in a temp dir, the CLI as a child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const CLI = join(root, 'bin', 'stalepath.js');

export const PARAMS = ['faults[0].downtime=10s,40s', 'speaker.gracefulRestart.restartTime=5,60'];
export const REPLICATES = 6;
export const TOTAL = 4 * REPLICATES;

export interface Fixture {
  readonly dir: string;
  readonly scenarioFile: string;
  readonly text: string;
  /** `sweep FILE --param ... --replicates 6` */
  readonly sweepArgs: string[];
  cleanup(): void;
}

/** The default scenario, shortened (90 s, a hundred connections) so each run takes milliseconds. */
export function smallScenario(): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'stalepath-sweep-'));
  const sc = JSON.parse(readFileSync(join(root, 'scenarios', 'metallb-speaker-restart.json'), 'utf8'));
  delete sc.$schema;
  sc.duration = '90s';
  sc.workload.initialConnections = 100;
  sc.workload.arrivalRate = 1;
  sc.expect = sc.expect.filter((e: { at?: string }) => e.at === undefined || Number.parseInt(e.at, 10) < 90);
  const text = JSON.stringify(sc, null, 2);
  const scenarioFile = join(dir, 'small.json');
  writeFileSync(scenarioFile, text);
  return {
    dir,
    scenarioFile,
    text,
    sweepArgs: ['sweep', scenarioFile, ...PARAMS.flatMap((p) => ['--param', p]), '--replicates', String(REPLICATES)],
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export type Child = ChildProcess & { done: Promise<{ code: number | null; stderr: string }> };

export function cli(args: string[]): Child {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<{ code: number | null; stderr: string }>((res) =>
    child.on('close', (code) => res({ code, stderr })),
  );
  return Object.assign(child, { done });
}

/** Complete rows in a CSV output (header excluded) or lines in a JSONL one. */
export const rows = (file: string, header = 1) =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 - header : 0;
