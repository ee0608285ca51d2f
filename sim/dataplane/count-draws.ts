/**
 * Exact Poisson and binomial counts, for quiet windows (issue 13): instead of drawing every
 * connection of a window whose forwarding does not change, the data plane draws how many arrived,
 * how many of them ended and how many survived (thinned Poisson streams), and how many of a fixed
 * initial cohort survived (a binomial count). Means reach ~1e7 (a simulated month of arrivals), so
 * both samplers cost O(1) expected uniforms, and both are exact in distribution, never a normal
 * approximation.
 *
 * - Poisson, mean < 10: inversion by sequential search from 0 (one uniform).
 *   Mean ≥ 10: PTRS, W. Hörmann, "The transformed rejection method for generating Poisson random
 *   variables", Insurance: Mathematics and Economics 12 (1993) 39–45 (numpy's
 *   `random_poisson_ptrs`). The log-pmf in the acceptance test is written around Stirling's
 *   series so that it keeps ~1e-12 absolute accuracy at mean 1e7, where k·log(mean) − log k!
 *   would cancel ~1e8-sized terms (BTRD's own test is written the same way).
 * - Binomial: p > 1/2 by symmetry (n − B(n, 1 − p)); n·p < 10 by inversion (sequential search
 *   from 0, one uniform); n·p ≥ 10 by BTRD, W. Hörmann, "The generation of binomial random
 *   variates", J. Statist. Comput. Simul. 46 (1993) 101–110 (algorithm BTRD, the one Boost's
 *   `binomial_distribution` uses).
 *
 * Both are pure: the uniforms consumed depend only on the arguments and the stream. Bad arguments
 * are the caller's bug and throw a RangeError.
 */
import type { RandomSource } from './random-source.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Σ B₂ⱼ / (2j(2j − 1) x^(2j−1)), j = 1..7: lnΓ(x) minus its leading Stirling terms; for x ≥ 10 the next term is < 1e-15. */
function stirlingSeries(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return (
    r *
    (1 / 12 + r2 * (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 / 156))))))
  );
}

/** ln k! for k < 10, from the exact factorials. */
const LOG_FACTORIAL_SMALL: readonly number[] = (() => {
  const t: number[] = [];
  let f = 1;
  for (let k = 0; k < 10; k++) {
    if (k > 0) f *= k;
    t.push(Math.log(f));
  }
  return t;
})();

/** lnΓ(x) for x > 0: Stirling's series for x ≥ 10, shifted up by the recurrence below that. */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`logGamma: x must be finite and > 0, got ${x}`);
  if (x === 1 || x === 2) return 0;
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + stirlingSeries(x);
  // Γ(x) = Γ(x + s) / (x (x + 1) … (x + s − 1)); the product of at most 10 factors cannot overflow.
  let prod = 1;
  let y = x;
  while (y < 10) {
    prod *= y;
    y += 1;
  }
  return (y - 0.5) * Math.log(y) - y + HALF_LOG_2PI + stirlingSeries(y) - Math.log(prod);
}

/** ln k! for an integer k ≥ 0. */
export function logFactorial(k: number): number {
  return k < 10 ? LOG_FACTORIAL_SMALL[k]! : logGamma(k + 1);
}

/**
 * Hörmann's f_c(k) = ln k! − [(k + ½) ln(k + 1) − (k + 1) + ½ ln 2π]: the Stirling remainder that
 * lets the acceptance tests below subtract the large terms analytically instead of numerically.
 */
const STIRLING_TAIL_SMALL: readonly number[] = LOG_FACTORIAL_SMALL.map(
  (lf, k) => lf - ((k + 0.5) * Math.log(k + 1) - (k + 1) + HALF_LOG_2PI),
);
function stirlingTail(k: number): number {
  return k < 10 ? STIRLING_TAIL_SMALL[k]! : stirlingSeries(k + 1);
}

function checkMean(mean: number): void {
  if (!(mean >= 0) || !Number.isFinite(mean)) {
    throw new RangeError(`poissonDraw: mean must be finite and ≥ 0, got ${mean}`);
  }
}

/** A Poisson(mean) count. */
export function poissonDraw(mean: number, rng: RandomSource): number {
  checkMean(mean);
  if (mean === 0) return 0;
  return mean < 10 ? poissonInversion(mean, rng) : poissonPtrs(mean, rng);
}

function poissonInversion(mean: number, rng: RandomSource): number {
  const u = rng.next();
  let k = 0;
  let pk = Math.exp(-mean);
  let cdf = pk;
  // `pk > 0`: once the terms underflow the cdf can no longer grow, and rounding may leave it a few
  // ulps under a u just below 1; stop there rather than loop (a < 1e-15 probability event).
  while (u > cdf && pk > 0) {
    k += 1;
    pk *= mean / k;
    cdf += pk;
  }
  return k;
}

/**
 * ln(mean^k e^−mean / k!) for an integer k ≥ 0 and mean > 0, written so that the ~k ln k terms
 * cancel analytically: ~1e-12 absolute at mean 1e7, where k ln(mean) − ln k! loses ~1e-8.
 */
export function logPoissonPmf(k: number, mean: number): number {
  const k1 = k + 1;
  // k ln(mean / (k + 1)) + (k + 1 − mean) − ½ ln(k + 1) − ½ ln 2π − f_c(k)
  return k * Math.log1p((mean - k1) / k1) + (k1 - mean) - 0.5 * Math.log(k1) - HALF_LOG_2PI - stirlingTail(k);
}

function poissonPtrs(mean: number, rng: RandomSource): number {
  const sq = Math.sqrt(mean);
  const b = 0.931 + 2.53 * sq;
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    // v = 0 gives log 0 = −∞: accepted, as in the paper.
    if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= logPoissonPmf(k, mean)) return k;
  }
}

/** A Binomial(n, p) count: successes among n independent trials of probability p. */
export function binomialDraw(n: number, p: number, rng: RandomSource): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`binomialDraw: n must be an integer ≥ 0, got ${n}`);
  }
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialDraw: p must be in [0, 1], got ${p}`);
  if (p > 0.5) return n - binomialDraw(n, 1 - p, rng);
  if (n === 0 || p === 0) return 0;
  return n * p < 10 ? binomialInversion(n, p, rng) : binomialBtrd(n, p, rng);
}

/**
 * A Multinomial(n, shares) split (shares summing to 1), cell by cell: each cell a binomial of what
 * is left at its share of the shares left (sequential conditional binomials, exact). A cell of
 * share 0 gets 0 and a cell holding all the share left gets all that is left, without a draw.
 */
export function multinomialDraw(n: number, shares: ArrayLike<number>, rng: RandomSource): number[] {
  const out = new Array<number>(shares.length).fill(0);
  let left = n;
  let rest = 1;
  for (let i = 0; i < shares.length; i++) {
    const p = shares[i]!;
    if (p === 0) continue;
    const k = p >= rest ? left : binomialDraw(left, Math.min(1, p / rest), rng);
    out[i] = k;
    left -= k;
    rest -= p;
  }
  return out;
}

function binomialInversion(n: number, p: number, rng: RandomSource): number {
  const s = p / (1 - p);
  const a = (n + 1) * s;
  const u = rng.next();
  let k = 0;
  // P(0) = (1 − p)^n ≥ e^−13.9 when n·p < 10 and p ≤ ½: no underflow.
  let pk = Math.exp(n * Math.log1p(-p));
  let cdf = pk;
  while (u > cdf && k < n && pk > 0) {
    k += 1;
    pk *= a / k - s; // P(k) / P(k − 1) = (n − k + 1) p / (k q)
    cdf += pk;
  }
  return k;
}

function binomialBtrd(n: number, p: number, rng: RandomSource): number {
  // Hörmann 1993, algorithm BTRD, step 0 (setup).
  const q = 1 - p;
  const m = Math.floor((n + 1) * p);
  const r = p / q;
  const nr = (n + 1) * r;
  const npq = n * p * q;
  const spq = Math.sqrt(npq);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * spq;
  const vr = 0.92 - 4.2 / b;
  const urvr = 0.86 * vr;
  for (;;) {
    // Step 1: the box inside the hat, accepted from one uniform.
    let v = rng.next();
    let u: number;
    if (v <= urvr) {
      u = v / vr - 0.43;
      return Math.floor(((2 * a) / (0.5 - Math.abs(u)) + b) * u + c);
    }
    // Step 2: a fresh (u, v) outside the box, reusing v's leftover randomness where the paper does.
    if (v >= vr) {
      u = rng.next() - 0.5;
    } else {
      u = v / vr - 0.93;
      u = (u < 0 ? -0.5 : 0.5) - u;
      v = rng.next() * vr;
    }
    // Step 3.0
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    v = (v * alpha) / (a / (us * us) + b);
    const km = Math.abs(k - m);
    if (km <= 15) {
      // Step 3.1: f(k) / f(m) by the recurrence, exact and cheap near the mode.
      let f = 1;
      if (m < k) {
        for (let i = m + 1; i <= k; i++) f *= nr / i - r;
      } else if (m > k) {
        for (let i = k + 1; i <= m; i++) v *= nr / i - r;
      }
      if (v <= f) return k;
      continue;
    }
    // Step 3.2: squeeze on ln(f(k) / f(m)).
    const lv = Math.log(v);
    const rho = (km / npq) * (((km / 3 + 0.625) * km + 1 / 6) / npq + 0.5);
    const t = (-km * km) / (2 * npq);
    if (lv < t - rho) return k;
    if (lv > t + rho) continue;
    // Steps 3.3–3.4: the exact test.
    if (lv <= logBinomialRatio(n, p, m, k)) return k;
  }
}

/**
 * ln(P(k) / P(m)) for Binomial(n, p), 0 < p < 1: BTRD steps 3.3–3.4, the factorials replaced by
 * Stirling's formula plus f_c so that the large terms cancel analytically, and ln((n − m + 1) /
 * (n − k + 1)) taken through log1p (the two differ by < 1e-3 relative at n = 1e7): ~1e-9 absolute
 * at n = 1e7 (the rounding of ~3e6 × a log near 1), where the ratio of log-factorials loses ~1e-7.
 */
export function logBinomialRatio(n: number, p: number, m: number, k: number): number {
  const r = p / (1 - p);
  const nm = n - m + 1;
  const nk = n - k + 1;
  const h = (m + 0.5) * Math.log((m + 1) / (r * nm)) + stirlingTail(m) + stirlingTail(n - m);
  return (
    h +
    (n + 1) * Math.log1p((k - m) / nk) +
    (k + 0.5) * Math.log((nk * r) / (k + 1)) -
    stirlingTail(k) -
    stirlingTail(n - k)
  );
}
