import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { us } from '../base/time.js';
import { bfdJitterFactor, jitteredInterval } from './jitter.js';
import { hashedUniform } from './testing/pair-harness.js';

const draw = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const interval = fc.integer({ min: 4, max: 0xffff_ffff });

describe('BFD transmit jitter (RFC 5880 §6.8.7)', () => {
  it('never goes below 75 % nor above 100 % of the interval', () => {
    fc.assert(
      fc.property(interval, draw, fc.integer({ min: 2, max: 255 }), (i, u, mult) => {
        const g = jitteredInterval(us(i), u, mult);
        expect(Number.isInteger(g)).toBe(true);
        expect(g).toBeGreaterThanOrEqual(0.75 * i);
        expect(g).toBeLessThanOrEqual(i);
      }),
      { numRuns: 5000 },
    );
  });

  it('never goes above 90 % when Detect Mult is 1', () => {
    fc.assert(
      fc.property(interval, draw, (i, u) => {
        const g = jitteredInterval(us(i), u, 1);
        expect(g).toBeGreaterThanOrEqual(0.75 * i);
        expect(g).toBeLessThanOrEqual(0.9 * i);
      }),
      { numRuns: 5000 },
    );
  });

  it('spreads uniformly over the allowed range: on average 12.5 % short, or 17.5 % with Detect Mult 1', () => {
    const u = hashedUniform(7);
    const n = 20_000;
    let sum = 0;
    let sum1 = 0;
    for (let k = 0; k < n; k++) {
      sum += jitteredInterval(us(300_000), u(k), 3);
      sum1 += jitteredInterval(us(300_000), u(k), 1);
    }
    expect(sum / n / 300_000).toBeCloseTo(0.875, 2);
    expect(sum1 / n / 300_000).toBeCloseTo(0.825, 2);
  });

  it('maps the ends of the draw onto the ends of the range', () => {
    expect(bfdJitterFactor(0, 3)).toBe(1);
    expect(bfdJitterFactor(0, 1)).toBe(0.9);
    expect(bfdJitterFactor(0.999_999, 3)).toBeCloseTo(0.75, 5);
    expect(bfdJitterFactor(0.999_999, 1)).toBeCloseTo(0.75, 5);
  });

  it('refuses a draw outside [0, 1): that is a driver bug', () => {
    expect(() => bfdJitterFactor(1, 3)).toThrow(/not in \[0, 1\)/);
    expect(() => bfdJitterFactor(-0.1, 3)).toThrow();
  });
});
