/**
 * A group's connections by hash region, sized by the connections it holds, not by the ECMP
 * table: region r of the scheme's fixed partition (R regions) lives in bucket ⌊r · size / R⌋, so a
 * bucket is a run of neighbouring regions, and the bucket count doubles (the group's connections
 * re-linked, amortised O(1) each) while it has fewer than 16 buckets per live connection, up to
 * the partition's own size: a group without traffic holds 16 buckets, one with thousands of
 * connections the scheme's whole partition (a change walks exactly its dirty regions). Walking a dirty region walks its
 * bucket, which may also hold connections of clean regions: the caller re-checks each one's next
 * hop anyway, so the extra ones cost a lookup and change nothing.
 */
import type { ConnectionTable } from './connection-table.js';

const MIN_BUCKETS = 16;

export class RegionIndex {
  head: Int32Array;
  /** Bucket → the walk that last visited it (dirty regions sharing a bucket walk it once). */
  private stamp: Uint32Array;
  private walk = 0;

  constructor(private readonly regionCount: number) {
    const n = Math.min(MIN_BUCKETS, pow2AtLeast(regionCount));
    this.head = new Int32Array(n).fill(-1);
    this.stamp = new Uint32Array(n);
  }

  link(c: ConnectionTable, region: number, id: number, live: number): void {
    if (16 * live > this.head.length && this.head.length < this.regionCount) this.grow(c);
    c.linkRegion(this.head, this.bucketOf(region), id);
  }

  unlink(c: ConnectionTable, region: number, id: number): void {
    c.unlinkRegion(this.head, this.bucketOf(region), id);
  }

  /** Calls `f` on every connection in the buckets of `regions` (all when null), each bucket once. */
  forEach(c: ConnectionTable, regions: Iterable<number> | null, f: (id: number) => void): void {
    const walkBucket = (b: number): void => {
      let id = this.head[b]!;
      while (id !== -1) {
        const next = c.regionNext[id]!;
        f(id);
        id = next;
      }
    };
    if (regions === null) {
      for (let b = 0; b < this.head.length; b++) walkBucket(b);
      return;
    }
    this.walk = (this.walk + 1) >>> 0;
    for (const r of regions) {
      const b = this.bucketOf(r);
      if (this.stamp[b] === this.walk) continue;
      this.stamp[b] = this.walk;
      walkBucket(b);
    }
  }

  private bucketOf(region: number): number {
    return this.head.length >= this.regionCount ? region : Math.floor((region * this.head.length) / this.regionCount);
  }

  bytes(): number {
    return this.head.byteLength + this.stamp.byteLength;
  }

  /** Doubles the buckets, re-linking every connection by its region (kept in the table). */
  private grow(c: ConnectionTable): void {
    const old = this.head;
    let n = old.length * 2;
    if (2 * n > this.regionCount) n = this.regionCount;
    this.head = new Int32Array(n).fill(-1);
    this.stamp = new Uint32Array(n);
    for (let b = 0; b < old.length; b++) {
      let id = old[b]!;
      while (id !== -1) {
        const next = c.regionNext[id]!;
        c.linkRegion(this.head, this.bucketOf(c.region[id]!), id);
        id = next;
      }
    }
  }
}

function pow2AtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
