/**
 * Each next hop's share of the clients' flows: of the 32-bit hash space (the fraction of uniformly
 * hashed flows a group sends to each slot), or of the client addresses for a 3-tuple hash. A quiet
 * window (../quiet-window.ts) splits the traffic of the connections it does not draw one by one by
 * these shares. Exact counts of hash values, not table fractions: a table of M entries indexed by
 * h mod M gives its low entries one value more.
 */
import { flowHashOf, type HashPolicy, PROTO_TCP } from '../flow-key.js';
import type { Workload } from '../workload.js';
import type { EcmpGroup } from './group.js';

const SPACE = 2 ** 32;

/** Past this many clients a 3-tuple hash's shares are taken as the space's (within ~0.1 % per next hop). */
const MAX_COUNTED_CLIENTS = 1 << 20;

/**
 * Slot → the share of `workload`'s flows a group sends it. A 5-tuple hash (or an IPv6 flow label)
 * of random ports is uniform: the scheme's shares of the hash space. A 3-tuple hash sees only the
 * client address: each client's own next hop, counted over the population (every client is as
 * likely, workload.ts drawConnectionInto).
 */
export function flowShares(ecmp: EcmpGroup, policy: HashPolicy, seed: number, workload: Workload): Float64Array {
  const c = workload.clients;
  if (policy !== 'l3' || workload.ipv6 === true || c.count > MAX_COUNTED_CLIENTS) return ecmp.hashShares();
  const protocol = workload.protocol ?? PROTO_TCP;
  const counts: number[] = [];
  for (let i = 0; i < c.count; i++) {
    const slot = ecmp.lookup(flowHashOf('l3', seed, protocol, (c.firstIp + i) >>> 0, workload.dstIp, 0, 0, -1));
    if (slot >= 0) counts[slot] = (counts[slot] ?? 0) + 1 / c.count;
  }
  return Float64Array.from(counts, (x) => x ?? 0);
}

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
