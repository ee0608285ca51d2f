/**
 * Flow hashing as routers do it: a few integer header fields mixed with a per-router seed into a
 * 32-bit value (Linux salts its multipath hash per boot; hardware per box). The mixer is the
 * MurmurHash3 x86-32 block step and finaliser applied to whole 32-bit words, so a 5-tuple is four
 * multiply-rotate rounds and no allocation: tens of millions of hashes per second.
 */

import { fmix32 } from '../base/mix.js';

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

export { fmix32 };

/** One block round: folds the 32-bit word `k` into the running state `h`. */
export function mixWord(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Hash of two words under a seed (rendezvous scores, derived seeds). */
export function hash2(seed: number, a: number, b: number): number {
  return fmix32(mixWord(mixWord(seed | 0, a), b) ^ 8);
}

/** L3 policy (Linux `fib_multipath_hash_policy` 0): protocol, source and destination address. */
export function hash3Tuple(seed: number, protocol: number, src: number, dst: number): number {
  let h = mixWord(seed | 0, protocol);
  h = mixWord(h, src);
  h = mixWord(h, dst);
  return fmix32(h ^ 12);
}

/**
 * IPv6 L3 policy (`fib_multipath_hash_policy` 0, net/ipv6/route.c rt6_multipath_hash): source and
 * destination address, flow label and next header. With auto flow labels the label differs per
 * connection, so an IPv6 "3-tuple" spreads one client's connections as a 5-tuple would.
 */
export function hashL3FlowLabel(seed: number, protocol: number, src: number, dst: number, flowLabel: number): number {
  let h = mixWord(seed | 0, protocol);
  h = mixWord(h, src);
  h = mixWord(h, dst);
  h = mixWord(h, flowLabel & 0xfffff);
  return fmix32(h ^ 16);
}

/** L4 policy (`fib_multipath_hash_policy` 1): the 3-tuple plus both ports. */
export function hash5Tuple(
  seed: number,
  protocol: number,
  src: number,
  dst: number,
  srcPort: number,
  dstPort: number,
): number {
  let h = mixWord(seed | 0, protocol);
  h = mixWord(h, src);
  h = mixWord(h, dst);
  h = mixWord(h, ((srcPort & 0xffff) << 16) | (dstPort & 0xffff));
  return fmix32(h ^ 16);
}

/** A name (next hop, backend) to 32 bits: FNV-1a over UTF-16 units, seeded, then finalised. Not for hot paths. */
export function hashString(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix32(h ^ text.length);
}
