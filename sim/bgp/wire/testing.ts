/**
 * Hand-assembly helpers for codec tests: build messages octet by octet from the RFC layouts, so tests
 * compare the codec against the RFC rather than against itself.
 */

/** 'ff 00 1d' or 'ff001d' → octets. */
export function hex(s: string): Uint8Array {
  const clean = s.replace(/[^0-9a-fA-F]/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}

export const MARKER: number[] = new Array(16).fill(0xff);

/** A whole message: marker, length (computed unless given), type, body. */
export function frame(type: number, body: ArrayLike<number>, length?: number): Uint8Array {
  const len = length ?? 19 + body.length;
  return new Uint8Array([...MARKER, len >> 8, len & 0xff, type, ...Array.from(body)]);
}

/** One path attribute: flags, type code, 1- or 2-octet length (by the extended-length flag), value. */
export function attr(flags: number, typeCode: number, value: ArrayLike<number>): number[] {
  const v = Array.from(value);
  return flags & 0x10 ? [flags, typeCode, v.length >> 8, v.length & 0xff, ...v] : [flags, typeCode, v.length, ...v];
}

/** An UPDATE body: withdrawn routes, attributes, NLRI, with both length fields computed. */
export function updateBody(withdrawn: number[], attrs: number[], nlri: number[]): number[] {
  return [
    withdrawn.length >> 8,
    withdrawn.length & 0xff,
    ...withdrawn,
    attrs.length >> 8,
    attrs.length & 0xff,
    ...attrs,
    ...nlri,
  ];
}

export const ORIGIN_IGP_ATTR = attr(0x40, 1, [0]);
/** AS_PATH of one AS_SEQUENCE with 4-octet ASNs. */
export function asPath4(...asns: number[]): number[] {
  const v = [2, asns.length];
  for (const a of asns) v.push((a >>> 24) & 0xff, (a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff);
  return attr(0x40, 2, v);
}
export function nextHop(a: number, b: number, c: number, d: number): number[] {
  return attr(0x40, 3, [a, b, c, d]);
}
