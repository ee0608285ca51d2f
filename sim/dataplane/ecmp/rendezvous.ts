/**
 * Rendezvous / highest-random-weight hashing (Thaler & Ravishankar, IEEE/ACM ToN 6(1), 1998):
 * each table entry goes to the next hop with the highest score h(entry, next hop), so removing a
 * next hop moves exactly its own entries and adding one takes entries from everyone (1/N each way).
 *
 * Kept as a precomputed table of `tableSize` entries (default 65,537), as the Maglev paper
 * evaluates it (§5.3): lookups are O(1), a change is O(table size) plus the flows in changed
 * entries, and the table shows HRW's known imbalance (binomial: ±√(M/N) entries per next hop;
 * the paper needs 49.5 % over-provisioning at M = 65,537 with N = 1,000).
 */
import { invariant } from '../../base/assert.js';
import type { Time } from '../../base/time.js';
import { hash2, hashString } from '../hash.js';
import type { EcmpChange, EcmpGroup } from './group.js';
import { moduloShares } from './shares.js';
import { SlottedGroup } from './slotted-group.js';
import { diffTables } from './table-diff.js';

export const RENDEZVOUS_DEFAULT_TABLE_SIZE = 65537;

export interface RendezvousOptions {
  readonly tableSize?: number;
  readonly seed?: number;
}

export class RendezvousGroup extends SlottedGroup implements EcmpGroup {
  readonly scheme = 'rendezvous' as const;
  readonly regionCount: number;
  private readonly m: number;
  private readonly seed: number;
  private table: Int16Array;
  /** Per slot: the next hop's name hash, the second input of every score. */
  private nameHash: number[] = [];

  constructor(opts: RendezvousOptions = {}) {
    super();
    this.m = opts.tableSize ?? RENDEZVOUS_DEFAULT_TABLE_SIZE;
    invariant(Number.isInteger(this.m) && this.m >= 1, () => `rendezvous table size ${this.m} must be ≥ 1`);
    this.seed = opts.seed ?? 0;
    this.regionCount = this.m;
    this.table = new Int16Array(this.m).fill(-1);
  }

  regionOf(hash: number): number {
    return (hash >>> 0) % this.m;
  }

  lookup(hash: number): number {
    return this.table[(hash >>> 0) % this.m]!;
  }

  private score(entry: number, slot: number): number {
    return hash2(this.seed, entry, this.nameHash[slot]!);
  }

  /** Higher score wins; equal scores (rare) go to the lower slot so the result is order-free. */
  private beats(entry: number, a: number, b: number): boolean {
    if (b < 0) return true;
    const sa = this.score(entry, a);
    const sb = this.score(entry, b);
    return sa > sb || (sa === sb && a < b);
  }

  setNextHops(names: readonly string[], _now: Time): EcmpChange {
    const previous = new Set(this.slots.members);
    const members = this.slots.assign(names);
    for (const slot of members) {
      if (this.nameHash[slot] === undefined) this.nameHash[slot] = hashString(this.seed, this.slots.nameOf(slot));
    }
    const before = this.table;
    const after = before.slice();
    const m = this.m;
    // Entries keep their winner if it stayed; otherwise (or if a newcomer beats it) re-elect.
    const newcomers = members.filter((s) => !previous.has(s));
    for (let e = 0; e < m; e++) {
      let w = after[e]!;
      if (w >= 0 && !this.slots.isMember(w)) {
        w = -1;
        for (const s of members) if (this.beats(e, s, w)) w = s;
      } else {
        for (const s of newcomers) if (this.beats(e, s, w)) w = s;
      }
      after[e] = w;
    }
    this.table = after;
    return diffTables(before, after, this.slots);
  }

  hashShares(): Float64Array {
    return moduloShares(this.table);
  }

  tableBytes(): number {
    return this.table.byteLength;
  }
}
