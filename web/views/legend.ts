/** The legend under the timeline: what each colour and mark means, only for what this run draws. */
import { PROCESS_DOWN, type Timeline } from '../../sim/index.js';
import { el } from '../dom.js';
import {
  BFD_STATE_COLOR,
  BGP_STATE_COLOR,
  GR_PHASE_COLOR,
  GR_PHASE_LABEL,
  MARK_COLOR,
  PROCESS_DOWN_COLOR,
} from './colors.js';

export function renderLegend(host: HTMLElement, tl: Timeline): void {
  const used = { bgp: new Set<string>(), bfd: new Set<string>(), gr: new Set<string>(), mark: new Set<string>() };
  let timers = false;
  let dead = false;
  for (const l of tl.lanes) {
    for (const b of l.bands) {
      if (b.state === PROCESS_DOWN) dead = true;
      else used[l.kind].add(b.state);
    }
    for (const b of l.grBands) used.gr.add(b.state);
    for (const m of l.marks) used.mark.add(m.kind);
    if (l.timers.length > 0) timers = true;
  }
  const item = (key: string, color: string, label: string, cls = '') =>
    el('span', { 'data-legend': key, class: cls }, el('i', { style: `background:${color}` }), label);
  const pick = (table: Record<string, string>, set: Set<string>, prefix: string, label = (s: string) => s) =>
    Object.entries(table)
      .filter(([s]) => set.has(s))
      .map(([s, c]) => item(`${prefix}${s}`, c, label(s)));
  host.replaceChildren(
    ...pick(BGP_STATE_COLOR, used.bgp, 'bgp:', (s) => `BGP ${s}`),
    ...pick(BFD_STATE_COLOR, used.bfd, 'bfd:', (s) => `BFD ${s}`),
    ...(dead
      ? [
          item(
            'process-down',
            `repeating-linear-gradient(45deg, ${PROCESS_DOWN_COLOR} 0 3px, #90a4ae 3px 5px)`,
            'process or node down',
          ),
        ]
      : []),
    ...pick(GR_PHASE_COLOR, used.gr, 'gr:', (s) => GR_PHASE_LABEL[s] ?? s),
    ...pick(MARK_COLOR, used.mark, 'mark:', (s) => (s === 'bfd-decision' ? 'BFD down decision' : s)),
    ...(timers ? [item('timer', '#212121', 'GR timer ran (dashed: until it would fire)', 'timer')] : []),
  );
}
