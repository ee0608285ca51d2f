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

  /** One ended connection's expected seconds alive within offsets [a, b] ⊆ [0, T]. */
  connSeconds(a: number, b: number): number {
    if (this.mean <= 0) return 0;
    const H = (t: number) => this.law.meanMinIntegral(t);
    const T = this.T;
    return Math.max(0, H(b) - H(a) + H(T - a) - H(T - b) - this.gT * (b - a)) / this.mean;
  }

  /** The probability that one ended connection opened within offsets [a, b]. */
  opened(a: number, b: number): number {
    if (this.mean <= 0) return 0;
    const G = (t: number) => this.law.meanMin(t);
    return Math.max(0, b - a - G(this.T - a) + G(this.T - b)) / this.mean;
  }

  /** The probability that one ended connection closed within offsets [a, b]. */
  closed(a: number, b: number): number {
    if (this.mean <= 0) return 0;
    const G = (t: number) => this.law.meanMin(t);
    return Math.max(0, b - a - G(b) + G(a)) / this.mean;
  }

  /** One ended connection's expected life: (2H(T) − T·G(T)) / (T − G(T)). */
  meanLife(): number {
    return this.connSeconds(0, this.T);
  }
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
  const offset = (t: number): number => (t - t1) / 1e6;
  g.series.eachBin(t1, t2, (k, a, b) => {
    const s = count * shape.connSeconds(offset(a), offset(b));
    g.series.addToBin(k, ch.packets, pps * s);
    g.series.addToBin(k, ch.bytes, pps * bytes * s);
    g.series.addToBin(k, ch.opened, count * shape.opened(offset(a), offset(b)));
    g.series.addToBin(k, ch.closed, count * shape.closed(offset(a), offset(b)));
  });
  for (let slot = 0; slot < shares.length; slot++) {
    const p = shares[slot]!;
    if (p === 0) continue;
    const n = nodeOf(slot);
    n.packets += p * pps * secs;
    n.bytes += p * pps * bytes * secs;
    n.conntrackSeconds += p * secs;
    n.series.eachBin(t1, t2, (k, a, b) => {
      const s = p * count * shape.connSeconds(offset(a), offset(b));
      n.series.addToBin(k, 0, pps * s);
      n.series.addToBin(k, 1, pps * bytes * s);
      n.series.addToBin(k, 2, s);
    });
  }
}
