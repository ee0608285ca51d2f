import { describe, expect, it } from 'vitest';
import { columns, totalOver } from './traffic-bins.js';

const S = 1_000_000;

describe('traffic columns', () => {
  it('keeps one point per bin as a per-second rate when the window is narrow', () => {
    const bins = Float64Array.from([10, 20, 30]);
    const pts = columns(bins, S, 0, 3 * S, 100, 'mean');
    expect(pts.slice(0, 3).map((p) => p.value)).toEqual([10, 20, 30]);
  });

  it('keeps the mean rate (the area) when many bins share a column', () => {
    const bins = new Float64Array(1000).fill(5);
    bins[500] = 1005;
    const pts = columns(bins, S, 0, 1000 * S, 10, 'mean');
    expect(pts.length).toBe(11);
    const area = pts.slice(0, -1).reduce((a, p) => a + p.value * 100, 0);
    expect(area).toBeCloseTo(totalOver(bins, S), 6);
  });

  it('keeps a one-bin loss spike visible at any zoom', () => {
    const bins = new Float64Array(86_400);
    bins[43_200] = 700;
    const pts = columns(bins, S, 0, 86_400 * S, 50, 'max');
    expect(Math.max(...pts.map((p) => p.value))).toBe(700);
  });

  it('sums whole bins over a window', () => {
    expect(totalOver(Float64Array.from([1, 2, 3, 4]), S, S, 3 * S)).toBe(5);
  });
});
