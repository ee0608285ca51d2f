/**
 * Turns per-bin packet counts into what a chart of `pixels` columns can show: one point per
 * column, as a rate per second. Rates keep their mean (the area still equals the packets); losses
 * and resets keep their peak, so a one-second black-hole never disappears at a one-day zoom.
 */
export interface RatePoint {
  /** Start of the column, µs. */
  readonly t: number;
  readonly value: number;
}

export function columns(
  bins: Float64Array,
  resolution: number,
  from: number,
  to: number,
  pixels: number,
  mode: 'mean' | 'max',
): RatePoint[] {
  const k0 = Math.max(0, Math.floor(from / resolution));
  const k1 = Math.min(bins.length, Math.ceil(to / resolution));
  if (k1 <= k0) return [];
  const step = Math.max(1, Math.ceil((k1 - k0) / Math.max(1, pixels)));
  const perSecond = 1e6 / resolution;
  const out: RatePoint[] = [];
  for (let k = k0; k < k1; k += step) {
    const end = Math.min(k1, k + step);
    let acc = 0;
    for (let j = k; j < end; j++) acc = mode === 'mean' ? acc + bins[j]! : Math.max(acc, bins[j]!);
    const v = mode === 'mean' ? acc / (end - k) : acc;
    out.push({ t: k * resolution, value: v * perSecond });
  }
  out.push({
    t: Math.min(k1, k0 + Math.ceil((k1 - k0) / step) * step) * resolution,
    value: out[out.length - 1]!.value,
  });
  return out;
}

/** Sum of bins over [from, to) in whole bins (the totals under the chart). */
export function totalOver(bins: Float64Array, resolution: number, from = 0, to = Number.POSITIVE_INFINITY): number {
  const k0 = Math.max(0, Math.floor(from / resolution));
  const k1 = Math.min(bins.length, Math.ceil(to / resolution));
  let s = 0;
  for (let k = k0; k < k1; k++) s += bins[k]!;
  return s;
}
