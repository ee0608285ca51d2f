/**
 * The hover readout (as Grafana's shared crosshair): at the time under the pointer, every lane's
 * state and GR phase and every traffic series' rate, in a box beside the pointer, with a rule
 * across each chart. Values come from the same timeline bands and series bins the charts draw.
 */
import { PROCESS_DOWN, type Timeline, type TimelineBand } from '../../sim/index.js';
import { el } from '../dom.js';
import { formatMicros } from '../format.js';
import type { TrafficSeries } from '../run-payload.js';
import { GR_PHASE_LABEL } from './colors.js';

export interface ReadoutRow {
  /** `lane <id>` or `series <name>`: what the row reads, for tests and styles. */
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

/** The band holding `t` (bands are sorted and do not overlap), or undefined between bands. */
export function bandAt(bands: readonly TimelineBand[], t: number): TimelineBand | undefined {
  let lo = 0;
  let hi = bands.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bands[mid]!.from <= t) lo = mid + 1;
    else hi = mid;
  }
  const b = bands[lo - 1];
  return b && t <= b.to ? b : undefined;
}

/** Rate per second of one series bin at `t`, 0 outside the run. */
export function rateAt(bins: Float64Array, resolution: number, t: number): number {
  const k = Math.floor(t / resolution);
  return k >= 0 && k < bins.length ? (bins[k]! * 1e6) / resolution : 0;
}

const SERIES: readonly { name: 'delivered' | 'lost' | 'resets' | 'opened'; label: string; unit: string }[] = [
  { name: 'delivered', label: 'delivered', unit: 'pkt/s' },
  { name: 'lost', label: 'lost', unit: 'pkt/s' },
  { name: 'resets', label: 'resets', unit: '/s' },
  { name: 'opened', label: 'opened', unit: 'conn/s' },
];

const rate = (x: number) =>
  Number.isInteger(x) ? x.toLocaleString('en') : x.toLocaleString('en', { maximumFractionDigits: 1 });

/** What the readout lists at `t`: each lane's state (and GR phase), then each series' rate. */
export function readoutRows(tl: Timeline, series: TrafficSeries, t: number, prefix = ''): ReadoutRow[] {
  const rows: ReadoutRow[] = [];
  for (const l of tl.lanes) {
    const b = bandAt(l.bands, t);
    const gr = bandAt(l.grBands, t);
    const state = b ? (b.state === PROCESS_DOWN ? 'process down' : b.state) : '—';
    rows.push({
      key: `lane ${l.id}`,
      label: `${l.kind.toUpperCase()} ${l.owner} → ${l.peer}`,
      value: gr && gr.state !== 'none' ? `${state} · ${GR_PHASE_LABEL[gr.state] ?? gr.state}` : state,
    });
  }
  for (const s of SERIES)
    rows.push({
      key: `series ${prefix}${s.name}`,
      label: `${prefix}${s.label}`,
      value: `${rate(rateAt(series[s.name], series.resolution, t))} ${s.unit}`,
    });
  return rows;
}

export function renderReadout(box: HTMLElement, t: number, rows: readonly ReadoutRow[]): void {
  box.replaceChildren(
    el('div', { class: 'readout-time' }, formatMicros(t)),
    el(
      'table',
      {},
      ...rows.map((r) =>
        el('tr', { 'data-readout': r.key }, el('th', {}, r.label), el('td', { 'data-value': r.value }, r.value)),
      ),
    ),
  );
}
