/** Integer mixing shared by the RNG's keyed draws and the routers' flow hashes. */

/** The MurmurHash3 finaliser: a bijective, full-avalanche mix of a 32-bit word. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
