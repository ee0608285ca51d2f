/**
 * Addresses the scenario leaves out: routers 10.0.0.1, 10.0.0.2, …; nodes 10.0.1.11, 10.0.1.12, …
 * counting on past .255 (node 245 is 10.0.2.0), so every default is a valid, distinct IPv4 address
 * for the largest worlds the format accepts (100 routers, 10,000 nodes).
 */
const ipv4Text = (n: number) => [24, 16, 8, 0].map((sh) => (n >>> sh) & 255).join('.');

export const defaultRouterAddress = (i: number): string => ipv4Text(0x0a000001 + i);
export const defaultNodeAddress = (i: number): string => ipv4Text(0x0a00010b + i);

/** Default IPv6 addresses beside the IPv4 ones: routers fd00::1, …; nodes fd00::1:b, … (RFC 4193 ULA). */
export const defaultRouterAddress6 = (i: number): string => `fd00::${(1 + i).toString(16)}`;
export const defaultNodeAddress6 = (i: number): string => `fd00::1:${(0xb + i).toString(16)}`;

/** IPv6 text → 128-bit integer (an embedded dotted quad accepted); undefined when it is not IPv6 text. */
function ipv6BigInt(text: string): bigint | undefined {
  let t = text;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(t);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    t = `${t.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = t.includes('::') ? t.split('::') : [t, undefined];
  const hs = head ? head.split(':') : [];
  const ts = tail === undefined ? [] : tail ? tail.split(':') : [];
  const fill = 8 - hs.length - ts.length;
  if (fill < 0) return undefined;
  const groups = tail === undefined ? hs : [...hs, ...Array(fill).fill('0'), ...ts];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}

/** RFC 5952 §4 text: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
function formatIpv6(v: bigint): string {
  const g = Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
  return best < 0 ? hex(g) : `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

/** RFC 5952 text of an IPv6 address; text that is not IPv6 is returned as it is (zod reports it). */
export function canonicalIpv6(text: string): string {
  const v = ipv6BigInt(text);
  return v === undefined ? text : formatIpv6(v);
}

/** An IPv6 prefix in RFC 5952 text, address as given. */
export function canonicalPrefix6(prefix: string): string {
  const [addr, len] = prefix.split('/');
  return `${canonicalIpv6(addr)}/${Number(len)}`;
}

/** The network of an IPv6 prefix in RFC 5952 text (host bits zero). */
export function networkOfV6(prefix: string): string {
  const [addr, len] = prefix.split('/');
  const bits = BigInt(Number(len));
  const v = ipv6BigInt(addr);
  if (v === undefined || bits < 0n || bits > 128n) return prefix;
  const mask = bits === 0n ? 0n : ((1n << 128n) - 1n) ^ ((1n << (128n - bits)) - 1n);
  return `${formatIpv6(v & mask)}/${Number(len)}`;
}
