/**
 * Address and prefix text <-> octets for the codec.
 *
 * Prefixes travel as (length, ceil(length/8) octets) in BGP (RFC 4271 §4.3, RFC 4760 §5); the model
 * keeps them as canonical CIDR strings: dotted quad for IPv4, RFC 5952 text for IPv6, host bits zero.
 * Parsing our own strings failing is our own broken invariant, so the *parse* functions throw;
 * reading peer octets never throws.
 */
import { invariant } from '../../base/assert.js';
import { AFI_IPV4, AFI_IPV6 } from './message.js';

export function formatIpv4(b: Uint8Array, off = 0): string {
  return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
}

/** Parses dotted-quad text into 4 octets written at `out[off]`; returns false if it is not one. */
export function parseIpv4Into(text: string, out: Uint8Array, off = 0): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return false;
    const v = Number(p);
    if (v > 255) return false;
    out[off + i] = v;
  }
  return true;
}

/** RFC 5952 §4: lowercase, no leading zeros, the longest run (≥ 2) of zero groups as '::'. */
export function formatIpv6(b: Uint8Array, off = 0): string {
  const g = new Array<number>(8);
  for (let i = 0; i < 8; i++) g[i] = (b[off + 2 * i] << 8) | b[off + 2 * i + 1];
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return g.map((x) => x.toString(16)).join(':');
  const head = g.slice(0, bestStart).map((x) => x.toString(16));
  const tail = g.slice(bestStart + bestLen).map((x) => x.toString(16));
  return `${head.join(':')}::${tail.join(':')}`;
}

const groups = new Uint16Array(8);
const v4tail = new Uint8Array(4);

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Parses IPv6 text (RFC 4291 §2.2: '::' for one or more zero groups, an optional trailing dotted quad)
 * into 16 octets at `out[off]`. Single pass, no allocation on the common path.
 */
export function parseIpv6Into(text: string, out: Uint8Array, off = 0): boolean {
  const len = text.length;
  if (len < 2 || len > 45) return false;
  let n = 0;
  let dbl = -1;
  let i = 0;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return false;
    dbl = 0;
    i = 2;
  }
  while (i < len) {
    let j = i;
    let v = 0;
    let h = 0;
    while (j < len && (h = hexValue(text.charCodeAt(j))) >= 0) {
      v = v * 16 + h;
      if (++j - i > 4) return false;
    }
    if (j < len && text.charCodeAt(j) === 46) {
      // A dotted quad can only end the address and needs two groups of room.
      if (n > 6 || !parseIpv4Into(text.slice(i), v4tail)) return false;
      groups[n++] = (v4tail[0] << 8) | v4tail[1];
      groups[n++] = (v4tail[2] << 8) | v4tail[3];
      i = len;
      break;
    }
    if (j === i || n >= 8) return false;
    groups[n++] = v;
    if (j === len) {
      i = j;
      break;
    }
    if (text.charCodeAt(j) !== 58) return false;
    if (j + 1 < len && text.charCodeAt(j + 1) === 58) {
      if (dbl >= 0) return false;
      dbl = n;
      i = j + 2;
    } else {
      i = j + 1;
      if (i === len) return false; // a single trailing colon
    }
  }
  if (dbl < 0 ? n !== 8 : n > 7) return false;
  const fill = 8 - n;
  for (let g = 0, src = 0; g < 8; g++) {
    const value = dbl >= 0 && g >= dbl && g < dbl + fill ? 0 : groups[src++];
    out[off + 2 * g] = value >> 8;
    out[off + 2 * g + 1] = value & 0xff;
  }
  return true;
}

/** Address text of either family → its octets (4 or 16), or undefined. */
export function parseAddress(text: string): Uint8Array | undefined {
  if (text.includes(':')) {
    const out = new Uint8Array(16);
    return parseIpv6Into(text, out) ? out : undefined;
  }
  const out = new Uint8Array(4);
  return parseIpv4Into(text, out) ? out : undefined;
}

export function formatAddress(b: Uint8Array, off: number, len: 4 | 16): string {
  return len === 4 ? formatIpv4(b, off) : formatIpv6(b, off);
}

/**
 * Allocation-free prefix parse for the encoder's hot path: writes the masked address into `out`
 * (≥ 16 octets) and returns `afi << 8 | length`, or -1 if `text` is not a prefix.
 */
export function parsePrefixInto(text: string, out: Uint8Array): number {
  if (text.indexOf(':') < 0) {
    // Dotted quad: four decimal octets without leading zeros, then '/' and a length ≤ 32.
    let octet = 0;
    let digits = 0;
    let idx = 0;
    let i = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        if (digits > 0 && octet === 0) return -1;
        octet = octet * 10 + (c - 48);
        if (++digits > 3 || octet > 255) return -1;
      } else if (c === 46 || c === 47) {
        if (digits === 0) return -1;
        out[idx++] = octet;
        octet = 0;
        digits = 0;
        if (c === 47) break;
        if (idx > 3) return -1;
      } else return -1;
    }
    if (idx !== 4 || i >= text.length) return -1;
    let len = 0;
    let lenDigits = 0;
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57 || (lenDigits > 0 && len === 0)) return -1;
      len = len * 10 + (c - 48);
      if (++lenDigits > 2) return -1;
    }
    if (lenDigits === 0 || len > 32) return -1;
    maskHostBits(out.subarray(0, 4), len);
    return (AFI_IPV4 << 8) | len;
  }
  const slash = text.indexOf('/');
  if (slash < 0 || !parseIpv6Into(text.slice(0, slash), out)) return -1;
  let len = 0;
  const digits = text.length - slash - 1;
  if (digits < 1 || digits > 3) return -1;
  for (let i = slash + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57 || (i > slash + 1 && len === 0)) return -1;
    len = len * 10 + (c - 48);
  }
  if (len > 128) return -1;
  maskHostBits(out.subarray(0, 16), len);
  return (AFI_IPV6 << 8) | len;
}

export interface ParsedPrefix {
  afi: number;
  length: number;
  /** Full-width address octets (4 or 16), host bits cleared. */
  addr: Uint8Array;
}

/** CIDR text → family, length and masked octets; undefined if it is not a prefix. */
export function parsePrefix(text: string): ParsedPrefix | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const lenText = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(lenText)) return undefined;
  const length = Number(lenText);
  const addr = parseAddress(text.slice(0, slash));
  if (!addr) return undefined;
  if (length > addr.length * 8) return undefined;
  maskHostBits(addr, length);
  return { afi: addr.length === 4 ? AFI_IPV4 : AFI_IPV6, length, addr };
}

function maskHostBits(addr: Uint8Array, length: number): void {
  for (let i = 0; i < addr.length; i++) {
    const bitsHere = length - i * 8;
    if (bitsHere >= 8) continue;
    addr[i] = bitsHere <= 0 ? 0 : addr[i] & (0xff << (8 - bitsHere));
  }
}

/** The canonical spelling of a prefix (host bits zeroed, RFC 5952 for IPv6); throws on non-prefixes. */
export function canonicalPrefix(text: string): string {
  const p = parsePrefix(text);
  invariant(p, () => `not a prefix: ${JSON.stringify(text)}`);
  return `${formatAddress(p.addr, 0, p.addr.length as 4 | 16)}/${p.length}`;
}

export function prefixAfi(text: string): number {
  return text.includes(':') ? AFI_IPV6 : AFI_IPV4;
}
