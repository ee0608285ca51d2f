/**
 * A block of prefixes named by its first prefix and a count (`prefixes` / `prefixesPerNode` in a
 * scenario): `count` consecutive IPv4 prefixes of the first one's length. Expanded one prefix at a
 * time where a speaker originates them, never stored as a list: 10^6 routes cost the routers' RIB
 * and FIB entries, nothing per prefix in the world or the traffic.
 */

export interface PrefixBlock {
  /** Network address of the first prefix, uint32. */
  readonly first: number;
  readonly length: number;
  readonly count: number;
}

/** Address space one prefix of the block spans. */
export const blockStride = (b: PrefixBlock): number => 2 ** (32 - b.length);

/** The k-th prefix of the block, as text (`10.1.2.0/24`). */
export function blockPrefix(b: PrefixBlock, k: number): string {
  const a = b.first + k * blockStride(b);
  return `${Math.floor(a / 16777216) & 255}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/${b.length}`;
}

/** The same-sized block that follows `b` (the next node's, under `prefixesPerNode`). */
export const nextBlock = (b: PrefixBlock): PrefixBlock => ({ ...b, first: b.first + b.count * blockStride(b) });
