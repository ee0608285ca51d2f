import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { us } from '../base/time.js';
import { checkReceived, decode, encode } from './codec.js';
import { BFD_STATES, type BfdControlPacket } from './packet.js';

const u32 = fc.integer({ min: 0, max: 0xffff_ffff });

const validPacket: fc.Arbitrary<BfdControlPacket> = fc
  .record({
    diag: fc.integer({ min: 0, max: 31 }),
    state: fc.constantFrom(...BFD_STATES),
    poll: fc.boolean(),
    final: fc.boolean(),
    controlPlaneIndependent: fc.boolean(),
    demand: fc.boolean(),
    detectMult: fc.integer({ min: 1, max: 255 }),
    myDiscriminator: fc.integer({ min: 1, max: 0xffff_ffff }),
    yourDiscriminator: u32,
    desiredMinTx: u32,
    requiredMinRx: u32,
    requiredMinEchoRx: u32,
    auth: fc.option(fc.uint8Array({ minLength: 2, maxLength: 28 }), { nil: null }),
  })
  .map((r) => ({
    ...r,
    version: 1,
    multipoint: false,
    // §6.8.6: Your Discriminator may only be zero while the sender is Down or AdminDown.
    yourDiscriminator: r.yourDiscriminator === 0 && (r.state === 'Init' || r.state === 'Up') ? 1 : r.yourDiscriminator,
    desiredMinTx: us(r.desiredMinTx),
    requiredMinRx: us(r.requiredMinRx),
    requiredMinEchoRx: us(r.requiredMinEchoRx),
  }));

const base: BfdControlPacket = {
  version: 1,
  diag: 0,
  state: 'Up',
  poll: false,
  final: false,
  controlPlaneIndependent: false,
  demand: false,
  multipoint: false,
  detectMult: 3,
  myDiscriminator: 0x1234_5678,
  yourDiscriminator: 0x0abc_def0,
  desiredMinTx: us(300_000),
  requiredMinRx: us(300_000),
  requiredMinEchoRx: us(0),
  auth: null,
};

describe('BFD Control packet codec (RFC 5880 §4.1)', () => {
  it('lays out the 24-octet mandatory section as §4.1 draws it', () => {
    const bytes = encode({ ...base, diag: 3, state: 'Init', poll: true, controlPlaneIndependent: true });
    expect(bytes.length).toBe(24);
    expect(bytes[0]).toBe((1 << 5) | 3); // Vers 1, Diag 3
    expect(bytes[1]).toBe((2 << 6) | 0x20 | 0x08); // Sta Init, P, C (0x08, gr-reference §1.6)
    expect(bytes[2]).toBe(3);
    expect(bytes[3]).toBe(24);
    expect([...bytes.slice(4, 8)]).toEqual([0x12, 0x34, 0x56, 0x78]);
    expect([...bytes.slice(12, 16)]).toEqual([0x00, 0x04, 0x93, 0xe0]); // 300 000 µs
  });

  it('round-trips every acceptable packet', () => {
    fc.assert(
      fc.property(validPacket, (p) => {
        const r = decode(encode(p));
        expect(r).toEqual({ ok: true, packet: p });
      }),
      { seed: 0x5eed },
    );
  });

  it('never throws on arbitrary bytes, and whatever it accepts re-encodes to the same mandatory section', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const r = decode(bytes);
        if (!r.ok) return;
        const again = encode(r.packet);
        expect([...again.slice(0, 3), ...again.slice(4, 24)]).toEqual([...bytes.slice(0, 3), ...bytes.slice(4, 24)]);
      }),
      { numRuns: 2000, seed: 0x5eed },
    );
  });

  const corpus: [string, (b: Uint8Array) => Uint8Array, string][] = [
    ['a packet shorter than 24 octets', (b) => b.slice(0, 23), 'truncated'],
    ['version 0', (b) => set(b, 0, (0 << 5) | (b[0] & 0x1f)), 'bad-version'],
    ['version 2', (b) => set(b, 0, (2 << 5) | (b[0] & 0x1f)), 'bad-version'],
    ['Length below 24 with A clear', (b) => set(b, 3, 23), 'length-too-short'],
    ['Length 25 with A set', (b) => set(set(b, 1, b[1] | 0x04), 3, 25), 'length-too-short'],
    ['Length beyond the payload', (b) => set(b, 3, 30), 'length-exceeds-payload'],
    ['Detect Mult zero', (b) => set(b, 2, 0), 'detect-mult-zero'],
    ['the Multipoint bit set', (b) => set(b, 1, b[1] | 0x01), 'multipoint-set'],
    ['My Discriminator zero', (b) => zero(b, 4), 'my-discriminator-zero'],
    ['Your Discriminator zero from an Up sender', (b) => zero(b, 8), 'your-discriminator-zero-not-down'],
    [
      'Your Discriminator zero from an Init sender',
      (b) => set(zero(b, 8), 1, (2 << 6) | (b[1] & 0x3f)),
      'your-discriminator-zero-not-down',
    ],
  ];
  for (const [what, mangle, reason] of corpus) {
    it(`discards ${what} (RFC 5880 §6.8.6: ${reason})`, () => {
      expect(decode(mangle(encode(base)))).toEqual({ ok: false, reason });
    });
  }

  it('accepts Your Discriminator zero from a Down or AdminDown sender (RFC 5880 §6.8.6)', () => {
    for (const state of ['Down', 'AdminDown'] as const) {
      expect(decode(encode({ ...base, state, yourDiscriminator: 0 })).ok).toBe(true);
    }
  });

  it('ignores octets past Length, as the encapsulation may pad', () => {
    const padded = new Uint8Array(32);
    padded.set(encode(base));
    expect(decode(padded)).toEqual({ ok: true, packet: base });
  });

  it('applies the same checks to packet objects as to bytes', () => {
    expect(checkReceived(base)).toBeNull();
    expect(checkReceived({ ...base, detectMult: 0 })).toBe('detect-mult-zero');
    expect(checkReceived({ ...base, version: 2 })).toBe('bad-version');
    expect(checkReceived({ ...base, multipoint: true })).toBe('multipoint-set');
  });
});

function set(b: Uint8Array, i: number, v: number): Uint8Array {
  const c = b.slice();
  c[i] = v;
  return c;
}

function zero(b: Uint8Array, at: number): Uint8Array {
  const c = b.slice();
  c.fill(0, at, at + 4);
  return c;
}
