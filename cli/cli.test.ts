// The `stalepath` command as users run it: a child process, real files, real exit codes.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/stalepath.js', import.meta.url));
const scenario = fileURLToPath(new URL('../scenarios/metallb-speaker-restart.json', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'stalepath-cli-'));
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

function variant(name: string, mutate: (j: Record<string, any>) => void): string {
  const j = JSON.parse(readFileSync(scenario, 'utf8'));
  mutate(j);
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(j));
  return f;
}

describe('stalepath CLI', () => {
  it('run --json prints one JSON object with the documented fields and exits 0', () => {
    const out = execFileSync(process.execPath, [bin, 'run', scenario, '--json'], { encoding: 'utf8' });
    const r = JSON.parse(out);
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining(['scenario', 'seed', 'version', 'traceHash', 'metrics', 'expectations']),
    );
    expect(r.metrics.connections).toMatchObject({
      reset: 0,
      resetByCause: { rehash: 0, blackhole: 0, nodeFailure: 0, noRoute: 0 },
    });
    expect(r.metrics.routeChurn).toHaveProperty('withdrawals');
    expect(r.expectations.every((e: { passed: boolean }) => e.passed)).toBe(true);
  });

  it('run --seed changes the trace hash, and the same seed reproduces it', () => {
    const hash = (seed: string) => JSON.parse(cli('run', scenario, '--json', '--seed', seed).stdout).traceHash;
    expect(hash('5')).toBe(hash('5'));
    expect(hash('5')).not.toBe(hash('6'));
  });

  it('exits 1 when an expectation fails', () => {
    const f = variant('failing.json', (j) => {
      j.expect = [{ name: 'impossible', metric: 'connections.started', op: '==', value: -1 }];
    });
    const r = cli('run', f);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAIL  impossible');
  });

  it('exits 2 with clear errors for invalid, missing and unreadable files', () => {
    const bad = variant('bad.json', (j) => {
      j.speaker.gracefulRestart.restartTime = 5000;
    });
    const r = cli('validate', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `${bad}: speaker.gracefulRestart.restartTime: 5000 exceeds the 12-bit field of RFC 4724 (max 4095 s)\n`,
    );
    expect(cli('run', join(dir, 'nope.json'))).toMatchObject({
      status: 2,
      stderr: `${join(dir, 'nope.json')}: cannot read (no such file)\n`,
    });
    expect(cli('run', dir)).toMatchObject({ status: 2, stderr: `${dir}: is a directory, not a scenario file\n` });
    expect(cli('neighbors', scenario, '--at', 'soon').status).toBe(2);
  });

  it('explain narrates the restart with RFC clauses', () => {
    const r = cli('explain', scenario);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /tor-1>node-2 +session down \(tcp-closed\): graceful restart applies .*\[RFC 4724 §4\.2\]/,
    );
    expect(r.stdout).toMatch(/tor-1>node-2 +routes-stale ipv4-unicast \(tcp-closed\) \[RFC 4724 §4\.2\]/);
    expect(r.stdout).toMatch(/node-2>tor-1 +sent End-of-RIB/);
  });

  it('explain --trace narrates a trace file as explain narrates the run, and refuses a malformed line by file, line, field and value', () => {
    const trace = join(dir, 'run.jsonl');
    expect(cli('run', scenario, '--trace', trace).status).toBe(0);
    const fromTrace = cli('explain', '--trace', trace);
    expect(fromTrace.status).toBe(0);
    expect(fromTrace.stdout).toBe(cli('explain', scenario).stdout);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(
      bad,
      `${readFileSync(trace, 'utf8').split('\n')[0]}\n{"t":5,"type":"bgp-down","subject":"x","reason":"r","gr":"yes","clause":"c"}\n`,
    );
    expect(cli('explain', '--trace', bad)).toMatchObject({
      status: 2,
      stdout: '',
      stderr: `${bad}:2: gr: "yes": Invalid input: expected boolean, received string\n`,
    });
    expect(cli('explain').status).toBe(2);
  });

  it('list shows every bundled scenario with its title', () => {
    const r = cli('list');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^metallb-speaker-restart +MetalLB speaker pod restart with graceful restart on$/m);
  });
});
