import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { lifetimeLaw } from './lifetime-law.js';
import { binnedShape, type WindowPart, WindowShape } from './quiet-window.js';
import { type Distribution, drawValue, meanOf, steadyResidual } from './workload.js';

const LAWS: readonly Distribution[] = [
  { type: 'exponential', mean: 3 },
  { type: 'fixed', value: 2.5 },
  { type: 'uniform', min: 1, max: 6 },
  { type: 'lognormal', mu: 0.5, sigma: 1 },
];
const PARTS: readonly WindowPart[] = ['arrivals-ended', 'arrivals-alive', 'cohort-ended', 'cohort-alive'];

interface Binned {
  count: number;
  seconds: Float64Array;
  opened: Float64Array;
  closed: Float64Array;
}

/**
 * Monte Carlo of one window [0, T]: Poisson(λ) births and a steady cohort of n open at 0, lives
 * from d; each part's connections binned (seconds alive, opens, closes in the window).
 */
function simulate(d: Distribution, T: number, lambda: number, n: number, bins: number, seed: string) {
  const rng = seedrandom(seed);
  const src = { next: () => rng() };
  const w = T / bins;
  const parts = Object.fromEntries(
    PARTS.map((p) => [
      p,
      { count: 0, seconds: new Float64Array(bins), opened: new Float64Array(bins), closed: new Float64Array(bins) },
    ]),
  ) as Record<WindowPart, Binned>;
  const add = (part: WindowPart, u: number, end: number, opensInWindow: boolean) => {
    const b = parts[part];
    b.count++;
    if (opensInWindow) b.opened[Math.min(bins - 1, Math.floor(u / w))]++;
    if (end <= T) b.closed[Math.min(bins - 1, Math.floor(end / w))]++;
    for (let k = Math.floor(u / w); k < bins && k * w < end; k++) {
      b.seconds[k] += Math.max(0, Math.min(end, (k + 1) * w) - Math.max(u, k * w));
    }
  };
  for (let u = -Math.log(1 - rng()) / lambda; u <= T; u += -Math.log(1 - rng()) / lambda) {
    const end = u + drawValue(d, src);
    add(end > T ? 'arrivals-alive' : 'arrivals-ended', u, end, true);
  }
  for (let i = 0; i < n; i++) {
    const end = steadyResidual(d, src);
    add(end > T ? 'cohort-alive' : 'cohort-ended', 0, end, false);
  }
  return parts;
}

describe('quiet window shapes', () => {
  for (const d of LAWS) {
    it(`match a Monte Carlo window part by part, bin by bin (${d.type})`, () => {
      const T = 12;
      const lambda = 3000;
      const n = 20000;
      const bins = 6;
      const law = lifetimeLaw(d);
      const m = meanOf(d);
      const mc = simulate(d, T, lambda, n, bins, `window-${d.type}`);
      for (const part of PARTS) {
        const shape = new WindowShape(law, T, part, m);
        const got = mc[part];
        // Counts: Poisson means λ·mean (arrivals), binomial n·mean/m (cohort); within 5 sd.
        const expected = part.startsWith('arrivals') ? lambda * shape.mean : (n * shape.mean) / m;
        expect(Math.abs(got.count - expected), `${part} count`).toBeLessThan(5 * Math.sqrt(expected) + 1);
        // Given the count, each bin's expectation is the count × one connection's shape.
        const b = binnedShape(shape, 0, T * 1e6, (T / bins) * 1e6);
        expect([b.k0, b.seconds.length]).toEqual([0, bins]);
        const w = T / bins;
        for (let k = 0; k < bins; k++) {
          const open = got.count * b.opened[k]!;
          const close = got.count * b.closed[k]!;
          const secs = got.count * b.seconds[k]!;
          expect(Math.abs(got.opened[k]! - open), `${part} opened bin ${k}`).toBeLessThan(5 * Math.sqrt(open) + 1);
          expect(Math.abs(got.closed[k]! - close), `${part} closed bin ${k}`).toBeLessThan(5 * Math.sqrt(close) + 1);
          expect(Math.abs(got.seconds[k]! - secs), `${part} seconds bin ${k}`).toBeLessThan(
            5 * w * Math.sqrt(secs / w + 1),
          );
        }
      }
    });
  }

  it('add up over the window: opens and closes once each where they fall in it, life as seconds', () => {
    for (const d of LAWS) {
      const law = lifetimeLaw(d);
      for (const part of PARTS) {
        const shape = new WindowShape(law, 20, part, meanOf(d));
        // A window (3 s, 23 s] in 2.5 s bins: partial bins at both ends.
        const b = binnedShape(shape, 3e6, 23e6, 2.5e6);
        expect([b.k0, b.seconds.length]).toEqual([1, 9]);
        const sum = (x: Float64Array) => x.reduce((p, q) => p + q, 0);
        expect(sum(b.opened)).toBeCloseTo(part.startsWith('arrivals') ? 1 : 0, 12);
        expect(sum(b.closed)).toBeCloseTo(part.endsWith('ended') ? 1 : 0, 12);
        expect(sum(b.seconds)).toBeCloseTo(shape.meanLife(), 10);
      }
    }
  });

  it('fixed lives v: T − v ended arrivals of life v, opened in [0, T − v], closed in [v, T]', () => {
    const law = lifetimeLaw({ type: 'fixed', value: 2 });
    const shape = new WindowShape(law, 10, 'arrivals-ended');
    expect(shape.mean).toBeCloseTo(8, 12);
    expect(shape.meanLife()).toBeCloseTo(2, 12);
    const b = binnedShape(shape, 0, 10e6, 2e6);
    expect(Array.from(b.opened, (x) => Number(x.toFixed(12)))).toEqual([0.25, 0.25, 0.25, 0.25, 0]);
    expect(Array.from(b.closed, (x) => Number(x.toFixed(12)))).toEqual([0, 0.25, 0.25, 0.25, 0.25]);
    // Alive in [0, 2): born at u ∈ [0, 2), alive 2 − u of it: 2 of 16 connection-seconds.
    expect(b.seconds[0]).toBeCloseTo(2 / 8, 12);
    // The survivors at 10 s: born in (8, 10], alive 1 s on average.
    const alive = new WindowShape(law, 10, 'arrivals-alive');
    expect([alive.mean, alive.meanLife()]).toEqual([2, 1]);
  });

  it('a window shorter than every life ends nothing', () => {
    const shape = new WindowShape(lifetimeLaw({ type: 'fixed', value: 5 }), 3, 'arrivals-ended');
    expect(shape.mean).toBe(0);
    expect(shape.meanLife()).toBe(0);
  });
});
