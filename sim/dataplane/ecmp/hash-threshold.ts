/**
 * Hash-threshold (RFC 2992, Linux `type mpath`): the hash space is cut into N equal contiguous
 * regions, one per next hop in list order. Removing the K-th of N shifts its neighbours'
 * boundaries, so D(K) = 1/N + [(K−1)(K−2) + (N−K)(N−K−1)] / (2N(N−1)) of flows move
 * (RFC 2992, disruption analysis: 1/2 at the ends, ≈1/4 in the middle) — list order matters.
 *
 * Regions for re-checking are the top 16 bits of the hash; a change reports its exact moved hash
 * ranges, and only the 65,536ths they touch are re-checked.
 */
import type { Time } from '../../base/time.js';
import { type EcmpChange, type EcmpGroup, type HashRange, NO_CHANGE } from './group.js';
import { thresholdShares } from './shares.js';
import { MoveTally } from './slots.js';
import { SlottedGroup } from './slotted-group.js';

const SPACE = 4294967296;
const INV_SPACE = 1 / SPACE;
const REGION_SHIFT = 16;

/** First hash of region k of n: ceil(k · 2^32 / n). */
const boundary = (k: number, n: number): number => Math.ceil((k * SPACE) / n);

export class HashThresholdGroup extends SlottedGroup implements EcmpGroup {
  readonly scheme = 'hash-threshold' as const;
  readonly regionCount = 1 << (32 - REGION_SHIFT);
  private table: Int16Array = new Int16Array(0);

  regionOf(hash: number): number {
    return hash >>> REGION_SHIFT;
  }

  lookup(hash: number): number {
    const n = this.table.length;
    // RFC 2992 hash-threshold: region index = floor(h · N / 2^32); exact in doubles (h · N < 2^37).
    return n === 0 ? -1 : this.table[((hash >>> 0) * n * INV_SPACE) | 0]!;
  }

  setNextHops(names: readonly string[], _now: Time): EcmpChange {
    const before = this.table;
    const after = Int16Array.from(this.slots.assign(names));
    this.table = after;
    const n0 = before.length;
    const n1 = after.length;
    const cuts = new Set<number>([0, SPACE]);
    for (let k = 1; k < n0; k++) cuts.add(boundary(k, n0));
    for (let k = 1; k < n1; k++) cuts.add(boundary(k, n1));
    const points = [...cuts].sort((a, b) => a - b);
    const ranges: { lo: number; hi: number; from: number; to: number }[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const lo = points[i]!;
      const hi = points[i + 1]!;
      const a = n0 === 0 ? -1 : before[Math.floor((lo * n0) / SPACE)]!;
      const b = n1 === 0 ? -1 : after[Math.floor((lo * n1) / SPACE)]!;
      if (a === b) continue;
      const last = ranges[ranges.length - 1];
      if (last && last.hi === lo && last.from === a && last.to === b) last.hi = hi;
      else ranges.push({ lo, hi, from: a, to: b });
    }
    if (ranges.length === 0) return NO_CHANGE;
    const tally = new MoveTally();
    let moved = 0;
    for (const r of ranges) {
      moved += r.hi - r.lo;
      tally.add(r.from, r.to, r.hi - r.lo);
    }
    const name = (s: number): string | null => (s < 0 ? null : this.slots.nameOf(s));
    const hashRanges: HashRange[] = ranges.map((r) => ({ lo: r.lo, hi: r.hi, from: name(r.from), to: name(r.to) }));
    let dirty: Int32Array | undefined;
    return {
      movedFraction: moved / SPACE,
      moves: tally.toMoves(this.slots, SPACE),
      // Built on first use: a group with no live connection (routers converging) never needs it.
      get dirtyRegions(): Int32Array {
        dirty ??= dirtyOf(ranges);
        return dirty;
      },
      ranges: hashRanges,
    };
  }

  hashShares(): Float64Array {
    return thresholdShares(this.table);
  }

  tableBytes(): number {
    return this.table.byteLength;
  }
}

/** The fixed regions (top hash bits) that the moved ranges touch, ascending. */
function dirtyOf(ranges: readonly { lo: number; hi: number }[]): Int32Array {
  const dirty: number[] = [];
  for (const r of ranges) {
    const first = Math.floor(r.lo / 2 ** REGION_SHIFT);
    const lastRegion = Math.floor((r.hi - 1) / 2 ** REGION_SHIFT);
    for (let g = first; g <= lastRegion; g++) if (dirty[dirty.length - 1] !== g) dirty.push(g);
  }
  return Int32Array.from(dirty);
}
