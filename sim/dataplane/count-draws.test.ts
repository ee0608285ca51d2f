/**
 * The count samplers against their exact pmfs: chi-square goodness of fit (tail cells pooled to an
 * expected count ≥ 5, rejected at p < 1e-4), mean and variance within 5 standard errors, logGamma
 * against known values, determinism and the argument guards. Seeded alea streams, as the engine's.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import {
  binomialDraw,
  logBinomialRatio,
  logFactorial,
  logGamma,
  logPoissonPmf,
  multinomialDraw,
  poissonDraw,
} from './count-draws.js';
import type { RandomSource } from './random-source.js';

const SAMPLES = 100_000;
/** For the two cases where most draws go through the exact acceptance tests: enough to see a 5% error in them. */
const MANY = 1_000_000;
const REJECT_P = 1e-4;

function stream(name: string): RandomSource {
  const prng = seedrandom.alea(`count-draws-test/${name}`);
  return { next: () => prng() };
}

/** Regularised upper incomplete gamma Q(a, x) (Numerical Recipes §6.2: series below a + 1, continued fraction above). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * Math.exp(lead);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(lead) * h;
}

/** P(X ≥ x) for X ~ Poisson(lambda), x a small integer. */
function poissonUpperTail(x: number, lambda: number): number {
  if (x <= 0) return 1;
  if (lambda === 0) return 0;
  let below = 0;
  for (let k = 0; k < x; k++) below += Math.exp(k * Math.log(lambda) - lambda - logFactorial(k));
  return Math.max(0, 1 - below);
}

interface Fit {
  readonly cells: number;
  readonly statistic: number;
  readonly pValue: number;
}

/**
 * Chi-square fit of `samples` to `pmf` on the support [lo, hi] (the window must hold all but a
 * negligible mass). Cells are pooled from each end inward until each expects ≥ 5; the outer cells
 * take everything beyond them. With a single cell (nearly all mass on one value) the test becomes
 * "how many samples missed the mode", against a Poisson tail.
 */
function chiSquare(samples: Int32Array, pmf: (k: number) => number, lo: number, hi: number): Fit {
  const n = samples.length;
  const expected: number[] = [];
  for (let k = lo; k <= hi; k++) expected.push(n * pmf(k));
  // Pool into cells [start, end] over indices of `expected`.
  const starts: number[] = [];
  let acc = 0;
  let start = 0;
  for (let i = 0; i < expected.length; i++) {
    acc += expected[i]!;
    if (acc >= 5) {
      starts.push(start);
      start = i + 1;
      acc = 0;
    }
  }
  if (starts.length === 0) starts.push(0);
  // A short remainder at the top joins the last cell (the top cell takes the upper tail).
  const cellOf = (k: number): number => {
    const i = Math.min(Math.max(k - lo, 0), expected.length - 1);
    let lo2 = 0;
    let hi2 = starts.length - 1;
    while (lo2 < hi2) {
      const mid = (lo2 + hi2 + 1) >> 1;
      if (starts[mid]! <= i) lo2 = mid;
      else hi2 = mid - 1;
    }
    return lo2;
  };
  const exp = new Float64Array(starts.length);
  for (let i = 0; i < expected.length; i++) exp[cellOf(i + lo)]! += expected[i]!;
  const obs = new Float64Array(starts.length);
  for (const x of samples) obs[cellOf(x)]! += 1;
  if (starts.length === 1) {
    let mode = lo;
    for (let k = lo; k <= hi; k++) if (pmf(k) > pmf(mode)) mode = k;
    let misses = 0;
    for (const x of samples) if (x !== mode) misses += 1;
    return { cells: 1, statistic: misses, pValue: poissonUpperTail(misses, n * (1 - pmf(mode))) };
  }
  let stat = 0;
  for (let c = 0; c < starts.length; c++) stat += (obs[c]! - exp[c]!) ** 2 / exp[c]!;
  return { cells: starts.length, statistic: stat, pValue: gammaQ((starts.length - 1) / 2, stat / 2) };
}

function poissonPmf(mean: number): (k: number) => number {
  if (mean === 0) return (k) => (k === 0 ? 1 : 0);
  return (k) => Math.exp(k * Math.log(mean) - mean - logFactorial(k));
}

function binomialPmf(n: number, p: number): (k: number) => number {
  return (k) => {
    if (k < 0 || k > n) return 0;
    if (p === 0) return k === 0 ? 1 : 0;
    const logC = logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    return Math.exp(logC + k * Math.log(p) + (n - k) * Math.log1p(-p));
  };
}

function draw(count: number, one: () => number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = one();
  return out;
}

function moments(xs: Int32Array): { mean: number; variance: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, variance: ss / (xs.length - 1) };
}

/** A support window holding all but ~1e-30 of the mass. */
function window(mean: number, sd: number, max: number): [number, number] {
  return [Math.max(0, Math.floor(mean - 14 * sd - 10)), Math.min(max, Math.ceil(mean + 14 * sd + 30))];
}

describe('poissonDraw', () => {
  const MEANS = [0, 1e-6, 0.5, 3, 9.99, 10, 10.01, 30, 1000, 1e6];

  it.each(MEANS)('fits the Poisson pmf at mean %s (chi-square, p ≥ 1e-4)', (mean) => {
    const rng = stream(`poisson/${mean}`);
    const xs = draw(SAMPLES, () => poissonDraw(mean, rng));
    const [lo, hi] = window(mean, Math.sqrt(mean), Number.MAX_SAFE_INTEGER);
    const fit = chiSquare(xs, poissonPmf(mean), lo, hi);
    expect(fit.pValue, `χ² ${fit.statistic.toFixed(1)} on ${fit.cells} cells`).toBeGreaterThanOrEqual(REJECT_P);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
  });

  it('fits the Poisson pmf at mean 1000 over 1e6 draws (PTRS acceptance test at full power)', () => {
    const rng = stream('poisson-many');
    const xs = draw(MANY, () => poissonDraw(1000, rng));
    const [lo, hi] = window(1000, Math.sqrt(1000), Number.MAX_SAFE_INTEGER);
    const fit = chiSquare(xs, poissonPmf(1000), lo, hi);
    expect(fit.pValue, `χ² ${fit.statistic.toFixed(1)} on ${fit.cells} cells`).toBeGreaterThanOrEqual(REJECT_P);
  });

  it.each([30, 1000, 1e6, 1e7])('has mean and variance within 5 standard errors at mean %s', (mean) => {
    const rng = stream(`poisson-moments/${mean}`);
    const { mean: m, variance: v } = moments(draw(SAMPLES, () => poissonDraw(mean, rng)));
    // Var(s²) ≈ (μ₄ − σ⁴) / N with μ₄ = λ(1 + 3λ) for a Poisson.
    expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(mean / SAMPLES));
    expect(Math.abs(v - mean)).toBeLessThan(5 * Math.sqrt((mean + 2 * mean * mean) / SAMPLES));
  });

  it('draws the same sequence from the same seed', () => {
    for (const mean of [0.5, 9.99, 10, 1e6]) {
      const a = stream('same');
      const b = stream('same');
      expect(draw(200, () => poissonDraw(mean, a))).toEqual(draw(200, () => poissonDraw(mean, b)));
    }
  });

  it('rejects a mean that is NaN, negative or infinite, naming it', () => {
    const rng = stream('guards');
    for (const bad of [Number.NaN, -1, -1e-300, Number.POSITIVE_INFINITY]) {
      expect(() => poissonDraw(bad, rng)).toThrow(RangeError);
      expect(() => poissonDraw(bad, rng)).toThrow(`mean must be finite and ≥ 0, got ${bad}`);
    }
  });
});

describe('binomialDraw', () => {
  const CASES: [number, number][] = [
    [0, 0.3],
    [1, 0.5],
    [20, 0.01],
    [20, 0.5],
    [100, 0.97],
    [1000, 0.2],
    [6000, 0.5],
    [1e6, 1e-5],
    [1e7, 0.3],
  ];

  it.each(CASES)('fits the binomial pmf at n = %s, p = %s (chi-square, p ≥ 1e-4)', (n, p) => {
    const rng = stream(`binomial/${n}/${p}`);
    const xs = draw(SAMPLES, () => binomialDraw(n, p, rng));
    const [lo, hi] = window(n * p, Math.sqrt(n * p * (1 - p)), n);
    const fit = chiSquare(xs, binomialPmf(n, p), lo, hi);
    expect(fit.pValue, `χ² ${fit.statistic.toFixed(1)} on ${fit.cells} cells`).toBeGreaterThanOrEqual(REJECT_P);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
  });

  it('fits the binomial pmf at n = 1000, p = 0.2 over 1e6 draws (BTRD acceptance tests at full power)', () => {
    const rng = stream('binomial-many');
    const xs = draw(MANY, () => binomialDraw(1000, 0.2, rng));
    const [lo, hi] = window(200, Math.sqrt(160), 1000);
    const fit = chiSquare(xs, binomialPmf(1000, 0.2), lo, hi);
    expect(fit.pValue, `χ² ${fit.statistic.toFixed(1)} on ${fit.cells} cells`).toBeGreaterThanOrEqual(REJECT_P);
  });

  it.each([
    [1000, 0.2],
    [6000, 0.5],
    [1e6, 1e-5],
    [1e7, 0.3],
    [1e7, 0.9],
  ])('has mean and variance within 5 standard errors at n = %s, p = %s', (n, p) => {
    const rng = stream(`binomial-moments/${n}/${p}`);
    const { mean: m, variance: v } = moments(draw(SAMPLES, () => binomialDraw(n, p, rng)));
    const mean = n * p;
    const variance = n * p * (1 - p);
    // μ₄ = npq(1 + 3(n − 2)pq) for a binomial.
    const mu4 = variance * (1 + 3 * (n - 2) * p * (1 - p));
    expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(variance / SAMPLES));
    expect(Math.abs(v - variance)).toBeLessThan(5 * Math.sqrt((mu4 - variance * variance) / SAMPLES));
  });

  it('returns the certain outcomes at p = 0 and p = 1', () => {
    const rng = stream('certain');
    expect(binomialDraw(50, 0, rng)).toBe(0);
    expect(binomialDraw(50, 1, rng)).toBe(50);
    expect(binomialDraw(1e7, 1, rng)).toBe(1e7);
  });

  it('draws the same sequence from the same seed', () => {
    for (const [n, p] of [
      [20, 0.01],
      [100, 0.97],
      [6000, 0.5],
    ] as const) {
      const a = stream('same');
      const b = stream('same');
      expect(draw(200, () => binomialDraw(n, p, a))).toEqual(draw(200, () => binomialDraw(n, p, b)));
    }
  });

  it('rejects a non-integer or negative n and a p outside [0, 1], naming them', () => {
    const rng = stream('guards');
    for (const bad of [1.5, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => binomialDraw(bad, 0.5, rng)).toThrow(RangeError);
      expect(() => binomialDraw(bad, 0.5, rng)).toThrow(`n must be an integer ≥ 0, got ${bad}`);
    }
    for (const bad of [-0.1, 1.1, Number.NaN]) {
      expect(() => binomialDraw(10, bad, rng)).toThrow(RangeError);
      expect(() => binomialDraw(10, bad, rng)).toThrow(`p must be in [0, 1], got ${bad}`);
    }
  });
});

describe('logGamma', () => {
  // References from mpmath.loggamma at 40 digits, rounded to double.
  it.each([
    [0.5, 0.5723649429247001],
    [1.5, -0.12078223763524522],
    [3, Math.LN2],
    [7.25, 7.0521854507385395],
    [9.999, 12.799575780077413],
    [10, 12.801827480081469],
    [10.5, 13.940625219403763],
    [20.5, 40.8315009745308],
    [100, 359.1342053695754],
    [12345.678, 103959.91990554606],
    [100000.5, 1051293.4654351394],
    [1e6 + 1, 12815518.384658169],
    [1e7 + 1, 151180965.48756957],
    [1e9, 19723265827.503716],
  ])('lnΓ(%s) = %s to 1e-12 relative and within a few ulps', (x, want) => {
    const got = logGamma(x);
    expect(Math.abs(got - want) / Math.abs(want)).toBeLessThan(1e-12);
    expect(Math.abs(got - want)).toBeLessThanOrEqual(16 * Number.EPSILON * Math.max(1, Math.abs(want)));
  });

  it('is exactly 0 at 1 and 2', () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
  });

  it('agrees with ln k! from exact factorials up to 20', () => {
    let f = 1;
    for (let k = 1; k <= 20; k++) {
      f *= k;
      expect(Math.abs(logFactorial(k) - Math.log(f))).toBeLessThan(1e-13 * Math.max(1, Math.log(f)));
    }
  });

  it('rejects x ≤ 0 and non-finite x', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => logGamma(bad)).toThrow(RangeError);
  });
});

describe('the exact acceptance tests', () => {
  it('logPoissonPmf agrees with k ln λ − λ − ln k! where that is accurate', () => {
    for (const mean of [10, 30, 1000]) {
      for (let k = 0; k <= 2 * mean + 40; k++) {
        const direct = k * Math.log(mean) - mean - logFactorial(k);
        expect(Math.abs(logPoissonPmf(k, mean) - direct)).toBeLessThan(1e-11);
      }
    }
  });

  it.each([
    // mpmath at 50 digits.
    [1e7, -8.977986367017166],
    [1e7 + 5000, -10.228028023268207],
    [1e7 - 12000, -16.180267735984074],
  ])('logPoissonPmf(%s, 1e7) = %s to 1e-10', (k, want) => {
    expect(Math.abs(logPoissonPmf(k, 1e7) - want)).toBeLessThan(1e-10);
  });

  it('logBinomialRatio agrees with the ratio of factorials where that is accurate', () => {
    const lf = (n: number, p: number, k: number) =>
      logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
    for (const [n, p] of [
      [20, 0.5],
      [1000, 0.2],
      [6000, 0.5],
      [1e6, 1e-5],
    ]) {
      const m = Math.floor((n + 1) * p);
      for (let k = 0; k <= Math.min(n, m + 200); k++) {
        expect(Math.abs(logBinomialRatio(n, p, m, k) - (lf(n, p, k) - lf(n, p, m)))).toBeLessThan(1e-8);
      }
    }
  });

  it.each([
    // mpmath at 50 digits, n = 1e7, p = 0.3, m = 3e6.
    [3000016, -6.247612001838293e-5],
    [3003000, -2.142734667624418],
    [2993000, -11.671191576040943],
  ])('logBinomialRatio(1e7, 0.3, 3e6, %s) = %s to 2e-9', (k, want) => {
    expect(Math.abs(logBinomialRatio(1e7, 0.3, 3e6, k) - want)).toBeLessThan(2e-9);
  });
});

describe('multinomialDraw', () => {
  it('splits n over the cells by their shares: all of n, none to a zero share, the means n·p', () => {
    const shares = [0.5, 0, 0.3, 0.2];
    const rng = stream('multinomial');
    const sums = [0, 0, 0, 0];
    const runs = 2000;
    for (let i = 0; i < runs; i++) {
      const k = multinomialDraw(100, shares, rng);
      expect(k.reduce((a, b) => a + b, 0)).toBe(100);
      expect(k[1]).toBe(0);
      k.forEach((x, j) => {
        sums[j]! += x;
      });
    }
    // Binomial(100, p) means over 2,000 runs: within 5 standard errors.
    shares.forEach((p, j) => {
      expect(Math.abs(sums[j]! / runs - 100 * p)).toBeLessThanOrEqual(5 * Math.sqrt((100 * p * (1 - p)) / runs) + 1e-9);
    });
    expect(multinomialDraw(7, [1], rng)).toEqual([7]);
    expect(multinomialDraw(0, [0.4, 0.6], rng)).toEqual([0, 0]);
  });
});
