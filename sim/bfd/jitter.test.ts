import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Time, us } from '../base/time.js';
import { gridAnchor, gridSendTime, jitterGrid, jitterOffset } from './jitter.js';
import { hashedUniform } from './testing/pair-harness.js';

const draw = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const interval = fc.integer({ min: 4, max: 0xffff_ffff });

/** The gap between two consecutive sends whose offsets were drawn from u1 then u2. */
function gap(i: number, mult: number, u1: number, u2: number): number {
  const g = jitterGrid(us(i), mult);
  return g.step + jitterOffset(g, u2) - jitterOffset(g, u1);
}

describe('BFD transmit jitter (RFC 5880 §6.8.7)', () => {
  it('never makes a gap shorter than 75 % nor longer than 100 % of the interval', () => {
    fc.assert(
      fc.property(interval, draw, draw, fc.integer({ min: 2, max: 255 }), (i, u1, u2, mult) => {
        const g = gap(i, mult, u1, u2);
        expect(Number.isInteger(g)).toBe(true);
        expect(g).toBeGreaterThanOrEqual(0.75 * i);
        expect(g).toBeLessThanOrEqual(i);
      }),
      { numRuns: 5000, seed: 0x5eed },
    );
  });

  it('never makes a gap longer than 90 % when Detect Mult is 1', () => {
    fc.assert(
      fc.property(interval, draw, draw, (i, u1, u2) => {
        const g = gap(i, 1, u1, u2);
        expect(g).toBeGreaterThanOrEqual(0.75 * i);
        expect(g).toBeLessThanOrEqual(0.9 * i);
      }),
      { numRuns: 5000, seed: 0x5eed },
    );
  });

  it('reduces gaps by 12.5 % on average, 17.5 % with Detect Mult 1, and uses the whole range', () => {
    const u = hashedUniform(7);
    for (const [mult, mean, lo, hi] of [
      [3, 0.875, 0.76, 0.99],
      [1, 0.825, 0.76, 0.89],
    ] as const) {
      const grid = jitterGrid(us(300_000), mult);
      const times = Array.from({ length: 20_000 }, (_, k) => gridSendTime(grid, us(0), 0, u, k));
      const gaps = times.slice(1).map((t, k) => (t - times[k]) / 300_000);
      expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeCloseTo(mean, 2);
      expect(Math.min(...gaps)).toBeLessThan(lo);
      expect(Math.max(...gaps)).toBeGreaterThan(hi);
    }
  });

  it('re-anchors one jittered gap after the last send, and never before now', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        (i, k, last, now) => {
          const u = hashedUniform(k);
          const grid = jitterGrid(us(i), 3);
          const anchor = gridAnchor(grid, u, k, last as Time, now as Time);
          const next = gridSendTime(grid, anchor, k, u, k);
          expect(next).toBeGreaterThanOrEqual(now);
          expect(next - last).toBeGreaterThanOrEqual(0.75 * i);
          if (next > now) expect(next - last).toBeLessThanOrEqual(i);
        },
      ),
      { seed: 0x5eed },
    );
  });

  it('refuses a draw outside [0, 1): that is a driver bug', () => {
    const grid = jitterGrid(us(300_000), 3);
    expect(() => jitterOffset(grid, 1)).toThrow(/not in \[0, 1\)/);
    expect(() => jitterOffset(grid, -0.1)).toThrow();
  });
});
