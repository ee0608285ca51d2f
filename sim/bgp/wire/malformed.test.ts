/**
 * Corpus of malformed messages: each asserts the exact (code, subcode, data) the RFC prescribes, and for
 * UPDATE attribute errors the RFC 7606 approach. Titles name the clause.
 */
import { describe, expect, it } from 'vitest';
import { decode } from './codec.js';
import type { DecodeOptions, DecodeResult } from './decode-result.js';
import { isEndOfRib } from './message.js';
import { asPath4, attr, frame, hex, MARKER, nextHop, ORIGIN_IGP_ATTR, toHex, updateBody } from './testing.js';

const M = 'ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff';

function expectError(res: DecodeResult, code: number, subcode: number, data = ''): void {
  expect(res.ok).toBe(false);
  if (res.ok) return;
  expect([res.error.code, res.error.subcode, toHex(res.error.data)]).toEqual([code, subcode, toHex(hex(data))]);
  expect(res.error.reason).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
}

/** A valid OPEN body: version 4, AS 65001, hold 90, id 10.0.0.1, then the given optional parameters. */
function openBody(params: number[] = [], overrides: Partial<Record<'version' | 'as' | 'hold' | 'id', number[]>> = {}) {
  return [
    ...(overrides.version ?? [4]),
    ...(overrides.as ?? [0xfd, 0xe9]),
    ...(overrides.hold ?? [0, 90]),
    ...(overrides.id ?? [10, 0, 0, 1]),
    params.length,
    ...params,
  ];
}

const ROUTE = [24, 10, 1, 2]; // 10.1.2.0/24
const GOOD_ATTRS = [...ORIGIN_IGP_ATTR, ...asPath4(65001), ...nextHop(10, 0, 0, 1)];

function update(attrs: number[], nlri: number[] = ROUTE, withdrawn: number[] = []): Uint8Array {
  return frame(2, updateBody(withdrawn, attrs, nlri));
}

function expectSoft(
  res: DecodeResult,
  action: 'treat-as-withdraw' | 'attribute-discard',
  code: number,
  subcode: number,
  data = '',
) {
  expect(res.ok).toBe(true);
  if (!res.ok) return;
  const w = res.warnings?.find((x) => x.action === action);
  expect(w).toBeDefined();
  expect([w?.code, w?.subcode, toHex(w?.data ?? new Uint8Array())]).toEqual([code, subcode, toHex(hex(data))]);
  expect(res.treatAsWithdraw === true).toBe(action === 'treat-as-withdraw');
  return res;
}

describe('message header errors (RFC 4271 §6.1)', () => {
  it('answers a marker that is not all ones with Connection Not Synchronized and no data (RFC 4271 §6.1)', () => {
    const b = frame(4, []);
    b[7] = 0xfe;
    expectError(decode(b), 1, 1);
  });

  it('answers a length below 19 with Bad Message Length carrying the length (RFC 4271 §6.1)', () => {
    expectError(decode(frame(4, [], 18)), 1, 2, '00 12');
  });

  it('answers a length above 4096 with Bad Message Length carrying the length (RFC 4271 §6.1)', () => {
    const b = new Uint8Array(4097);
    b.set(frame(2, [0, 0, 0, 0], 4097));
    expectError(decode(b), 1, 2, '10 01');
  });

  it('answers a KEEPALIVE longer than 19 octets with Bad Message Length (RFC 4271 §4.4, §6.1)', () => {
    expectError(decode(frame(4, [0])), 1, 2, '00 14');
  });

  it('answers an OPEN shorter than 29 octets with Bad Message Length (RFC 4271 §6.1)', () => {
    expectError(decode(frame(1, openBody().slice(0, 9))), 1, 2, '00 1c');
  });

  it('answers an UPDATE shorter than 23 octets with Bad Message Length (RFC 4271 §6.1)', () => {
    expectError(decode(frame(2, [0, 0, 0])), 1, 2, '00 16');
  });

  it('answers a NOTIFICATION shorter than 21 octets with Bad Message Length (RFC 4271 §6.1)', () => {
    expectError(decode(frame(3, [6])), 1, 2, '00 14');
  });

  it('answers an unknown type with Bad Message Type carrying the type (RFC 4271 §6.1)', () => {
    expectError(decode(frame(6, [])), 1, 3, '06');
    expectError(decode(frame(0, [])), 1, 3, '00');
  });

  it('answers octets shorter than a header, or disagreeing with the length field, with Bad Message Length', () => {
    expectError(decode(new Uint8Array(MARKER)), 1, 2, '00 10');
    expectError(decode(hex(`${M} 00 14 04`)), 1, 2, '00 14');
  });

  it('answers a BoRR ROUTE-REFRESH of the wrong length with ROUTE-REFRESH Message Error carrying the message (RFC 7313 §5)', () => {
    const b = frame(5, [0, 1, 1, 1, 0]);
    expectError(decode(b), 7, 1, toHex(b));
  });
});

describe('OPEN message errors (RFC 4271 §6.2)', () => {
  it('answers version 3 with Unsupported Version Number carrying our version 4 as two octets (RFC 4271 §6.2)', () => {
    expectError(decode(frame(1, openBody([], { version: [3] }))), 2, 1, '00 04');
  });

  it('answers My AS 0 with Bad Peer AS (RFC 7607 §2)', () => {
    expectError(decode(frame(1, openBody([], { as: [0, 0] }))), 2, 2);
  });

  it('answers a 4-octet AS capability of 0 with Bad Peer AS (RFC 7607 §2)', () => {
    expectError(decode(frame(1, openBody([2, 6, 65, 4, 0, 0, 0, 0], { as: [0x5b, 0xa0] }))), 2, 2);
  });

  it('answers a BGP Identifier of 0.0.0.0 with Bad BGP Identifier (RFC 4271 §6.2, RFC 6286 §2.1)', () => {
    expectError(decode(frame(1, openBody([], { id: [0, 0, 0, 0] }))), 2, 3);
  });

  it('answers an optional parameter other than Capabilities with Unsupported Optional Parameter (RFC 4271 §6.2)', () => {
    expectError(decode(frame(1, openBody([1, 2, 0, 0]))), 2, 4);
  });

  it('answers a Hold Time of 1 or 2 seconds with Unacceptable Hold Time (RFC 4271 §6.2)', () => {
    expectError(decode(frame(1, openBody([], { hold: [0, 1] }))), 2, 6);
    expectError(decode(frame(1, openBody([], { hold: [0, 2] }))), 2, 6);
  });

  it('accepts a Hold Time of 0 or 3 seconds (RFC 4271 §4.2)', () => {
    expect(decode(frame(1, openBody([], { hold: [0, 0] }))).ok).toBe(true);
    expect(decode(frame(1, openBody([], { hold: [0, 3] }))).ok).toBe(true);
  });

  it('answers an Optional Parameters Length that disagrees with the message with OPEN Message Error/Unspecific', () => {
    const body = openBody([2, 2, 2, 0]);
    body[9] = 3;
    expectError(decode(frame(1, body)), 2, 0);
  });

  it('answers a capability running past its parameter, or a GR capability of impossible length, with OPEN Message Error/Unspecific', () => {
    expectError(decode(frame(1, openBody([2, 3, 2, 5, 0]))), 2, 0);
    expectError(decode(frame(1, openBody([2, 5, 64, 3, 0x80, 0x78, 0]))), 2, 0);
    expectError(decode(frame(1, openBody([2, 8, 71, 6, 0, 1, 1, 0x80, 0, 0]))), 2, 0);
  });

  it('gathers capabilities from several Capabilities parameters in order (RFC 5492 §4)', () => {
    const res = decode(frame(1, openBody([2, 2, 2, 0, 2, 6, 65, 4, 0, 0, 0xfd, 0xe9])));
    expect(res.ok && res.msg.type === 'open' && res.msg.capabilities).toEqual([
      { type: 'route-refresh' },
      { type: 'four-octet-as', asn: 65001 },
    ]);
  });

  it('keeps an unknown capability as raw octets instead of refusing the OPEN (RFC 5492 §3)', () => {
    const res = decode(frame(1, openBody([2, 4, 200, 2, 0xab, 0xcd])));
    expect(res.ok && res.msg.type === 'open' && res.msg.capabilities).toEqual([
      { type: 'unknown', code: 200, value: hex('ab cd') },
    ]);
  });
});

describe('UPDATE errors that still reset the session (RFC 4271 §6.3, RFC 7606)', () => {
  it('answers a Withdrawn Routes Length past the message with Malformed Attribute List (RFC 4271 §6.3, RFC 7606 §4)', () => {
    expectError(decode(frame(2, [0, 9, 0, 0])), 3, 1);
  });

  it('answers a Total Path Attribute Length past the message with Malformed Attribute List (RFC 4271 §6.3, RFC 7606 §4)', () => {
    expectError(decode(frame(2, [0, 0, 0, 4, 0x40, 1])), 3, 1);
  });

  it('answers an NLRI prefix longer than 32 bits with Invalid Network Field (RFC 4271 §6.3, RFC 7606 §5.3)', () => {
    expectError(decode(update(GOOD_ATTRS, [33, 10, 0, 0, 0, 0])), 3, 10);
  });

  it('answers a withdrawn prefix running past its field with Invalid Network Field (RFC 4271 §6.3, RFC 7606 §5.3)', () => {
    expectError(decode(update([], [], [24, 10, 0])), 3, 10);
  });

  it('answers an unrecognized well-known attribute with its own octets as data (RFC 4271 §6.3)', () => {
    expectError(decode(update([...GOOD_ATTRS, ...attr(0x40, 99, [1, 2])])), 3, 2, '40 63 02 01 02');
  });

  it('answers a repeated MP_REACH_NLRI with Malformed Attribute List (RFC 7606 §3 (g))', () => {
    const mp = attr(0x80, 14, [0, 2, 1, 16, ...new Array(15).fill(0), 1, 0]);
    expectError(decode(update([...ORIGIN_IGP_ATTR, ...asPath4(65001), ...mp, ...mp], [])), 3, 1);
  });

  it('answers an MP_REACH_NLRI with an impossible next-hop length with Optional Attribute Error (RFC 4760 §7, RFC 7606 §7.11)', () => {
    const mp = attr(0x80, 14, [0, 2, 1, 5, 1, 2, 3, 4, 5, 0]);
    expectError(decode(update([...ORIGIN_IGP_ATTR, ...asPath4(65001), ...mp], [])), 3, 9, toHex(new Uint8Array(mp)));
  });

  it('answers an MP_REACH_NLRI prefix longer than 128 bits with Optional Attribute Error (RFC 4760 §7, RFC 7606 §5.3)', () => {
    const mp = attr(0x80, 14, [0, 2, 1, 16, ...new Array(16).fill(0), 0, 129, ...new Array(17).fill(0)]);
    expectError(decode(update([...ORIGIN_IGP_ATTR, ...asPath4(65001), ...mp], [])), 3, 9, toHex(new Uint8Array(mp)));
  });

  it('answers an MP_UNREACH_NLRI shorter than AFI+SAFI with Optional Attribute Error (RFC 4760 §7)', () => {
    const mp = attr(0x80, 15, [0, 2]);
    expectError(decode(update(mp, [])), 3, 9, toHex(new Uint8Array(mp)));
  });
});

describe('UPDATE errors handled by treat-as-withdraw or attribute discard (RFC 7606)', () => {
  it('treats a route missing ORIGIN as withdrawn, reporting Missing Well-known Attribute with type 1 (RFC 4271 §6.3, RFC 7606 §3 (d))', () => {
    const res = expectSoft(
      decode(update([...asPath4(65001), ...nextHop(10, 0, 0, 1)])),
      'treat-as-withdraw',
      3,
      3,
      '01',
    );
    expect(res?.msg).toEqual({
      type: 'update',
      withdrawn: ['10.1.2.0/24'],
      attributes: {},
      nlri: [],
      revisedHandling: 'treat-as-withdraw',
    });
  });

  it('treats a route missing NEXT_HOP as withdrawn, reporting type 3 (RFC 4271 §6.3, RFC 7606 §3 (d))', () => {
    expectSoft(decode(update([...ORIGIN_IGP_ATTR, ...asPath4(65001)])), 'treat-as-withdraw', 3, 3, '03');
  });

  it('does not require NEXT_HOP when the routes come only in MP_REACH_NLRI (RFC 4760 §4)', () => {
    const mp = attr(0x80, 14, [
      0,
      2,
      1,
      16,
      0x20,
      1,
      0x0d,
      0xb8,
      ...new Array(11).fill(0),
      1,
      0,
      32,
      0x20,
      1,
      0x0d,
      0xb8,
    ]);
    const res = decode(update([...ORIGIN_IGP_ATTR, ...asPath4(65001), ...mp], []));
    expect(res).toMatchObject({ ok: true, msg: { attributes: { mpReach: { nlri: ['2001:db8::/32'] } } } });
    expect(res.ok && res.warnings).toBeUndefined();
  });

  it('treats ORIGIN with the Optional bit set as an Attribute Flags Error carrying the attribute (RFC 4271 §6.3, RFC 7606 §3 (c))', () => {
    expectSoft(
      decode(update([...attr(0xc0, 1, [0]), ...asPath4(65001), ...nextHop(10, 0, 0, 1)])),
      'treat-as-withdraw',
      3,
      4,
      'c0 01 01 00',
    );
  });

  it('treats an ORIGIN of length 2 as an Attribute Length Error (RFC 4271 §6.3, RFC 7606 §7.1)', () => {
    expectSoft(
      decode(update([...attr(0x40, 1, [0, 0]), ...asPath4(65001), ...nextHop(10, 0, 0, 1)])),
      'treat-as-withdraw',
      3,
      5,
      '40 01 02 00 00',
    );
  });

  it('treats ORIGIN value 3 as Invalid ORIGIN Attribute carrying the attribute (RFC 4271 §6.3, RFC 7606 §7.1)', () => {
    expectSoft(
      decode(update([...attr(0x40, 1, [3]), ...asPath4(65001), ...nextHop(10, 0, 0, 1)])),
      'treat-as-withdraw',
      3,
      6,
      '40 01 01 03',
    );
  });

  it('treats NEXT_HOP 0.0.0.0 or a multicast address as Invalid NEXT_HOP Attribute (RFC 4271 §6.3, RFC 7606 §7.3)', () => {
    expectSoft(
      decode(update([...ORIGIN_IGP_ATTR, ...asPath4(65001), ...nextHop(0, 0, 0, 0)])),
      'treat-as-withdraw',
      3,
      8,
      '40 03 04 00 00 00 00',
    );
    expectSoft(
      decode(update([...ORIGIN_IGP_ATTR, ...asPath4(65001), ...nextHop(224, 0, 0, 1)])),
      'treat-as-withdraw',
      3,
      8,
      '40 03 04 e0 00 00 01',
    );
  });

  it('treats a NEXT_HOP of length 5 as an Attribute Length Error (RFC 4271 §6.3, RFC 7606 §7.3)', () => {
    expectSoft(
      decode(update([...ORIGIN_IGP_ATTR, ...asPath4(65001), ...attr(0x40, 3, [10, 0, 0, 1, 0])])),
      'treat-as-withdraw',
      3,
      5,
      '40 03 05 0a 00 00 01 00',
    );
  });

  it('treats an AS_PATH with an unknown segment type as Malformed AS_PATH with no data (RFC 4271 §6.3, RFC 7606 §7.2)', () => {
    expectSoft(
      decode(update([...ORIGIN_IGP_ATTR, ...attr(0x40, 2, [5, 1, 0, 0, 0xfd, 0xe9]), ...nextHop(10, 0, 0, 1)])),
      'treat-as-withdraw',
      3,
      11,
    );
  });

  it('treats an AS_PATH segment of length zero, or one overrunning the attribute, as Malformed AS_PATH (RFC 7606 §7.2)', () => {
    expectSoft(
      decode(update([...ORIGIN_IGP_ATTR, ...attr(0x40, 2, [2, 0]), ...nextHop(10, 0, 0, 1)])),
      'treat-as-withdraw',
      3,
      11,
    );
    expectSoft(
      decode(update([...ORIGIN_IGP_ATTR, ...attr(0x40, 2, [2, 2, 0, 0, 0xfd, 0xe9]), ...nextHop(10, 0, 0, 1)])),
      'treat-as-withdraw',
      3,
      11,
    );
    expectSoft(
      decode(update([...ORIGIN_IGP_ATTR, ...attr(0x40, 2, [2, 1, 0, 0, 0xfd, 0xe9, 2]), ...nextHop(10, 0, 0, 1)])),
      'treat-as-withdraw',
      3,
      11,
    );
  });

  it('treats an AS_PATH of odd length on a 2-octet session as Malformed AS_PATH (RFC 7606 §7.2)', () => {
    const opts: DecodeOptions = { fourOctetAs: false };
    expectSoft(
      decode(update([...ORIGIN_IGP_ATTR, ...attr(0x40, 2, [2, 1, 0xfd, 0xe9, 0]), ...nextHop(10, 0, 0, 1)]), opts),
      'treat-as-withdraw',
      3,
      11,
    );
  });

  it('treats a MULTI_EXIT_DISC of length 3 as an Attribute Length Error (RFC 7606 §7.4)', () => {
    expectSoft(
      decode(update([...GOOD_ATTRS, ...attr(0x80, 4, [0, 0, 1])])),
      'treat-as-withdraw',
      3,
      5,
      '80 04 03 00 00 01',
    );
  });

  it('treats a MULTI_EXIT_DISC marked transitive as an Attribute Flags Error (RFC 7606 §3 (c))', () => {
    expectSoft(
      decode(update([...GOOD_ATTRS, ...attr(0xc0, 4, [0, 0, 0, 1])])),
      'treat-as-withdraw',
      3,
      4,
      'c0 04 04 00 00 00 01',
    );
  });

  it('treats a LOCAL_PREF of length 2 from an internal peer as an Attribute Length Error (RFC 7606 §7.5)', () => {
    expectSoft(
      decode(update([...GOOD_ATTRS, ...attr(0x40, 5, [0, 100])])),
      'treat-as-withdraw',
      3,
      5,
      '40 05 02 00 64',
    );
  });

  it('discards a LOCAL_PREF received from an external peer (RFC 4271 §5.1.5, RFC 7606 §7.5)', () => {
    const res = decode(update([...GOOD_ATTRS, ...attr(0x40, 5, [0, 0, 0, 100])]), { external: true });
    expect(res.ok && res.msg.type === 'update' && res.msg.attributes.localPref).toBeUndefined();
    expect(res.ok && res.warnings?.map((w) => w.action)).toEqual(['attribute-discard']);
    expect(res.ok && res.msg.type === 'update' && res.msg.nlri).toEqual(['10.1.2.0/24']);
  });

  it('discards an ATOMIC_AGGREGATE of non-zero length (RFC 7606 §7.6)', () => {
    const res = expectSoft(
      decode(update([...GOOD_ATTRS, ...attr(0x40, 6, [1])])),
      'attribute-discard',
      3,
      5,
      '40 06 01 01',
    );
    expect(res?.msg).toMatchObject({ nlri: ['10.1.2.0/24'], attributes: { origin: 0 } });
    expect(res?.msg.type === 'update' && res.msg.attributes.atomicAggregate).toBeUndefined();
  });

  it('discards an AGGREGATOR of 2-octet size on a 4-octet session (RFC 7606 §7.7)', () => {
    expectSoft(
      decode(update([...GOOD_ATTRS, ...attr(0xc0, 7, [0xfd, 0xe9, 10, 0, 0, 1])])),
      'attribute-discard',
      3,
      5,
      'c0 07 06 fd e9 0a 00 00 01',
    );
  });

  it('treats a COMMUNITIES of length 5 as withdraw (RFC 7606 §7.8)', () => {
    expectSoft(
      decode(update([...GOOD_ATTRS, ...attr(0xc0, 8, [0, 0, 0, 1, 2])])),
      'treat-as-withdraw',
      3,
      5,
      'c0 08 05 00 00 00 01 02',
    );
  });

  it('discards repeats of an attribute other than MP_REACH/MP_UNREACH (RFC 7606 §3 (g))', () => {
    const res = expectSoft(decode(update([...GOOD_ATTRS, ...attr(0x40, 1, [2])])), 'attribute-discard', 3, 1);
    expect(res?.msg.type === 'update' && res.msg.attributes.origin).toBe(0);
  });

  it('treats an attribute whose length runs past the attribute list as withdraw, still finding the NLRI (RFC 7606 §4)', () => {
    const attrs = [...GOOD_ATTRS, 0x80, 4, 9, 0, 0];
    const res = expectSoft(decode(update(attrs)), 'treat-as-withdraw', 3, 5, '80 04 09 00 00');
    expect(res?.msg.type === 'update' && res.msg.withdrawn).toEqual(['10.1.2.0/24']);
  });

  it('treats a trailing fragment too short for an attribute header as withdraw (RFC 7606 §4)', () => {
    expectSoft(decode(update([...GOOD_ATTRS, 0x40, 1])), 'treat-as-withdraw', 3, 1);
  });

  it('discards AS4_PATH and AS4_AGGREGATOR exchanged between 4-octet speakers (RFC 6793 §6)', () => {
    const as4 = attr(0xc0, 17, [2, 1, 0, 0, 0xfd, 0xe9]);
    const res = decode(update([...GOOD_ATTRS, ...as4]));
    expect(res.ok && res.warnings?.map((w) => [w.action, w.attrType])).toEqual([['attribute-discard', 17]]);
    expect(res.ok && res.msg.type === 'update' && res.msg.attributes.asPath).toEqual([
      { type: 'sequence', asns: [65001] },
    ]);
  });

  it('discards a malformed AS4_PATH from a 2-octet speaker and keeps AS_PATH (RFC 6793 §6)', () => {
    const opts: DecodeOptions = { fourOctetAs: false };
    const attrs = [
      ...ORIGIN_IGP_ATTR,
      ...attr(0x40, 2, [2, 1, 0xfd, 0xe9]),
      ...nextHop(10, 0, 0, 1),
      ...attr(0xc0, 17, [2, 0]),
    ];
    const res = expectSoft(decode(update(attrs), opts), 'attribute-discard', 3, 9, 'c0 11 02 02 00');
    expect(res?.msg.type === 'update' && res.msg.attributes.asPath).toEqual([{ type: 'sequence', asns: [65001] }]);
  });

  it('withdraws MP_REACH routes into MP_UNREACH when the UPDATE is treat-as-withdraw (RFC 7606 §2)', () => {
    const mp = attr(0x80, 14, [
      0,
      2,
      1,
      16,
      0x20,
      1,
      0x0d,
      0xb8,
      ...new Array(11).fill(0),
      1,
      0,
      32,
      0x20,
      1,
      0x0d,
      0xb8,
    ]);
    const res = decode(update([...attr(0x40, 1, [7]), ...asPath4(65001), ...mp], []));
    expect(res).toMatchObject({
      ok: true,
      treatAsWithdraw: true,
      msg: { withdrawn: [], nlri: [], attributes: { mpUnreach: { afi: 2, safi: 1, withdrawn: ['2001:db8::/32'] } } },
    });
  });

  it('resets the session for an attribute error stronger than discard in an UPDATE with no reachable NLRI (RFC 7606 §5.2)', () => {
    expectError(decode(update([...attr(0x40, 1, [7])], [])), 3, 6, '40 01 01 07');
    expectError(decode(update([...attr(0x40, 1, [7])], [], [8, 10])), 3, 6, '40 01 01 07');
  });

  it('never turns an UPDATE emptied by attribute discard into an End-of-RIB (RFC 4724 §2, RFC 7606 §2)', () => {
    const discarded = decode(update([...attr(0x40, 6, [1])], []));
    expect(discarded.ok && discarded.msg).toEqual({
      type: 'update',
      withdrawn: [],
      attributes: {},
      nlri: [],
      revisedHandling: 'attribute-discard',
    });
    expect(discarded.ok && isEndOfRib(discarded.msg)).toBeUndefined();
  });

  it('resets the session for MP_REACH_NLRI flags that contradict RFC 4760 (RFC 7606 §5.3, §3 (j))', () => {
    const mp = attr(0xc0, 14, [0, 2, 1, 16, ...new Array(15).fill(0), 1, 0]);
    expectError(decode(update([...ORIGIN_IGP_ATTR, ...asPath4(65001), ...mp], [])), 3, 4, toHex(new Uint8Array(mp)));
  });

  it('discards ATOMIC_AGGREGATE or AGGREGATOR with contradicting flags instead of withdrawing (RFC 7606 §3 (f))', () => {
    expectSoft(decode(update([...GOOD_ATTRS, ...attr(0xc0, 6, [])])), 'attribute-discard', 3, 4, 'c0 06 00');
    const agg = attr(0x40, 7, [0, 0, 0xfd, 0xe9, 10, 0, 0, 1]);
    expectSoft(decode(update([...GOOD_ATTRS, ...agg])), 'attribute-discard', 3, 4, toHex(new Uint8Array(agg)));
  });

  it('applies the strongest approach when several errors occur (RFC 7606 §3 (h))', () => {
    const attrs = [...attr(0x40, 1, [7]), ...asPath4(65001), ...nextHop(10, 0, 0, 1), ...attr(0x40, 99, [])];
    expectError(decode(update(attrs)), 3, 2, '40 63 00');
  });
});

describe('plain RFC 4271 error handling (revised handling off)', () => {
  const strict: DecodeOptions = { revisedErrorHandling: false };

  it('answers an invalid ORIGIN with Invalid ORIGIN Attribute carrying the attribute (RFC 4271 §6.3)', () => {
    expectError(
      decode(update([...attr(0x40, 1, [3]), ...asPath4(65001), ...nextHop(10, 0, 0, 1)]), strict),
      3,
      6,
      '40 01 01 03',
    );
  });

  it('answers a missing NEXT_HOP with Missing Well-known Attribute carrying type 3 (RFC 4271 §6.3)', () => {
    expectError(decode(update([...ORIGIN_IGP_ATTR, ...asPath4(65001)]), strict), 3, 3, '03');
  });

  it('answers a repeated attribute with Malformed Attribute List (RFC 4271 §6.3)', () => {
    expectError(decode(update([...GOOD_ATTRS, ...ORIGIN_IGP_ATTR]), strict), 3, 1);
  });

  it('answers an Attribute Flags Error with the attribute as data (RFC 4271 §6.3)', () => {
    expectError(
      decode(update([...attr(0x80, 1, [0]), ...asPath4(65001), ...nextHop(10, 0, 0, 1)]), strict),
      3,
      4,
      '80 01 01 00',
    );
  });

  it('still ignores LOCAL_PREF from an external peer without a NOTIFICATION (RFC 4271 §5.1.5)', () => {
    const res = decode(update([...GOOD_ATTRS, ...attr(0x40, 5, [0, 0, 0, 100])]), { ...strict, external: true });
    expect(res.ok).toBe(true);
  });
});
