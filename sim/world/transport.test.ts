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
});
