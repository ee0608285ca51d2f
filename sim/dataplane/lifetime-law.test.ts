import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { lifetimeLaw } from './lifetime-law.js';
import { logNormalTail, normalTail } from './normal.js';
import type { RandomSource } from './random-source.js';
import { type Distribution, drawValue, meanOf } from './workload.js';

const FAMILIES: readonly Distribution[] = [
  { type: 'fixed', value: 0 },
  { type: 'fixed', value: 0.7 },
  { type: 'fixed', value: 3 },
  { type: 'exponential', mean: 1 },
  { type: 'exponential', mean: 0.05 },
  { type: 'exponential', mean: 100 },
  { type: 'uniform', min: 0.5, max: 2 },
  { type: 'uniform', min: 0, max: 1 },
  { type: 'uniform', min: 1, max: 1 },
  { type: 'uniform', min: 0, max: 0 },
  { type: 'lognormal', mu: 0, sigma: 0 },
  { type: 'lognormal', mu: 0, sigma: 1 },
  { type: 'lognormal', mu: -0.5, sigma: 0.5 },
  { type: 'lognormal', mu: 0, sigma: 2 },
  { type: 'lognormal', mu: -2, sigma: 2 },
];

const name = (d: Distribution): string =>
  d.type === 'fixed'
    ? `fixed ${d.value}`
    : d.type === 'exponential'
      ? `exponential mean ${d.mean}`
      : d.type === 'uniform'
        ? `uniform [${d.min}, ${d.max}]`
        : `lognormal mu ${d.mu} sigma ${d.sigma}`;

/** Points where S jumps or kinks, and a geometric ladder through a lognormal's body. */
function breakpoints(d: Distribution): number[] {
  switch (d.type) {
    case 'fixed':
      return [d.value];
    case 'uniform':
      return [d.min, d.max];
    case 'exponential':
      return [0.1, 1, 5, 20, 50].map((k) => k * d.mean);
    case 'lognormal': {
      const out: number[] = [];
      for (let k = -40; k <= 40; k++) out.push(Math.exp(d.mu + (k * Math.max(d.sigma, 0.05)) / 2));
      return out;
    }
  }
}

/** Adaptive Simpson on [a, b] to an absolute tolerance. */
function simpson(f: (x: number) => number, a: number, b: number, tol: number): number {
  const fa = f(a);
  const fb = f(b);
  const m = 0.5 * (a + b);
  const fm = f(m);
  const whole = ((b - a) / 6) * (fa + 4 * fm + fb);
  const rec = (
    a: number,
    b: number,
    fa: number,
    fm: number,
    fb: number,
    whole: number,
    tol: number,
    depth: number,
  ): number => {
    const m = 0.5 * (a + b);
    const lm = 0.5 * (a + m);
    const rm = 0.5 * (m + b);
    const flm = f(lm);
    const frm = f(rm);
    const left = ((m - a) / 6) * (fa + 4 * flm + fm);
    const right = ((b - m) / 6) * (fm + 4 * frm + fb);
    const delta = left + right - whole;
    if (depth <= 0 || Math.abs(delta) <= 15 * tol) return left + right + delta / 15;
    return rec(a, m, fa, flm, fm, left, tol / 2, depth - 1) + rec(m, b, fm, frm, fb, right, tol / 2, depth - 1);
  };
  return rec(a, b, fa, fm, fb, whole, tol, 40);
}

/** ∫_0^t f, split at the breakpoints inside (0, t). */
function integrate(f: (x: number) => number, t: number, cuts: number[], scale: number): number {
  const pts = [0, ...cuts.filter((c) => c > 0 && c < t).sort((x, y) => x - y), t];
  let sum = 0;
  for (let i = 1; i < pts.length; i++) sum += simpson(f, pts[i - 1]!, pts[i]!, 1e-13 * scale);
  return sum;
}

const close = (got: number, want: number, rel: number): boolean =>
  Math.abs(got - want) <= rel * Math.abs(want) + 1e-300;

const T_GRID = [0, 1e-6, 0.01, 0.3, 0.7, 1, 2.5, 10, 100, 2.6e6];

describe('lifetime law against quadrature', () => {
  for (const d of FAMILIES) {
    const law = lifetimeLaw(d);
    it(`integrates S into G and G into H (${name(d)})`, () => {
      const cuts = breakpoints(d);
      for (const t of T_GRID) {
        // Tolerances scaled by the size of the answer (the law's own value only sets that scale).
        const G = integrate((u) => law.survival(u), t, cuts, law.meanMin(t));
        const H = integrate((u) => (t - u) * law.survival(u), t, cuts, law.meanMinIntegral(t));
        expect(close(law.meanMin(t), G, 1e-9), `G(${t}) = ${law.meanMin(t)} vs ${G}`).toBe(true);
        expect(close(law.meanMinIntegral(t), H, 1e-9), `H(${t}) = ${law.meanMinIntegral(t)} vs ${H}`).toBe(true);
      }
    });
  }

  it('gives the lognormal S as the normal tail integral of ln D', () => {
    const phi = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    for (const [mu, sigma] of [
      [0, 1],
      [-2, 2],
      [1, 0.3],
    ] as const) {
      const law = lifetimeLaw({ type: 'lognormal', mu, sigma });
      for (const t of [1e-3, 0.2, 1, 3, 40]) {
        const z = (Math.log(t) - mu) / sigma;
        const want = simpson(phi, z, z + 40, 1e-14 * normalTail(z));
        expect(close(law.survival(t), want, 1e-9), `S(${t})`).toBe(true);
      }
    }
  });

  for (const d of FAMILIES) {
    const law = lifetimeLaw(d);
    it(`has G' = S and H' = G (${name(d)})`, () => {
      const cuts = breakpoints(d);
      for (const t of [0.05, 0.3, 1, 2.5, 7]) {
        const smooth = d.type === 'exponential' || (d.type === 'lognormal' && d.sigma > 0);
        if (!smooth && cuts.some((c) => Math.abs(c - t) < 1e-3)) continue;
        const h = 1e-5 * t;
        const dG = (law.meanMin(t + h) - law.meanMin(t - h)) / (2 * h);
        const dH = (law.meanMinIntegral(t + h) - law.meanMinIntegral(t - h)) / (2 * h);
        expect(Math.abs(dG - law.survival(t))).toBeLessThan(1e-7);
        expect(Math.abs(dH - law.meanMin(t))).toBeLessThan(1e-7 * Math.max(1, law.meanMin(t)));
      }
    });
  }
});

describe('lifetime law inversions', () => {
  const US = [0, 1e-12, 0.1, 0.5, 0.9, 0.999999, 1 - 2 ** -53];

  for (const d of FAMILIES) {
    const law = lifetimeLaw(d);
    it(`solves G(a) = u·G(T) for the survivor age (${name(d)})`, () => {
      for (const T of [1e-6, 0.3, 1, 2.5, 2.6e6, Number.POSITIVE_INFINITY]) {
        const GT = law.meanMin(T);
        for (const u of US) {
          const a = law.survivorAge(T, u);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(T);
          if (u === 0) expect(a).toBe(0);
          else expect(close(law.meanMin(a), u * GT, 1e-12), `T ${T} u ${u}: G(${a})`).toBe(true);
        }
      }
    });
  }

  for (const d of FAMILIES.filter((f) => f.type === 'exponential' || (f.type === 'lognormal' && f.sigma > 0))) {
    const law = lifetimeLaw(d);
    it(`draws D given D > age with S(D) = S(age)·(1 − u) (${name(d)})`, () => {
      for (const age of [0, 1e-6, 0.5, 2, 30]) {
        for (const u of US) {
          const x = law.durationGiven(age, u);
          expect(x).toBeGreaterThanOrEqual(age);
          if (law.survival(age) > 0)
            expect(close(law.survival(x), law.survival(age) * (1 - u), 1e-9), `age ${age} u ${u}`).toBe(true);
        }
      }
    });
  }

  it('draws uniform and fixed residual lives from their conditional laws', () => {
    const uni = lifetimeLaw({ type: 'uniform', min: 0.5, max: 2 });
    expect(uni.durationGiven(0.2, 0.5)).toBe(1.25);
    expect(uni.durationGiven(1, 0.5)).toBe(1.5);
    expect(uni.durationGiven(2, 0.5)).toBe(2);
    expect(uni.durationGiven(5, 0.5)).toBe(5);
    const fixed = lifetimeLaw({ type: 'fixed', value: 0.7 });
    expect(fixed.durationGiven(0.3, 0.9)).toBe(0.7);
    expect(lifetimeLaw({ type: 'fixed', value: 0 }).durationGiven(0, 0.5)).toBe(0);
  });

  it('draws lognormal residual lives deep in the tail, past the underflow of S', () => {
    const mu = 0;
    const sigma = 1;
    const law = lifetimeLaw({ type: 'lognormal', mu, sigma });
    // S(age) ≈ 1e-20: the upper-tail inversion.
    const age20 = Math.exp(mu + sigma * 9.262340089798409);
    expect(law.survival(age20)).toBeGreaterThan(1e-21);
    expect(law.survival(age20)).toBeLessThan(1e-19);
    // S(age) underflows (z = 45): ln Q instead.
    const ageUnder = Math.exp(mu + sigma * 45);
    expect(law.survival(ageUnder)).toBe(0);
    for (const age of [age20, ageUnder, Math.exp(mu + sigma * 38.2)]) {
      let previous = age;
      for (const u of [0, 1e-9, 0.1, 0.5, 0.9, 0.999999, 1 - 2 ** -53]) {
        const x = law.durationGiven(age, u);
        expect(x).toBeGreaterThanOrEqual(previous);
        previous = x;
        const za = (Math.log(age) - mu) / sigma;
        const zx = (Math.log(x) - mu) / sigma;
        expect(Math.abs(logNormalTail(zx) - (logNormalTail(za) + Math.log1p(-u))), `age ${age} u ${u}`).toBeLessThan(
          1e-9 * Math.abs(logNormalTail(za)),
        );
      }
    }
  });
});

describe('lifetime law is total', () => {
  const T_EDGE = [0, 1e-12, 1e-6, 1, 2.6e6, 1e300, Number.MAX_VALUE, Number.POSITIVE_INFINITY];
  const U_EDGE = [0, 0.5, 1 - 2 ** -53];
  for (const d of FAMILIES) {
    const law = lifetimeLaw(d);
    it(`returns no NaN at the edges of its domain (${name(d)})`, () => {
      const mean = meanOf(d);
      for (const t of T_EDGE) {
        const S = law.survival(t);
        const G = law.meanMin(t);
        const H = law.meanMinIntegral(t);
        for (const v of [S, G, H]) expect(Number.isNaN(v), `t ${t}`).toBe(false);
        expect(S).toBeGreaterThanOrEqual(0);
        expect(S).toBeLessThanOrEqual(1);
        expect(G).toBeGreaterThanOrEqual(0);
        expect(G).toBeLessThanOrEqual(Math.min(t, mean) * (1 + 1e-15));
        expect(H).toBeGreaterThanOrEqual(0);
        for (const u of U_EDGE) {
          const x = law.durationGiven(t, u);
          expect(Number.isNaN(x)).toBe(false);
          expect(x).toBeGreaterThanOrEqual(t);
          const a = law.survivorAge(t, u);
          expect(Number.isNaN(a)).toBe(false);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(t);
        }
      }
      expect(close(law.meanMin(Number.POSITIVE_INFINITY), mean, 1e-15)).toBe(true);
      expect(law.meanMinIntegral(Number.POSITIVE_INFINITY)).toBe(mean > 0 ? Number.POSITIVE_INFINITY : 0);
    });
  }

  it('keeps H accurate at tiny and month-long windows (exponential mean 1)', () => {
    const law = lifetimeLaw({ type: 'exponential', mean: 1 });
    // t − (1 − e^{−t}) = t²/2 − t³/6 + …
    expect(close(law.meanMinIntegral(1e-6), 5e-13 - 1e-18 / 6, 1e-12)).toBe(true);
    expect(close(law.meanMinIntegral(2.6e6), 2.6e6 - 1, 1e-15)).toBe(true);
    expect(close(law.survivorAge(1e-6, 0.5), 0.5e-6, 1e-6)).toBe(true);
  });
});

/** The existing generator's draws: a Poisson stream of connections with `drawValue` lifetimes. */
function simulate(d: Distribution, rate: number, T: number, reps: number, rng: RandomSource) {
  const counts: number[] = [];
  const connSeconds: number[] = [];
  const ages: number[] = [];
  const residuals: number[] = [];
  for (let r = 0; r < reps; r++) {
    let t = 0;
    let n = 0;
    let cs = 0;
    for (;;) {
      t += -Math.log(1 - rng.next()) / rate;
      if (t > T) break;
      const D = drawValue(d, rng);
      const age = T - t;
      cs += Math.min(D, age);
      if (D > age) {
        n++;
        ages.push(age);
        residuals.push(D - age);
      }
    }
    counts.push(n);
    connSeconds.push(cs);
  }
  return { counts, connSeconds, ages, residuals };
}

const meanSe = (xs: number[]): { mean: number; se: number } => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.reduce((a, b) => a + (b - m) * (b - m), 0) / (xs.length - 1);
  return { mean: m, se: Math.sqrt(v / xs.length) };
};

/** Two-sample Kolmogorov–Smirnov statistic sup |F₁ − F₂|. */
function ks(a: number[], b: number[]): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let dmax = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= v) i++;
    while (j < y.length && y[j]! <= v) j++;
    dmax = Math.max(dmax, Math.abs(i / x.length - j / y.length));
  }
  return dmax;
}

/** The two-sample KS critical value at α = 1e-3: √(−ln(α/2)/2)·√((n + m)/(nm)). */
const ksCritical = (n: number, m: number): number => Math.sqrt(-Math.log(0.0005) / 2) * Math.sqrt((n + m) / (n * m));

describe('lifetime law against the workload generator (Monte Carlo)', () => {
  const rate = 40;
  const T = 2;
  const reps = 300;
  const MC: readonly Distribution[] = [
    { type: 'exponential', mean: 1 },
    { type: 'lognormal', mu: -0.5, sigma: 1 },
    { type: 'lognormal', mu: -2, sigma: 2 },
    { type: 'uniform', min: 0.5, max: 2.5 },
    { type: 'fixed', value: 0.7 },
  ];
  for (const d of MC) {
    it(`predicts survivors, connection-seconds, ages and residual lives (${name(d)})`, () => {
      const law = lifetimeLaw(d);
      const alea = seedrandom.alea(`lifetime-law/${name(d)}`);
      const sim = simulate(d, rate, T, reps, { next: () => alea() });
      const n = meanSe(sim.counts);
      const cs = meanSe(sim.connSeconds);
      expect(Math.abs(n.mean - rate * law.meanMin(T))).toBeLessThan(4 * n.se);
      expect(Math.abs(cs.mean - rate * law.meanMinIntegral(T))).toBeLessThan(4 * cs.se);

      const draw = seedrandom.alea(`lifetime-law/inverse/${name(d)}`);
      const ages = sim.ages.map(() => law.survivorAge(T, draw()));
      const residuals = sim.ages.map((age) => law.durationGiven(age, draw()) - age);
      const crit = ksCritical(sim.ages.length, ages.length);
      expect(ks(sim.ages, ages)).toBeLessThan(crit);
      expect(ks(sim.residuals, residuals)).toBeLessThan(crit);
    });
  }
});
