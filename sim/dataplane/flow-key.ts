/**
 * Flow keys as plain numbers: IPv4 addresses are uint32, IPv6 addresses are folded to one 32-bit
 * word once (when the client population is built), so the per-packet hash never touches strings.
 */
import { fmix32, hash3Tuple, hash5Tuple, hashL3FlowLabel, mixWord } from './hash.js';

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
  /** IPv6 only: the 20-bit flow label (RFC 6437); absent for IPv4 packets, which have none. */
  readonly flowLabel?: number;
}

/**
 * The router's multipath hash of a packet. IPv4 (net/ipv4/route.c fib_multipath_hash): policy 0
 * hashes source, destination and protocol; policy 1 adds both ports. IPv6 (net/ipv6/route.c
 * rt6_multipath_hash): policy 0 hashes source, destination, flow label and next header; policy 1
 * source, destination, both ports and next header, without the flow label.
 */
export function flowHash(policy: HashPolicy, seed: number, k: FlowKey): number {
  return flowHashOf(policy, seed, k.protocol, k.src, k.dst, k.srcPort, k.dstPort, k.flowLabel ?? -1);
}

/** `flowHash` from the fields themselves (no key object); `flowLabel` −1 for an IPv4 packet. */
export function flowHashOf(
  policy: HashPolicy,
  seed: number,
  protocol: number,
  src: number,
  dst: number,
  srcPort: number,
  dstPort: number,
  flowLabel: number,
): number {
  if (policy === 'l3')
    return flowLabel < 0 ? hash3Tuple(seed, protocol, src, dst) : hashL3FlowLabel(seed, protocol, src, dst, flowLabel);
  return hash5Tuple(seed, protocol, src, dst, srcPort, dstPort);
}

export const IPV6_FLOWLABEL_MASK = 0xfffff;

/**
 * The flow label a Linux sender puts on a connection's packets (net.ipv6.auto_flowlabels, on by
 * default): include/net/ipv6.h ip6_make_flowlabel derives it from the flow's hash, which for TCP is
 * the socket's sk_txhash, one value per connection. Here it is drawn from the connection's own
 * 5-tuple (20 bits), so it is fixed for the connection and independent across connections. (Linux
 * also re-draws sk_txhash on an RTO, which moves the flow under policy 0: not modelled here.)
 */
export function autoFlowLabel(protocol: number, src: number, dst: number, srcPort: number, dstPort: number): number {
  return (hash5Tuple(0x0f10a6e1, protocol, src, dst, srcPort, dstPort) >>> 0) & IPV6_FLOWLABEL_MASK;
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
