import { describe, expect, it } from 'vitest';
import { logNormalTail, normalCdf, normalQuantile, normalTail, normalTailQuantile } from './normal.js';

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
const density = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
/** Spacing of doubles at x. */
const ulp = (x: number): number => Math.max(Number.MIN_VALUE, 2 ** (Math.floor(Math.log2(Math.abs(x))) - 52));

// Reference values from mpmath at 40 digits (ncdf, log(ncdf)).
describe('normal law', () => {
  it('matches Φ and Q at known values to full precision', () => {
    expect(relErr(normalCdf(-1), 0.15865525393145705)).toBeLessThan(2e-16);
    expect(relErr(normalTail(1), 0.15865525393145705)).toBeLessThan(2e-16);
    expect(relErr(normalTail(10), 7.619853024160525e-24)).toBeLessThan(1e-15);
    expect(relErr(normalCdf(-5), 2.866515718791939e-7)).toBeLessThan(1e-15);
    expect(relErr(normalCdf(-20), 2.7536241186062337e-89)).toBeLessThan(1e-15);
    expect(relErr(normalTail(37), 5.725571222524577e-300)).toBeLessThan(1e-14);
    // Subnormal (mpmath: 2.8854283600687843e-316): only ~28 significant bits exist there.
    expect(relErr(normalTail(38), 2.88542835e-316)).toBeLessThan(2e-8);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalTail(40)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
  });

  it('keeps Φ(z) + Q(z) = 1 and Φ(−z) = Q(z)', () => {
    for (let z = -9; z <= 9; z += 0.01) {
      expect(Math.abs(normalCdf(z) + normalTail(z) - 1)).toBeLessThan(3e-16);
      expect(normalCdf(-z)).toBe(normalTail(z));
    }
  });

  it('computes ln Q past the underflow of Q', () => {
    expect(Math.abs(logNormalTail(6) - -20.736768949974707)).toBeLessThan(1e-13);
    expect(Math.abs(logNormalTail(38) - -726.5572160188201)).toBeLessThan(1e-12);
    expect(relErr(logNormalTail(100), -5005.524208694205)).toBeLessThan(1e-15);
    expect(logNormalTail(Number.POSITIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('inverts Φ to 1e-12 in the lower tail and Q in the upper tail, over [−37, 37]', () => {
    for (let z = -37; z <= 0; z += 0.00731) expect(Math.abs(normalQuantile(normalCdf(z)) - z)).toBeLessThan(1e-12);
    for (let z = 0; z <= 37; z += 0.00731) expect(Math.abs(normalTailQuantile(normalTail(z)) - z)).toBeLessThan(1e-12);
  });

  it('inverts Φ above the median to within what the rounding of Φ(z) near 1 leaves', () => {
    // Φ(8) = 1 − 6e-16 carries one significant bit of its tail: no inverse can do better than ulp/φ.
    for (let z = 0; z <= 8; z += 0.00731) {
      const p = normalCdf(z);
      expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-12 + ulp(p) / density(z));
    }
  });

  it('maps 0, 1 and out-of-range probabilities without throwing', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(0.5)).toBe(0);
    expect(Number.isNaN(normalQuantile(1.5))).toBe(true);
    expect(normalQuantile(Number.MIN_VALUE)).toBeLessThan(-38);
    expect(Number.isFinite(normalQuantile(Number.MIN_VALUE))).toBe(true);
  });
});
