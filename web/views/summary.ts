/** The run's figures and expectations, and with a pinned baseline the two runs side by side. */
import { compareMetrics } from '../compare.js';
import { el } from '../dom.js';
import type { RunPayload } from '../run-payload.js';
import { stallsOf } from './stalls.js';

const num = (v: number) => (Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(3));

export function renderSummary(
  host: HTMLElement,
  run: RunPayload,
  baseline: RunPayload | null,
  ms: number | null,
  names: readonly [string, string] = ['baseline', 'this run'],
): void {
  const m = run.metrics;
  const st = stallsOf(m);
  // Stall times when the run's TCP model reports them (seconds a connection waited, p50/p99/max).
  const stallRows = (
    [
      ['stall.p50', 'stall p50 (s)', st?.p50 ?? null],
      ['stall.p99', 'stall p99 (s)', st?.p99 ?? null],
      ['stall.max', 'longest stall (s)', st?.max ?? null],
      ['reconnects', 'reconnects', st?.reconnects ?? null],
    ] as [string, string, number | null][]
  ).filter((r): r is [string, string, number] => r[2] !== null);
  const parts: HTMLElement[] = [
    el('h3', {}, 'Run'),
    el(
      'p',
      { class: 'muted' },
      `${run.scenario} · seed ${run.seed} · ${run.events.toLocaleString('en')} events${ms !== null ? ` · ${(ms / 1000).toFixed(2)} s` : ''} · trace ${run.traceHash}`,
    ),
    el(
      'table',
      { id: 'metrics' },
      el(
        'tbody',
        {},
        ...(
          [
            ['connections.started', 'connections started', m.connections.started],
            ['connections.reset', 'connections reset', m.connections.reset],
            ['packets.delivered', 'packets delivered', m.packets.delivered],
            ['packets.lost', 'packets lost', m.packets.lost],
            ['blackholeSeconds', 'black-holed (s)', m.blackholeSeconds],
            // Time with no route at all: the loss black-holed seconds do not count (LLGR runs out, a withdrawal).
            ['noRouteSeconds', 'no route (s)', m.noRouteSeconds],
            ['connections.resetByCause.rehash', '  reset: rehash', m.connections.resetByCause.rehash],
            ['connections.resetByCause.blackhole', '  reset: black hole', m.connections.resetByCause.blackhole],
            ['connections.resetByCause.nodeFailure', '  reset: node failure', m.connections.resetByCause.nodeFailure],
            ['connections.resetByCause.noRoute', '  reset: no route', m.connections.resetByCause.noRoute],
            ...stallRows,
            ['sessionFlaps', 'session drops', m.sessionFlaps],
          ] as [string, string, number][]
        ).map(([key, label, v]) =>
          el('tr', { 'data-metric': key, 'data-value': v }, el('td', {}, label), el('td', {}, num(v))),
        ),
      ),
    ),
    el(
      'ul',
      { class: 'expectations' },
      ...run.expectations.map((e) =>
        el('li', { class: e.passed ? 'pass' : 'fail' }, `${e.passed ? 'PASS' : 'FAIL'} ${e.name} — ${e.actual}`),
      ),
    ),
  ];
  if (baseline) {
    const rows = compareMetrics(baseline.metrics, m);
    parts.push(
      el('h3', {}, `Compared: ${names[1]} vs ${names[0]}`),
      el(
        'table',
        { id: 'compare' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', {}, ''),
            el('th', { 'data-name': 'a' }, names[0]),
            el('th', { 'data-name': 'b' }, names[1]),
            el('th', {}, 'Δ'),
          ),
        ),
        el(
          'tbody',
          {},
          ...rows.map((r) =>
            el(
              'tr',
              { 'data-compare': r.key, 'data-delta': r.delta, 'data-verdict': r.verdict },
              el('td', {}, r.label),
              el('td', {}, num(r.a)),
              el('td', {}, num(r.b)),
              el(
                'td',
                // Coloured by meaning: fewer packets delivered is worse though the number fell.
                { class: r.verdict === 'better' ? 'delta-better' : r.verdict === 'worse' ? 'delta-worse' : '' },
                `${r.delta > 0 ? '+' : ''}${num(r.delta)}`,
              ),
            ),
          ),
        ),
      ),
    );
  }
  host.replaceChildren(...parts);
}
