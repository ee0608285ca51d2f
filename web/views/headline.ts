/**
 * The answer card at the top of the page: the figures a user came for (connections reset and why,
 * packets lost, black-holed and no-route seconds, longest stall, expectations), readable from the
 * back of a room and never below the fold.
 */
import type { RunMetrics } from '../../sim/index.js';
import { el } from '../dom.js';
import type { RunPayload } from '../run-payload.js';
import { stallsOf } from './stalls.js';

const int = (v: number) => Math.round(v).toLocaleString('en');
const sec = (v: number) => `${Number.isInteger(v) ? v : Number(v.toFixed(3))} s`;

const CAUSES: readonly [keyof RunMetrics['connections']['resetByCause'], string][] = [
  ['rehash', 'rehash'],
  ['blackhole', 'black hole'],
  ['nodeFailure', 'node failure'],
  ['noRoute', 'no route'],
];

/** The baseline beside the run: its name and metrics, so each figure says what it was there. */
export interface HeadlineBaseline {
  readonly name: string;
  readonly metrics: RunMetrics;
}

export function renderHeadline(
  host: HTMLElement,
  run: RunPayload,
  label = '',
  baseline: HeadlineBaseline | null = null,
): void {
  const m = run.metrics;
  const was = (f: (x: RunMetrics) => number, fmt: (v: number) => string) => {
    if (!baseline) return null;
    const a = f(baseline.metrics);
    const b = f(m);
    // Every headline figure is a loss: less than the baseline is better (green), more is worse (red).
    const cls = b === a ? 'same' : b < a ? 'better' : 'worse';
    const d = b - a;
    const text =
      d === 0 ? `same as ${baseline.name}` : `${d > 0 ? '+' : '−'}${fmt(Math.abs(d))} vs ${baseline.name} (${fmt(a)})`;
    return el('span', { class: `was ${cls}`, 'data-was': a, 'data-verdict': cls }, text);
  };
  const causes = CAUSES.filter(([k]) => m.connections.resetByCause[k] > 0)
    .map(([k, name]) => `${int(m.connections.resetByCause[k])} ${name}`)
    .join(' · ');
  const stalls = stallsOf(m);
  const longest = stalls?.max ?? null;
  const bad = (v: number) => (v > 0 ? 'bad' : 'good');
  const card = (
    key: string,
    value: string,
    title: string,
    sub: string,
    cls: string,
    before: HTMLElement | null = null,
  ) =>
    el(
      'div',
      { class: `figure ${cls}`, 'data-headline': key },
      el('span', { class: 'value' }, value),
      el('span', { class: 'name' }, title),
      sub ? el('span', { class: 'sub' }, sub) : null,
      before,
    );
  const passed = run.expectations.filter((e) => e.passed).length;
  const pct = m.connections.started > 0 ? (100 * m.connections.reset) / m.connections.started : 0;
  const parts = [
    card(
      'resets',
      int(m.connections.reset),
      'connections reset',
      m.connections.reset > 0
        ? `${pct.toFixed(1)} % of ${int(m.connections.started)}: ${causes}`
        : `of ${int(m.connections.started)}`,
      bad(m.connections.reset),
      was((x) => x.connections.reset, int),
    ),
    card(
      'lost',
      int(m.packets.lost),
      'packets lost',
      '',
      bad(m.packets.lost),
      was((x) => x.packets.lost, int),
    ),
    card(
      'blackhole',
      sec(m.blackholeSeconds),
      'black-holed',
      'next hop dead',
      bad(m.blackholeSeconds),
      was((x) => x.blackholeSeconds, sec),
    ),
    card(
      'noRoute',
      sec(m.noRouteSeconds),
      'no route',
      'route gone',
      bad(m.noRouteSeconds),
      was((x) => x.noRouteSeconds, sec),
    ),
    longest !== null
      ? card(
          'stall',
          sec(longest),
          'longest stall',
          stalls?.p99 !== null && stalls?.p99 !== undefined ? `p99 ${sec(stalls.p99)}` : '',
          bad(longest),
        )
      : card(
          'stall',
          sec(Math.max(m.blackholeSeconds, m.noRouteSeconds)),
          'longest outage',
          'no per-connection stall model in this run',
          bad(Math.max(m.blackholeSeconds, m.noRouteSeconds)),
        ),
    run.expectations.length > 0
      ? card(
          'expectations',
          `${passed}/${run.expectations.length}`,
          'expectations pass',
          '',
          passed === run.expectations.length ? 'good' : 'bad',
        )
      : null,
    label ? el('div', { class: 'run-label', 'data-run-label': '' }, label) : null,
  ];
  host.replaceChildren(...parts.filter((x): x is HTMLDivElement => x !== null));
}
