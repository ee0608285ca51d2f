import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressKey, ipv4ToNumber } from './address.js';

describe('address ordering for tie-breaks', () => {
  it('orders IPv4 addresses numerically, not as text', () => {
    expect(addressKey('10.0.0.9') < addressKey('10.0.0.10')).toBe(true);
    expect(ipv4ToNumber('255.255.255.255')).toBe(0xffffffff);
  });

  it('key order equals numeric order for any two IPv4 addresses', () => {
    const ip = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((t) => t.join('.'));
    fc.assert(
      fc.property(ip, ip, (a, b) => {
        expect(Math.sign(ipv4ToNumber(a) - ipv4ToNumber(b))).toBe(
          addressKey(a) < addressKey(b) ? -1 : addressKey(a) > addressKey(b) ? 1 : 0,
        );
      }),
    );
  });

  it('expands compressed IPv6 so that equal addresses get equal keys', () => {
    expect(addressKey('2001:db8::1')).toBe(addressKey('2001:0db8:0:0:0:0:0:0001'));
    expect(addressKey('::ffff:10.0.0.1')).toBe(addressKey('::ffff:a00:1'));
    expect(addressKey('2001:db8::2') > addressKey('2001:db8::1')).toBe(true);
    expect(addressKey('255.255.255.255') < addressKey('::')).toBe(true);
  });

  it('rejects text that is not an address', () => {
    expect(() => ipv4ToNumber('10.0.0')).toThrow();
    expect(() => addressKey('1::2::3')).toThrow();
  });
});
