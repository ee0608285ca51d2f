/**
 * A chart time series built from exact integrals, not samples: rates are constant between events,
 * so each interval's packets are rate × overlap, split across the fixed-width bins it spans.
 * Point events (resets, arrivals) are added to the bin holding their time. Bin k covers
 * [k·resolution, (k+1)·resolution).
 */
import type { Duration, Time } from '../base/time.js';

export interface SeriesSnapshot<C extends string> {
  readonly resolution: Duration;
  readonly bins: number;
  readonly channels: Readonly<Record<C, Float64Array>>;
}

export class RateSeries<C extends string> {
  private data: Float64Array[];
  private used = 0;

  constructor(
    readonly resolution: Duration,
    readonly channels: readonly C[],
  ) {
    this.data = channels.map(() => new Float64Array(64));
  }

  /**
   * Adds ∫ rates[i] over [t0, t1) to channels 0 … rates.length−1 (rates per second, times in µs).
   */
  integrate(t0: Time, t1: Time, rates: ArrayLike<number>): void {
    if (t1 <= t0) return;
    const res = this.resolution;
    let k = Math.floor(t0 / res);
    const kEnd = Math.floor((t1 - 1) / res);
    this.reach(kEnd);
    let from: number = t0;
    for (; k <= kEnd; k++) {
      const to = Math.min(t1, (k + 1) * res);
      const dt = (to - from) / 1e6;
      for (let i = 0; i < rates.length; i++) {
        const r = rates[i]!;
        if (r !== 0) this.data[i]![k]! += r * dt;
      }
      from = to;
    }
  }

  /** Adds a point amount to a channel at time t. */
  add(t: Time, channel: number, amount: number): void {
    const k = Math.floor(t / this.resolution);
    this.reach(k);
    this.data[channel]![k]! += amount;
  }

  snapshot(): SeriesSnapshot<C> {
    const channels = {} as Record<C, Float64Array>;
    this.channels.forEach((c, i) => {
      channels[c] = this.data[i]!.slice(0, this.used);
    });
    return { resolution: this.resolution, bins: this.used, channels };
  }

  bytes(): number {
    return this.data.reduce((a, d) => a + d.byteLength, 0);
  }

  private reach(k: number): void {
    if (k >= this.used) this.used = k + 1;
    if (k < this.data[0]!.length) return;
    let cap = this.data[0]!.length;
    while (cap <= k) cap *= 2;
    this.data = this.data.map((d) => {
      const g = new Float64Array(cap);
      g.set(d);
      return g;
    });
  }
}
