import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalPrefix, formatIpv4, formatIpv6, parseAddress, parsePrefix, parsePrefixInto } from './address.js';
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
    expect(parseAddress('1:2:3:4:5:6::8')).toEqual(hex('00010002000300040005000600000008'));
    expect(parseAddress('1::')).toEqual(hex('00010000000000000000000000000000'));
    for (const bad of [
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '12345::',
      ':1',
      '1:2:3:4:5:6:7::8',
      'g::',
      ':::',
      '1:',
      '1:2:3:4:5:6:7:8:',
      '::1.2.3.4:5',
      '1:2:3:4:5:6:7:1.2.3.4',
      '::a.2.3.4',
      ':',
    ]) {
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

describe('the encoder fast path for prefixes', () => {
  function agree(text: string): void {
    const out = new Uint8Array(16);
    const r = parsePrefixInto(text, out);
    const p = parsePrefix(text);
    expect(r >= 0, text).toBe(p !== undefined);
    if (p) {
      expect([r >> 8, r & 0xff], text).toEqual([p.afi, p.length]);
      expect(out.subarray(0, p.addr.length), text).toEqual(p.addr);
    }
  }

  it('agrees with the reference parser on valid prefixes with host bits set', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 32 }), (b, len) =>
        agree(`${formatIpv4(b)}/${len}`),
      ),
      { seed: 7, numRuns: 500 },
    );
  });

  it('agrees with the reference parser on near-miss and random text', () => {
    for (const t of [
      '1.2.3.4/',
      '1.2.3/8',
      '1.2.3.4.5/8',
      '1..2.3/8',
      '256.0.0.0/8',
      '00.0.0.0/8',
      '1.2.3.4/33',
      '1.2.3.4/032',
      '1.2.3.4/8x',
      '/8',
      '',
    ]) {
      agree(t);
    }
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9./]{0,20}$/), (t) => agree(t)),
      { seed: 7, numRuns: 1000 },
    );
  });
});

describe('IPv6 parse and format agree', () => {
  it('reads back every address it prints, and the uncompressed spelling too', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (b) => {
        expect(parseAddress(formatIpv6(b))).toEqual(b);
        const full = Array.from({ length: 8 }, (_, g) =>
          ((b[2 * g] << 8) | b[2 * g + 1]).toString(16).padStart(4, '0'),
        ).join(':');
        expect(parseAddress(full.toUpperCase())).toEqual(b);
      }),
      { seed: 11, numRuns: 1000 },
    );
  });

  it('agrees with the prefix parser on random IPv6-ish text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f:.]{0,24}\/[0-9]{1,3}$/), (t) => {
        const out = new Uint8Array(16);
        const r = parsePrefixInto(t, out);
        const p = parsePrefix(t);
        expect(r >= 0).toBe(p !== undefined);
        if (p) expect(out).toEqual(p.addr.length === 16 ? p.addr : out);
      }),
      { seed: 11, numRuns: 2000 },
    );
  });
});
