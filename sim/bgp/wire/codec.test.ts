import { describe, expect, it } from 'vitest';
import { decode, encode } from './codec.js';
import {
  AFI_IPV4,
  AFI_IPV6,
  AS_TRANS,
  endOfRib,
  findCapability,
  isEndOfRib,
  LLGR_STALE,
  type Message,
  NO_LLGR,
  SAFI_UNICAST,
} from './message.js';
import { hardReset } from './notification.js';
import { capabilityBytes } from './open.js';
import { hex, toHex } from './testing.js';

const M = 'ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff';

function roundTrip(msg: Message, opts?: { fourOctetAs?: boolean }): void {
  const bytes = encode(msg, opts);
  const res = decode(bytes, opts);
  expect(res).toEqual({ ok: true, msg });
}

describe('byte-exact encoding against RFC layouts', () => {
  it('encodes a KEEPALIVE as the bare 19-octet header (RFC 4271 §4.4)', () => {
    expect(toHex(encode({ type: 'keepalive' }))).toBe(toHex(hex(`${M} 00 13 04`)));
  });

  it('encodes the GR capability with R=1, N=1, restart 120 s, IPv4 unicast F=1 (RFC 4724 §3, RFC 8538 §2)', () => {
    const bytes = encode({
      type: 'open',
      version: 4,
      myAs: 64512,
      holdTime: 90,
      bgpId: '10.0.0.1',
      capabilities: [
        {
          type: 'graceful-restart',
          restartState: true,
          notification: true,
          restartTime: 120,
          afis: [{ afi: AFI_IPV4, safi: SAFI_UNICAST, forwardingState: true }],
        },
      ],
    });
    // 0xC078 = R (0x8000) | N (0x4000) | 120; tuple AFI 1, SAFI 1, flags 0x80.
    expect(toHex(bytes)).toBe(
      toHex(hex(`${M} 00 27 01  04 fc 00 00 5a 0a 00 00 01  0a  02 08  40 06 c0 78 00 01 01 80`)),
    );
  });

  it('encodes a full OPEN with multiprotocol, route refresh, 4-octet AS and GR capabilities in one parameter (RFC 4271 §4.2, RFC 5492 §4)', () => {
    const bytes = encode({
      type: 'open',
      version: 4,
      myAs: 64512,
      holdTime: 90,
      bgpId: '10.0.0.1',
      capabilities: [
        { type: 'multiprotocol', afi: 1, safi: 1 },
        { type: 'route-refresh' },
        { type: 'four-octet-as', asn: 64512 },
        { type: 'graceful-restart', restartState: false, notification: true, restartTime: 120, afis: [] },
      ],
    });
    expect(toHex(bytes)).toBe(
      toHex(
        hex(
          `${M} 00 31 01 04 fc 00 00 5a 0a 00 00 01 14 02 12  01 04 00 01 00 01  02 00  41 04 00 00 fc 00  40 02 40 78`,
        ),
      ),
    );
  });

  it('writes AS_TRANS in My AS when the ASN needs 4 octets, and decodes the real ASN from the capability (RFC 6793 §4.1)', () => {
    const open: Message = {
      type: 'open',
      version: 4,
      myAs: 4200000001,
      holdTime: 3,
      bgpId: '192.0.2.1',
      capabilities: [{ type: 'four-octet-as', asn: 4200000001 }],
    };
    const bytes = encode(open);
    expect(toHex(bytes.subarray(19, 22))).toBe('04 5b a0'); // 0x5BA0 = 23456 = AS_TRANS
    expect(AS_TRANS).toBe(0x5ba0);
    expect(toHex(bytes.subarray(bytes.length - 6))).toBe('41 04 fa 56 ea 01');
    roundTrip(open);
  });

  it('lists capabilities as code, length, value for an Unsupported Capability NOTIFICATION (RFC 5492 §5)', () => {
    const data = capabilityBytes([
      { type: 'multiprotocol', afi: AFI_IPV6, safi: SAFI_UNICAST },
      { type: 'route-refresh' },
    ]);
    expect(toHex(data)).toBe('01 04 00 02 00 01 02 00');
  });

  it('encodes the LLGR capability as 7-octet tuples with a 24-bit stale time (RFC 9494 §3.1)', () => {
    const bytes = encode({
      type: 'open',
      version: 4,
      myAs: 65000,
      holdTime: 90,
      bgpId: '10.0.0.2',
      capabilities: [
        { type: 'llgr', afis: [{ afi: AFI_IPV6, safi: SAFI_UNICAST, forwardingState: true, staleTime: 16777215 }] },
      ],
    });
    expect(toHex(bytes.subarray(29))).toBe('02 09 47 07 00 02 01 80 ff ff ff');
  });

  it('encodes the IPv4 unicast End-of-RIB as the 23-octet minimum UPDATE (RFC 4724 §2)', () => {
    const bytes = encode(endOfRib(AFI_IPV4, SAFI_UNICAST));
    expect(bytes.length).toBe(23);
    expect(toHex(bytes)).toBe(toHex(hex(`${M} 00 17 02 00 00 00 00`)));
  });

  it('encodes the IPv6 unicast End-of-RIB as an UPDATE with only an empty MP_UNREACH_NLRI, 29 octets (RFC 4724 §2)', () => {
    const bytes = encode(endOfRib(AFI_IPV6, SAFI_UNICAST));
    expect(toHex(bytes)).toBe(toHex(hex(`${M} 00 1d 02 00 00 00 06 80 0f 03 00 02 01`)));
  });

  it('encodes an IPv4 route UPDATE with ORIGIN, 4-octet AS_PATH, NEXT_HOP, MED, COMMUNITIES and two prefixes (RFC 4271 §4.3)', () => {
    const bytes = encode({
      type: 'update',
      withdrawn: [],
      attributes: {
        origin: 0,
        asPath: [{ type: 'sequence', asns: [65001] }],
        nextHop: '10.0.0.1',
        med: 100,
        communities: [LLGR_STALE],
      },
      nlri: ['10.1.0.0/16', '192.168.1.0/24'],
    });
    expect(toHex(bytes)).toBe(
      toHex(
        hex(`${M} 00 40 02 00 00 00 22
          40 01 01 00
          40 02 06 02 01 00 00 fd e9
          40 03 04 0a 00 00 01
          80 04 04 00 00 00 64
          c0 08 04 ff ff 00 06
          10 0a 01  18 c0 a8 01`),
      ),
    );
  });

  it('encodes 2-octet AS_PATH entries when 4-octet AS is not negotiated (RFC 4271 §4.3, RFC 6793 §4.2.2)', () => {
    const bytes = encode(
      {
        type: 'update',
        withdrawn: ['10.9.0.0/16'],
        attributes: { origin: 2, asPath: [{ type: 'sequence', asns: [65001, 65002] }], nextHop: '10.0.0.1' },
        nlri: [],
      },
      { fourOctetAs: false },
    );
    expect(toHex(bytes)).toBe(
      toHex(hex(`${M} 00 2e 02 00 03 10 0a 09 00 14 40 01 01 02 40 02 06 02 02 fd e9 fd ea 40 03 04 0a 00 00 01`)),
    );
  });

  it('encodes IPv6 routes in MP_REACH_NLRI, first among the attributes, with the global next hop (RFC 4760 §3, RFC 2545 §3, RFC 7606 §5.1)', () => {
    const bytes = encode({
      type: 'update',
      withdrawn: [],
      attributes: {
        origin: 0,
        asPath: [],
        mpReach: { afi: AFI_IPV6, safi: SAFI_UNICAST, nextHop: '2001:db8::1', nlri: ['2001:db8:1::/48'] },
      },
      nlri: [],
    });
    expect(toHex(bytes)).toBe(
      toHex(
        hex(`${M} 00 3d 02 00 00 00 26
          80 0e 1c 00 02 01 10 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 00 30 20 01 0d b8 00 01
          40 01 01 00
          40 02 00`),
      ),
    );
  });

  it('uses the extended-length flag only for attribute values over 255 octets (RFC 4271 §4.3)', () => {
    const communities = Array.from({ length: 70 }, (_, i) => 0xfde80000 + i); // 280 octets
    const bytes = encode({ type: 'update', withdrawn: [], attributes: { communities }, nlri: [] });
    expect(toHex(bytes.subarray(23, 27))).toBe('d0 08 01 18');
    const short = encode({ type: 'update', withdrawn: [], attributes: { communities: [NO_LLGR] }, nlri: [] });
    expect(toHex(short.subarray(23))).toBe('c0 08 04 ff ff 00 07');
  });

  it('sets the extended-length flag on a raw attribute whose value outgrew one length octet (RFC 4271 §4.3)', () => {
    const bytes = encode({
      type: 'update',
      withdrawn: [],
      attributes: { unknown: [{ flags: 0xc0, typeCode: 99, value: new Uint8Array(256) }] },
      nlri: [],
    });
    expect(toHex(bytes.subarray(23, 27))).toBe('d0 63 01 00');
  });

  it('encodes a Hard Reset carrying Cease/Administrative Shutdown as its data (RFC 8538 §3.1)', () => {
    expect(toHex(encode(hardReset({ code: 6, subcode: 2 })))).toBe(toHex(hex(`${M} 00 17 03 06 09 06 02`)));
  });

  it('encodes a NOTIFICATION as code, subcode and data (RFC 4271 §4.5)', () => {
    const bytes = encode({ type: 'notification', code: 4, subcode: 0, data: new Uint8Array() });
    expect(toHex(bytes)).toBe(toHex(hex(`${M} 00 15 03 04 00`)));
  });

  it('encodes a ROUTE-REFRESH as AFI, reserved, SAFI (RFC 2918 §3)', () => {
    const bytes = encode({ type: 'route-refresh', afi: AFI_IPV6, safi: SAFI_UNICAST });
    expect(toHex(bytes)).toBe(toHex(hex(`${M} 00 17 05 00 02 00 01`)));
  });
});

describe('decoding hand-assembled messages', () => {
  it('decodes the GR capability flags nibble and per-AF F bit, ignoring reserved bits (RFC 4724 §3)', () => {
    // Flags nibble 0x7 = N plus two reserved bits; restart time 0xfff; AF flags 0xff (F + reserved).
    const res = decode(hex(`${M} 00 27 01 04 fc 00 00 5a 0a 00 00 01 0a 02 08 40 06 7f ff 00 02 01 ff`));
    expect(res.ok && res.msg.type === 'open' && res.msg.capabilities).toEqual([
      {
        type: 'graceful-restart',
        restartState: false,
        notification: true,
        restartTime: 4095,
        afis: [{ afi: 2, safi: 1, forwardingState: true }],
      },
    ]);
  });

  it('lets the last GR capability instance win when a peer sends several (RFC 4724 §3)', () => {
    const res = decode(hex(`${M} 00 2b 01 04 fc 00 00 5a 0a 00 00 01 0e 02 0c 40 06 80 3c 00 01 01 80 40 02 40 b4`));
    expect(res.ok).toBe(true);
    if (!res.ok || res.msg.type !== 'open') return;
    expect(findCapability(res.msg.capabilities, 'graceful-restart')).toEqual({
      type: 'graceful-restart',
      restartState: false,
      notification: true,
      restartTime: 180,
      afis: [],
    });
  });

  it('recognises the 23-octet empty UPDATE as the IPv4 unicast End-of-RIB (RFC 4724 §2)', () => {
    const res = decode(hex(`${M} 00 17 02 00 00 00 00`));
    expect(res.ok && isEndOfRib(res.msg)).toEqual({ afi: 1, safi: 1 });
  });

  it('recognises an UPDATE with only an empty MP_UNREACH_NLRI as that family’s End-of-RIB (RFC 4724 §2)', () => {
    const res = decode(hex(`${M} 00 1d 02 00 00 00 06 80 0f 03 00 02 01`));
    expect(res.ok && isEndOfRib(res.msg)).toEqual({ afi: 2, safi: 1 });
    // The extended-length spelling is the same marker.
    const ext = decode(hex(`${M} 00 1e 02 00 00 00 07 90 0f 00 03 00 01 02`));
    expect(ext.ok && isEndOfRib(ext.msg)).toEqual({ afi: 1, safi: 2 });
  });

  it('does not take an UPDATE with routes or other attributes for an End-of-RIB (RFC 4724 §2)', () => {
    expect(isEndOfRib({ type: 'update', withdrawn: ['10.0.0.0/8'], attributes: {}, nlri: [] })).toBeUndefined();
    expect(
      isEndOfRib({
        type: 'update',
        withdrawn: [],
        attributes: { mpUnreach: { afi: 2, safi: 1, withdrawn: ['::/0'] } },
        nlri: [],
      }),
    ).toBeUndefined();
    expect(isEndOfRib({ type: 'update', withdrawn: [], attributes: { origin: 0 }, nlri: [] })).toBeUndefined();
    expect(isEndOfRib({ type: 'keepalive' })).toBeUndefined();
  });

  it('decodes a 32-octet IPv6 next hop as global plus link-local (RFC 2545 §3)', () => {
    const nh = '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 02';
    const res = decode(
      hex(`${M} 00 4f 02 00 00 00 38 40 01 01 00 40 02 00 80 0e 2e 00 02 01 20 ${nh} 00 40 20 01 0d b8 00 00 00 07`),
    );
    expect(res.ok && res.msg.type === 'update' && res.msg.attributes.mpReach).toEqual({
      afi: 2,
      safi: 1,
      nextHop: '2001:db8::1',
      linkLocalNextHop: 'fe80::2',
      nlri: ['2001:db8:0:7::/64'],
    });
  });

  it('ignores host bits beyond the prefix length in NLRI (RFC 4271 §4.3)', () => {
    const wd = decode(hex(`${M} 00 1b 02 00 04 17 0a 01 ff 00 00`));
    expect(wd.ok && wd.msg.type === 'update' && wd.msg.withdrawn).toEqual(['10.1.254.0/23']);
  });

  it('decodes a ROUTE-REFRESH with an RFC 7313 subtype', () => {
    expect(decode(hex(`${M} 00 17 05 00 01 01 01`))).toEqual({
      ok: true,
      msg: { type: 'route-refresh', afi: 1, safi: 1, subtype: 1 },
    });
  });
});

describe('round trips', () => {
  it('round-trips KEEPALIVE, NOTIFICATION and ROUTE-REFRESH', () => {
    roundTrip({ type: 'keepalive' });
    roundTrip({ type: 'notification', code: 6, subcode: 9, data: new Uint8Array([6, 2, 0]) });
    roundTrip({ type: 'route-refresh', afi: 2, safi: 1 });
    roundTrip({ type: 'route-refresh', afi: 1, safi: 1, subtype: 2 });
  });

  it('round-trips an OPEN carrying every capability kind', () => {
    roundTrip({
      type: 'open',
      version: 4,
      myAs: 65010,
      holdTime: 0,
      bgpId: '255.255.255.255',
      capabilities: [
        { type: 'multiprotocol', afi: 2, safi: 1 },
        { type: 'route-refresh' },
        {
          type: 'graceful-restart',
          restartState: true,
          notification: false,
          restartTime: 4095,
          afis: [
            { afi: 1, safi: 1, forwardingState: false },
            { afi: 2, safi: 1, forwardingState: true },
          ],
        },
        { type: 'four-octet-as', asn: 65010 },
        { type: 'llgr', afis: [{ afi: 1, safi: 1, forwardingState: false, staleTime: 0 }] },
        { type: 'unknown', code: 70, value: new Uint8Array() },
        { type: 'unknown', code: 73, value: new Uint8Array([5, 104, 111, 115, 116, 49]) },
      ],
    });
  });

  it('round-trips UPDATEs with every attribute, with and without 4-octet AS', () => {
    const update: Message = {
      type: 'update',
      withdrawn: ['0.0.0.0/0', '10.0.0.0/8'],
      attributes: {
        origin: 1,
        asPath: [
          { type: 'confed-sequence', asns: [64512] },
          { type: 'sequence', asns: [65001, 4200000001] },
          { type: 'set', asns: [1, 2, 3] },
        ],
        nextHop: '192.0.2.1',
        med: 0,
        localPref: 4294967295,
        atomicAggregate: true,
        aggregator: { asn: 4200000002, address: '192.0.2.9' },
        communities: [LLGR_STALE, NO_LLGR, 0],
        mpReach: {
          afi: 2,
          safi: 1,
          nextHop: '2001:db8::1',
          nlri: ['2001:db8::/32', '::/0', '2001:db8:ffff:ff00::/56'],
        },
        mpUnreach: { afi: 2, safi: 2, withdrawn: ['ff00::/8'] },
        unknown: [
          { flags: 0xc0, typeCode: 16, value: new Uint8Array([0, 2, 0xfd, 0xe9, 0, 0, 0, 1]) },
          { flags: 0xf0, typeCode: 32, value: new Uint8Array(300) },
        ],
      },
      nlri: ['192.0.2.0/24', '198.51.100.128/25', '203.0.113.7/32'],
    };
    roundTrip(update);
    roundTrip(update, { fourOctetAs: false });
  });

  it('reconstructs 4-octet ASNs from AS_PATH and AS4_PATH for a 2-octet session (RFC 6793 §4.2.3)', () => {
    const bytes = encode(
      {
        type: 'update',
        withdrawn: [],
        attributes: { origin: 0, asPath: [{ type: 'sequence', asns: [65001, 4200000001] }], nextHop: '10.0.0.1' },
        nlri: ['10.0.0.0/24'],
      },
      { fourOctetAs: false },
    );
    // AS_PATH has AS_TRANS in place of the 4-octet ASN; AS4_PATH (type 17, optional transitive) has the truth.
    expect(toHex(bytes)).toContain('40 02 06 02 02 fd e9 5b a0');
    expect(toHex(bytes)).toContain('c0 11 0a 02 02 00 00 fd e9 fa 56 ea 01');
  });

  it('keeps the leading AS_PATH entries that AS4_PATH does not cover (RFC 6793 §4.2.3)', () => {
    // An OLD speaker prepended 65002 after the path left the NEW region: AS_PATH has 3, AS4_PATH 2.
    const body = `00 00 00 23 40 01 01 00 40 02 08 02 03 fd ea fd e9 5b a0 40 03 04 0a 00 00 01 c0 11 0a 02 02 00 00 fd e9 fa 56 ea 01`;
    const res = decode(hex(`${M} 00 3a 02 ${body}`), { fourOctetAs: false });
    expect(res.ok && res.msg.type === 'update' && res.msg.attributes.asPath).toEqual([
      { type: 'sequence', asns: [65002] },
      { type: 'sequence', asns: [65001, 4200000001] },
    ]);
  });
});
