import { describe, expect, it } from 'vitest';
import { s } from '../base/time.js';
import { RandomStreams } from './rng.js';

const draws = (st: { next(): number }, n: number) => Array.from({ length: n }, () => st.next());

describe('RandomStreams', () => {
  it('derives a stream from (seed, name) alone, whatever the creation order', () => {
    const a = new RandomStreams(42);
    const x1 = draws(a.stream('node-1/bgp/r1'), 5);
    const y1 = draws(a.stream('node-2/bgp/r1'), 5);
    const b = new RandomStreams(42);
    const y2 = draws(b.stream('node-2/bgp/r1'), 5);
    b.stream('unrelated').next();
    const x2 = draws(b.stream('node-1/bgp/r1'), 5);
    expect(x2).toEqual(x1);
    expect(y2).toEqual(y1);
    expect(x1).not.toEqual(y1);
  });

  it('differs between seeds', () => {
    expect(draws(new RandomStreams(1).stream('s'), 3)).not.toEqual(draws(new RandomStreams(2).stream('s'), 3));
  });

  it('keyed streams depend only on (seed, name, index)', () => {
    const r = new RandomStreams(9);
    const k3 = r.keyed('bfd/tx', 3).next();
    r.keyed('bfd/tx', 1).next();
    expect(new RandomStreams(9).keyed('bfd/tx', 3).next()).toBe(k3);
    expect(r.keyed('bfd/tx', 4).next()).not.toBe(k3);
  });

  it('keyedUniform draws depend only on (seed, name, index) and are uniform on [0, 1)', () => {
    const u = new RandomStreams(9).keyedUniform('bfd/tor-1>node-2/1');
    const again = new RandomStreams(9).keyedUniform('bfd/tor-1>node-2/1');
    expect(u(12345)).toBe(again(12345));
    expect(u(1)).not.toBe(u(2));
    expect(new RandomStreams(10).keyedUniform('bfd/tor-1>node-2/1')(1)).not.toBe(u(1));
    const bins = new Array(10).fill(0);
    for (let k = 0; k < 100_000; k++) {
      const x = u(k);
      expect(x >= 0 && x < 1).toBe(true);
      bins[Math.floor(x * 10)]++;
    }
    for (const b of bins) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });

  it('RFC 4271 §10 jitter stays within [0.75, 1.0] of the timer and is an integer', () => {
    const st = new RandomStreams(3).stream('j');
    for (let i = 0; i < 10_000; i++) {
      const j = st.jitter4271(s(30));
      expect(Number.isInteger(j)).toBe(true);
      expect(j).toBeGreaterThanOrEqual(s(22.5));
      expect(j).toBeLessThanOrEqual(s(30));
    }
  });

  it('draws have the right means', () => {
    const st = new RandomStreams(5).stream('m');
    const n = 100_000;
    let e = 0;
    let g = 0;
    let g2 = 0;
    let ln = 0;
    for (let i = 0; i < n; i++) {
      e += st.exponential(2);
      const x = st.normal(3, 2);
      g += x;
      g2 += (x - 3) ** 2;
      ln += st.lognormal(0, 0.5);
    }
    expect(e / n).toBeCloseTo(2, 1);
    expect(g / n).toBeCloseTo(3, 1);
    expect(Math.sqrt(g2 / n)).toBeCloseTo(2, 1);
    expect(ln / n).toBeCloseTo(Math.exp(0.125), 1);
  });
});
