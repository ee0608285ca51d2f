/**
 * The one small interface every ECMP strategy implements (one strategy per file, as d3-shape's
 * `curve/`). A group maps a 32-bit flow hash to a next hop and, when its next-hop set changes,
 * says which share of the hash space moved and which *regions* of it the caller must re-check.
 *
 * Regions are a fixed partition of the hash space chosen by the strategy (`regionOf` never
 * changes with the next-hop set): the bucket for resilient groups, the table entry for Maglev and
 * rendezvous, the top 16 hash bits for hash-threshold, a single region for modulo. The caller keeps
 * live connections listed per region, so a change costs O(connections in dirty regions) plus
 * O(table size), never a scan of every connection (except modulo, where a size change moves
 * (N−1)/N of them anyway).
 *
 * Next hops are named by strings (node names); `lookup` returns a small per-group *slot* number,
 * stable for a name for the group's lifetime (a next hop that leaves and comes back keeps its slot).
 */
import type { Time } from '../../base/time.js';

export const ECMP_SCHEMES = ['modulo', 'hash-threshold', 'resilient', 'maglev', 'rendezvous'] as const;
export type EcmpScheme = (typeof ECMP_SCHEMES)[number];

/** Share of the hash space that went from one next hop to another (`null` = no next hop). */
export interface NextHopMove {
  readonly from: string | null;
  readonly to: string | null;
  readonly fraction: number;
}

/** A half-open range [lo, hi) of the 32-bit hash space that moved (hash-threshold reports these). */
export interface HashRange {
  readonly lo: number;
  readonly hi: number;
  readonly from: string | null;
  readonly to: string | null;
}

export interface EcmpChange {
  /** Share of the hash space whose next hop changed (for tables: share of entries). */
  readonly movedFraction: number;
  /** The moved share broken down by (old → new) next hop, sorted by from, then to. */
  readonly moves: readonly NextHopMove[];
  /** Regions whose flows may have moved; `null` means every region. */
  readonly dirtyRegions: Int32Array | null;
  /** Exact moved hash ranges, where the strategy has them (hash-threshold, modulo never). */
  readonly ranges?: readonly HashRange[];
  /** Table strategies: entries (buckets) whose next hop changed. */
  readonly changedEntries?: number;
}

export interface EcmpGroup {
  readonly scheme: EcmpScheme;
  /** Size of the fixed region partition; `regionOf(h)` is in [0, regionCount). */
  readonly regionCount: number;
  regionOf(hash: number): number;
  /** The next-hop slot for a hash, or -1 when the group is empty. Pure: does not mark anything used. */
  lookup(hash: number): number;
  /** Current next hops in list order. */
  nextHops(): readonly string[];
  slotOf(name: string): number;
  nameOf(slot: number): string;
  setNextHops(names: readonly string[], now: Time): EcmpChange;
  /** A packet with this hash went through the group at `now` (resilient: marks its bucket used). */
  hit(hash: number, now: Time): void;
  /** A flow with this hash starts / stops sending through the group (resilient: bucket busy count). */
  attach(hash: number, now: Time): void;
  detach(hash: number, now: Time): void;
  /** When the group next wants `upkeep` (resilient migrations); NEVER if not. */
  nextUpkeep(): Time;
  upkeep(now: Time): EcmpChange;
  /** Each slot's share of the 32-bit hash space (shares.ts), indexed by slot; absent slots get 0. */
  hashShares(): Float64Array;
  /** Bytes of typed-array state held (tables, bucket clocks). */
  tableBytes(): number;
}

export const NO_CHANGE: EcmpChange = Object.freeze({
  movedFraction: 0,
  moves: Object.freeze([]) as readonly NextHopMove[],
  dirtyRegions: new Int32Array(0),
});
