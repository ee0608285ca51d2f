/**
 * A quiet window (issue 13, M/G/∞): over (t₁, t₂], T = t₂ − t₁, a group's forwarding does not change
 * and every next hop delivers, so a connection of it delivers to the node it hashes to for all of
 * its life inside the window. Two populations meet a window:
 *   - arrivals: Poisson(λ) over the window, each living D (lifetime-law.ts). By Poisson thinning
 *     (Ross, "Stochastic Processes", §2.3) those that end by t₂ and those alive at t₂ are
 *     independent Poisson counts, of means λ(T − G(T)) and λG(T);
 *   - a cohort: the steady population open at the workload's start (t₁), N connections whose
 *     remaining lives R have density S(r)/m, m = E[D] (workload.ts steadyResidual): each ends by
 *     t₂ with probability G(T)/m, so the survivors are Binomial(N, 1 − G(T)/m).
 * The connections alive at t₂ are drawn as individuals when a routing event at t₂ may touch them
 * (the data plane's latent records). Every other part is added as its expectation given its
 * count: given the count, a part's connections are independent draws of its conditional law.
 *
 * Cumulative expectations per unit rate (arrivals) or per cohort member over m (cohort), at offset
 * x ∈ [0, T], with G, H at T written g, h (v = x − u the age of one born at offset u):
 *   arrivals ended by T (count g' = T − g): alive at x ∫₀ˣ P(v < D ≤ v + T − x) dv = G(x) + G(T − x) − g,
 *     seconds H(x) + h − H(T − x) − g·x, opened x − g + G(T − x), closed x − G(x);
 *   arrivals alive at T (count g): alive at x g − G(T − x), seconds g·x − h + H(T − x), opened g − G(T − x);
 *   cohort ended by T (count g): alive at x g − G(x), seconds g·x − H(x), closed G(x);
 *   cohort alive at T (count m − g): alive throughout, seconds (m − g)·x.
 * Each divided by its count is one connection's expectation; the cohort's opens are at t₁.
 */
import type { Time } from '../base/time.js';
import type { GroupSums, NodeSums } from './closed-form.js';
import type { LifetimeLaw } from './lifetime-law.js';

export type WindowPart = 'arrivals-ended' | 'arrivals-alive' | 'cohort-ended' | 'cohort-alive';

/** One part of a window: its expected count and one connection's cumulative expectations. */
export class WindowShape {
  /** Expected count per unit arrival rate (arrivals) or per cohort member × m (cohort). */
  readonly mean: number;
  private readonly g: number;
  private readonly h: number;

  constructor(
    readonly law: LifetimeLaw,
    /** Window length, seconds. */
    readonly T: number,
    readonly part: WindowPart,
    /** E[D]: the cohort's parts need it, the arrivals' do not. */
    readonly m = 0,
  ) {
    this.g = law.meanMin(T);
    this.h = law.meanMinIntegral(T);
    this.mean = part === 'arrivals-ended' ? T - this.g : part === 'cohort-alive' ? Math.max(0, m - this.g) : this.g;
  }

  /** Up to offset x (seconds): one connection's expected seconds alive, opens and closes, into `out`. */
  cumulative(x: number, out: Float64Array): void {
    this.at(x, edgeValues(this.law, this.T, x, new Float64Array(4)), out, 0);
  }

  /**
   * `cumulative` at x from its window's edge values `e` (`edgeValues`: one evaluation serves every
   * part of a window), into out[o … o + 2].
   */
  at(x: number, e: Float64Array, out: Float64Array, o: number): void {
    const c = this.mean;
    if (c <= 0) {
      out[o] = out[o + 1] = out[o + 2] = 0;
      return;
    }
    const g = this.g;
    const h = this.h;
    const gx = e[0]!;
    const gTx = e[1]!;
    const hx = e[2]!;
    const hTx = e[3]!;
    switch (this.part) {
      case 'arrivals-ended':
        out[o] = (hx + h - hTx - g * x) / c;
        out[o + 1] = (x - g + gTx) / c;
        out[o + 2] = (x - gx) / c;
        return;
      case 'arrivals-alive':
        out[o] = (g * x - h + hTx) / c;
        out[o + 1] = (g - gTx) / c;
        out[o + 2] = 0;
        return;
      case 'cohort-ended':
        out[o] = (g * x - hx) / c;
        out[o + 1] = 0;
        out[o + 2] = gx / c;
        return;
      case 'cohort-alive':
        out[o] = x;
        out[o + 1] = 0;
        out[o + 2] = 0;
        return;
    }
  }

  /** One connection's expected seconds alive in the window. */
  meanLife(): number {
    const out = new Float64Array(3);
    this.cumulative(this.T, out);
    return out[0]!;
  }
}

/** Expectations bin by bin: bin k0 + i is [k·res, (k+1)·res) ∩ (t₁, t₂]. */
export interface BinnedShape {
  readonly k0: number;
  readonly seconds: Float64Array;
  readonly opened: Float64Array;
  readonly closed: Float64Array;
}

/** A window's G(x), G(T − x), H(x), H(T − x) at offset x, into e. */
function edgeValues(law: LifetimeLaw, T: number, x: number, e: Float64Array): Float64Array {
  e[0] = law.meanMin(x);
  e[1] = law.meanMin(T - x);
  e[2] = law.meanMinIntegral(x);
  e[3] = law.meanMinIntegral(T - x);
  return e;
}

/**
 * One connection's expectations of each of `shapes` bin by bin (width `res` µs), into `outs` (one
 * per shape, bin k at index k − its k0): parts of one window (t1, t2] µs, sharing its law and
 * length, so each edge is evaluated once for all of them.
 */
function accumulate(shapes: readonly WindowShape[], t1: number, t2: number, res: number, outs: BinnedShape[]): void {
  const { law, T } = shapes[0]!;
  const k0 = Math.floor(t1 / res);
  const bins = Math.floor((t2 - 1) / res) - k0 + 1;
  const e = new Float64Array(4);
  let lo = new Float64Array(3 * shapes.length);
  let hi = new Float64Array(3 * shapes.length);
  edgeValues(law, T, 0, e);
  for (let j = 0; j < shapes.length; j++) shapes[j]!.at(0, e, lo, 3 * j);
  for (let i = 0; i < bins; i++) {
    const x = i === bins - 1 ? T : ((k0 + i + 1) * res - t1) / 1e6;
    edgeValues(law, T, x, e);
    for (let j = 0; j < shapes.length; j++) {
      shapes[j]!.at(x, e, hi, 3 * j);
      const out = outs[j]!;
      const o = k0 - out.k0 + i;
      out.seconds[o] = Math.max(0, hi[3 * j]! - lo[3 * j]!);
      out.opened[o] = Math.max(0, hi[3 * j + 1]! - lo[3 * j + 1]!);
      out.closed[o] = Math.max(0, hi[3 * j + 2]! - lo[3 * j + 2]!);
    }
    const t = lo;
    lo = hi;
    hi = t;
  }
}

const emptyBins = (k0: number, bins: number): BinnedShape => ({
  k0,
  seconds: new Float64Array(bins),
  opened: new Float64Array(bins),
  closed: new Float64Array(bins),
});

/** One connection's expectations of `shape` over (t1, t2] µs in bins of `res` µs. */
export function binnedShape(shape: WindowShape, t1: number, t2: number, res: number): BinnedShape {
  const k0 = Math.floor(t1 / res);
  const out = emptyBins(k0, Math.floor((t2 - 1) / res) - k0 + 1);
  accumulate([shape], t1, t2, res, [out]);
  return out;
}

const PARTS: readonly WindowPart[] = ['arrivals-ended', 'arrivals-alive', 'cohort-ended', 'cohort-alive'];

/**
 * One connection's binned expectations of every part of a window, computed once and shared by the
 * groups that close that window together (they differ only in their counts): by law, start and
 * bin width, for the windows ending at one t2.
 */
export class WindowBins {
  private t2 = -1;
  private readonly byLaw = new Map<LifetimeLaw, Map<string, Record<WindowPart, BinnedShape>>>();

  of(shape: WindowShape, t1: number, t2: number, res: number): BinnedShape {
    if (t2 !== this.t2) {
      this.byLaw.clear();
      this.t2 = t2;
    }
    let windows = this.byLaw.get(shape.law);
    if (windows === undefined) this.byLaw.set(shape.law, (windows = new Map()));
    const key = `${t1}|${res}|${shape.m}`;
    let parts = windows.get(key);
    if (parts === undefined) {
      const k0 = Math.floor(t1 / res);
      const bins = Math.floor((t2 - 1) / res) - k0 + 1;
      const shapes = PARTS.map((p) => new WindowShape(shape.law, shape.T, p, shape.m));
      const outs = PARTS.map(() => emptyBins(k0, bins));
      accumulate(shapes, t1, t2, res, outs);
      parts = Object.fromEntries(PARTS.map((p, i) => [p, outs[i]!])) as Record<WindowPart, BinnedShape>;
      windows.set(key, parts);
    }
    return parts[shape.part];
  }
}

/** The group series' channels a window's ended connections add to (data-plane.ts GROUP_SERIES_CHANNELS). */
export interface WindowChannels {
  readonly packets: number;
  readonly bytes: number;
  readonly opened: number;
  readonly closed: number;
}

/** `count` connections of one part of a window begun at t1 µs. */
interface PartCount {
  readonly shape: WindowShape;
  readonly t1: number;
  readonly count: number;
}

/**
 * One group's window (…, t2] µs, its parts summed bin by bin before they are written: a window
 * costs one pass over its bins per series, whatever its parts.
 */
export class WindowSum {
  private readonly parts: PartCount[] = [];

  constructor(
    readonly t2: number,
    private readonly bins: WindowBins,
  ) {}

  /** `count` connections of the part `shape` of the window that began at t1 µs. */
  add(shape: WindowShape, t1: number, count: number): void {
    if (count > 0 && shape.mean > 0) this.parts.push({ shape, t1, count });
  }

  /**
   * Adds the parts to a group's totals and series in `state` and to its next hops' nodes (by slot,
   * in proportion to `shares`), each connection of `pps` packets of `bytes` bytes.
   */
  write(
    g: GroupSums,
    state: number,
    ch: WindowChannels,
    pps: number,
    bytes: number,
    shares: Float64Array,
    nodeOf: (slot: number) => NodeSums,
  ): void {
    if (this.parts.length === 0) return;
    let secs = 0;
    for (const p of this.parts) secs += p.count * p.shape.meanLife();
    g.packets[state]! += pps * secs;
    g.bytes[state]! += pps * bytes * secs;
    g.connSeconds[state]! += secs;
    // Series of one bin width share one evaluation (a group's nodes are usually at its width). The
    // bins are added when the series is read (RateSeries.later): most runs never read them.
    const byWidth = new Map<number, BinnedShape>();
    const binsOf = (series: GroupSums['series']): BinnedShape => {
      const res = series.extendTo(this.t2 as Time);
      let b = byWidth.get(res);
      if (b === undefined) byWidth.set(res, (b = this.binned(res)));
      return b;
    };
    g.series.later(() => {
      const gb = binsOf(g.series);
      g.series.addBins(gb.k0, ch.packets, gb.seconds, pps);
      g.series.addBins(gb.k0, ch.bytes, gb.seconds, pps * bytes);
      g.series.addBins(gb.k0, ch.opened, gb.opened, 1);
      g.series.addBins(gb.k0, ch.closed, gb.closed, 1);
    });
    for (let slot = 0; slot < shares.length; slot++) {
      const p = shares[slot]!;
      if (p === 0) continue;
      const n = nodeOf(slot);
      n.packets += p * pps * secs;
      n.bytes += p * pps * bytes * secs;
      n.conntrackSeconds += p * secs;
      n.series.later(() => {
        const nb = binsOf(n.series);
        n.series.addBins(nb.k0, 0, nb.seconds, p * pps);
        n.series.addBins(nb.k0, 1, nb.seconds, p * pps * bytes);
        n.series.addBins(nb.k0, 2, nb.seconds, p);
      });
    }
  }

  /** Every part's counts × one connection's expectations, summed per bin of width `res`. */
  private binned(res: number): BinnedShape {
    const k0 = Math.floor(Math.min(...this.parts.map((p) => p.t1)) / res);
    const sum = emptyBins(k0, Math.floor((this.t2 - 1) / res) - k0 + 1);
    for (const { shape, t1, count } of this.parts) {
      const unit = this.bins.of(shape, t1, this.t2, res);
      const o = unit.k0 - k0;
      for (let i = 0; i < unit.seconds.length; i++) {
        sum.seconds[o + i]! += count * unit.seconds[i]!;
        sum.opened[o + i]! += count * unit.opened[i]!;
        sum.closed[o + i]! += count * unit.closed[i]!;
      }
    }
    return sum;
  }
}
