/**
 * Flow keys as plain numbers: IPv4 addresses are uint32, IPv6 addresses are folded to one 32-bit
 * word once (when the client population is built), so the per-packet hash never touches strings.
 */
import { fmix32, hash3Tuple, hash5Tuple, mixWord } from './hash.js';

/** Which header fields the router hashes: `l3` = 3-tuple, `l4` = 5-tuple. */
export type HashPolicy = 'l3' | 'l4';
export const HASH_POLICIES: readonly HashPolicy[] = ['l3', 'l4'];

export const PROTO_TCP = 6;
export const PROTO_UDP = 17;

/** A connection's key. Addresses are uint32 (IPv4, or IPv6 folded by `foldIPv6`). */
export interface FlowKey {
  readonly protocol: number;
  readonly src: number;
  readonly dst: number;
  readonly srcPort: number;
  readonly dstPort: number;
}

export function flowHash(policy: HashPolicy, seed: number, k: FlowKey): number {
  return policy === 'l3'
    ? hash3Tuple(seed, k.protocol, k.src, k.dst)
    : hash5Tuple(seed, k.protocol, k.src, k.dst, k.srcPort, k.dstPort);
}

/** `'10.0.0.1'` → 0x0a000001; undefined when malformed. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const octet = Number(p);
    if (octet > 255) return undefined;
    v = v * 256 + octet;
  }
  return v;
}

export function formatIPv4(v: number): string {
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** An IPv6 address given as four big-endian 32-bit words, folded to 32 bits for hashing. */
export function foldIPv6(w0: number, w1: number, w2: number, w3: number): number {
  return fmix32(mixWord(mixWord(mixWord(mixWord(0x6a09e667, w0), w1), w2), w3));
}
