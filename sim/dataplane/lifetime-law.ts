/**
 * The lifetime law of a connection duration D, for the M/G/∞ quiet window (issue 13): between two
 * routing events that touch a traffic group, connections arrive as a Poisson stream of rate λ and
 * live D, drawn from a workload `Distribution` (seconds, continuous). Over a window of length T the
 * expected survivors at T are λ·G(T) and the expected connection-seconds λ·H(T); at the touch only
 * the survivors are drawn as individuals, each with an age (`survivorAge`) and a residual life
 * (`durationGiven`).
 *
 * Source: Ross, "Stochastic Processes" (2nd ed.), §2.3 (M/G/∞: a connection born at s ∈ [0, T] is
 * alive at T with probability S(T − s), so survivors are Poisson with mean λ∫₀ᵀS = λG(T) and their
 * ages have density S(a)/G(T) on [0, T], the truncated equilibrium distribution). Derivations:
 *   G(t) = ∫₀ᵗ S = E[min(D, t)];
 *   H(t) = ∫₀ᵗ G = E[∫₀ᵗ min(D, v) dv] = E[t·min(D, t) − min(D, t)²/2] = t·G(t) − E[min(D, t)²]/2.
 * Lognormal (z = (ln t − μ)/σ, E[Dᵏ; D ≤ t] = e^{kμ + k²σ²/2}·Φ(z − kσ)):
 *   G = t·Q(z) + e^{μ+σ²/2}·Φ(z − σ),  H = t²Q(z)/2 + t·e^{μ+σ²/2}·Φ(z − σ) − e^{2μ+2σ²}·Φ(z − 2σ)/2.
 * The law is pure math over continuous seconds; the µs rounding of `drawConnectionInto` is below it.
 */
import { assertNever } from '../base/assert.js';
import { logNormalTail, normalCdf, normalQuantile, normalTail, normalTailQuantile } from './normal.js';
import type { Distribution } from './workload.js';

export interface LifetimeLaw {
  /** S(t) = P(D > t), t ≥ 0 (seconds). */
  survival(t: number): number;
  /** G(t) = ∫_0^t S(u) du = E[min(D, t)]: alive-time of one connection born at 0, up to t. */
  meanMin(t: number): number;
  /** H(t) = ∫_0^t G(v) dv: connection-seconds up to t of a unit-rate Poisson stream started at 0. */
  meanMinIntegral(t: number): number;
  /** A duration drawn from D conditional on D > age (age ≥ 0), by inversion of the uniform u ∈ [0, 1). */
  durationGiven(age: number, u: number): number;
  /** The age at T of a survivor of a unit-rate Poisson stream started at 0: density S(a)/G(T) on [0, T], by inversion of u ∈ [0, 1) (solve G(a) = u·G(T)). */
  survivorAge(T: number, u: number): number;
}

export function lifetimeLaw(d: Distribution): LifetimeLaw {
  switch (d.type) {
    case 'fixed':
      return fixedLaw(d.value);
    case 'exponential':
      return d.mean > 0 ? exponentialLaw(d.mean) : fixedLaw(0);
    case 'uniform':
      return d.max > d.min ? uniformLaw(d.min, d.max) : fixedLaw(d.min);
    case 'lognormal':
      return d.sigma > 0 ? lognormalLaw(d.mu, d.sigma) : fixedLaw(Math.exp(d.mu));
    default:
      return assertNever(d, 'distribution');
  }
}

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

/**
 * D = v always. v = 0 is D = 0: no connection is ever alive (S ≡ 0 on t ≥ 0, G = H = 0, no survivor,
 * so `survivorAge` returns 0). Past its end a connection cannot be "older than age": `durationGiven`
 * then returns age (it ends now).
 */
function fixedLaw(v: number): LifetimeLaw {
  return {
    survival: (t) => (t < v ? 1 : 0),
    meanMin: (t) => Math.min(t, v),
    meanMinIntegral: (t) => (v === 0 ? 0 : t <= v ? 0.5 * t * t : v * (t - 0.5 * v)),
    durationGiven: (age) => Math.max(v, age),
    survivorAge: (T, u) => u * Math.min(T, v),
  };
}

/** x + e^{−x} − 1 = x²/2 − x³/6 + …, by its series where the direct form cancels. */
function expRemainder(x: number): number {
  if (x >= 0.1) return x + Math.expm1(-x);
  let term = (x * x) / 2;
  let sum = 0;
  for (let k = 3; Math.abs(term) > 1e-18 * sum; k++) {
    sum += term;
    term *= -x / k;
    if (term === 0) break;
  }
  return sum;
}

/** Exponential with mean m: memoryless, every quantity in closed form. */
function exponentialLaw(m: number): LifetimeLaw {
  return {
    survival: (t) => Math.exp(-t / m),
    meanMin: (t) => -m * Math.expm1(-t / m),
    // m·t − m²(1 − e^{−t/m}) = m²·(x + e^{−x} − 1), x = t/m.
    meanMinIntegral: (t) => m * m * expRemainder(t / m),
    durationGiven: (age, u) => age - m * Math.log1p(-u),
    // G(a) = u·G(T) ⇔ 1 − e^{−a/m} = u(1 − e^{−T/m}).
    survivorAge: (T, u) => clamp(-m * Math.log1p(u * Math.expm1(-T / m)), 0, T),
  };
}

/** Uniform on [a, b], a < b: S is 1, then linear, then 0; G and H are piecewise polynomials. */
function uniformLaw(a: number, b: number): LifetimeLaw {
  const w = b - a;
  const mean = 0.5 * (a + b);
  const halfSecondMoment = (a * a + a * b + b * b) / 6;
  return {
    survival: (t) => (t < a ? 1 : t < b ? (b - t) / w : 0),
    meanMin: (t) => {
      if (t <= a) return t;
      if (t >= b) return mean;
      const r = t - a;
      return a + (r * (2 * w - r)) / (2 * w);
    },
    meanMinIntegral: (t) => {
      if (t <= a) return 0.5 * t * t;
      if (t >= b) return mean * t - halfSecondMoment;
      const r = t - a;
      return 0.5 * t * t - (r * r * r) / (6 * w);
    },
    durationGiven: (age, u) => {
      const lo = Math.max(a, age);
      return lo >= b ? age : Math.max(age, lo + u * (b - lo));
    },
    survivorAge: (T, u) => {
      const G = T <= a ? T : T >= b ? mean : a + ((T - a) * (2 * w - (T - a))) / (2 * w);
      const c = u * G;
      if (c <= a) return Math.min(c, T);
      // r(2w − r)/(2w) = k, the root in [0, w], written without cancellation.
      const k = c - a;
      const r = (2 * w * k) / (w + Math.sqrt(Math.max(0, w * (w - 2 * k))));
      return clamp(a + r, 0, T);
    },
  };
}

/**
 * Lognormal: ln D ~ N(μ, σ²), σ > 0. `durationGiven` inverts the upper tail (q = Q(z_age)·(1 − u),
 * z = Q⁻¹(q)), so it works where S(age) ~ 1e-20; where Q(z_age) is near or below the subnormal
 * range it solves ln Q(z) = ln Q(z_age) + ln(1 − u) by Newton instead (ln Q stays finite).
 */
function lognormalLaw(mu: number, sigma: number): LifetimeLaw {
  const m1 = Math.exp(mu + 0.5 * sigma * sigma);
  const m2 = Math.exp(2 * mu + 2 * sigma * sigma);
  const zOf = (t: number): number => (Math.log(t) - mu) / sigma;
  const survival = (t: number): number => normalTail(zOf(t));
  const meanMin = (t: number): number => {
    if (t === Number.POSITIVE_INFINITY) return m1;
    const z = zOf(t);
    const q = normalTail(z);
    return (q === 0 ? 0 : t * q) + m1 * normalCdf(z - sigma);
  };
  const meanMinIntegral = (t: number): number => {
    if (t === Number.POSITIVE_INFINITY) return t;
    const z = zOf(t);
    const q = normalTail(z);
    // t·E[D; D ≤ t] ≥ E[D²; D ≤ t], so the subtraction loses at most a factor 2.
    const h = (q === 0 ? 0 : 0.5 * t * t * q) + t * m1 * normalCdf(z - sigma) - 0.5 * m2 * normalCdf(z - 2 * sigma);
    return Math.max(0, h);
  };
  const durationGiven = (age: number, u: number): number => {
    if (age === Number.POSITIVE_INFINITY) return age;
    const za = zOf(age);
    const qa = normalTail(za);
    let z: number;
    if (qa > 1e-290) {
      const q = qa * (1 - u);
      z = q < 0.5 ? normalTailQuantile(q) : normalQuantile(normalCdf(za) + qa * u);
    } else {
      z = deepTailZ(za, u);
    }
    const d = Math.exp(mu + sigma * z);
    return Number.isNaN(d) ? age : Math.max(age, d);
  };
  const survivorAge = (T: number, u: number): number => {
    if (!(u > 0) || !(T > 0)) return 0;
    const c = u * meanMin(T);
    // G(a) ≥ m1·Φ(z_a − σ) ≥ u·m1 ≥ c at z_a = σ + Φ⁻¹(u): a finite upper bracket even for T = ∞.
    let hi = Math.min(T, Math.exp(mu + sigma * (sigma + normalQuantile(u))));
    let lo = 0;
    // G is concave (G' = S falls) and G(a) ≤ a: Newton from a = c climbs to the root from below.
    let a = Math.min(c, hi);
    for (let i = 0; i < 200; i++) {
      const f = meanMin(a) - c;
      if (f === 0) return a;
      if (f < 0) lo = a;
      else hi = a;
      const s = survival(a);
      let next = s > 0 ? a - f / s : Number.NaN;
      if (!(next > lo && next < hi)) next = lo + 0.5 * (hi - lo);
      if (Math.abs(next - a) <= 1e-15 * a || next === lo || next === hi) return clamp(next, 0, T);
      a = next;
    }
    return clamp(a, 0, T);
  };
  return { survival, meanMin, meanMinIntegral, durationGiven, survivorAge };
}

/**
 * z > za with Q(z) = Q(za)·(1 − u) when Q(za) is (nearly) subnormal: Newton on ln Q, whose slope is
 * −hazard(z) ≈ −(z + 1/z) out there. Starts from the exponential-tail asymptote z ≈ za + E/za,
 * E = −ln(1 − u) ~ Exp(1) (ln D given ln D > ln age has an exponential tail of rate za/σ).
 */
function deepTailZ(za: number, u: number): number {
  const e = -Math.log1p(-u);
  if (e === 0) return za;
  const target = logNormalTail(za) - e;
  let z = za + e / za;
  for (let i = 0; i < 20; i++) {
    const step = (logNormalTail(z) - target) / (z + 1 / z);
    if (!Number.isFinite(step)) break;
    z += step;
    if (Math.abs(step) <= 1e-16 * z) break;
  }
  return Math.max(z, za);
}
