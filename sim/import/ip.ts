// Addresses of both families for the importer: what MetalLB's config parser accepts as a pool entry
// (internal/config/config.go ParseCIDR: a CIDR, or "first-last" summarised into CIDRs), the lowest
// address its allocator hands out (internal/allocator/allocator.go getIPFromCIDR, avoidBuggyIPs for
// IPv4 only: ipConfusesBuggyFirmwares), and the prefix an aggregationLength announces.
// Addresses are bigints here so IPv4 and IPv6 share one arithmetic; text is RFC 5952 for IPv6.
import { z } from 'zod';
import { formatIpv4, formatIpv6, parseIpv4Into, parseIpv6Into } from '../bgp/wire/address.js';

export type IpFamily = 'IPv4' | 'IPv6';

/** The family of an address, or undefined when it is neither (zod's own validators). */
export function familyOf(address: string): IpFamily | undefined {
  if (z.ipv4().safeParse(address).success) return 'IPv4';
  if (z.ipv6().safeParse(address).success) return 'IPv6';
  return undefined;
}

export const bitsOf = (f: IpFamily): number => (f === 'IPv4' ? 32 : 128);

export function toBig(address: string): bigint {
  const f = familyOf(address);
  const b = new Uint8Array(f === 'IPv6' ? 16 : 4);
  const ok = f === 'IPv6' ? parseIpv6Into(address, b) : parseIpv4Into(address, b);
  if (!ok) throw new Error(`toBig: "${address}" is not an address (callers check familyOf first)`);
  return b.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n);
}

export function fromBig(n: bigint, f: IpFamily): string {
  const len = f === 'IPv6' ? 16 : 4;
  const b = new Uint8Array(len);
  for (let i = len - 1, v = n; i >= 0; i--, v >>= 8n) b[i] = Number(v & 255n);
  return f === 'IPv6' ? formatIpv6(b) : formatIpv4(b);
}

/** The network of `address` at `len` bits: "fc00:f853:ccd:e799::/124". */
export function prefixOf(address: string, len: number): string {
  const f = familyOf(address) as IpFamily;
  const host = BigInt(bitsOf(f) - len);
  return `${fromBig((toBig(address) >> host) << host, f)}/${len}`;
}

/** One `spec.addresses` entry, parsed: its family, first and last address. */
export interface PoolRange {
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
  /** The longest prefix length among the CIDRs the entry summarises to (config.go lowestMask needs the shortest). */
  readonly shortestMask: number;
}

/** A pool entry, or the reason MetalLB refuses it ("invalid CIDR", "invalid IP range"). */
export function parsePoolEntry(text: string): PoolRange | string {
  if (!text.includes('-')) {
    const [addr, len, extra] = text.split('/');
    const f = addr === undefined ? undefined : familyOf(addr);
    if (extra !== undefined || len === undefined || !/^\d{1,3}$/.test(len) || f === undefined) {
      return `"${text}" is neither a CIDR ("10.100.0.0/24", "fc00::/124") nor a range ("10.100.0.10-10.100.0.20")`;
    }
    const bits = bitsOf(f);
    if (Number(len) > bits) return `"${text}": /${len} is longer than ${bits} (MetalLB: invalid CIDR)`;
    // Go net.ParseCIDR keeps the network and drops host bits, as here.
    const host = BigInt(bits - Number(len));
    const first = (toBig(addr) >> host) << host;
    return { family: f, first, last: first + (1n << host) - 1n, shortestMask: Number(len) };
  }
  const cut = text.indexOf('-');
  const a = text.slice(0, cut).trim();
  const b = text.slice(cut + 1).trim();
  const fa = familyOf(a);
  const fb = familyOf(b);
  if (fa === undefined || fb === undefined) {
    return `"${text}": ${fa === undefined ? `start "${a}"` : `end "${b}"`} is not an IP address (MetalLB: invalid IP range)`;
  }
  if (fa !== fb) return `"${text}": a range cannot go from an ${fa} to an ${fb} address`;
  const first = toBig(a);
  const last = toBig(b);
  if (first > last) return `"${text}": the range ends before it starts (MetalLB: start IP is after the end IP)`;
  return { family: fa, first, last, shortestMask: shortestMaskOf(first, last, bitsOf(fa)) };
}

/** The shortest prefix length among the CIDRs that exactly cover [first, last] (ipaddr.Summarize). */
function shortestMaskOf(first: bigint, last: bigint, bits: number): number {
  let best = bits;
  for (let cur = first; cur <= last; ) {
    let size = 0;
    while (size < bits && (cur & ((1n << BigInt(size + 1)) - 1n)) === 0n && cur + (1n << BigInt(size + 1)) - 1n <= last)
      size++;
    best = Math.min(best, bits - size);
    cur += 1n << BigInt(size);
  }
  return best;
}

/** IPv4 addresses ending in .0 or .255 (allocator.go ipConfusesBuggyFirmwares: IPv4 only). */
export function confusesBuggyFirmware(n: bigint, f: IpFamily): boolean {
  return f === 'IPv4' && (n % 256n === 0n || n % 256n === 255n);
}
