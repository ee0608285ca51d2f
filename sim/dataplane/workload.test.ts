import { describe, expect, it } from 'vitest';
import { s } from '../base/time.js';
import { fmix32 } from './hash.js';
import type { RandomSource } from './random-source.js';
import { drawConnection, drawValue, meanOf, nextArrival, validateWorkload, type Workload } from './workload.js';

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
});
