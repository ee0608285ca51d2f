/**
 * Address ordering for the last tie-breaks of the decision process (RFC 4271 §9.1.2.2 (f), (g)):
 * BGP Identifiers and peer addresses compare as unsigned numbers, not as text.
 */
import { invariant, SimInvariantError } from '../../base/assert.js';

/** A dotted-quad IPv4 address as an unsigned 32-bit number. */
export function ipv4ToNumber(addr: string): number {
  // One pass over the characters (no split): RIBs and sessions convert router ids as they are built.
  let n = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < addr.length; i++) {
    const c = addr.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      digits++;
    } else if (c === 46 && digits > 0 && octet <= 255 && dots < 3) {
      n = n * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else return notIpv4(addr);
  }
  if (dots !== 3 || digits === 0 || octet > 255) return notIpv4(addr);
  return n * 256 + octet;
}

function notIpv4(addr: string): never {
  throw new SimInvariantError(`not an IPv4 address: ${addr}`);
}

/**
 * A fixed-width key whose string order is the numeric order of the address; IPv4 sorts before IPv6.
 * IPv4-mapped or embedded dotted tails in IPv6 text are accepted.
 */
export function addressKey(addr: string): string {
  if (!addr.includes(':')) return `4${ipv4ToNumber(addr).toString(16).padStart(8, '0')}`;
  let text = addr;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v = ipv4ToNumber(tail);
    text = `${text.slice(0, lastColon + 1)}${(v >>> 16).toString(16)}:${(v & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  invariant(halves.length <= 2, () => `not an IPv6 address: ${addr}`);
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const rest = halves.length === 2 ? (halves[1] === '' ? [] : halves[1].split(':')) : [];
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  const groups = [...head, ...new Array<string>(fill).fill('0'), ...rest];
  invariant(groups.length === 8, () => `not an IPv6 address: ${addr}`);
  return `6${groups.map((g) => g.padStart(4, '0').toLowerCase()).join('')}`;
}
