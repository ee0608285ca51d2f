import { describe, expect, it } from 'vitest';
import { canonicalPrefix, formatIpv6, parseAddress, parsePrefix } from './address.js';
import { hex } from './testing.js';

describe('IPv6 text (RFC 5952 §4)', () => {
  it('compresses the longest run of zero groups, the first on a tie, and never a single group', () => {
    expect(formatIpv6(hex('20010db8000000000000000000000001'))).toBe('2001:db8::1');
    expect(formatIpv6(hex('20010db8000000010000000000000001'))).toBe('2001:db8:0:1::1');
    expect(formatIpv6(hex('20010db8000000000001000000000001'))).toBe('2001:db8::1:0:0:1');
    expect(formatIpv6(hex('20010db8000000010001000100010001'))).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIpv6(new Uint8Array(16))).toBe('::');
  });

  it('parses compressed, full and dotted-quad-tailed forms and rejects malformed text', () => {
    expect(parseAddress('2001:DB8::1')).toEqual(hex('20010db8000000000000000000000001'));
    expect(parseAddress('::ffff:192.0.2.1')).toEqual(hex('00000000000000000000ffffc0000201'));
    expect(parseAddress('1:2:3:4:5:6:7:8')).toEqual(hex('00010002000300040005000600070008'));
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', ':1', '1:2:3:4:5:6:7::8', 'g::']) {
      expect(parseAddress(bad), bad).toBeUndefined();
    }
  });
});

describe('prefixes', () => {
  it('canonicalises host bits and IPv6 spelling', () => {
    expect(canonicalPrefix('10.1.2.3/16')).toBe('10.1.0.0/16');
    expect(canonicalPrefix('2001:DB8:0:0:1::/64')).toBe('2001:db8::/64');
    expect(canonicalPrefix('0.0.0.0/0')).toBe('0.0.0.0/0');
  });

  it('rejects lengths beyond the family width and non-canonical numbers', () => {
    for (const bad of ['10.0.0.0/33', '::/129', '10.0.0.0', '10.0.0.256/8', '010.0.0.0/8', '10.0.0.0/08']) {
      expect(parsePrefix(bad), bad).toBeUndefined();
    }
  });
});
