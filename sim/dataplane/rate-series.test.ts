import { describe, expect, it } from 'vitest';
import { ms, s, type Time } from '../base/time.js';
import { MAX_BINS, RateSeries } from './rate-series.js';

describe('RateSeries', () => {
  it('splits a constant-rate interval across the bins it spans, exactly', () => {
    const r = new RateSeries(s(1), ['a', 'b'] as const);
    r.integrate(ms(250), ms(3500), [4, 0.5]);
    const snap = r.snapshot();
    expect(Array.from(snap.channels.a)).toEqual([3, 4, 4, 2]);
    expect(Array.from(snap.channels.b)).toEqual([0.375, 0.5, 0.5, 0.25]);
  });

  it('adds point events to the bin holding their time, including a bin boundary', () => {
    const r = new RateSeries(ms(100), ['x'] as const);
    r.add(ms(100), 0, 2);
    r.add(ms(99), 0, 1);
    r.add(s(10), 0, 5);
    const x = r.snapshot().channels.x;
    expect(x[0]).toBe(1);
    expect(x[1]).toBe(2);
    expect(x[100]).toBe(5);
    expect(x.length).toBe(101);
  });

  it('allocates a channel only at its first non-zero amount, and reads untouched channels as zeros', () => {
    const r = new RateSeries(s(1), ['a', 'b', 'c'] as const);
    r.integrate(s(0), s(100), [1, 0, 0]);
    expect(r.bytes()).toBe(2 * 128 * 8);
    // b starts after the arrays grew (and c never): b's first amounts land in the right bins.
    r.integrate(s(100), ms(100_500), [1, 2, 0]);
    const snap = r.snapshot();
    expect(snap.bins).toBe(101);
    expect(Array.from(snap.channels.b.slice(99))).toEqual([0, 1]);
    expect(Array.from(snap.channels.c)).toEqual(new Array(101).fill(0));
    expect(snap.channels.a[100]).toBe(0.5);
    expect(r.bytes()).toBe(2 * 2 * 128 * 8);
  });

  it("adds a job's bins when read, as adding them at once would, across a change of bin width", () => {
    const job = (r: RateSeries<'a'>) => () => {
      const res = r.extendTo(s(10));
      const k0 = 0;
      const bins = Math.floor((s(10) - 1) / res) + 1;
      r.addBins(
        k0,
        0,
        Float64Array.from({ length: bins }, (_, k) => k + 1),
        2,
      );
    };
    const now = new RateSeries(s(1), ['a'] as const);
    job(now)();
    const later = new RateSeries(s(1), ['a'] as const);
    later.later(job(later));
    for (const r of [now, later]) r.integrate(s(0), s(3), [1]);
    expect(Array.from(later.snapshot().channels.a)).toEqual(Array.from(now.snapshot().channels.a));
    // Read once: the job does not run twice.
    expect(Array.from(later.snapshot().channels.a)).toEqual(Array.from(now.snapshot().channels.a));
    // Bins merged before the job runs: the series read is still the one merged after adding at once.
    const merged = new RateSeries(s(1), ['a'] as const);
    job(merged)();
    merged.add(s(MAX_BINS + 1), 0, 1);
    const deferred = new RateSeries(s(1), ['a'] as const);
    const pairs = (r: RateSeries<'a'>) => () => {
      const res = r.extendTo(s(10));
      const amounts = Array.from({ length: 10 }, (_, k) => 2 * (k + 1));
      const bins = Math.floor((s(10) - 1) / res) + 1;
      r.addBins(
        0,
        0,
        Float64Array.from({ length: bins }, (_, k) =>
          amounts.slice(k * (res / s(1)), (k + 1) * (res / s(1))).reduce((p, q) => p + q, 0),
        ),
        1,
      );
    };
    deferred.later(pairs(deferred));
    deferred.add(s(MAX_BINS + 1), 0, 1);
    const a = merged.snapshot();
    const b = deferred.snapshot();
    expect(b.resolution).toBe(a.resolution);
    expect(Array.from(b.channels.a)).toEqual(Array.from(a.channels.a));
  });

  it('ignores empty intervals', () => {
    const r = new RateSeries(s(1), ['a'] as const);
    r.integrate(s(2), s(2), [7]);
    expect(r.snapshot().bins).toBe(0);
  });
});

describe('RateSeries over long runs', () => {
  it('costs the same for a long interval as for a short one and matches bin-by-bin integration', () => {
    const r = new RateSeries(s(1), ['a'] as const);
    r.integrate(ms(500), (s(10_000) + ms(250)) as Time, [2]);
    const a = r.snapshot().channels.a;
    expect(a[0]).toBe(1);
    expect(a[1]).toBe(2);
    expect(a[9_999]).toBe(2);
    expect(a[10_000]).toBe(0.5);
  });

  it('doubles its bin width past MAX_BINS, keeping every total', () => {
    const r = new RateSeries(s(1), ['a'] as const);
    r.integrate(s(0), s(MAX_BINS), [3]);
    r.add(s(5), 0, 7);
    r.integrate(s(MAX_BINS), (s(MAX_BINS) + ms(1500)) as Time, [3]);
    const snap = r.snapshot();
    expect(snap.resolution).toBe(s(2));
    expect(snap.bins).toBe(MAX_BINS / 2 + 1);
    expect(snap.channels.a[2]).toBe(6 + 7);
    expect(snap.channels.a.reduce((x, y) => x + y, 0)).toBe(3 * (MAX_BINS + 1.5) + 7);
  });

  it('adds exactly what integrate adds when a span is given channel by channel, also across coarsening', () => {
    const a = new RateSeries(ms(10), ['p', 'q', 'r'] as const);
    const b = new RateSeries(ms(10), ['p', 'q', 'r'] as const);
    const c = new RateSeries(ms(10), ['p', 'q', 'r'] as const);
    let t = 0;
    for (let i = 0; i < 5000; i++) {
      t += 1 + ((i * 7919) % 97_000);
      const t0 = t as Time;
      const t1 = (t + 1 + ((i * 104_729) % 3_000_000)) as Time;
      const pps = 0.1 + (i % 13) * 1.37;
      a.integrate(t0, t1, [pps, pps * 800, 1]);
      if (b.span(t0, t1)) {
        b.spanAdd(0, pps);
        b.spanAdd(1, pps * 800);
        b.spanAdd(2, 1);
      }
      if (c.spanAs(b, t0, t1)) {
        c.spanAdd(0, pps);
        c.spanAdd(1, pps * 800);
        c.spanAdd(2, 1);
      }
    }
    const sa = a.snapshot();
    expect(sa.resolution).toBeGreaterThan(ms(10));
    for (const x of [b.snapshot(), c.snapshot()]) {
      expect(x.resolution).toBe(sa.resolution);
      for (const ch of ['p', 'q', 'r'] as const)
        expect(Array.from(x.channels[ch])).toEqual(Array.from(sa.channels[ch]));
    }
  });
});

describe('RateSeries coarsening', () => {
  it('merges each pair of bins into exactly (0 + first) + second, steps summed in, and zeroes the rest', () => {
    for (const bins of [MAX_BINS - 1, MAX_BINS]) {
      const r = new RateSeries(s(1), ['p', 'q', 'idle'] as const);
      let t = 0;
      for (let i = 0; t < s(bins - 2); i++) {
        t += 1 + ((i * 7919) % 900_000);
        const t1 = Math.min(t + 1 + ((i * 104_729) % 40_000_000), s(bins)) as Time;
        const pps = 0.1 + (i % 13) * 1.37;
        r.integrate(t as Time, t1, [pps, pps / 3, 0]);
        r.add(t as Time, 1, 0.7);
      }
      r.add(s(bins - 1) as Time, 0, 0.25);
      const fine = r.snapshot();
      expect(fine.bins).toBe(bins);
      // One point far beyond: one coarsening, nothing else added in range.
      r.add(s(MAX_BINS + 2) as Time, 0, 0);
      const coarse = r.snapshot();
      expect(coarse.resolution).toBe(s(2));
      expect(coarse.bins).toBe(MAX_BINS / 2 + 2);
      for (const ch of ['p', 'q', 'idle'] as const) {
        const f = fine.channels[ch];
        const want = new Float64Array(coarse.bins);
        for (let k = 0; k < f.length; k++) want[k >> 1]! += f[k]!;
        expect(Array.from(coarse.channels[ch])).toEqual(Array.from(want));
      }
    }
  });
});
