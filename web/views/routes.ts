/**
 * Route view at the cursor, from the replay fold: each router's paths per prefix with their state
 * (fresh / stale / LLGR-stale), which of them are in the ECMP set, the router-side sessions, and
 * the last ECMP change with the share of flows it moved.
 */
import type { ReplayState, RouteView } from '../../sim/index.js';
import { el } from '../dom.js';
import { formatMicros } from '../format.js';
import { GR_PHASE_LABEL, PATH_STATE_COLOR } from './colors.js';

/** Above this many path rows a router's table shows one summary row per prefix instead. */
export const MAX_PATH_ROWS = 120;
/** Prefixes listed per router; the rest are counted. */
export const MAX_PREFIXES = 60;

/** The heading's time is refreshed every frame; the tables only when the replay state changed. */
export function renderRoutesTime(host: HTMLElement, cursor: number): void {
  const span = host.querySelector<HTMLElement>('h3 .routes-time');
  const text = formatMicros(cursor);
  if (span && span.textContent !== text) span.textContent = text;
}

/** A dual-stack router lists both families: IPv4 prefixes first, each tagged with its family. */
const familyOf = (prefix: string) => (prefix.includes(':') ? 'IPv6' : 'IPv4');
const prefixCell = (prefix: string) =>
  el('td', { 'data-family': familyOf(prefix) }, `${prefix} `, el('small', {}, familyOf(prefix)));

function summaryRow(router: string, prefix: string, route: RouteView): HTMLElement {
  const count = (st: string) => Object.values(route.paths).filter((p) => p === st).length;
  return el(
    'tr',
    { 'data-router': router, 'data-prefix': prefix },
    prefixCell(prefix),
    el('td', { colspan: 2 }, `${count('fresh')} fresh · ${count('stale')} stale · ${count('llgr-stale')} LLGR-stale`),
    el('td', {}, `${route.nextHops.length} next hops`),
  );
}

export function renderRoutes(host: HTMLElement, state: ReplayState, routers: readonly string[], cursor: number): void {
  const blocks: HTMLElement[] = [
    el('h3', {}, 'Routes at ', el('span', { class: 'routes-time' }, formatMicros(cursor))),
  ];
  for (const router of routers) {
    const prefixes = state.routes[router] ?? {};
    const rows: HTMLElement[] = [];
    const entries = Object.entries(prefixes).sort(([a], [b]) => familyOf(a).localeCompare(familyOf(b)));
    const pathRows = entries.reduce((a, [, r]) => a + Math.max(1, Object.keys(r.paths).length), 0);
    for (const [prefix, route] of entries.slice(0, MAX_PREFIXES)) {
      if (pathRows > MAX_PATH_ROWS) {
        rows.push(summaryRow(router, prefix, route));
        continue;
      }
      const nodes = [...new Set([...Object.keys(route.paths), ...route.nextHops])].sort();
      if (nodes.length === 0)
        rows.push(
          el(
            'tr',
            { 'data-router': router, 'data-prefix': prefix },
            prefixCell(prefix),
            el('td', { colspan: 3 }, 'no route'),
          ),
        );
      for (const node of nodes) {
        const st = route.paths[node] ?? 'absent';
        const inFib = route.nextHops.includes(node);
        rows.push(
          el(
            'tr',
            { 'data-router': router, 'data-prefix': prefix, 'data-node': node, 'data-state': st, 'data-ecmp': inFib },
            prefixCell(prefix),
            el('td', {}, node),
            el('td', {}, el('span', { class: 'pill', style: `background:${PATH_STATE_COLOR[st] ?? '#bbb'}` }, st)),
            el('td', {}, inFib ? `✓ ${route.nextHops.indexOf(node) + 1}/${route.nextHops.length}` : '—'),
          ),
        );
      }
      const change = state.lastEcmpChange[`${router} ${prefix}`];
      if (change)
        rows.push(
          el(
            'tr',
            { class: 'ecmp-change' },
            el(
              'td',
              { colspan: 4 },
              `last ECMP change ${formatMicros(change.t)}: ${(change.movedFraction * 100).toFixed(1)}% of flows moved, ${change.reset} reset`,
            ),
          ),
        );
    }
    if (entries.length > MAX_PREFIXES)
      rows.push(el('tr', {}, el('td', { colspan: 4 }, `… and ${entries.length - MAX_PREFIXES} more prefixes`)));
    const sessions = Object.entries(state.sessions)
      .filter(([subject]) => subject.startsWith(`${router}>`))
      .map(([subject, s]) =>
        el(
          'li',
          { 'data-session': subject },
          `${subject.slice(router.length + 1)}: BGP ${s.bgp}`,
          s.gr !== 'none' ? ` · ${GR_PHASE_LABEL[s.gr] ?? s.gr}` : '',
          s.bfd ? ` · BFD ${s.bfd}` : '',
        ),
      );
    blocks.push(
      el(
        'section',
        { class: 'router', 'data-router': router },
        el('h4', {}, router),
        el(
          'table',
          {},
          el(
            'thead',
            {},
            el('tr', {}, el('th', {}, 'prefix'), el('th', {}, 'from'), el('th', {}, 'path'), el('th', {}, 'ECMP')),
          ),
          el('tbody', {}, ...rows),
        ),
        el('ul', { class: 'sessions' }, ...sessions),
      ),
    );
  }
  host.replaceChildren(...blocks);
}
