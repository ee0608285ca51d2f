import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalPrefix, formatIpv4, formatIpv6 } from './address.js';
import { decode, encode } from './codec.js';
import type { DecodeResult } from './decode-result.js';
import { Framer } from './framer.js';
import {
  AS_TRANS,
  type AsPathSegment,
  type Capability,
  type Message,
  type MpReach,
  type PathAttributes,
  type RawAttribute,
  type UpdateMessage,
} from './message.js';
import { isKnownAttribute } from './update.js';

const SEED = 0x5eed;
const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const asn = fc.integer({ min: 1, max: 0xffffffff });

const v4 = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => formatIpv4(b));
/** A usable next hop: not 0.0.0.0, not multicast or class E (RFC 4271 §6.3). */
const v4NextHop = fc.tuple(fc.integer({ min: 1, max: 223 }), u8, u8, u8).map((t) => t.join('.'));
const v6 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => formatIpv6(b));
const prefix4 = fc
  .tuple(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 32 }))
  .map(([b, len]) => canonicalPrefix(`${formatIpv4(b)}/${len}`));
const prefix6 = fc
  .tuple(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: 0, max: 128 }))
  .map(([b, len]) => canonicalPrefix(`${formatIpv6(b)}/${len}`));

const KNOWN_CAPS = new Set([1, 2, 64, 65, 71]);
const capability: fc.Arbitrary<Capability> = fc.oneof(
  fc.record({ type: fc.constant('multiprotocol' as const), afi: u16, safi: u8 }),
  fc.constant({ type: 'route-refresh' as const }),
  fc.record({
    type: fc.constant('graceful-restart' as const),
    restartState: fc.boolean(),
    notification: fc.boolean(),
    restartTime: fc.integer({ min: 0, max: 4095 }),
    afis: fc.array(fc.record({ afi: u16, safi: u8, forwardingState: fc.boolean() }), { maxLength: 5 }),
  }),
  fc.record({
    type: fc.constant('llgr' as const),
    afis: fc.array(
      fc.record({
        afi: u16,
        safi: u8,
        forwardingState: fc.boolean(),
        staleTime: fc.integer({ min: 0, max: 0xffffff }),
      }),
      { maxLength: 4 },
    ),
  }),
  fc.record({
    type: fc.constant('unknown' as const),
    code: u8.filter((c) => !KNOWN_CAPS.has(c)),
    value: fc.uint8Array({ maxLength: 16 }),
  }),
);

const open: fc.Arbitrary<Message> = fc
  .record({
    myAs: asn,
    holdTime: fc.oneof(fc.constant(0), fc.integer({ min: 3, max: 0xffff })),
    bgpId: v4.filter((s) => s !== '0.0.0.0'),
    caps: fc.array(capability, { maxLength: 6 }),
    as4At: fc.option(fc.nat()),
  })
  .map(({ myAs, holdTime, bgpId, caps, as4At }) => {
    const capabilities = [...caps];
    // RFC 6793: an ASN above 65535 can only be told through the 4-octet AS capability.
    if (as4At !== null || myAs > 0xffff) {
      capabilities.splice((as4At ?? 0) % (caps.length + 1), 0, { type: 'four-octet-as', asn: myAs });
    }
    return { type: 'open' as const, version: 4, myAs, holdTime, bgpId, capabilities };
  });

const segType = fc.constantFrom('set', 'sequence', 'confed-sequence', 'confed-set') as fc.Arbitrary<
  AsPathSegment['type']
>;
const segment = (asns: fc.Arbitrary<number>, type = segType) =>
  fc.record({ type, asns: fc.array(asns, { minLength: 1, maxLength: 8 }) });

const mpReach: fc.Arbitrary<MpReach> = fc
  .record({ afi: fc.constantFrom(1, 2), safi: fc.constantFrom(1, 2), ll: fc.option(v6), v6nh: fc.boolean() })
  .chain(({ afi, safi, ll, v6nh }) =>
    fc
      .record({
        afi: fc.constant(afi),
        safi: fc.constant(safi),
        nextHop: afi === 2 || v6nh ? v6 : v4,
        nlri: fc.array(afi === 1 ? prefix4 : prefix6, { maxLength: 12 }),
      })
      .map((r) => (ll !== null && (afi === 2 || v6nh) ? { ...r, linkLocalNextHop: ll } : r)),
  );

const mpUnreach = fc.oneof(
  fc.record({ afi: fc.constant(1), safi: fc.constantFrom(1, 2), withdrawn: fc.array(prefix4, { maxLength: 12 }) }),
  fc.record({ afi: fc.constant(2), safi: fc.constantFrom(1, 2), withdrawn: fc.array(prefix6, { maxLength: 12 }) }),
  // End-of-RIB of any family (RFC 4724 §2).
  fc.record({ afi: u16, safi: u8, withdrawn: fc.constant([] as string[]) }),
);

const rawAttrs: fc.Arbitrary<RawAttribute[]> = fc
  .uniqueArray(
    fc.record({
      typeCode: u8.filter((t) => !isKnownAttribute(t)),
      flags: fc.constantFrom(0x80, 0xc0, 0xe0, 0x90, 0xd0, 0xf0),
      value: fc.uint8Array({ maxLength: 300 }),
    }),
    { selector: (r) => r.typeCode, maxLength: 3 },
  )
  .map((rs) =>
    rs
      .map((r) => ({ ...r, flags: r.value.length > 255 ? r.flags | 0x10 : r.flags }))
      .sort((a, b) => a.typeCode - b.typeCode),
  );

function update(fourOctetAs: boolean): fc.Arbitrary<UpdateMessage> {
  // On a 2-octet session AS4_PATH cannot carry confederation segments (RFC 6793 §6): keep those leading and small.
  const path = fourOctetAs
    ? fc.array(segment(asn), { maxLength: 4 })
    : fc
        .tuple(
          fc.array(segment(fc.integer({ min: 1, max: 0xffff }), fc.constantFrom('confed-sequence', 'confed-set')), {
            maxLength: 2,
          }),
          fc.array(segment(asn, fc.constantFrom('set', 'sequence')), { maxLength: 3 }),
        )
        .map(([c, s]) => [...c, ...s] as AsPathSegment[]);
  return fc
    .record(
      {
        withdrawn: fc.array(prefix4, { maxLength: 15 }),
        nlri: fc.array(prefix4, { maxLength: 15 }),
        origin: fc.constantFrom(0, 1, 2) as fc.Arbitrary<0 | 1 | 2>,
        asPath: path,
        nextHop: v4NextHop,
        med: u32,
        localPref: u32,
        atomicAggregate: fc.constant(true),
        aggregator: fc.record({ asn, address: v4 }),
        communities: fc.array(u32, { minLength: 1, maxLength: 10 }),
        mpReach,
        mpUnreach,
        unknown: rawAttrs,
      },
      { requiredKeys: ['withdrawn', 'nlri'] },
    )
    .map(({ withdrawn, nlri, ...attrs }) => {
      const attributes: PathAttributes = { ...attrs };
      if (attributes.unknown?.length === 0) delete attributes.unknown;
      // Routes need the well-known mandatory attributes (RFC 4271 §5, RFC 4760 §4).
      if (nlri.length > 0 || attributes.mpReach) {
        attributes.origin ??= 0;
        attributes.asPath ??= [];
      }
      if (nlri.length > 0) attributes.nextHop ??= '192.0.2.1';
      if (!fourOctetAs) {
        // RFC 6793 §4.2.3: an AGGREGATOR without AS_TRANS makes the receiver ignore AS4_PATH.
        const big = (attributes.asPath ?? []).some((s) => s.asns.some((a) => a > 0xffff));
        const agg = attributes.aggregator;
        if (big && agg && agg.asn <= 0xffff && agg.asn !== AS_TRANS) delete attributes.aggregator;
      }
      return { type: 'update' as const, withdrawn, attributes, nlri };
    });
}

const notification: fc.Arbitrary<Message> = fc.record({
  type: fc.constant('notification' as const),
  code: u8,
  subcode: u8,
  data: fc.uint8Array({ maxLength: 64 }),
});
const routeRefresh: fc.Arbitrary<Message> = fc.oneof(
  fc.record({ type: fc.constant('route-refresh' as const), afi: u16, safi: u8 }),
  fc.record({
    type: fc.constant('route-refresh' as const),
    afi: u16,
    safi: u8,
    subtype: fc.integer({ min: 1, max: 255 }),
  }),
);
const message: fc.Arbitrary<Message> = fc.oneof(
  fc.constant({ type: 'keepalive' as const }),
  open,
  update(true),
  notification,
  routeRefresh,
);

function noThrowAndWellFormed(r: DecodeResult): void {
  if (r.ok) return;
  expect(r.error.code).toBeGreaterThanOrEqual(1);
  expect(r.error.code).toBeLessThanOrEqual(7);
  expect(r.error.reason).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
}

describe('codec properties', () => {
  it('decodes what it encodes, for every message kind', () => {
    fc.assert(
      fc.property(message, (m) => {
        expect(decode(encode(m))).toEqual({ ok: true, msg: m });
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('decodes what it encodes on a 2-octet AS session, through AS_TRANS and AS4_PATH (RFC 6793 §4.2)', () => {
    fc.assert(
      fc.property(update(false), (m) => {
        const opts = { fourOctetAs: false };
        expect(decode(encode(m, opts), opts)).toEqual({ ok: true, msg: m });
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('never throws on random octets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), fc.boolean(), fc.boolean(), (b, fourOctetAs, revised) => {
        noThrowAndWellFormed(decode(b, { fourOctetAs, revisedErrorHandling: revised }));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('never throws on random bodies behind a valid header, and what it accepts re-encodes to itself', () => {
    // Bodies with consistent outer length fields, so the attribute and capability parsers see the noise.
    const updateNoise = fc
      .tuple(fc.uint8Array({ maxLength: 120 }), fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 3 }))
      .map(([attrs, nlriLens]) => {
        const nlri = nlriLens.flatMap((len) => [len, ...new Array((len + 7) >> 3).fill(10)]);
        return [2, [0, 0, attrs.length >> 8, attrs.length & 0xff, ...attrs, ...nlri]] as const;
      });
    const openNoise = fc
      .tuple(fc.uint8Array({ minLength: 9, maxLength: 9 }), fc.uint8Array({ maxLength: 60 }))
      .map(([fixed, params]) => [1, [4, ...fixed.subarray(1), params.length, ...params]] as const);
    const anyNoise = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.uint8Array({ maxLength: 200 }));
    const framed = fc.oneof(anyNoise, updateNoise, openNoise).map(([type, body]) => {
      const b = new Uint8Array(19 + body.length);
      b.fill(0xff, 0, 16);
      b[16] = b.length >> 8;
      b[17] = b.length & 0xff;
      b[18] = type;
      b.set(body, 19);
      return b;
    });
    fc.assert(
      fc.property(framed, fc.boolean(), (b, external) => {
        const r = decode(b, { external });
        noThrowAndWellFormed(r);
        if (r.ok) {
          const { revisedHandling: _, ...again } = r.msg as UpdateMessage;
          expect(decode(encode(r.msg)).ok && (decode(encode(r.msg)) as { msg: Message }).msg).toEqual(
            r.msg.type === 'update' ? again : r.msg,
          );
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('never throws on mutations of valid messages, and mutated decodes re-encode', () => {
    const mutated = fc
      .tuple(message, fc.array(fc.tuple(fc.nat(), u8), { minLength: 1, maxLength: 4 }), fc.option(fc.nat()))
      .map(([m, edits, cut]) => {
        const b = encode(m);
        for (const [pos, v] of edits) {
          // Mostly leave the marker alone so the body parsers are exercised.
          const at = 16 + (pos % (b.length - 16));
          b[at] = v;
        }
        return cut === null ? b : b.subarray(0, cut % (b.length + 1));
      });
    fc.assert(
      fc.property(mutated, fc.boolean(), fc.boolean(), (b, fourOctetAs, revised) => {
        const r = decode(b, { fourOctetAs, revisedErrorHandling: revised });
        noThrowAndWellFormed(r);
        if (r.ok) expect(() => encode(r.msg, { fourOctetAs })).not.toThrow();
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('frames any chunking of a valid stream into the same messages, and never throws on noise', () => {
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
        (msgs, sizes) => {
          const parts = msgs.map((m) => encode(m));
          const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
          let at = 0;
          for (const p of parts) {
            all.set(p, at);
            at += p.length;
          }
          const f = new Framer();
          const got: Message[] = [];
          for (let i = 0, pos = 0; pos < all.length; i++) {
            const n = sizes[i % sizes.length];
            for (const o of f.push(all.subarray(pos, pos + n))) {
              if (o.type !== 'frame') throw new Error('unexpected framing error');
              const r = decode(o.bytes);
              if (r.ok) got.push(r.msg);
            }
            pos += n;
          }
          expect(got).toEqual(msgs);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 50 }), { maxLength: 10 }), (chunks) => {
        const f = new Framer();
        for (const c of chunks) f.push(c);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
