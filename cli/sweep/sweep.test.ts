import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioText, PROFILE_NAMES, runScenario } from '../../sim/index.js';
import { SweepInputError } from './errors.js';
import { parseParams } from './grid.js';
import { runSweep } from './run-sweep.js';
import { runSeed } from './seeds.js';
import { PARAMS, REPLICATES, smallScenario, TOTAL } from './sweep-fixture.js';
import { TSX_WORKER_FILE } from './worker-bundle.js';

const f = smallScenario();
afterAll(() => f.cleanup());

describe('sweep', () => {
  let reference = '';

  // The 1-worker run loads the tsx entry, the 2-worker run the esbuild bundle: both paths, one answer.
  it('writes the same file with 1 worker as with 2, one row per run of grid × replicates', async () => {
    const params = parseParams(PARAMS);
    const one = join(f.dir, 'w1.csv');
    const two = join(f.dir, 'w2.csv');
    await runSweep({
      text: f.text,
      source: f.scenarioFile,
      params,
      replicates: REPLICATES,
      workers: 1,
      out: one,
      workerFile: TSX_WORKER_FILE,
    });
    await runSweep({ text: f.text, source: f.scenarioFile, params, replicates: REPLICATES, workers: 2, out: two });
    reference = readFileSync(one, 'utf8');
    expect(readFileSync(two, 'utf8')).toBe(reference);
    const lines = reference.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + TOTAL);
    expect(lines[0]).toMatch(
      /^run,point,replicate,seed,faults\[0\]\.downtime,speaker\.gracefulRestart\.restartTime,connections\.started,/,
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual(
      Array.from({ length: TOTAL }, (_, r) => {
        const p = Math.floor(r / REPLICATES);
        const k = r % REPLICATES;
        return `${r},${p},${k},${runSeed(1, p, k)},${['10s', '40s'][p >> 1]},${[5, 60][p & 1]}`;
      }),
    );
  });

  it('matches a direct run of the overridden scenario with the row’s seed', () => {
    const cols = reference.split('\n')[0].split(',');
    const row = reference.split('\n')[1 + 2 * REPLICATES + 1].split(','); // downtime 40s, restart time 5 s
    const sc = JSON.parse(f.text);
    sc.faults[0].downtime = '40s';
    sc.speaker.gracefulRestart.restartTime = 5;
    const loaded = loadScenarioText(JSON.stringify(sc), 'x', { profiles: PROFILE_NAMES });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const r = runScenario(loaded.scenario, { seed: Number(row[cols.indexOf('seed')]) });
    expect(row[cols.indexOf('traceHash')]).toBe(r.traceHash);
    expect(Number(row[cols.indexOf('connections.reset')])).toBe(r.metrics.connections.reset);
    expect(Number(row[cols.indexOf('packets.lost')])).toBe(r.metrics.packets.lost);
    expect(Number(row[cols.indexOf('connections.reconnects')])).toBe(r.metrics.connections.reconnects);
    expect(Number(row[cols.indexOf('connections.stallSurvived')])).toBe(r.metrics.connections.stallSurvived);
    expect(Number(row[cols.indexOf('stall.p99Seconds')])).toBe(r.metrics.stall.p99Seconds);
  });

  it('keeps the first columns in their places and adds the stall and per-family columns after traceHash', () => {
    const cols = reference.split('\n')[0].split(',');
    expect(cols.slice(6, 23)).toEqual([
      'connections.started',
      'connections.reset',
      'connections.resetByCause.rehash',
      'connections.resetByCause.blackhole',
      'connections.resetByCause.nodeFailure',
      'connections.resetByCause.noRoute',
      'packets.delivered',
      'packets.lost',
      'blackholeSeconds',
      'noRouteSeconds',
      'routeChurn.updates',
      'routeChurn.withdrawals',
      'detectionSeconds',
      'sessionFlaps',
      'expectationsPassed',
      'expectationsFailed',
      'traceHash',
    ]);
    expect(cols.slice(23, 32)).toEqual([
      'connections.stalled',
      'connections.stallSurvived',
      'connections.gaveUp',
      'connections.reconnects',
      'stall.p50Seconds',
      'stall.p99Seconds',
      'stall.maxSeconds',
      'stall.userSeconds',
      'stall.blackholedSeconds',
    ]);
    expect(cols.slice(32, 34)).toEqual(['byFamily.ipv4.connections.started', 'byFamily.ipv4.connections.reset']);
  });

  it('rejects a --param path the scenario does not have before running anything', async () => {
    const out = join(f.dir, 'bad-path.csv');
    const params = parseParams(['faults[2].downtime=10s']);
    await expect(runSweep({ text: f.text, source: f.scenarioFile, params, replicates: 1, out })).rejects.toThrow(
      SweepInputError,
    );
    await expect(runSweep({ text: f.text, source: f.scenarioFile, params, replicates: 1, out })).rejects.toThrow(
      '--param faults[2].downtime: faults has 1 item, so [2] does not exist',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to sweep the scenario seed, which every run overrides', async () => {
    const out = join(f.dir, 'seed.csv');
    await expect(
      runSweep({ text: f.text, source: f.scenarioFile, params: parseParams(['seed=1,2']), replicates: 1, out }),
    ).rejects.toThrow(/^--param seed: each run gets its own seed/);
    expect(existsSync(out)).toBe(false);
  });

  it('stops at a crashing run, naming it, and keeps every row before it', async () => {
    const out = join(f.dir, 'crash.csv');
    const workerFile = fileURLToPath(new URL('./fixtures/failing-worker.mjs', import.meta.url));
    await expect(
      runSweep({ text: f.text, source: f.scenarioFile, params: [], replicates: 6, workers: 1, out, workerFile }),
    ).rejects.toThrow(/^run 2 failed: simulated invariant failure \(please report\)$/);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['0', '1']);
  });

  it('refuses to resume an output whose rows the current scenario no longer gives', async () => {
    const out = join(f.dir, 'changed.csv');
    const params = parseParams(PARAMS);
    writeFileSync(out, `${reference.split('\n').slice(0, 4).join('\n')}\n`);
    const changed = f.text.replace('"packetRate": 10', '"packetRate": 11');
    expect(changed).not.toBe(f.text);
    await expect(
      runSweep({ text: changed, source: f.scenarioFile, params, replicates: REPLICATES, out, resume: true }),
    ).rejects.toThrow(/cannot resume: run 2 now gives a different row than the file holds/);
    await runSweep({
      text: f.text,
      source: f.scenarioFile,
      params,
      replicates: REPLICATES,
      workers: 2,
      out,
      resume: true,
    });
    expect(readFileSync(out, 'utf8')).toBe(reference);
  });

  it('with no --param runs the replicates alone, in JSON Lines too', async () => {
    const out = join(f.dir, 'replicates.jsonl');
    await runSweep({ text: f.text, source: f.scenarioFile, params: [], replicates: 3, workers: 2, out });
    const objs = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(objs.map((o) => [o.run, o.point, o.replicate, o.seed])).toEqual(
      [0, 1, 2].map((k) => [k, 0, k, runSeed(1, 0, k)]),
    );
    expect(Object.keys(objs[0]).slice(0, 5)).toEqual(['run', 'point', 'replicate', 'seed', 'connections.started']);
    expect(new Set(objs.map((o) => o.traceHash)).size).toBe(3);
  });
});
