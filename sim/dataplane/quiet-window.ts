/**
 * A quiet window (issue 13, M/G/∞): over (t₁, t₂], T = t₂ − t₁, a group's forwarding does not change
 * and every next hop delivers, so a connection arriving in it delivers to the node it hashes to
 * for all of its life inside the window. Connections arrive as Poisson(λ) and live D (lifetime-law.ts).
 * By Poisson thinning (Ross, "Stochastic Processes", §2.3) those that end by t₂ and those alive at t₂
 * are independent Poisson counts, of means λ(T − G(T)) and λG(T). Only the survivors are drawn as
 * individuals (their age by `survivorAge`, their remaining life by `durationGiven`): a routing event
 * at t₂ may touch them. The ended ones are added as their conditional expectation given their
 * number N: given N, they are N independent (birth u, life D) pairs conditioned on u + D ≤ t₂.
 *
 * Per unit rate, at offset x = t − t₁ ∈ [0, T] (v = x − u the age of one born at offset u):
 *   alive at x, ending by t₂: ∫₀ˣ P(v < D ≤ v + T − x) dv = G(x) + G(T − x) − G(T);
 *   connection-seconds in [a, b]: H(b) − H(a) + H(T − a) − H(T − b) − G(T)(b − a);
 *   opened in [a, b] (born at u, ends by T): ∫ₐᵇ P(D ≤ T − u) du = (b − a) − G(T − a) + G(T − b);
 *   closed in [a, b] (the rate of ends at y is F(y)): (b − a) − G(b) + G(a).
 * Over [0, T] both counts are T − G(T), and the connection-seconds 2H(T) − T·G(T).
 */
import type { Time } from '../base/time.js';
import type { GroupSums, NodeSums } from './closed-form.js';
import type { LifetimeLaw } from './lifetime-law.js';

export class EndedShape {
  /** Expected ended connections per unit arrival rate: T − G(T). */
  readonly mean: number;
  private readonly gT: number;

  constructor(
    private readonly law: LifetimeLaw,
    /** Window length, seconds. */
    readonly T: number,
  ) {
    this.gT = law.meanMin(T);
    this.mean = T - this.gT;
  }

  /** One ended connection's expected life: (2H(T) − T·G(T)) / (T − G(T)). */
  meanLife(): number {
    return this.mean <= 0 ? 0 : (2 * this.law.meanMinIntegral(this.T) - this.T * this.gT) / this.mean;
  }
}

/** One ended connection's expectations bin by bin: bin k0 + i is [k·res, (k+1)·res) ∩ (t₁, t₂]. */
export interface BinnedShape {
  readonly k0: number;
  readonly seconds: Float64Array;
  readonly opened: Float64Array;
  readonly closed: Float64Array;
}

/** `shape` over (t1, t2] µs in bins of `res` µs: each edge's G and H evaluated once. */
export function binnedShape(shape: EndedShape, law: LifetimeLaw, t1: number, t2: number, res: number): BinnedShape {
  const k0 = Math.floor(t1 / res);
  const bins = Math.floor((t2 - 1) / res) - k0 + 1;
  const seconds = new Float64Array(bins);
  const opened = new Float64Array(bins);
  const closed = new Float64Array(bins);
  const T = shape.T;
  const m = shape.mean;
  if (m <= 0) return { k0, seconds, opened, closed };
  const gT = law.meanMin(T);
  let a = 0;
  let gA = 0;
  let gTa = gT;
  let hA = 0;
  let hTa = law.meanMinIntegral(T);
  for (let i = 0; i < bins; i++) {
    const b = i === bins - 1 ? T : ((k0 + i + 1) * res - t1) / 1e6;
    const gB = law.meanMin(b);
    const gTb = law.meanMin(T - b);
    const hB = law.meanMinIntegral(b);
    const hTb = law.meanMinIntegral(T - b);
    seconds[i] = Math.max(0, hB - hA + hTa - hTb - gT * (b - a)) / m;
    opened[i] = Math.max(0, b - a - gTa + gTb) / m;
    closed[i] = Math.max(0, b - a - gB + gA) / m;
    a = b;
    gA = gB;
    gTa = gTb;
    hA = hB;
    hTa = hTb;
  }
  return { k0, seconds, opened, closed };
}

/** The group series' channels a window's ended connections add to (data-plane.ts GROUP_SERIES_CHANNELS). */
export interface WindowChannels {
  readonly packets: number;
  readonly bytes: number;
  readonly opened: number;
  readonly closed: number;
}

/**
 * Adds `count` ended connections of a window (t1, t2] (µs) to a group's delivered totals and
 * series and to its next hops' nodes, each of `pps` packets of `bytes` bytes: their expectations
 * given the count (`shape`), bin by bin, node by node in proportion to `shares` (by slot).
 */
export function addEndedWindow(
  g: GroupSums,
  state: number,
  ch: WindowChannels,
  shape: EndedShape,
  law: LifetimeLaw,
  count: number,
  t1: Time,
  t2: Time,
  pps: number,
  bytes: number,
  shares: Float64Array,
  nodeOf: (slot: number) => NodeSums,
): void {
  const secs = count * shape.meanLife();
  g.packets[state]! += pps * secs;
  g.bytes[state]! += pps * bytes * secs;
  g.connSeconds[state]! += secs;
  // Bins of one width share one evaluation (the node series are usually at the group's).
  const byWidth = new Map<number, BinnedShape>();
  const binsOf = (series: GroupSums['series']): BinnedShape => {
    const res = series.extendTo(t2);
    let b = byWidth.get(res);
    if (b === undefined) byWidth.set(res, (b = binnedShape(shape, law, t1, t2, res)));
    return b;
  };
  const gb = binsOf(g.series);
  for (let i = 0; i < gb.seconds.length; i++) {
    const k = gb.k0 + i;
    const binSecs = count * gb.seconds[i]!;
    g.series.addToBin(k, ch.packets, pps * binSecs);
    g.series.addToBin(k, ch.bytes, pps * bytes * binSecs);
    g.series.addToBin(k, ch.opened, count * gb.opened[i]!);
    g.series.addToBin(k, ch.closed, count * gb.closed[i]!);
  }
  for (let slot = 0; slot < shares.length; slot++) {
    const p = shares[slot]!;
    if (p === 0) continue;
    const n = nodeOf(slot);
    n.packets += p * pps * secs;
    n.bytes += p * pps * bytes * secs;
    n.conntrackSeconds += p * secs;
    const nb = binsOf(n.series);
    for (let i = 0; i < nb.seconds.length; i++) {
      const k = nb.k0 + i;
      const s = p * count * nb.seconds[i]!;
      n.series.addToBin(k, 0, pps * s);
      n.series.addToBin(k, 1, pps * bytes * s);
      n.series.addToBin(k, 2, s);
    }
  }
}
