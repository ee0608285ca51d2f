import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { lifetimeLaw } from './lifetime-law.js';
import { binnedShape, EndedShape } from './quiet-window.js';
import { type Distribution, drawValue } from './workload.js';

const LAWS: readonly Distribution[] = [
  { type: 'exponential', mean: 3 },
  { type: 'fixed', value: 2.5 },
  { type: 'uniform', min: 1, max: 6 },
  { type: 'lognormal', mu: 0.5, sigma: 1 },
];

/** Monte Carlo of one window: Poisson(λ) births on [0, T], lives from d; the ended ones binned. */
function simulate(d: Distribution, T: number, lambda: number, bins: number, seed: string) {
  const rng = seedrandom(seed);
  const src = { next: () => rng() };
  const w = T / bins;
  const seconds = new Float64Array(bins);
  const opened = new Float64Array(bins);
  const closed = new Float64Array(bins);
  let ended = 0;
  let survivors = 0;
  for (let u = -Math.log(1 - rng()) / lambda; u <= T; u += -Math.log(1 - rng()) / lambda) {
    const end = u + drawValue(d, src);
    if (end > T) {
      survivors++;
      continue;
    }
    ended++;
    opened[Math.min(bins - 1, Math.floor(u / w))]++;
    closed[Math.min(bins - 1, Math.floor(end / w))]++;
    for (let k = Math.floor(u / w); k < bins && k * w < end; k++) {
      seconds[k] += Math.max(0, Math.min(end, (k + 1) * w) - Math.max(u, k * w));
    }
  }
  return { ended, survivors, seconds, opened, closed };
}

describe('EndedShape (the ended connections of a quiet window)', () => {
  for (const d of LAWS) {
    it(`matches a Monte Carlo window, per bin (${d.type})`, () => {
      const T = 12;
      const lambda = 4000;
      const bins = 6;
      const law = lifetimeLaw(d);
      const shape = new EndedShape(law, T);
      const mc = simulate(d, T, lambda, bins, `window-${d.type}`);
      // Counts: Poisson with means λ(T − G(T)) and λG(T), within 5 standard deviations.
      expect(Math.abs(mc.ended - lambda * shape.mean)).toBeLessThan(5 * Math.sqrt(lambda * shape.mean));
      const g = lambda * law.meanMin(T);
      expect(Math.abs(mc.survivors - g)).toBeLessThan(5 * Math.sqrt(g));
      // Given N ended, each bin's expectation is N × the one-connection shape.
      const w = T / bins;
      const binned = binnedShape(shape, law, 0, T * 1e6, w * 1e6);
      expect(binned.k0).toBe(0);
      expect(binned.seconds.length).toBe(bins);
      for (let k = 0; k < bins; k++) {
        const open = mc.ended * binned.opened[k]!;
        const close = mc.ended * binned.closed[k]!;
        const secs = mc.ended * binned.seconds[k]!;
        expect(Math.abs(mc.opened[k] - open), `opened bin ${k}`).toBeLessThan(5 * Math.sqrt(open) + 1);
        expect(Math.abs(mc.closed[k] - close), `closed bin ${k}`).toBeLessThan(5 * Math.sqrt(close) + 1);
        // Seconds per connection in a bin are at most w: its spread is below w·√(count).
        expect(Math.abs(mc.seconds[k] - secs), `seconds bin ${k}`).toBeLessThan(5 * w * Math.sqrt(secs / w + 1));
      }
    });
  }

  it('adds up over the window: every ended connection opens and closes once, its life is its seconds', () => {
    for (const d of LAWS) {
      const law = lifetimeLaw(d);
      const shape = new EndedShape(law, 20);
      // A window (3 s, 23 s] in 2.5 s bins: partial bins at both ends.
      const b = binnedShape(shape, law, 3e6, 23e6, 2.5e6);
      expect([b.k0, b.seconds.length]).toEqual([1, 9]);
      const sum = (x: Float64Array) => x.reduce((p, q) => p + q, 0);
      const open = sum(b.opened);
      const close = sum(b.closed);
      const secs = sum(b.seconds);
      expect(open).toBeCloseTo(1, 12);
      expect(close).toBeCloseTo(1, 12);
      expect(secs).toBeCloseTo(shape.meanLife(), 10);
    }
  });

  it('fixed lives v: T − v ended connections of life v, opened in [0, T − v], closed in [v, T]', () => {
    const law = lifetimeLaw({ type: 'fixed', value: 2 });
    const shape = new EndedShape(law, 10);
    expect(shape.mean).toBeCloseTo(8, 12);
    expect(shape.meanLife()).toBeCloseTo(2, 12);
    const b = binnedShape(shape, law, 0, 10e6, 2e6);
    expect(Array.from(b.opened, (x) => Number(x.toFixed(12)))).toEqual([0.25, 0.25, 0.25, 0.25, 0]);
    expect(Array.from(b.closed, (x) => Number(x.toFixed(12)))).toEqual([0, 0.25, 0.25, 0.25, 0.25]);
    // Alive in [0, 2): born at u ∈ [0, 2), alive 2 − u of it: 2 of 16 connection-seconds.
    expect(b.seconds[0]).toBeCloseTo(2 / 8, 12);
  });

  it('a window shorter than every life ends nothing', () => {
    const shape = new EndedShape(lifetimeLaw({ type: 'fixed', value: 5 }), 3);
    expect(shape.mean).toBe(0);
    expect(shape.meanLife()).toBe(0);
  });
});
