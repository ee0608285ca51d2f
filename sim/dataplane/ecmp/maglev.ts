/**
 * Maglev hashing (Eisenbud et al., NSDI 2016, §3.4). A lookup table of prime size M (default
 * 65,537, as Maglev and Katran ship) is filled by letting next hops take turns, each taking the
 * next still-empty slot of its own permutation (offset + j·skip) mod M, where offset and skip come
 * from two seeded hashes of the next hop's name. Every next hop gets ⌊M/N⌋ or ⌈M/N⌉ entries;
 * removing one moves its entries plus a small excess (≈3 % at M = 65,537 in the paper's §5.3
 * setting). Regions are table entries: a change costs O(M) plus the flows in changed entries.
 */
import { invariant } from '../../base/assert.js';
import type { Time } from '../../base/time.js';
import { hashString } from '../hash.js';
import type { EcmpChange, EcmpGroup } from './group.js';
import { moduloShares } from './shares.js';
import { SlottedGroup } from './slotted-group.js';
import { diffTables } from './table-diff.js';

export const MAGLEV_DEFAULT_TABLE_SIZE = 65537;

export interface MaglevOptions {
  /** Prime table size M (default 65,537). */
  readonly tableSize?: number;
  /** Router hash seed. */
  readonly seed?: number;
  /** Override the (offset, skip) of a next hop: the paper's worked example fixes them by hand. */
  readonly permutation?: (name: string) => readonly [offset: number, skip: number];
}

export function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

export class MaglevGroup extends SlottedGroup implements EcmpGroup {
  readonly scheme = 'maglev' as const;
  readonly regionCount: number;
  private readonly m: number;
  private readonly seed: number;
  private table: Int16Array;
  private readonly permutation: ((name: string) => readonly [number, number]) | undefined;

  constructor(opts: MaglevOptions = {}) {
    super();
    this.m = opts.tableSize ?? MAGLEV_DEFAULT_TABLE_SIZE;
    invariant(isPrime(this.m), () => `maglev table size ${this.m} is not prime`);
    this.seed = opts.seed ?? 0;
    this.permutation = opts.permutation;
    this.regionCount = this.m;
    this.table = new Int16Array(this.m).fill(-1);
  }

  regionOf(hash: number): number {
    return (hash >>> 0) % this.m;
  }

  lookup(hash: number): number {
    return this.table[(hash >>> 0) % this.m]!;
  }

  /** The table as next-hop names, entry by entry (for the UI and the paper's Table 1). */
  entries(): (string | null)[] {
    return Array.from(this.table, (s) => (s < 0 ? null : this.slots.nameOf(s)));
  }

  /** §3.4: offset = h1(name) mod M, skip = h2(name) mod (M − 1) + 1. */
  offsetSkip(name: string): readonly [number, number] {
    if (this.permutation) return this.permutation(name);
    const h1 = hashString(this.seed ^ 0x2545f491, name);
    const h2 = hashString(this.seed ^ 0x6c8e9cf5, name);
    return [h1 % this.m, (h2 % (this.m - 1)) + 1];
  }

  setNextHops(names: readonly string[], _now: Time): EcmpChange {
    const members = this.slots.assign(names);
    const before = this.table;
    const after = this.populate(members);
    this.table = after;
    return diffTables(before, after, this.slots);
  }

  /** The paper's Pseudocode 1: next hops take turns claiming their next preferred empty entry. */
  private populate(members: readonly number[]): Int16Array {
    const m = this.m;
    const table = new Int16Array(m).fill(-1);
    const n = members.length;
    if (n === 0) return table;
    const pos = new Float64Array(n);
    const skip = new Float64Array(n);
    members.forEach((slot, i) => {
      const [o, k] = this.offsetSkip(this.slots.nameOf(slot));
      pos[i] = o;
      skip[i] = k;
    });
    let filled = 0;
    for (;;) {
      for (let i = 0; i < n; i++) {
        let c = pos[i]!;
        const k = skip[i]!;
        while (table[c] !== -1) {
          c += k;
          if (c >= m) c -= m;
        }
        table[c] = members[i]!;
        c += k;
        pos[i] = c >= m ? c - m : c;
        if (++filled === m) return table;
      }
    }
  }

  hashShares(): Float64Array {
    return moduloShares(this.table);
  }

  tableBytes(): number {
    return this.table.byteLength;
  }
}
