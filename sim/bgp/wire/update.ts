/**
 * UPDATE message body (RFC 4271 §4.3) and its path attributes.
 *
 * Attributes understood: ORIGIN, AS_PATH, NEXT_HOP, MULTI_EXIT_DISC, LOCAL_PREF, ATOMIC_AGGREGATE,
 * AGGREGATOR (RFC 4271 §5.1), COMMUNITIES (RFC 1997), MP_REACH_NLRI / MP_UNREACH_NLRI for IPv4/IPv6
 * unicast and multicast (RFC 4760), AS4_PATH / AS4_AGGREGATOR (RFC 6793 §4.2). Anything else is kept
 * raw with its flags.
 *
 * Errors: every error is first classified with RFC 4271 §6.3's (code, subcode, data), then given the
 * approach RFC 7606 assigns (session reset, treat-as-withdraw, attribute discard). With revised
 * handling off, every error resets the session as RFC 4271 had it. When several errors occur the
 * strongest approach wins (RFC 7606 §3 (h)).
 *
 * Sending follows RFC 7606 §5.1: MP_UNREACH_NLRI / MP_REACH_NLRI go first among the attributes.
 * (`splitUpdate` also keeps to one NLRI-carrying field per UPDATE; `encode` writes what it is given.)
 */
import { invariant } from '../../base/assert.js';
import { formatAddress, parseAddress } from './address.js';
import {
  type DecodeOptions,
  type DecodeResult,
  EMPTY,
  type EncodeOptions,
  type UpdateError,
  type UpdateErrorAction,
} from './decode-result.js';
import {
  AFI_IPV4,
  AFI_IPV6,
  AS_TRANS,
  type AsPathSegment,
  type AsPathSegmentType,
  ATTR_AGGREGATOR,
  ATTR_AS_PATH,
  ATTR_AS4_AGGREGATOR,
  ATTR_AS4_PATH,
  ATTR_ATOMIC_AGGREGATE,
  ATTR_COMMUNITIES,
  ATTR_LOCAL_PREF,
  ATTR_MED,
  ATTR_MP_REACH_NLRI,
  ATTR_MP_UNREACH_NLRI,
  ATTR_NEXT_HOP,
  ATTR_ORIGIN,
  ERR_UPDATE,
  FLAG_EXTENDED_LENGTH,
  FLAG_OPTIONAL,
  FLAG_TRANSITIVE,
  type MpReach,
  type MpUnreach,
  type Origin,
  type PathAttributes,
  type Prefix,
  type RawAttribute,
  SAFI_MULTICAST,
  SAFI_UNICAST,
  SUB_UNSPECIFIC,
  UPDATE_ATTRIBUTE_FLAGS_ERROR,
  UPDATE_ATTRIBUTE_LENGTH_ERROR,
  UPDATE_INVALID_NETWORK_FIELD,
  UPDATE_INVALID_NEXT_HOP_ATTRIBUTE,
  UPDATE_INVALID_ORIGIN_ATTRIBUTE,
  UPDATE_MALFORMED_AS_PATH,
  UPDATE_MALFORMED_ATTRIBUTE_LIST,
  UPDATE_MISSING_WELL_KNOWN_ATTRIBUTE,
  UPDATE_OPTIONAL_ATTRIBUTE_ERROR,
  UPDATE_UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE,
  type UpdateMessage,
} from './message.js';
import { readPrefixes, writePrefixes } from './nlri.js';
import { readU16, readU32, type Writer } from './writer.js';

const SEGMENT_CODE: Record<AsPathSegmentType, number> = {
  set: 1,
  sequence: 2,
  'confed-sequence': 3,
  'confed-set': 4,
};
const SEGMENT_TYPE: (AsPathSegmentType | undefined)[] = [undefined, 'set', 'sequence', 'confed-sequence', 'confed-set'];

const WELL_KNOWN = FLAG_TRANSITIVE;
const OPTIONAL_TRANSITIVE = FLAG_OPTIONAL | FLAG_TRANSITIVE;
const OPTIONAL_NON_TRANSITIVE = FLAG_OPTIONAL;

/** The Optional and Transitive bits each known attribute must carry (RFC 4271 §5, RFC 4760, RFC 1997, RFC 6793). */
const EXPECTED_FLAGS: Record<number, number> = {
  [ATTR_ORIGIN]: WELL_KNOWN,
  [ATTR_AS_PATH]: WELL_KNOWN,
  [ATTR_NEXT_HOP]: WELL_KNOWN,
  [ATTR_MED]: OPTIONAL_NON_TRANSITIVE,
  [ATTR_LOCAL_PREF]: WELL_KNOWN,
  [ATTR_ATOMIC_AGGREGATE]: WELL_KNOWN,
  [ATTR_AGGREGATOR]: OPTIONAL_TRANSITIVE,
  [ATTR_COMMUNITIES]: OPTIONAL_TRANSITIVE,
  [ATTR_MP_REACH_NLRI]: OPTIONAL_NON_TRANSITIVE,
  [ATTR_MP_UNREACH_NLRI]: OPTIONAL_NON_TRANSITIVE,
  [ATTR_AS4_PATH]: OPTIONAL_TRANSITIVE,
  [ATTR_AS4_AGGREGATOR]: OPTIONAL_TRANSITIVE,
};

/**
 * RFC 7606 §3 (c): a flags conflict is treat-as-withdraw unless the attribute's own rules say otherwise —
 * §3 (f) attribute discard for ATOMIC_AGGREGATE and AGGREGATOR, RFC 6793 §6 discard for AS4_PATH and
 * AS4_AGGREGATOR, §5.3 (via §3 (j)) session reset for MP_REACH_NLRI and MP_UNREACH_NLRI.
 */
const FLAGS_ERROR_ACTION: Record<number, UpdateErrorAction> = {
  [ATTR_ORIGIN]: 'treat-as-withdraw',
  [ATTR_AS_PATH]: 'treat-as-withdraw',
  [ATTR_NEXT_HOP]: 'treat-as-withdraw',
  [ATTR_MED]: 'treat-as-withdraw',
  [ATTR_LOCAL_PREF]: 'treat-as-withdraw',
  [ATTR_ATOMIC_AGGREGATE]: 'attribute-discard',
  [ATTR_AGGREGATOR]: 'attribute-discard',
  [ATTR_COMMUNITIES]: 'treat-as-withdraw',
  [ATTR_MP_REACH_NLRI]: 'session-reset',
  [ATTR_MP_UNREACH_NLRI]: 'session-reset',
  [ATTR_AS4_PATH]: 'attribute-discard',
  [ATTR_AS4_AGGREGATOR]: 'attribute-discard',
};

export function isKnownAttribute(typeCode: number): boolean {
  return EXPECTED_FLAGS[typeCode] !== undefined;
}

function isNlriFamily(afi: number, safi: number): boolean {
  return (afi === AFI_IPV4 || afi === AFI_IPV6) && (safi === SAFI_UNICAST || safi === SAFI_MULTICAST);
}

// ---------------------------------------------------------------------------------------------
// Encoding

/** Writes one attribute; the length is one octet unless the value exceeds 255 or the flags ask for two. */
function writeAttr(w: Writer, flags: number, typeCode: number, value: (w: Writer) => void): void {
  const flagsAt = w.pos;
  w.u8(flags & 0xf0 & ~FLAG_EXTENDED_LENGTH);
  w.u8(typeCode);
  const lenAt = w.reserve(1);
  const vStart = w.pos;
  value(w);
  const vlen = w.pos - vStart;
  if (vlen > 255 || flags & FLAG_EXTENDED_LENGTH) {
    invariant(vlen <= 0xffff, 'attribute longer than 65535 octets');
    w.reserve(1);
    w.buf.copyWithin(vStart + 1, vStart, vStart + vlen);
    w.buf[flagsAt] |= FLAG_EXTENDED_LENGTH;
    w.setU16(lenAt, vlen);
  } else {
    w.setU8(lenAt, vlen);
  }
}

function writeSegments(w: Writer, segs: readonly AsPathSegment[], fourOctet: boolean, asTrans: boolean): void {
  for (const seg of segs) {
    invariant(seg.asns.length >= 1 && seg.asns.length <= 255, 'an AS_PATH segment holds 1..255 ASNs');
    w.u8(SEGMENT_CODE[seg.type]);
    w.u8(seg.asns.length);
    for (const asn of seg.asns) {
      if (fourOctet) w.u32(asn);
      else w.u16(asTrans && asn > 0xffff ? AS_TRANS : asn);
    }
  }
}

function writeAddress(w: Writer, text: string): void {
  const a = parseAddress(text);
  invariant(a, () => `not an address: ${text}`);
  w.bytes(a);
}

function writeNextHopV4(w: Writer, text: string): void {
  const a = parseAddress(text);
  invariant(a && a.length === 4, () => `NEXT_HOP must be IPv4: ${text}`);
  w.bytes(a);
}

/**
 * Attribute sets their owner promises never to change (the RIB's interned, deep-frozen ones): their
 * Path Attributes octets are written once per AS-number width and copied after that, so a route
 * server sending one path to a thousand peers encodes its attributes once, not a thousand times.
 */
const sealed = new WeakMap<PathAttributes, [Uint8Array | undefined, Uint8Array | undefined]>();

/** Marks `a` as never changing again (it must be deep-frozen): its encoding may be cached. */
export function sealAttributes(a: Readonly<PathAttributes>): void {
  if (!sealed.has(a)) sealed.set(a, [undefined, undefined]);
}

export function writeUpdateBody(w: Writer, m: UpdateMessage, opts: EncodeOptions = {}): void {
  const fourOctet = opts.fourOctetAs ?? true;
  const wAt = w.reserve(2);
  writePrefixes(w, m.withdrawn, AFI_IPV4);
  w.setU16(wAt, w.pos - wAt - 2);
  const aAt = w.reserve(2);
  const cache = sealed.get(m.attributes);
  if (cache) {
    const k = fourOctet ? 1 : 0;
    const b = cache[k];
    if (b) w.bytes(b);
    else {
      writeAttributes(w, m.attributes, fourOctet);
      cache[k] = w.buf.slice(aAt + 2, w.pos);
    }
  } else writeAttributes(w, m.attributes, fourOctet);
  w.setU16(aAt, w.pos - aAt - 2);
  writePrefixes(w, m.nlri, AFI_IPV4);
}

function writeAttributes(w: Writer, a: PathAttributes, fourOctet: boolean): void {
  // MP attributes first (below), then the rest in type-code order with unrecognised ones interleaved.
  const unknown = a.unknown ?? [];
  const isMpCode = (t: number): boolean => t === ATTR_MP_REACH_NLRI || t === ATTR_MP_UNREACH_NLRI;
  // RFC 7606 §5.1: the MP attribute SHALL be the very first path attribute (withdrawals before reachability).
  if (a.mpUnreach !== undefined) {
    const r = a.mpUnreach;
    writeAttr(w, OPTIONAL_NON_TRANSITIVE, ATTR_MP_UNREACH_NLRI, (v) => {
      v.u16(r.afi);
      v.u8(r.safi);
      if (r.withdrawn.length > 0) {
        invariant(isNlriFamily(r.afi, r.safi), 'MP_UNREACH withdrawals only for IPv4/IPv6 unicast/multicast');
        writePrefixes(v, r.withdrawn, r.afi);
      }
    });
  }
  if (a.mpReach !== undefined) {
    const r = a.mpReach;
    writeAttr(w, OPTIONAL_NON_TRANSITIVE, ATTR_MP_REACH_NLRI, (v) => writeMpReach(v, r));
  }
  // MP attributes of families we do not parse stay raw, and go first too.
  for (const r of unknown) if (isMpCode(r.typeCode)) writeAttr(w, r.flags, r.typeCode, (v) => v.bytes(r.value));
  let u = 0;
  const flushUnknownBelow = (code: number): void => {
    while (u < unknown.length && unknown[u].typeCode < code) {
      const r = unknown[u++];
      if (isMpCode(r.typeCode)) continue;
      invariant(!isKnownAttribute(r.typeCode), () => `attribute ${r.typeCode} must use its typed field`);
      writeAttr(w, r.flags, r.typeCode, (v) => v.bytes(r.value));
    }
  };
  // RFC 6793 §4.2.2: AS4_PATH carries no confederation segments, so only the others can need it.
  const as4Segments = (a.asPath ?? []).filter((s) => s.type === 'set' || s.type === 'sequence');
  const needsAs4 = !fourOctet && as4Segments.some((s) => s.asns.some((x) => x > 0xffff));
  const aggNeedsAs4 = !fourOctet && a.aggregator !== undefined && a.aggregator.asn > 0xffff;

  flushUnknownBelow(ATTR_ORIGIN);
  if (a.origin !== undefined) writeAttr(w, WELL_KNOWN, ATTR_ORIGIN, (v) => v.u8(a.origin as number));
  flushUnknownBelow(ATTR_AS_PATH);
  if (a.asPath !== undefined) {
    const path = a.asPath;
    writeAttr(w, WELL_KNOWN, ATTR_AS_PATH, (v) => writeSegments(v, path, fourOctet, true));
  }
  flushUnknownBelow(ATTR_NEXT_HOP);
  if (a.nextHop !== undefined) {
    const nh = a.nextHop;
    writeAttr(w, WELL_KNOWN, ATTR_NEXT_HOP, (v) => writeNextHopV4(v, nh));
  }
  flushUnknownBelow(ATTR_MED);
  if (a.med !== undefined) writeAttr(w, OPTIONAL_NON_TRANSITIVE, ATTR_MED, (v) => v.u32(a.med as number));
  flushUnknownBelow(ATTR_LOCAL_PREF);
  if (a.localPref !== undefined) writeAttr(w, WELL_KNOWN, ATTR_LOCAL_PREF, (v) => v.u32(a.localPref as number));
  flushUnknownBelow(ATTR_ATOMIC_AGGREGATE);
  if (a.atomicAggregate) writeAttr(w, WELL_KNOWN, ATTR_ATOMIC_AGGREGATE, () => {});
  flushUnknownBelow(ATTR_AGGREGATOR);
  if (a.aggregator !== undefined) {
    const agg = a.aggregator;
    writeAttr(w, OPTIONAL_TRANSITIVE, ATTR_AGGREGATOR, (v) => {
      if (fourOctet) v.u32(agg.asn);
      else v.u16(agg.asn > 0xffff ? AS_TRANS : agg.asn);
      writeNextHopV4(v, agg.address);
    });
  }
  flushUnknownBelow(ATTR_COMMUNITIES);
  // RFC 7606 §7.8: an empty COMMUNITIES is malformed, so an empty list is simply not sent.
  if (a.communities !== undefined && a.communities.length > 0) {
    const cs = a.communities;
    writeAttr(w, OPTIONAL_TRANSITIVE, ATTR_COMMUNITIES, (v) => {
      for (const c of cs) v.u32(c);
    });
  }
  flushUnknownBelow(ATTR_AS4_PATH);
  if (needsAs4) {
    writeAttr(w, OPTIONAL_TRANSITIVE, ATTR_AS4_PATH, (v) => writeSegments(v, as4Segments, true, false));
  }
  flushUnknownBelow(ATTR_AS4_AGGREGATOR);
  if (aggNeedsAs4 && a.aggregator) {
    const agg = a.aggregator;
    writeAttr(w, OPTIONAL_TRANSITIVE, ATTR_AS4_AGGREGATOR, (v) => {
      v.u32(agg.asn);
      writeNextHopV4(v, agg.address);
    });
  }
  flushUnknownBelow(256);
}

function writeMpReach(w: Writer, r: MpReach): void {
  invariant(isNlriFamily(r.afi, r.safi), 'MP_REACH only for IPv4/IPv6 unicast/multicast');
  w.u16(r.afi);
  w.u8(r.safi);
  const nhAt = w.reserve(1);
  writeAddress(w, r.nextHop);
  if (r.linkLocalNextHop !== undefined) writeAddress(w, r.linkLocalNextHop);
  w.setU8(nhAt, w.pos - nhAt - 1);
  w.u8(0); // RFC 4760 §3: Reserved, MUST be 0
  writePrefixes(w, r.nlri, r.afi);
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** Internal: an error plus whether plain RFC 4271 would also tolerate it (not a NOTIFICATION there). */
interface Fault extends UpdateError {
  tolerated4271: boolean;
}

const RANK: Record<UpdateErrorAction, number> = { 'attribute-discard': 0, 'treat-as-withdraw': 1, 'session-reset': 2 };

function parseSegments(b: Uint8Array, s: number, e: number, width: 2 | 4): AsPathSegment[] | undefined {
  const segs: AsPathSegment[] = [];
  let at = s;
  while (at < e) {
    // RFC 7606 §7.2: a lone trailing octet (underrun), an unknown type, a zero count or an overrun is malformed.
    if (at + 2 > e) return undefined;
    const type = SEGMENT_TYPE[b[at]];
    const count = b[at + 1];
    if (type === undefined || count === 0) return undefined;
    at += 2;
    if (at + count * width > e) return undefined;
    const asns = new Array<number>(count);
    for (let i = 0; i < count; i++, at += width) asns[i] = width === 4 ? readU32(b, at) : readU16(b, at);
    segs.push({ type, asns });
  }
  return segs;
}

/** RFC 6793 §4.2.3: the number of ASes a path counts for (sequence: each, set: one, confederation: none). */
function pathCount(path: readonly AsPathSegment[]): number {
  let n = 0;
  for (const s of path) n += s.type === 'sequence' ? s.asns.length : s.type === 'set' ? 1 : 0;
  return n;
}

/** RFC 6793 §4.2.3: leading ASes of AS_PATH that AS4_PATH does not cover, followed by AS4_PATH. */
export function mergeAs4Path(asPath: readonly AsPathSegment[], as4Path: readonly AsPathSegment[]): AsPathSegment[] {
  const n2 = pathCount(asPath);
  const n4 = pathCount(as4Path);
  if (n2 < n4) return asPath.map((s) => ({ type: s.type, asns: [...s.asns] }));
  let need = n2 - n4;
  const out: AsPathSegment[] = [];
  for (const seg of asPath) {
    if (seg.type === 'confed-sequence' || seg.type === 'confed-set') {
      out.push({ type: seg.type, asns: [...seg.asns] });
      continue;
    }
    if (need === 0) break;
    if (seg.type === 'set') {
      out.push({ type: 'set', asns: [...seg.asns] });
      need--;
      continue;
    }
    const take = Math.min(need, seg.asns.length);
    out.push({ type: 'sequence', asns: seg.asns.slice(0, take) });
    need -= take;
  }
  for (const seg of as4Path) out.push({ type: seg.type, asns: [...seg.asns] });
  return out;
}

function isBadNextHop(b: Uint8Array, at: number): boolean {
  // RFC 4271 §6.3 / RFC 7606 §7.3: 0.0.0.0, multicast (224/4) and class E incl. broadcast cannot be a next hop.
  return (b[at] === 0 && b[at + 1] === 0 && b[at + 2] === 0 && b[at + 3] === 0) || b[at] >= 224;
}

// Which attribute type codes this UPDATE has shown; decoding is synchronous, so one table serves all.
const seenScratch = new Uint8Array(256);

/** Decodes an UPDATE body b[start, end) (header checked; end - start ≥ 4). */
export function readUpdateBody(b: Uint8Array, start: number, end: number, opts: DecodeOptions = {}): DecodeResult {
  const fourOctet = opts.fourOctetAs ?? true;
  const revised = opts.revisedErrorHandling ?? true;
  const reset = (subcode: number, reason: string, data: Uint8Array = EMPTY): DecodeResult => ({
    ok: false,
    error: { code: ERR_UPDATE, subcode, data, reason },
  });

  // RFC 4271 §6.3: lengths that run past the message → Malformed Attribute List (still a reset: RFC 7606 §4).
  const wrl = readU16(b, start);
  if (start + 4 + wrl > end) return reset(UPDATE_MALFORMED_ATTRIBUTE_LIST, 'withdrawn-routes-length-overrun');
  const tpal = readU16(b, start + 2 + wrl);
  const attrStart = start + 4 + wrl;
  const attrEnd = attrStart + tpal;
  if (attrEnd > end) return reset(UPDATE_MALFORMED_ATTRIBUTE_LIST, 'total-attribute-length-overrun');
  // RFC 4271 §6.3 Invalid Network Field; RFC 7606 §5.3: an unparsable NLRI field leaves only session reset.
  const withdrawn = readPrefixes(b, start + 2, start + 2 + wrl, AFI_IPV4);
  if (!withdrawn) return reset(UPDATE_INVALID_NETWORK_FIELD, 'invalid-withdrawn-routes');
  const nlri = readPrefixes(b, attrEnd, end, AFI_IPV4);
  if (!nlri) return reset(UPDATE_INVALID_NETWORK_FIELD, 'invalid-nlri');

  const faults: Fault[] = [];
  const fault = (
    subcode: number,
    action: UpdateErrorAction,
    reason: string,
    data: Uint8Array,
    attrType?: number,
    tolerated4271 = false,
  ): void => {
    const f: Fault = { code: ERR_UPDATE, subcode, data, reason, action, tolerated4271 };
    if (attrType !== undefined) f.attrType = attrType;
    faults.push(f);
  };

  const attrs: PathAttributes = {};
  const unknown: RawAttribute[] = [];
  // MP attributes of families we do not parse: kept raw, listed first (where the encoder writes them).
  const rawMp: RawAttribute[] = [];
  const seen = seenScratch;
  seen.fill(0);
  let as4Path: AsPathSegment[] | undefined;
  let as4Agg: { asn: number; address: string } | undefined;

  let at = attrStart;
  while (at < attrEnd) {
    // RFC 7606 §4: too few octets for an attribute header, or a length past the Total Path Attribute
    // Length → treat-as-withdraw, relying on the Total Path Attribute Length to find the NLRI.
    const flags = b[at];
    const hdr = flags & FLAG_EXTENDED_LENGTH ? 4 : 3;
    if (at + hdr > attrEnd) {
      fault(UPDATE_MALFORMED_ATTRIBUTE_LIST, 'treat-as-withdraw', 'attribute-header-truncated', EMPTY);
      break;
    }
    const typeCode = b[at + 1];
    const len = hdr === 4 ? readU16(b, at + 2) : b[at + 2];
    const v = at + hdr;
    const vEnd = v + len;
    if (vEnd > attrEnd) {
      fault(
        UPDATE_ATTRIBUTE_LENGTH_ERROR,
        'treat-as-withdraw',
        'attribute-length-overrun',
        b.slice(at, attrEnd),
        typeCode,
      );
      break;
    }
    const aStart = at;
    const whole = (): Uint8Array => b.slice(aStart, vEnd);
    at = vEnd;
    {
      if (seen[typeCode]) {
        // RFC 7606 §3 (g): a repeated MP_REACH/MP_UNREACH resets; other repeats are discarded.
        // RFC 4271 §6.3: any repeat is a Malformed Attribute List.
        if (typeCode === ATTR_MP_REACH_NLRI || typeCode === ATTR_MP_UNREACH_NLRI) {
          fault(UPDATE_MALFORMED_ATTRIBUTE_LIST, 'session-reset', 'duplicate-mp-attribute', EMPTY, typeCode);
        } else {
          fault(UPDATE_MALFORMED_ATTRIBUTE_LIST, 'attribute-discard', 'duplicate-attribute', EMPTY, typeCode);
        }
        continue;
      }
      seen[typeCode] = 1;
      const expected = EXPECTED_FLAGS[typeCode];
      if (expected === undefined) {
        if (!(flags & FLAG_OPTIONAL)) {
          // RFC 4271 §6.3: an unrecognised well-known attribute; RFC 7606 keeps the reset.
          fault(
            UPDATE_UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE,
            'session-reset',
            'unrecognized-well-known-attribute',
            whole(),
            typeCode,
          );
        } else {
          // RFC 4271 §4.3: the low four flag bits are unused and ignored on receipt.
          unknown.push({ flags: flags & 0xf0, typeCode, value: b.slice(v, vEnd) });
        }
        continue;
      }
      if ((flags & OPTIONAL_TRANSITIVE) !== expected) {
        // RFC 4271 §6.3 Attribute Flags Error, handled as RFC 7606 assigns per attribute.
        fault(UPDATE_ATTRIBUTE_FLAGS_ERROR, FLAGS_ERROR_ACTION[typeCode], 'attribute-flags-error', whole(), typeCode);
        continue;
      }
      const lengthError = (action: UpdateErrorAction): void =>
        fault(UPDATE_ATTRIBUTE_LENGTH_ERROR, action, 'attribute-length-error', whole(), typeCode);
      switch (typeCode) {
        case ATTR_ORIGIN:
          // RFC 7606 §7.1: a wrong length or an undefined value → treat-as-withdraw.
          if (len !== 1) lengthError('treat-as-withdraw');
          else if (b[v] > 2) {
            fault(UPDATE_INVALID_ORIGIN_ATTRIBUTE, 'treat-as-withdraw', 'invalid-origin', whole(), typeCode);
          } else attrs.origin = b[v] as Origin;
          break;
        case ATTR_AS_PATH: {
          const segs = parseSegments(b, v, vEnd, fourOctet ? 4 : 2);
          // RFC 4271 §6.3 Malformed AS_PATH (no data); RFC 7606 §7.2: treat-as-withdraw.
          if (!segs) fault(UPDATE_MALFORMED_AS_PATH, 'treat-as-withdraw', 'malformed-as-path', EMPTY, typeCode);
          else attrs.asPath = segs;
          break;
        }
        case ATTR_NEXT_HOP:
          // RFC 7606 §7.3: a bad length or an unusable address → treat-as-withdraw.
          if (len !== 4) lengthError('treat-as-withdraw');
          else if (isBadNextHop(b, v)) {
            fault(UPDATE_INVALID_NEXT_HOP_ATTRIBUTE, 'treat-as-withdraw', 'invalid-next-hop', whole(), typeCode);
          } else attrs.nextHop = formatAddress(b, v, 4);
          break;
        case ATTR_MED:
          // RFC 7606 §7.4.
          if (len !== 4) lengthError('treat-as-withdraw');
          else attrs.med = readU32(b, v);
          break;
        case ATTR_LOCAL_PREF:
          if (opts.external) {
            // RFC 4271 §5.1.5 / RFC 7606 §7.5: LOCAL_PREF from an external peer is ignored.
            fault(SUB_UNSPECIFIC, 'attribute-discard', 'local-pref-from-external-peer', EMPTY, typeCode, true);
          } else if (len !== 4) lengthError('treat-as-withdraw');
          else attrs.localPref = readU32(b, v);
          break;
        case ATTR_ATOMIC_AGGREGATE:
          // RFC 7606 §7.6: a non-zero length → attribute discard.
          if (len !== 0) lengthError('attribute-discard');
          else attrs.atomicAggregate = true;
          break;
        case ATTR_AGGREGATOR:
          // RFC 7606 §7.7: length 8 with 4-octet AS negotiated, else 6; otherwise attribute discard.
          if (len !== (fourOctet ? 8 : 6)) lengthError('attribute-discard');
          else {
            attrs.aggregator = fourOctet
              ? { asn: readU32(b, v), address: formatAddress(b, v + 4, 4) }
              : { asn: readU16(b, v), address: formatAddress(b, v + 2, 4) };
          }
          break;
        case ATTR_COMMUNITIES:
          // RFC 7606 §7.8: a length that is not a non-zero multiple of 4 → treat-as-withdraw.
          if (len === 0 || len % 4 !== 0) lengthError('treat-as-withdraw');
          else {
            const cs: number[] = [];
            for (let p = v; p < vEnd; p += 4) cs.push(readU32(b, p));
            attrs.communities = cs;
          }
          break;
        case ATTR_MP_REACH_NLRI: {
          const r = readMpReach(b, v, vEnd);
          // RFC 4760 §7 Optional Attribute Error; RFC 7606 §7.11 / §5.3: unparsable → session reset.
          if (r === 'malformed') {
            fault(UPDATE_OPTIONAL_ATTRIBUTE_ERROR, 'session-reset', 'malformed-mp-reach-nlri', whole(), typeCode);
          } else if (r === 'unsupported') rawMp.push({ flags: flags & 0xf0, typeCode, value: b.slice(v, vEnd) });
          else attrs.mpReach = r;
          break;
        }
        case ATTR_MP_UNREACH_NLRI: {
          const r = readMpUnreach(b, v, vEnd);
          if (r === 'malformed') {
            fault(UPDATE_OPTIONAL_ATTRIBUTE_ERROR, 'session-reset', 'malformed-mp-unreach-nlri', whole(), typeCode);
          } else if (r === 'unsupported') rawMp.push({ flags: flags & 0xf0, typeCode, value: b.slice(v, vEnd) });
          else attrs.mpUnreach = r;
          break;
        }
        case ATTR_AS4_PATH: {
          if (fourOctet) {
            // RFC 6793 §6: between NEW speakers AS4_PATH MUST be discarded (not an error in RFC 4271 terms).
            fault(SUB_UNSPECIFIC, 'attribute-discard', 'as4-path-between-new-speakers', EMPTY, typeCode, true);
            break;
          }
          const segs = len < 6 ? undefined : parseSegments(b, v, vEnd, 4);
          if (!segs) {
            // RFC 6793 §6: a malformed AS4_PATH is discarded.
            fault(UPDATE_OPTIONAL_ATTRIBUTE_ERROR, 'attribute-discard', 'malformed-as4-path', whole(), typeCode);
            break;
          }
          // RFC 6793 §6: confederation segments in AS4_PATH are dropped and processing continues.
          as4Path = segs.filter((s) => s.type === 'set' || s.type === 'sequence');
          break;
        }
        case ATTR_AS4_AGGREGATOR:
          if (fourOctet) {
            fault(SUB_UNSPECIFIC, 'attribute-discard', 'as4-aggregator-between-new-speakers', EMPTY, typeCode, true);
          } else if (len !== 8) {
            fault(UPDATE_OPTIONAL_ATTRIBUTE_ERROR, 'attribute-discard', 'malformed-as4-aggregator', whole(), typeCode);
          } else as4Agg = { asn: readU32(b, v), address: formatAddress(b, v + 4, 4) };
          break;
        default:
          invariant(false, `attribute ${typeCode} listed as known but not decoded`);
      }
    }
  }

  // RFC 6793 §4.2.3: reconstruct the 4-octet path from AS_PATH + AS4_PATH when talking to an OLD speaker.
  if (!fourOctet) {
    const aggIgnoresAs4 = attrs.aggregator !== undefined && attrs.aggregator.asn !== AS_TRANS;
    if (aggIgnoresAs4) {
      // "If the AGGREGATOR attribute does not contain AS_TRANS, AS4_AGGREGATOR and AS4_PATH are ignored."
    } else {
      if (as4Agg && attrs.aggregator) attrs.aggregator = as4Agg;
      if (as4Path && attrs.asPath) attrs.asPath = mergeAs4Path(attrs.asPath, as4Path);
    }
  }
  if (unknown.length + rawMp.length > 0) attrs.unknown = rawMp.length > 0 ? [...rawMp, ...unknown] : unknown;

  // RFC 4271 §6.3 Missing Well-known Attribute (data: its type code); RFC 7606 §3 (d): treat-as-withdraw.
  // RFC 4760 §4: NEXT_HOP is needed only for the NLRI field; an MP_REACH carries its own next hop.
  const announces = nlri.length > 0 || attrs.mpReach !== undefined;
  if (announces) {
    const required = nlri.length > 0 ? [ATTR_ORIGIN, ATTR_AS_PATH, ATTR_NEXT_HOP] : [ATTR_ORIGIN, ATTR_AS_PATH];
    for (const t of required) {
      if (!seen[t]) {
        fault(
          UPDATE_MISSING_WELL_KNOWN_ATTRIBUTE,
          'treat-as-withdraw',
          'missing-well-known-attribute',
          new Uint8Array([t]),
          t,
        );
      }
    }
  }

  const msg: UpdateMessage = { type: 'update', withdrawn, attributes: attrs, nlri };
  if (faults.length === 0) return { ok: true, msg };

  if (!revised) {
    const first = faults.find((f) => !f.tolerated4271);
    if (first)
      return { ok: false, error: { code: first.code, subcode: first.subcode, data: first.data, reason: first.reason } };
  }
  // RFC 7606 §3 (h): the strongest approach among the errors wins.
  let worst: Fault = faults[0];
  for (const f of faults) if (RANK[f.action] > RANK[worst.action]) worst = f;
  const warnings: UpdateError[] = faults.map(({ tolerated4271: _, ...e }) => e);
  if (worst.action === 'session-reset') {
    return { ok: false, error: { code: worst.code, subcode: worst.subcode, data: worst.data, reason: worst.reason } };
  }
  // RFC 7606 §5.2: attributes (beyond MP_UNREACH) with no reachable NLRI cannot prove the NLRI were
  // parsed, so any error stronger than attribute discard resets the session.
  const reachable =
    nlri.length > 0 ||
    (attrs.mpReach !== undefined && attrs.mpReach.nlri.length > 0) ||
    rawMp.some((r) => r.typeCode === ATTR_MP_REACH_NLRI);
  if (worst.action === 'treat-as-withdraw' && !reachable) {
    return { ok: false, error: { code: worst.code, subcode: worst.subcode, data: worst.data, reason: worst.reason } };
  }
  if (worst.action === 'attribute-discard') {
    msg.revisedHandling = 'attribute-discard';
    return { ok: true, msg, warnings };
  }
  const w = asWithdraw(msg);
  if (!w) {
    return {
      ok: false,
      error: {
        code: worst.code,
        subcode: worst.subcode,
        data: worst.data,
        reason: 'treat-as-withdraw-not-representable',
      },
    };
  }
  return { ok: true, msg: w, warnings, treatAsWithdraw: true };
}

/**
 * RFC 7606 §2 treat-as-withdraw: every route the UPDATE announces or withdraws becomes a withdrawal.
 * IPv4 unicast goes to the Withdrawn Routes field; another family to MP_UNREACH. Undefined when two
 * different non-IPv4-unicast families would need MP_UNREACH at once (the caller then resets, which
 * RFC 7606 always permits as the stronger approach).
 */
function asWithdraw(m: UpdateMessage): UpdateMessage | undefined {
  const withdrawn: Prefix[] = [...m.withdrawn, ...m.nlri];
  let mpUnreach: MpUnreach | undefined;
  const take = (afi: number, safi: number, prefixes: readonly Prefix[]): boolean => {
    if (afi === AFI_IPV4 && safi === SAFI_UNICAST) {
      withdrawn.push(...prefixes);
      return true;
    }
    if (!mpUnreach) {
      mpUnreach = { afi, safi, withdrawn: [...prefixes] };
      return true;
    }
    if (mpUnreach.afi !== afi || mpUnreach.safi !== safi) return false;
    mpUnreach.withdrawn.push(...prefixes);
    return true;
  };
  const u = m.attributes.mpUnreach;
  if (u && !take(u.afi, u.safi, u.withdrawn)) return undefined;
  const r = m.attributes.mpReach;
  if (r && !take(r.afi, r.safi, r.nlri)) return undefined;
  return {
    type: 'update',
    withdrawn,
    attributes: mpUnreach ? { mpUnreach } : {},
    nlri: [],
    revisedHandling: 'treat-as-withdraw',
  };
}

function readMpReach(b: Uint8Array, v: number, vEnd: number): MpReach | 'malformed' | 'unsupported' {
  if (vEnd - v < 5) return 'malformed';
  const afi = readU16(b, v);
  const safi = b[v + 2];
  const nhLen = b[v + 3];
  if (v + 4 + nhLen + 1 > vEnd) return 'malformed';
  if (!isNlriFamily(afi, safi)) return 'unsupported';
  const nh = v + 4;
  let nextHop: string;
  let linkLocal: string | undefined;
  // RFC 4760 §3 with RFC 2545 §3 (IPv6 global [+ link-local]) and RFC 8950 (IPv6 next hop for IPv4);
  // RFC 7606 §7.11: any other next-hop length leaves the NLRI unlocatable → session reset.
  if (nhLen === 4 && afi === AFI_IPV4) nextHop = formatAddress(b, nh, 4);
  else if (nhLen === 16) nextHop = formatAddress(b, nh, 16);
  else if (nhLen === 32) {
    nextHop = formatAddress(b, nh, 16);
    linkLocal = formatAddress(b, nh + 16, 16);
  } else return 'malformed';
  // One reserved octet follows the next hop (RFC 4760 §3); its value is ignored.
  const nlri = readPrefixes(b, nh + nhLen + 1, vEnd, afi);
  if (!nlri) return 'malformed';
  const r: MpReach = { afi, safi, nextHop, nlri };
  if (linkLocal !== undefined) r.linkLocalNextHop = linkLocal;
  return r;
}

function readMpUnreach(b: Uint8Array, v: number, vEnd: number): MpUnreach | 'malformed' | 'unsupported' {
  if (vEnd - v < 3) return 'malformed';
  const afi = readU16(b, v);
  const safi = b[v + 2];
  // RFC 4724 §2: an empty MP_UNREACH is the End-of-RIB of any family, even one we cannot parse.
  if (vEnd - v === 3) return { afi, safi, withdrawn: [] };
  if (!isNlriFamily(afi, safi)) return 'unsupported';
  const withdrawn = readPrefixes(b, v + 3, vEnd, afi);
  if (!withdrawn) return 'malformed';
  return { afi, safi, withdrawn };
}
