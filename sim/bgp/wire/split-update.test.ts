import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalPrefix, formatIpv4, formatIpv6 } from './address.js';
import { decode, encode } from './codec.js';
import { isEndOfRib, MAX_MESSAGE_LENGTH, type PathAttributes, type UpdateMessage } from './message.js';
import { encodeAll, splitUpdate } from './split-update.js';

const attrs: PathAttributes = {
  origin: 0,
  asPath: [{ type: 'sequence', asns: [65001, 65002] }],
  nextHop: '192.0.2.1',
  communities: [0xffff0006],
};
const v4routes = (n: number) => Array.from({ length: n }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.0/24`);
const v6routes = (n: number) => Array.from({ length: n }, (_, i) => `2001:db8:${i.toString(16)}::/64`);

function checkParts(m: UpdateMessage, parts: UpdateMessage[]): void {
  for (const p of parts) {
    const bytes = encode(p);
    expect(bytes.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    if (parts.length > 1) {
      const fields = [p.withdrawn.length > 0, !!p.attributes.mpUnreach, p.nlri.length > 0, !!p.attributes.mpReach];
      expect(fields.filter(Boolean).length).toBe(1);
    }
    expect(decode(bytes)).toMatchObject({ ok: true });
    expect(isEndOfRib(p)).toBeUndefined();
  }
  // RFC 4271 §9: withdrawals are processed before announcements, so every withdrawal part comes first.
  const firstAnnounce = parts.findIndex((p) => p.nlri.length > 0 || p.attributes.mpReach);
  const lastWithdraw = parts.map((p) => p.withdrawn.length > 0 || !!p.attributes.mpUnreach).lastIndexOf(true);
  if (parts.length > 1 && firstAnnounce >= 0) expect(lastWithdraw).toBeLessThan(firstAnnounce);
  expect(parts.flatMap((p) => p.withdrawn)).toEqual(m.withdrawn);
  expect(parts.flatMap((p) => p.nlri)).toEqual(m.nlri);
  expect(parts.flatMap((p) => p.attributes.mpReach?.nlri ?? [])).toEqual(m.attributes.mpReach?.nlri ?? []);
  expect(parts.flatMap((p) => p.attributes.mpUnreach?.withdrawn ?? [])).toEqual(
    m.attributes.mpUnreach?.withdrawn ?? [],
  );
  for (const p of parts) {
    if (p.nlri.length > 0 || p.attributes.mpReach) {
      const { mpReach: _r, mpUnreach: _pu, ...rest } = p.attributes;
      const { mpReach: _o, mpUnreach: _u, ...orig } = m.attributes;
      expect(rest).toEqual(orig);
    }
  }
}

describe('splitting UPDATEs to the 4096-octet limit (RFC 4271 §4.1)', () => {
  it('returns an UPDATE that fits and carries one NLRI-bearing field unchanged', () => {
    const m: UpdateMessage = { type: 'update', withdrawn: [], attributes: attrs, nlri: v4routes(10) };
    expect(splitUpdate(m)).toEqual([m]);
    const eor: UpdateMessage = {
      type: 'update',
      withdrawn: [],
      attributes: { mpUnreach: { afi: 2, safi: 1, withdrawn: [] } },
      nlri: [],
    };
    expect(splitUpdate(eor)).toEqual([eor]);
  });

  it('separates withdrawals from announcements even when they would fit together (RFC 7606 §5.1)', () => {
    const m: UpdateMessage = { type: 'update', withdrawn: ['10.9.0.0/16'], attributes: attrs, nlri: ['10.8.0.0/16'] };
    expect(splitUpdate(m)).toEqual([
      { type: 'update', withdrawn: ['10.9.0.0/16'], attributes: {}, nlri: [] },
      { type: 'update', withdrawn: [], attributes: attrs, nlri: ['10.8.0.0/16'] },
    ]);
  });

  it('refuses to encode an oversized UPDATE directly, naming the split', () => {
    expect(() => encode({ type: 'update', withdrawn: [], attributes: attrs, nlri: v4routes(1100) })).toThrow(/split/);
  });

  it('spreads 1100 IPv4 routes over two UPDATEs that each repeat the attributes', () => {
    const m: UpdateMessage = { type: 'update', withdrawn: [], attributes: attrs, nlri: v4routes(1100) };
    const parts = splitUpdate(m);
    expect(parts.length).toBe(2);
    checkParts(m, parts);
  });

  it('puts withdrawals of both kinds before any announcement', () => {
    const m: UpdateMessage = {
      type: 'update',
      withdrawn: v4routes(1100).map((p) => p.replace(/^10\./, '11.')),
      attributes: {
        ...attrs,
        mpReach: { afi: 2, safi: 1, nextHop: '2001:db8::1', nlri: v6routes(500) },
        mpUnreach: { afi: 2, safi: 1, withdrawn: v6routes(500).map((p) => p.replace('2001:db8', '2001:db9')) },
      },
      nlri: v4routes(1100),
    };
    const parts = splitUpdate(m);
    checkParts(m, parts);
    expect(encodeAll(m).length).toBe(parts.length);
  });

  it('keeps every route and stays under the limit for arbitrary large UPDATEs', () => {
    const p4 = fc
      .tuple(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 32 }))
      .map(([b, l]) => canonicalPrefix(`${formatIpv4(b)}/${l}`));
    const p6 = fc
      .tuple(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: 0, max: 128 }))
      .map(([b, l]) => canonicalPrefix(`${formatIpv6(b)}/${l}`));
    const big = fc.record({
      withdrawn: fc.array(p4, { maxLength: 1500 }),
      nlri: fc.array(p4, { maxLength: 1500 }),
      reach: fc.option(fc.array(p6, { maxLength: 600 })),
      unreach: fc.option(fc.array(p6, { maxLength: 600 })),
    });
    fc.assert(
      fc.property(big, ({ withdrawn, nlri, reach, unreach }) => {
        const a: PathAttributes = { ...attrs };
        if (reach) a.mpReach = { afi: 2, safi: 1, nextHop: '2001:db8::1', nlri: reach };
        if (unreach) a.mpUnreach = { afi: 2, safi: 1, withdrawn: unreach };
        const m: UpdateMessage = { type: 'update', withdrawn, attributes: a, nlri };
        checkParts(m, splitUpdate(m));
      }),
      { seed: 0x5eed, numRuns: 40 },
    );
  });
});

describe('encodeAll', () => {
  it('gives the octets of splitUpdate part by part at every size around the limit (one field, IPv4 and MP_REACH)', () => {
    // 4 octets per /24 and 9 per /64: these counts cross 4096 octets in steps of one route.
    for (let n = 990; n <= 1030; n++) {
      const m: UpdateMessage = { type: 'update', withdrawn: [], attributes: attrs, nlri: v4routes(n) };
      expect(encodeAll(m)).toEqual(splitUpdate(m).map((p) => encode(p)));
    }
    for (let n = 430; n <= 460; n++) {
      const m: UpdateMessage = {
        type: 'update',
        withdrawn: [],
        attributes: { ...attrs, mpReach: { afi: 2, safi: 1, nextHop: '2001:db8::1', nlri: v6routes(n) } },
        nlri: [],
      };
      expect(encodeAll(m)).toEqual(splitUpdate(m).map((p) => encode(p)));
    }
  });
});
