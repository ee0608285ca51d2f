/**
 * A chart time series built from exact integrals, not samples: rates are constant between events,
 * so each interval's packets are rate × overlap, split across the fixed-width bins it spans.
 * Point events (resets, arrivals) are added to the bin holding their time. Bin k covers
 * [k·resolution, (k+1)·resolution).
 *
 * Cost does not grow with simulated time: an interval costs O(1) whatever its length (its two
 * partial end bins are added directly, the full bins between them as a step in a difference array
 * that `snapshot` sums), and the series never holds more than MAX_BINS bins: past that the bins
 * double in width (pairs merged), so a 30-day run keeps as many numbers as a 5-hour one. The width
 * depends only on the latest time the series reached, so series brought to the same moment agree.
 */
import type { Duration, Time } from '../base/time.js';

export interface SeriesSnapshot<C extends string> {
  readonly resolution: Duration;
  readonly bins: number;
  readonly channels: Readonly<Record<C, Float64Array>>;
}

/** At most this many bins; beyond, the bin width doubles. */
export const MAX_BINS = 1 << 14;

export class RateSeries<C extends string> {
  /**
   * Per channel, bin k's partial-bin amounts and point events at [2k] and its full-bin step at
   * [2k + 1]: a span's end bin is one cache line, not one in each of two arrays (a day of
   * arrivals lands on random bins of arrays larger than the cache). Full-bin amounts are a
   * difference array: bin k also holds Σ_{j ≤ k} steps[j]. Null until the channel first gets a
   * non-zero amount (most runs leave most channels at zero: black-holed and no-route bytes, a
   * node's conntrack drops).
   */
  private cells: (Float64Array | null)[];
  /** Bins every allocated channel holds (its array is twice as long). */
  private cap = 64;
  private used = 0;
  resolution: Duration;

  constructor(
    resolution: Duration,
    readonly channels: readonly C[],
  ) {
    this.resolution = resolution;
    this.cells = channels.map(() => null);
  }

  private cellsOf(i: number): Float64Array {
    return this.cells[i] ?? this.allocate(i);
  }

  private allocate(i: number): Float64Array {
    const d = new Float64Array(2 * this.cap);
    this.cells[i] = d;
    return d;
  }

  /**
   * Adds ∫ rates[i] over [t0, t1) to channels 0 … rates.length−1 (rates per second, times in µs).
   */
  integrate(t0: Time, t1: Time, rates: ArrayLike<number>): void {
    if (t1 <= t0) return;
    this.reach(Math.floor((t1 - 1) / this.resolution));
    const res = this.resolution;
    const k0 = Math.floor(t0 / res);
    const k1 = Math.floor((t1 - 1) / res);
    const head = (k0 === k1 ? t1 - t0 : (k0 + 1) * res - t0) / 1e6;
    const tail = (t1 - k1 * res) / 1e6;
    const full = res / 1e6;
    for (let i = 0; i < rates.length; i++) {
      const r = rates[i]!;
      if (r === 0) continue;
      const d = this.cellsOf(i);
      d[2 * k0]! += r * head;
      if (k1 === k0) continue;
      d[2 * k1]! += r * tail;
      if (k1 > k0 + 1) {
        d[2 * k0 + 3]! += r * full;
        d[2 * k1 + 1]! -= r * full;
      }
    }
  }

  /**
   * `integrate` one channel at a time, for callers with few non-zero rates: `span(t0, t1)` fixes
   * the interval (false when empty), then each `spanAdd(channel, rate)` adds exactly what
   * `integrate` adds to that channel (same expressions, so the same bits).
   */
  span(t0: Time, t1: Time): boolean {
    if (t1 <= t0) return false;
    // reach returns ⌊(t1 − 1) / resolution⌋ at the resolution it leaves (⌊⌊x⌋ / 2⌋ = ⌊x / 2⌋).
    const k1 = this.reach(Math.floor((t1 - 1) / this.resolution));
    const res = this.resolution;
    const k0 = Math.floor(t0 / res);
    this.setSpan(t0, t1, k0, k1, res);
    return true;
  }

  /**
   * `span(t0, t1)` when `other` has just been given the same span (a closed-form connection's group
   * and node series): at the same resolution the bins and fractions are the same numbers.
   */
  spanAs(other: RateSeries<string>, t0: Time, t1: Time): boolean {
    if (t1 <= t0 || other.resolution !== this.resolution || other.sT0 !== t0 || other.sT1 !== t1)
      return this.span(t0, t1);
    // other's k1 is below MAX_BINS at this resolution, so this only grows the arrays.
    this.reach(other.sk1);
    this.sT0 = t0;
    this.sT1 = t1;
    this.sk0 = other.sk0;
    this.sk1 = other.sk1;
    this.sHead = other.sHead;
    this.sTail = other.sTail;
    this.sFull = other.sFull;
    return true;
  }

  private setSpan(t0: number, t1: number, k0: number, k1: number, res: number): void {
    this.sT0 = t0;
    this.sT1 = t1;
    this.sk0 = k0;
    this.sk1 = k1;
    this.sHead = (k0 === k1 ? t1 - t0 : (k0 + 1) * res - t0) / 1e6;
    this.sTail = (t1 - k1 * res) / 1e6;
    this.sFull = res / 1e6;
  }

  spanAdd(channel: number, r: number): void {
    if (r === 0) return;
    const k0 = this.sk0;
    const k1 = this.sk1;
    const d = this.cellsOf(channel);
    d[2 * k0]! += r * this.sHead;
    if (k1 === k0) return;
    d[2 * k1]! += r * this.sTail;
    if (k1 > k0 + 1) {
      const full = r * this.sFull;
      d[2 * k0 + 3]! += full;
      d[2 * k1 + 1]! -= full;
    }
  }

  private sT0 = -1;
  private sT1 = -1;
  private sk0 = 0;
  private sk1 = 0;
  private sHead = 0;
  private sTail = 0;
  private sFull = 0;

  /**
   * Makes the bins before time t exist and returns their width, fixed from then until a later time
   * is reached: for amounts that are not a constant rate (a quiet window's expected series), added
   * bin by bin with `addBins`.
   */
  extendTo(t: Time): Duration {
    if (t > 0) this.reach(Math.floor((t - 1) / this.resolution));
    return this.resolution;
  }

  /** Adds scale × values[i] to bin k0 + i of a channel (bins at the width `extendTo` returned). */
  addBins(k0: number, channel: number, values: Float64Array, scale: number): void {
    if (scale === 0) return;
    const d = this.cellsOf(channel);
    for (let i = 0; i < values.length; i++) d[2 * (k0 + i)]! += scale * values[i]!;
  }

  /** Adds a point amount to a channel at time t. */
  add(t: Time, channel: number, amount: number): void {
    // reach may replace the arrays: take the index first.
    const k = this.reach(Math.floor(t / this.resolution));
    this.cellsOf(channel)[2 * k]! += amount;
  }

  /**
   * Adds `job`'s amounts when the series is next read (`snapshot`), not now: a quiet window's
   * expected bins cost O(bins), and a run whose series nobody reads (the CLI, a sweep) never pays
   * it. A job adds at the width current when it runs; width changes in between merge the bins added
   * before as they merge everything else, so the series read is the one adding at once would give.
   */
  later(job: () => void): void {
    this.pending.push(job);
  }

  private pending: (() => void)[] = [];

  snapshot(): SeriesSnapshot<C> {
    for (let i = 0; i < this.pending.length; i++) this.pending[i]!();
    this.pending = [];
    const channels = {} as Record<C, Float64Array>;
    this.channels.forEach((c, i) => {
      channels[c] = this.summed(i);
    });
    return { resolution: this.resolution, bins: this.used, channels };
  }

  bytes(): number {
    return this.cells.reduce((a, d) => a + (d === null ? 0 : d.byteLength), 0);
  }

  /** Channel i's bins, full-bin steps summed in. */
  private summed(i: number): Float64Array {
    const d = this.cells[i];
    const out = new Float64Array(this.used);
    if (!d) return out;
    let run = 0;
    for (let k = 0; k < this.used; k++) {
      run += d[2 * k + 1]!;
      out[k] = d[2 * k]! + run;
    }
    return out;
  }

  /** Makes bin k (at the current resolution) exist; returns its index at the resolution it leaves. */
  private reach(k: number): number {
    if (k < this.used) return k;
    // Past the last bin (rarely past the arrays): kept out of line so that the per-span path
    // stays small enough to inline.
    return this.extend(k);
  }

  private extend(k: number): number {
    while (k >= MAX_BINS) {
      this.coarsen();
      k = Math.floor(k / 2);
    }
    if (k >= this.used) this.used = k + 1;
    if (k < this.cap) return k;
    let cap = this.cap;
    while (cap <= k) cap *= 2;
    cap = Math.min(cap, MAX_BINS);
    this.cap = cap;
    this.cells = this.cells.map((d) => {
      if (d === null) return null;
      const g = new Float64Array(2 * cap);
      g.set(d);
      return g;
    });
    return k;
  }

  /**
   * Doubles the bin width: pairs of bins merge (steps summed in first), in place: bin j is written
   * only once bins 2j and 2j + 1 are read. Each new bin is (0 + bin 2j) + bin 2j + 1, the sums a
   * zeroed array given both in turn would hold.
   */
  private coarsen(): void {
    const used = this.used;
    for (let i = 0; i < this.cells.length; i++) {
      const d = this.cells[i];
      if (!d) continue;
      let run = 0;
      for (let k = 0; k < used; k += 2) {
        run += d[2 * k + 1]!;
        let v = 0 + (d[2 * k]! + run);
        if (k + 1 < used) {
          run += d[2 * k + 3]!;
          v += d[2 * k + 2]! + run;
        }
        d[k] = v;
        d[k + 1] = 0;
      }
      // Past the last bin every cell is still zero (nothing is added beyond it).
      d.fill(0, 2 * Math.ceil(used / 2), 2 * used);
    }
    this.used = Math.ceil(used / 2);
    this.resolution = (this.resolution * 2) as Duration;
  }
}
