import { describe, expect, it } from 'vitest';
import { s } from '../base/time.js';
import { fmix32 } from './hash.js';
import type { RandomSource } from './random-source.js';
import {
  drawConnection,
  drawValue,
  meanOf,
  nextArrival,
  steadyResidual,
  validateWorkload,
  type Workload,
} from './workload.js';

/** A deterministic uniform source for tests (counter through a mixer). */
function source(seed: number): RandomSource {
  let i = seed * 0x9e3779b9;
  return { next: () => fmix32((i = (i + 0x6d2b79f5) | 0)) / 4294967296 };
}

const workload: Workload = {
  clients: { firstIp: 0x0a000000, count: 100, portMin: 32768, portMax: 60999 },
  dstIp: 0xc0a80a01,
  dstPort: 443,
  arrivalsPerSecond: 50,
  durationS: { type: 'exponential', mean: 20 },
  packetsPerSecond: { type: 'fixed', value: 100 },
  packetBytes: { type: 'uniform', min: 64, max: 1500 },
};

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('workload', () => {
  it('draws Poisson arrivals with the configured mean rate', () => {
    const rng = source(1);
    let t = s(0);
    const n = 20_000;
    for (let i = 0; i < n; i++) t = nextArrival(workload, t, rng);
    // n exponential gaps of mean 20 ms: sd of the total is √n · 20 ms.
    expect(Math.abs(t / 1e6 - n / 50)).toBeLessThan((5 * Math.sqrt(n)) / 50);
  });

  it('draws exponential, lognormal and fixed durations with their means', () => {
    const rng = source(2);
    for (const d of [
      { type: 'exponential', mean: 20 },
      { type: 'lognormal', mu: 1, sigma: 0.5 },
      { type: 'fixed', value: 7 },
      { type: 'uniform', min: 2, max: 4 },
    ] as const) {
      const xs = Array.from({ length: 50_000 }, () => drawValue(d, rng));
      expect(Math.abs(mean(xs) - meanOf(d)) / meanOf(d)).toBeLessThan(0.02);
    }
  });

  it('draws the lognormal median e^mu', () => {
    const rng = source(3);
    const xs = Array.from({ length: 20_001 }, () => drawValue({ type: 'lognormal', mu: 2, sigma: 1 }, rng)).sort(
      (a, b) => a - b,
    );
    expect(Math.abs(Math.log(xs[10_000]!) - 2)).toBeLessThan(0.03);
  });

  it('keeps clients and ports inside the population, so the population is the entropy knob', () => {
    const rng = source(4);
    const ips = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const c = drawConnection(workload, rng);
      expect(c.key.src - 0x0a000000).toBeGreaterThanOrEqual(0);
      expect(c.key.src - 0x0a000000).toBeLessThan(100);
      expect(c.key.srcPort).toBeGreaterThanOrEqual(32768);
      expect(c.key.srcPort).toBeLessThanOrEqual(60999);
      expect(c.packetBytes).toBeGreaterThanOrEqual(64);
      expect(c.duration).toBeGreaterThan(0);
      ips.add(c.key.src);
    }
    expect(ips.size).toBe(100);
  });

  it('replays the same connections from the same stream', () => {
    const a = Array.from(
      { length: 10 },
      (
        (r) => () =>
          drawConnection(workload, r)
      )(source(5)),
    );
    const b = Array.from(
      { length: 10 },
      (
        (r) => () =>
          drawConnection(workload, r)
      )(source(5)),
    );
    expect(a).toEqual(b);
  });

  it('reports invalid workloads with field paths', () => {
    expect(validateWorkload(workload)).toEqual([]);
    const errors = validateWorkload({
      ...workload,
      clients: { ...workload.clients, count: 0, portMax: 1 },
      arrivalsPerSecond: -1,
      durationS: { type: 'pareto' },
    });
    expect(errors.map((e) => e.path)).toEqual([
      'workload.clients.count',
      'workload.clients.portMax',
      'workload.arrivalsPerSecond',
      'workload.durationS.type',
    ]);
  });

  describe('a steady population: each open connection has the equilibrium residual life (density S(r)/E[D])', () => {
    const n = 20_000;
    const residuals = (d: Workload['durationS']): number[] => {
      const rng = source(7);
      return Array.from({ length: n }, () => steadyResidual(d, rng));
    };
    it('exponential: memoryless, the same draws as a fresh life', () => {
      const d = { type: 'exponential', mean: 20 } as const;
      const a = source(3);
      const b = source(3);
      for (let i = 0; i < 100; i++) expect(steadyResidual(d, a)).toBe(drawValue(d, b));
    });
    it('fixed 60 s: uniform on [0, 60] s, not 60 s each', () => {
      const r = residuals({ type: 'fixed', value: 60 });
      expect(Math.min(...r)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...r)).toBeLessThanOrEqual(60);
      // Deciles of U(0, 60): 6, 12, … within 0.6 s (a standard error is ~0.13 s).
      const sorted = [...r].sort((x, y) => x - y);
      for (let k = 1; k < 10; k++) expect(Math.abs(sorted[(k * n) / 10]! - 6 * k)).toBeLessThan(0.6);
    });
    it('lognormal: mean E[D²] / (2 E[D]) = e^(mu + 1.5σ²) / 2, i.e. E[D]·(1 + CV²)/2', () => {
      const d = { type: 'lognormal', mu: Math.log(40), sigma: 0.6 } as const;
      const want = Math.exp(Math.log(40) + 1.5 * 0.36) / 2;
      expect(Math.abs(mean(residuals(d)) / want - 1)).toBeLessThan(0.03);
    });
    it('uniform [30, 90] s: mean (a² + ab + b²) / (3(a + b)) = 32.5 s', () => {
      expect(Math.abs(mean(residuals({ type: 'uniform', min: 30, max: 90 })) - 32.5)).toBeLessThan(0.5);
    });
  });
});
