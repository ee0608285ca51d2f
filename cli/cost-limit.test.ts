// Issue 16: over-budget runs are refused before they start; --no-limit overrides; sweeps state
// their size and refuse grids beyond the bound.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { estimateCost, loadScenarioText, PROFILE_NAMES } from '../sim/index.js';
import { parseParams } from './sweep/grid.js';
import { sweepCost } from './sweep/sweep-cost.js';

const bin = fileURLToPath(new URL('../bin/stalepath.js', import.meta.url));
const scenario = fileURLToPath(new URL('../scenarios/metallb-speaker-restart.json', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'stalepath-cost-'));
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });

const base = JSON.parse(readFileSync(scenario, 'utf8'));
const huge = join(dir, 'huge.json');
writeFileSync(huge, JSON.stringify({ ...base, workload: { ...base.workload, arrivalRate: 1_000_000 } }));
const small = join(dir, 'small.json');
writeFileSync(
  small,
  JSON.stringify({ ...base, duration: '90s', expect: [], workload: { ...base.workload, initialConnections: 100 } }),
);

describe('cost budget in the CLI', () => {
  for (const cmd of [['run'], ['explain'], ['validate'], ['neighbors', '--at', '10s']]) {
    it(`${cmd[0]} refuses an over-budget scenario with exit 2 and one line naming the estimate, budget and --no-limit`, () => {
      const r = cli(cmd[0], huge, ...cmd.slice(1));
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /^.*huge\.json: estimated \S+ events and \S+ GiB exceed the budget of 5\.0e7 events and 1\.00 GiB \(pass --no-limit to run anyway\)\n$/,
      );
    });
  }

  it('validate --no-limit accepts the same scenario', () => {
    const r = cli('validate', huge, '--no-limit');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('run accepts --no-limit on a scenario within budget and runs it as before', () => {
    const r = cli('run', scenario, '--json', '--no-limit');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).scenario).toBe('metallb-speaker-restart');
  });

  it('sweep refuses a grid of 4·10^9 runs at once, stating its run count, time and the flag', () => {
    const t0 = performance.now();
    const r = cli(
      'sweep',
      small,
      ...['--param', 'workload.arrivalRate=1..2000:1', '--param', 'workload.packetRate=1..2000:1'],
      ...['--param', 'workload.packetSize=100..1099:1', '--out', join(dir, 'x.csv')],
    );
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^.*small\.json: sweep of 4000000000 runs, about .* each .*, about .* on \d+ workers: beyond the bound of 1000000 runs or 7d00h \(pass --no-limit to sweep anyway\)\n$/,
    );
  });

  it('sweep states its run count and estimated time before it runs', () => {
    const out = join(dir, 'ok.csv');
    const r = cli('sweep', small, '--param', 'faults[0].downtime=10s,20s', '--workers', '1', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stderr.split('\n')[0]).toMatch(
      /small\.json: sweep of 2 runs, about [\d.]+s each \(\d+ events, [\d.]+ MiB\), about [\d.]+s on 1 workers$/,
    );
  });

  it('--no-limit lifts the sweep bound; the per-run budget applies to each run unless lifted', () => {
    const r = loadScenarioText(readFileSync(small, 'utf8'), small, { profiles: PROFILE_NAMES });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const grid = parseParams(['workload.packetSize=100..1099:1', 'workload.packetRate=1..2000:1']);
    expect(() => sweepCost(r.scenario, 'small.json', grid, 1, 2, false)).toThrow(/beyond the bound/);
    expect(sweepCost(r.scenario, 'small.json', grid, 1, 2, true).runs).toBe(2_000_000);
    const big = { ...r.scenario, workload: { ...r.scenario.workload, arrivalRate: 1_000_000 } };
    expect(estimateCost(big).events).toBeGreaterThan(5e7);
    expect(() => sweepCost(big, 'big.json', [], 1, 1, false)).toThrow(
      /^big\.json: estimated .* exceed the budget .* per run \(pass --no-limit to sweep anyway\)$/,
    );
    expect(sweepCost(big, 'big.json', [], 1, 1, true).runs).toBe(1);
  });
});
