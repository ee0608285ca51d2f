/**
 * `--shard I/N`: run I of N takes the runs whose global index ≡ I (mod N). Striping rather than
 * cutting contiguous blocks keeps shards balanced when run cost grows along a parameter.
 */
import { SweepInputError } from './errors.js';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** More shards than this is a typo, not a cluster; it also keeps I and N exact integers. */
export const MAX_SHARDS = 1_000_000;

export const WHOLE: Shard = { index: 0, count: 1 };

export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new SweepInputError(`--shard ${text}: expected I/N with 0 ≤ I < N, e.g. 0/4`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw new SweepInputError(`--shard ${text}: N must be at least 1`);
  if (count > MAX_SHARDS)
    throw new SweepInputError(`--shard ${text}: N must be at most ${MAX_SHARDS} (one process per shard)`);
  if (index >= count)
    throw new SweepInputError(`--shard ${text}: I must be below N (shards are numbered 0..${count - 1})`);
  return { index, count };
}

/** The global run indices of this shard, in run order. */
export function shardRuns(total: number, shard: Shard): number[] {
  const out: number[] = [];
  for (let r = shard.index; r < total; r += shard.count) out.push(r);
  return out;
}
