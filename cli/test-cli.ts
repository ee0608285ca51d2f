// Runs the real `bin/stalepath.js` as a child process, as users do, with a timeout so a hang
// fails the test instead of stalling the suite. Shared by the CLI's hardening tests.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const BIN = fileURLToPath(new URL('../bin/stalepath.js', import.meta.url));
export const SCENARIO = fileURLToPath(new URL('../scenarios/metallb-speaker-restart.json', import.meta.url));

export const tmpDir = (name: string): string => mkdtempSync(join(tmpdir(), `stalepath-${name}-`));

export interface CliOptions {
  readonly input?: string | Buffer;
  readonly stdio?: 'pipe' | [string | number, string | number, string | number];
  readonly cwd?: string;
}

export function cli(args: readonly string[], o: CliOptions = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    input: o.input,
    stdio: o.stdio as never,
    cwd: o.cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Exit code `code`, exactly `lines` lines on stderr each matching in turn, and no stack frame anywhere. */
export function expectRefused(r: SpawnSyncReturns<string>, code: number, ...lines: RegExp[]): void {
  const all = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  expect(r.signal, `killed by ${r.signal} (a hang?)`).toBeNull();
  expect(all).not.toMatch(/^ {4}at /m);
  expect(r.status, all).toBe(code);
  const got = (r.stderr ?? '').split('\n').filter((l) => l !== '');
  expect(got).toHaveLength(lines.length);
  lines.forEach((re, i) => {
    expect(got[i]).toMatch(re);
  });
}
