import { describe, expect, it } from 'vitest';
import { decode, encode, type Message } from '../bgp/wire/index.js';
import { decodeShared } from './transport.js';

const open = (holdTime: number): Message => ({
  type: 'open',
  version: 4,
  myAs: 64512,
  holdTime,
  bgpId: '10.0.0.1',
  capabilities: [{ type: 'route-refresh' }],
});

describe('decodeShared', () => {
  it('decodes equal OPEN octets once, whatever array holds them, and per decoder options', () => {
    const a = decodeShared(encode(open(90)), true, true);
    const b = decodeShared(encode(open(90)), true, true);
    expect(b).toBe(a);
    expect(a).toEqual(decode(encode(open(90)), { fourOctetAs: true, external: true }));
    expect(a.ok && Object.isFrozen(a.msg)).toBe(true);
    // Other options or other octets: another result.
    expect(decodeShared(encode(open(90)), false, true)).not.toBe(a);
    const c = decodeShared(encode(open(30)), true, true);
    expect(c.ok && c.msg.type === 'open' && c.msg.holdTime).toBe(30);
  });

  it('decodes other messages once per array (each KEEPALIVE its own)', () => {
    const k = encode({ type: 'keepalive' });
    expect(decodeShared(k, true, false)).toBe(decodeShared(k, true, false));
    expect(decodeShared(encode({ type: 'keepalive' }), true, false)).not.toBe(decodeShared(k, true, false));
  });

  it('answers the same octets read in turn under other options, and back, with each option’s own result', () => {
    const u = encode({
      type: 'update',
      withdrawn: [],
      attributes: { origin: 0, asPath: [{ type: 'sequence', asns: [65001] }], nextHop: '192.0.2.1', localPref: 50 },
      nlri: ['10.1.0.0/24'],
    });
    const internal = decodeShared(u, true, false);
    const external = decodeShared(u, true, true);
    expect(external).not.toBe(internal);
    // eBGP drops a received LOCAL_PREF (RFC 4271 §5.1.5); iBGP keeps it.
    expect(internal.ok && internal.msg.type === 'update' && internal.msg.attributes.localPref).toBe(50);
    expect(external.ok && external.msg.type === 'update' && external.msg.attributes.localPref).toBeUndefined();
    expect(decodeShared(u, true, false)).toBe(internal);
    expect(decodeShared(u, true, false)).toBe(internal);
    expect(decodeShared(u, true, true)).toBe(external);
  });
});
