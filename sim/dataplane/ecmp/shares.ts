/**
 * Each next hop's share of the 32-bit hash space: the fraction of uniformly hashed flows a group
 * sends to each slot. A quiet window (../quiet-window.ts) splits the traffic of the connections it
 * does not draw one by one by these shares. Exact counts of hash values, not table fractions: a
 * table of M entries indexed by h mod M gives its low entries one value more.
 */
const SPACE = 2 ** 32;

/** Shares by slot of a table indexed by h mod M (modulo, resilient, Maglev, rendezvous); −1 entries: no next hop. */
export function moduloShares(table: ArrayLike<number>): Float64Array {
  const m = table.length;
  const out = new Float64Array(slotsOf(table));
  for (let e = 0; e < m; e++) {
    const slot = table[e]!;
    if (slot >= 0) out[slot]! += (Math.floor((SPACE - 1 - e) / m) + 1) / SPACE;
  }
  return out;
}

/** Shares by slot of a table indexed by ⌊h·N / 2³²⌋ (RFC 2992 hash-threshold): entry e holds h ∈ [e·2³²/N, (e+1)·2³²/N). */
export function thresholdShares(table: ArrayLike<number>): Float64Array {
  const n = table.length;
  const out = new Float64Array(slotsOf(table));
  for (let e = 0; e < n; e++) {
    const slot = table[e]!;
    if (slot >= 0) out[slot]! += (Math.ceil(((e + 1) * SPACE) / n) - Math.ceil((e * SPACE) / n)) / SPACE;
  }
  return out;
}

function slotsOf(table: ArrayLike<number>): number {
  let max = -1;
  for (let e = 0; e < table.length; e++) if (table[e]! > max) max = table[e]!;
  return max + 1;
}
