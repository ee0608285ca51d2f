/**
 * Splitting an UPDATE that would exceed the 4096-octet message limit (RFC 4271 §4.1) into several
 * that fit. The RIB builds one UPDATE per attribute set whatever its size; the split happens here,
 * next to the encoder that knows the octet costs.
 *
 * Order matters: RFC 4271 §9 processes a message's withdrawals before its NLRI, so every withdrawal
 * part (Withdrawn Routes, then MP_UNREACH_NLRI) is emitted before any announcement part; each
 * announcement part repeats the full attribute set with a slice of the NLRI field or of
 * MP_REACH_NLRI. RFC 7606 §5.1 asks senders for one NLRI-bearing field per UPDATE, so a mixed
 * UPDATE is split even when it would fit.
 */
import { invariant } from '../../base/assert.js';
import { encode, encodedLength, encodeIfFits } from './codec.js';
import type { EncodeOptions } from './decode-result.js';
import { MAX_MESSAGE_LENGTH, type Message, type PathAttributes, type Prefix, type UpdateMessage } from './message.js';

/** Octets a prefix takes in an NLRI field: its length octet plus ceil(length / 8). */
function prefixCost(p: Prefix): number {
  // The length's digits read in place: every UPDATE sent is measured, prefix by prefix.
  let len = 0;
  for (let i = p.lastIndexOf('/') + 1; i < p.length; i++) len = len * 10 + p.charCodeAt(i) - 48;
  return 1 + ((len + 7) >> 3);
}

/** Cuts `items` into consecutive runs whose cost fits `budget` (each run non-empty). */
function chunk(items: readonly Prefix[], budget: number): Prefix[][] {
  const out: Prefix[][] = [];
  let cur: Prefix[] = [];
  let used = 0;
  for (const p of items) {
    const c = prefixCost(p);
    if (used + c > budget && cur.length > 0) {
      out.push(cur);
      cur = [];
      used = 0;
    }
    cur.push(p);
    used += c;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

function costOf(prefixes: readonly Prefix[]): number {
  let n = 0;
  for (const p of prefixes) n += prefixCost(p);
  return n;
}

/** Whether `m` fits in one message, without encoding a possibly huge route list just to find out. */
function fitsWhole(m: UpdateMessage, opts: EncodeOptions): boolean {
  const a = m.attributes;
  const shell: UpdateMessage = {
    type: 'update',
    withdrawn: [],
    nlri: [],
    // Without MP attributes the attribute set is measured as it is (a sealed one from its cache).
    attributes:
      a.mpReach || a.mpUnreach
        ? {
            ...a,
            ...(a.mpReach ? { mpReach: { ...a.mpReach, nlri: [] } } : {}),
            ...(a.mpUnreach ? { mpUnreach: { ...a.mpUnreach, withdrawn: [] } } : {}),
          }
        : a,
  };
  const estimate = encodedLength(shell, opts) + routeCost(m);
  // Within two octets of the limit the MP attributes' length fields may widen: measure exactly.
  if (estimate + 2 <= MAX_MESSAGE_LENGTH) return true;
  if (estimate > MAX_MESSAGE_LENGTH) return false;
  return encodedLength(m, opts) <= MAX_MESSAGE_LENGTH;
}

/**
 * The UPDATE itself when it fits in 4096 octets and carries at most one NLRI-bearing field; otherwise
 * the run of UPDATEs that carries the same routes: withdrawals first, then announcements, each part
 * with one NLRI-bearing field (RFC 7606 §5.1) and within the limit (RFC 4271 §4.1).
 */
export function splitUpdate(m: UpdateMessage, opts: EncodeOptions = {}): UpdateMessage[] {
  const { mpUnreach: un, mpReach: reach, ...base } = m.attributes;
  if (nlriFields(m) <= 1 && fitsWhole(m, opts)) return [m];
  const out: UpdateMessage[] = [];
  const empty = encodedLength({ type: 'update', withdrawn: [], attributes: {}, nlri: [] }, opts);

  // Withdrawals first (RFC 4271 §9 processes a message's withdrawals before its NLRI).
  for (const part of chunk(m.withdrawn, MAX_MESSAGE_LENGTH - empty)) {
    out.push({ type: 'update', withdrawn: part, attributes: {}, nlri: [] });
  }
  // An empty MP_UNREACH beside other fields carries nothing; alone it would become an End-of-RIB
  // (RFC 4724 §2), which the original message was not, so it is dropped.
  if (un && un.withdrawn.length > 0) {
    const shell = encodedLength(
      { type: 'update', withdrawn: [], attributes: { mpUnreach: { ...un, withdrawn: [] } }, nlri: [] },
      opts,
    );
    // One spare octet: the attribute may switch to a two-octet length once its value passes 255.
    for (const part of chunk(un.withdrawn, MAX_MESSAGE_LENGTH - shell - 1)) {
      out.push({ type: 'update', withdrawn: [], attributes: { mpUnreach: { ...un, withdrawn: part } }, nlri: [] });
    }
  }

  // Then announcements, each part with the whole attribute set.
  if (m.nlri.length > 0) {
    const budget =
      MAX_MESSAGE_LENGTH - encodedLength({ type: 'update', withdrawn: [], attributes: base, nlri: [] }, opts);
    invariant(budget >= 5, 'path attributes alone exceed the 4096-octet message limit');
    for (const part of chunk(m.nlri, budget))
      out.push({ type: 'update', withdrawn: [], attributes: { ...base }, nlri: part });
  }
  if (reach && reach.nlri.length > 0) {
    const shellAttrs: PathAttributes = { ...base, mpReach: { ...reach, nlri: [] } };
    const budget =
      MAX_MESSAGE_LENGTH - encodedLength({ type: 'update', withdrawn: [], attributes: shellAttrs, nlri: [] }, opts) - 1;
    invariant(budget >= 17, 'path attributes alone exceed the 4096-octet message limit');
    for (const part of chunk(reach.nlri, budget)) {
      out.push({ type: 'update', withdrawn: [], attributes: { ...base, mpReach: { ...reach, nlri: part } }, nlri: [] });
    }
  }
  if (out.length === 0) {
    // No routes anywhere: an attribute-only UPDATE that is too big cannot be split.
    invariant(fitsWhole(m, opts), 'path attributes alone exceed the 4096-octet message limit');
    return [m];
  }
  return out;
}

/** Encodes a message, splitting an oversized UPDATE first: one octet string per BGP message. */
export function encodeAll(m: Message, opts: EncodeOptions = {}): Uint8Array[] {
  if (m.type !== 'update') return [encode(m, opts)];
  // The usual UPDATE (one NLRI-bearing field, routes far below the limit) is built once: when its
  // octets fit, splitUpdate would return it whole (fitsWhole estimates at most its real length).
  if (nlriFields(m) <= 1 && routeCost(m) <= MAX_MESSAGE_LENGTH) {
    const whole = encodeIfFits(m, opts);
    if (whole) return [whole];
  }
  return splitUpdate(m, opts).map((u) => encode(u, opts));
}

function nlriFields(m: UpdateMessage): number {
  const a = m.attributes;
  return (m.withdrawn.length > 0 ? 1 : 0) + (a.mpUnreach ? 1 : 0) + (m.nlri.length > 0 ? 1 : 0) + (a.mpReach ? 1 : 0);
}

function routeCost(m: UpdateMessage): number {
  const a = m.attributes;
  return costOf(m.withdrawn) + costOf(m.nlri) + costOf(a.mpReach?.nlri ?? []) + costOf(a.mpUnreach?.withdrawn ?? []);
}
