/**
 * OPEN message body (RFC 4271 §4.2) and its Capabilities Optional Parameter (RFC 5492 §4).
 *
 * Capabilities understood: Multiprotocol (RFC 4760 §8), Route Refresh (RFC 2918 §2), Graceful Restart
 * (RFC 4724 §3 with the N bit of RFC 8538 §2), 4-octet AS (RFC 6793 §3), Long-Lived GR (RFC 9494 §3.1).
 * Any other capability is kept as `unknown` with its raw value. Checks that need the session's
 * configuration (expected peer AS, our own BGP Identifier, required capabilities) belong to the FSM.
 */
import { assertNever, invariant } from '../../base/assert.js';
import { formatIpv4, parseIpv4Into } from './address.js';
import { type DecodeResult, wireError } from './decode-result.js';
import {
  AS_TRANS,
  BGP_VERSION,
  CAP_FOUR_OCTET_AS,
  CAP_GRACEFUL_RESTART,
  CAP_LLGR,
  CAP_MULTIPROTOCOL,
  CAP_ROUTE_REFRESH,
  type Capability,
  ERR_OPEN,
  findCapability,
  OPEN_BAD_BGP_IDENTIFIER,
  OPEN_BAD_PEER_AS,
  OPEN_UNACCEPTABLE_HOLD_TIME,
  OPEN_UNSUPPORTED_OPTIONAL_PARAMETER,
  OPEN_UNSUPPORTED_VERSION_NUMBER,
  OPT_PARAM_CAPABILITIES,
  type OpenMessage,
  SUB_UNSPECIFIC,
} from './message.js';
import { readU16, readU24, readU32, u16Bytes, Writer } from './writer.js';

// RFC 4724 §3 / RFC 8538 §2: the four Restart Flags are the top nibble of the 16-bit word.
const GR_R_BIT = 0x8000;
const GR_N_BIT = 0x4000;
const GR_TIME_MASK = 0x0fff;
// RFC 4724 §3, RFC 9494 §3.1: Forwarding State is the most significant bit of the per-AF flags.
const AF_F_BIT = 0x80;

function writeCapability(w: Writer, c: Capability): void {
  switch (c.type) {
    case 'multiprotocol':
      w.u8(CAP_MULTIPROTOCOL);
      w.u8(4);
      w.u16(c.afi);
      w.u8(0); // RFC 4760 §8: reserved, sent as 0
      w.u8(c.safi);
      return;
    case 'route-refresh':
      w.u8(CAP_ROUTE_REFRESH);
      w.u8(0);
      return;
    case 'graceful-restart': {
      invariant(c.restartTime >= 0 && c.restartTime <= GR_TIME_MASK, 'GR restart time is 12 bits');
      invariant(c.afis.length <= 63, 'GR capability holds at most 63 AFI/SAFI tuples');
      w.u8(CAP_GRACEFUL_RESTART);
      w.u8(2 + 4 * c.afis.length);
      w.u16((c.restartState ? GR_R_BIT : 0) | (c.notification ? GR_N_BIT : 0) | c.restartTime);
      for (const a of c.afis) {
        w.u16(a.afi);
        w.u8(a.safi);
        w.u8(a.forwardingState ? AF_F_BIT : 0);
      }
      return;
    }
    case 'four-octet-as':
      w.u8(CAP_FOUR_OCTET_AS);
      w.u8(4);
      w.u32(c.asn);
      return;
    case 'llgr':
      invariant(c.afis.length <= 36, 'LLGR capability value must fit 255 octets');
      w.u8(CAP_LLGR);
      w.u8(7 * c.afis.length);
      for (const a of c.afis) {
        w.u16(a.afi);
        w.u8(a.safi);
        w.u8(a.forwardingState ? AF_F_BIT : 0);
        w.u24(a.staleTime);
      }
      return;
    case 'unknown':
      invariant(c.value.length <= 255, 'capability value must fit 255 octets');
      w.u8(c.code);
      w.u8(c.value.length);
      w.bytes(c.value);
      return;
    default:
      assertNever(c, 'capability');
  }
}

/**
 * Capabilities as (code, length, value) triples, for the data of an Unsupported Capability
 * NOTIFICATION (RFC 5492 §5: "the list of capabilities that cause the speaker to send the message").
 */
export function capabilityBytes(caps: readonly Capability[]): Uint8Array {
  const w = new Writer(64);
  for (const c of caps) writeCapability(w, c);
  return w.finish();
}

export function writeOpenBody(w: Writer, m: OpenMessage): void {
  w.u8(m.version);
  // RFC 6793 §4.1: an ASN that does not fit two octets goes in the 4-octet AS capability; My AS says AS_TRANS.
  w.u16(m.myAs > 0xffff ? AS_TRANS : m.myAs);
  w.u16(m.holdTime);
  const id = new Uint8Array(4);
  invariant(parseIpv4Into(m.bgpId, id), () => `bad BGP Identifier ${m.bgpId}`);
  w.bytes(id);
  // Capabilities in as few Optional Parameters as fit (RFC 5492 §4 allows one or several).
  const encoded = m.capabilities.map((c) => {
    const cw = new Writer(16);
    writeCapability(cw, c);
    return cw.finish();
  });
  const optLenAt = w.reserve(1);
  let optLen = 0;
  let i = 0;
  while (i < encoded.length) {
    let size = 0;
    let j = i;
    while (j < encoded.length && size + encoded[j].length <= 255) size += encoded[j++].length;
    invariant(j > i, 'capability too long for an optional parameter');
    w.u8(OPT_PARAM_CAPABILITIES);
    w.u8(size);
    for (let k = i; k < j; k++) w.bytes(encoded[k]);
    optLen += 2 + size;
    i = j;
  }
  w.setU8(optLenAt, optLen);
}

type CapResult = { ok: true; cap: Capability } | { ok: false; reason: string };

function readCapability(code: number, b: Uint8Array, at: number, len: number): CapResult {
  const bad = (reason: string): CapResult => ({ ok: false, reason });
  switch (code) {
    case CAP_MULTIPROTOCOL:
      if (len !== 4) return bad('malformed-multiprotocol-capability');
      return { ok: true, cap: { type: 'multiprotocol', afi: readU16(b, at), safi: b[at + 3] } };
    case CAP_ROUTE_REFRESH:
      if (len !== 0) return bad('malformed-route-refresh-capability');
      return { ok: true, cap: { type: 'route-refresh' } };
    case CAP_GRACEFUL_RESTART: {
      if (len < 2 || (len - 2) % 4 !== 0) return bad('malformed-graceful-restart-capability');
      const word = readU16(b, at);
      const afis = [];
      for (let p = at + 2; p < at + len; p += 4) {
        afis.push({ afi: readU16(b, p), safi: b[p + 2], forwardingState: (b[p + 3] & AF_F_BIT) !== 0 });
      }
      return {
        ok: true,
        cap: {
          type: 'graceful-restart',
          restartState: (word & GR_R_BIT) !== 0,
          notification: (word & GR_N_BIT) !== 0,
          restartTime: word & GR_TIME_MASK,
          afis,
        },
      };
    }
    case CAP_FOUR_OCTET_AS:
      if (len !== 4) return bad('malformed-four-octet-as-capability');
      return { ok: true, cap: { type: 'four-octet-as', asn: readU32(b, at) } };
    case CAP_LLGR: {
      if (len % 7 !== 0) return bad('malformed-llgr-capability');
      const afis = [];
      for (let p = at; p < at + len; p += 7) {
        afis.push({
          afi: readU16(b, p),
          safi: b[p + 2],
          forwardingState: (b[p + 3] & AF_F_BIT) !== 0,
          staleTime: readU24(b, p + 4),
        });
      }
      return { ok: true, cap: { type: 'llgr', afis } };
    }
    default:
      return { ok: true, cap: { type: 'unknown', code, value: b.slice(at, at + len) } };
  }
}

/** Decodes an OPEN body b[start, end) — header already checked, end - start ≥ 10. */
export function readOpenBody(b: Uint8Array, start: number, end: number): DecodeResult {
  const version = b[start];
  if (version !== BGP_VERSION) {
    // RFC 4271 §6.2: data is the 2-octet largest locally supported version number.
    return {
      ok: false,
      error: wireError(ERR_OPEN, OPEN_UNSUPPORTED_VERSION_NUMBER, 'unsupported-version', u16Bytes(BGP_VERSION)),
    };
  }
  const asField = readU16(b, start + 1);
  const holdTime = readU16(b, start + 3);
  const idWord = readU32(b, start + 5);
  const optLen = b[start + 9];
  const paramsStart = start + 10;
  if (paramsStart + optLen !== end) {
    // RFC 4271 §6.2 names no subcode for an Optional Parameters Length that disagrees with the
    // message length; it is a malformed OPEN: OPEN Message Error / Unspecific.
    return { ok: false, error: wireError(ERR_OPEN, SUB_UNSPECIFIC, 'optional-parameters-length-mismatch') };
  }
  const capabilities: Capability[] = [];
  let at = paramsStart;
  while (at < end) {
    if (at + 2 > end) return { ok: false, error: wireError(ERR_OPEN, SUB_UNSPECIFIC, 'truncated-optional-parameter') };
    const ptype = b[at];
    const plen = b[at + 1];
    at += 2;
    if (at + plen > end) {
      return { ok: false, error: wireError(ERR_OPEN, SUB_UNSPECIFIC, 'truncated-optional-parameter') };
    }
    if (ptype !== OPT_PARAM_CAPABILITIES) {
      // RFC 4271 §6.2: an optional parameter we do not recognise → Unsupported Optional Parameter.
      return {
        ok: false,
        error: wireError(ERR_OPEN, OPEN_UNSUPPORTED_OPTIONAL_PARAMETER, 'unsupported-optional-parameter'),
      };
    }
    const pend = at + plen;
    while (at < pend) {
      if (at + 2 > pend) return { ok: false, error: wireError(ERR_OPEN, SUB_UNSPECIFIC, 'truncated-capability') };
      const code = b[at];
      const clen = b[at + 1];
      at += 2;
      if (at + clen > pend) return { ok: false, error: wireError(ERR_OPEN, SUB_UNSPECIFIC, 'truncated-capability') };
      const r = readCapability(code, b, at, clen);
      if (!r.ok) return { ok: false, error: wireError(ERR_OPEN, SUB_UNSPECIFIC, r.reason) };
      capabilities.push(r.cap);
      at += clen;
    }
  }
  // RFC 6793 §4.1: the real ASN is the capability's; RFC 4724 §3 style "last instance wins" for repeats.
  const as4 = findCapability(capabilities, 'four-octet-as');
  const myAs = as4 ? as4.asn : asField;
  // RFC 7607 §2: AS 0 in OPEN (either field) → Bad Peer AS.
  if (asField === 0 || myAs === 0) {
    return { ok: false, error: wireError(ERR_OPEN, OPEN_BAD_PEER_AS, 'peer-as-zero') };
  }
  // RFC 4271 §6.2: Hold Time of one or two seconds MUST be rejected (0 or ≥ 3 are acceptable).
  if (holdTime === 1 || holdTime === 2) {
    return { ok: false, error: wireError(ERR_OPEN, OPEN_UNACCEPTABLE_HOLD_TIME, 'unacceptable-hold-time') };
  }
  // RFC 6286 §2.1: the BGP Identifier is any non-zero 4-octet value.
  if (idWord === 0) {
    return { ok: false, error: wireError(ERR_OPEN, OPEN_BAD_BGP_IDENTIFIER, 'bgp-identifier-zero') };
  }
  const bgpId = formatIpv4(b, start + 5);
  return { ok: true, msg: { type: 'open', version, myAs, holdTime, bgpId, capabilities } };
}
