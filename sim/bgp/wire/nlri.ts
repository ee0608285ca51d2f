/**
 * NLRI fields: a run of (length octet, ceil(length/8) prefix octets) — RFC 4271 §4.3 for IPv4
 * NLRI/Withdrawn Routes, RFC 4760 §5 for the multiprotocol attributes (same encoding for IPv6 unicast).
 */
import { invariant } from '../../base/assert.js';
import { formatIpv4, formatIpv6, parsePrefixInto } from './address.js';
import { AFI_IPV4, type Prefix } from './message.js';
import type { Writer } from './writer.js';

const scratch = new Uint8Array(16);
// Decoding is synchronous: one address buffer per width serves every call.
const readScratch4 = new Uint8Array(4);
const readScratch16 = new Uint8Array(16);

export function writePrefixes(w: Writer, prefixes: readonly Prefix[], afi: number): void {
  for (const text of prefixes) {
    const r = parsePrefixInto(text, scratch);
    if (r < 0 || r >> 8 !== afi) invariant(false, `prefix ${JSON.stringify(text)} is not an AFI ${afi} prefix`);
    const len = r & 0xff;
    w.u8(len);
    w.copy(scratch, (len + 7) >> 3);
  }
}

/**
 * Reads prefixes from b[start, end). Undefined when the field is syntactically wrong: a length beyond
 * the family's width, or a prefix running past the end (RFC 4271 §6.3 Invalid Network Field).
 */
export function readPrefixes(b: Uint8Array, start: number, end: number, afi: number): Prefix[] | undefined {
  const width = afi === AFI_IPV4 ? 4 : 16;
  const out: Prefix[] = [];
  const addr = width === 4 ? readScratch4 : readScratch16;
  let at = start;
  while (at < end) {
    const len = b[at++];
    if (len > width * 8) return undefined;
    const n = (len + 7) >> 3;
    if (at + n > end) return undefined;
    addr.fill(0);
    for (let i = 0; i < n; i++) addr[i] = b[at + i];
    // RFC 4271 §4.3: trailing bits past the prefix length are irrelevant; zero them for a canonical key.
    if (len & 7) addr[n - 1] &= 0xff << (8 - (len & 7));
    at += n;
    out.push(`${width === 4 ? formatIpv4(addr) : formatIpv6(addr)}/${len}`);
  }
  return out;
}
