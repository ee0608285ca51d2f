/** The legend under the timeline: what each colour and mark means. */
import { el } from '../dom.js';
import { BFD_STATE_COLOR, BGP_STATE_COLOR, GR_PHASE_COLOR, GR_PHASE_LABEL, MARK_COLOR } from './colors.js';

export function renderLegend(host: HTMLElement): void {
  const item = (color: string, label: string) => el('span', {}, el('i', { style: `background:${color}` }), label);
  host.replaceChildren(
    ...Object.entries(BGP_STATE_COLOR).map(([s, c]) => item(c, s)),
    ...Object.entries(BFD_STATE_COLOR).map(([s, c]) => item(c, `BFD ${s}`)),
    ...Object.entries(GR_PHASE_COLOR).map(([s, c]) => item(c, GR_PHASE_LABEL[s] ?? s)),
    ...Object.entries(MARK_COLOR).map(([s, c]) => item(c, s)),
  );
}
