/** The run's figures and expectations, and with a pinned baseline the two runs side by side. */
import { compareMetrics } from '../compare.js';
import { el } from '../dom.js';
import type { RunPayload } from '../run-payload.js';

const num = (v: number) => (Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(3));

export function renderSummary(
  host: HTMLElement,
  run: RunPayload,
  baseline: RunPayload | null,
  ms: number | null,
): void {
  const m = run.metrics;
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
            ['sessionFlaps', 'session drops', m.sessionFlaps],
          ] as const
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
      el('h3', {}, 'Compared with the baseline'),
      el(
        'table',
        { id: 'compare' },
        el(
          'thead',
          {},
          el('tr', {}, el('th', {}, ''), el('th', {}, 'baseline'), el('th', {}, 'this run'), el('th', {}, 'Δ')),
        ),
        el(
          'tbody',
          {},
          ...rows.map((r) =>
            el(
              'tr',
              { 'data-compare': r.key, 'data-delta': r.delta },
              el('td', {}, r.label),
              el('td', {}, num(r.a)),
              el('td', {}, num(r.b)),
              el(
                'td',
                { class: r.delta > 0 ? 'delta-up' : r.delta < 0 ? 'delta-down' : '' },
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
