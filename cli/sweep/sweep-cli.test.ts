import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseParams } from './grid.js';
import { mergeOutputs } from './merge.js';
import { runSweep } from './run-sweep.js';
import { cli, PARAMS, REPLICATES, rows, smallScenario, TOTAL } from './sweep-fixture.js';

const f = smallScenario();
let reference = '';
beforeAll(async () => {
  const out = join(f.dir, 'reference.csv');
  await runSweep({ text: f.text, source: f.scenarioFile, params: parseParams(PARAMS), replicates: REPLICATES, out });
  reference = readFileSync(out, 'utf8');
});
afterAll(() => f.cleanup());

describe('sweep as separate processes', () => {
  it('runs two shards as separate processes whose merge equals the single-process file', async () => {
    const base = f.sweepArgs;
    const shards = [0, 1].map((i) =>
      cli([...base, '--workers', '1', '--shard', `${i}/2`, '--out', join(f.dir, `shard-${i}.csv`)]),
    );
    for (const s of shards) expect((await s.done).code).toBe(0);
    mergeOutputs([join(f.dir, 'shard-1.csv'), join(f.dir, 'shard-0.csv')], join(f.dir, 'merged.csv'), { runs: TOTAL });
    expect(rows(join(f.dir, 'shard-0.csv'))).toBe(TOTAL / 2);
    expect(readFileSync(join(f.dir, 'merged.csv'), 'utf8')).toBe(reference);
  });

  it('exits 2 before running anything on invalid input, naming what is wrong', async () => {
    const out = join(f.dir, 'bad.csv');
    const [param, shard] = await Promise.all([
      cli(['sweep', f.scenarioFile, '--param', 'speaker.gracefulRestart.restartTime=60,5000', '--out', out]).done,
      cli(['sweep', f.scenarioFile, '--shard', '2/2', '--out', out]).done,
    ]);
    expect(param.stderr).toBe(
      `${f.scenarioFile}: --param speaker.gracefulRestart.restartTime=5000: speaker.gracefulRestart.restartTime: 5000 exceeds the 12-bit field of RFC 4724 (max 4095 s)\n`,
    );
    expect(shard.stderr).toBe('--shard 2/2: I must be below N (shards are numbered 0..1)\n');
    expect([param.code, shard.code]).toEqual([2, 2]);
    expect(existsSync(out)).toBe(false);
  });

  it('resumes a sweep killed with SIGKILL midway into the file an uninterrupted sweep writes', async () => {
    const out = join(f.dir, 'killed.csv');
    const args = [...f.sweepArgs, '--workers', '1', '--out', out];
    const child = cli(args);
    while (rows(out) < 3 && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await child.done;
    const kept = readFileSync(out, 'utf8');
    expect(rows(out)).toBeGreaterThanOrEqual(3);
    expect(rows(out)).toBeLessThan(TOTAL);
    expect(reference.startsWith(kept.slice(0, kept.lastIndexOf('\n') + 1))).toBe(true);
    const resumed = await cli([...args, '--resume', '--workers', '2']).done;
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/kept from the existing output/);
    expect(readFileSync(out, 'utf8')).toBe(reference);
  });
});
