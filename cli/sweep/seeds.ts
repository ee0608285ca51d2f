/**
 * Run seeds. A run's seed is a pure function of (base seed, point index, replicate), so it never
 * depends on how many workers ran the sweep, on which shard the run fell, or on what ran before
 * it. The mix is murmur3's 32-bit finaliser over the three words: a stable integer hash that any
 * other tool can recompute, and that does not hand neighbouring runs neighbouring seeds.
 */
import { fmix32 } from '../../sim/index.js';

/** The seed of replicate `replicate` of grid point `point`, in 0..2^32-1. */
export function runSeed(baseSeed: number, point: number, replicate: number): number {
  let h = fmix32(baseSeed ^ 0x9e3779b9);
  h = fmix32(Math.imul(h ^ fmix32(point), 0x01000193) ^ 0x7f4a7c15);
  h = fmix32(Math.imul(h ^ fmix32(replicate + 0x632be5ab), 0x01000193));
  return h;
}
