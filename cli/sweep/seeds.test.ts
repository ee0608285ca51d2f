import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSeed } from './seeds.js';
import { parseShard, shardRuns } from './shard.js';

describe('runSeed', () => {
  it('is a pure function of (base seed, point, replicate) in 0..2^32-1', () => {
    fc.assert(
      fc.property(fc.nat(2 ** 32 - 1), fc.nat(1e6), fc.nat(1e4), (b, p, r) => {
        const s = runSeed(b, p, r);
        expect(s).toBe(runSeed(b, p, r));
        expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
      }),
    );
  });

  it('gives each run of a 100 × 100 grid its own seed', () => {
    const seen = new Set<number>();
    for (let p = 0; p < 100; p++) for (let r = 0; r < 100; r++) seen.add(runSeed(1, p, r));
    expect(seen.size).toBe(10_000);
  });

  it('changes every seed when the base seed changes', () => {
    for (let p = 0; p < 20; p++) expect(runSeed(1, p, 0)).not.toBe(runSeed(2, p, 0));
  });

  it('does not swap point and replicate', () => {
    expect(runSeed(1, 3, 5)).not.toBe(runSeed(1, 5, 3));
  });
});

describe('shards', () => {
  it('partition the runs: every run in exactly one shard, each shard in run order', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.integer({ min: 1, max: 20 }), (total, n) => {
        const all = Array.from({ length: n }, (_, i) => shardRuns(total, { index: i, count: n })).flat();
        expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
        for (let i = 0; i < n; i++) {
          const runs = shardRuns(total, { index: i, count: n });
          expect(runs.every((r, k) => r % n === i && (k === 0 || r > runs[k - 1]))).toBe(true);
        }
      }),
    );
  });

  it('parses I/N and rejects what is not a shard of N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('4/4')).toThrow('--shard 4/4: I must be below N (shards are numbered 0..3)');
    expect(() => parseShard('0/0')).toThrow('--shard 0/0: N must be at least 1');
    expect(() => parseShard('1-4')).toThrow('--shard 1-4: expected I/N with 0 ≤ I < N, e.g. 0/4');
    expect(() => parseShard('-1/4')).toThrow(/expected I\/N/);
  });
});
