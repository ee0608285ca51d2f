/**
 * Modulo-N: next hop = list[hash mod N]. The naive scheme MetalLB's documentation warns about:
 * changing N moves (N−1)/N of all flows (a flow stays iff h mod N = h mod (N−1)).
 * One region: a size change re-checks every flow, which is within a constant of the flows moved.
 */
import type { Time } from '../../base/time.js';
import { type EcmpChange, type EcmpGroup, NO_CHANGE } from './group.js';
import { moduloShares } from './shares.js';
import { MoveTally } from './slots.js';
import { SlottedGroup } from './slotted-group.js';

const ALL_REGIONS: Int32Array | null = null;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

export class ModuloGroup extends SlottedGroup implements EcmpGroup {
  readonly scheme = 'modulo' as const;
  readonly regionCount = 1;
  private table: Int16Array = new Int16Array(0);

  regionOf(_hash: number): number {
    return 0;
  }

  lookup(hash: number): number {
    const n = this.table.length;
    return n === 0 ? -1 : this.table[(hash >>> 0) % n]!;
  }

  setNextHops(names: readonly string[], _now: Time): EcmpChange {
    const before = this.table;
    const after = Int16Array.from(this.slots.assign(names));
    this.table = after;
    // Exact moved share: residues modulo lcm(N0, N1) are equally likely for a uniform hash.
    const n0 = Math.max(before.length, 1);
    const n1 = Math.max(after.length, 1);
    const period = (n0 / gcd(n0, n1)) * n1;
    const tally = new MoveTally();
    let moved = 0;
    for (let r = 0; r < period; r++) {
      const a = before.length === 0 ? -1 : before[r % n0]!;
      const b = after.length === 0 ? -1 : after[r % n1]!;
      if (a !== b) {
        moved++;
        tally.add(a, b, 1);
      }
    }
    if (moved === 0) return NO_CHANGE;
    return { movedFraction: moved / period, moves: tally.toMoves(this.slots, period), dirtyRegions: ALL_REGIONS };
  }

  hashShares(): Float64Array {
    return moduloShares(this.table);
  }

  tableBytes(): number {
    return this.table.byteLength;
  }
}
