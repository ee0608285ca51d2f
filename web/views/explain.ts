/**
 * The explain panel: what happened at the event under the cursor, each line with its RFC clause,
 * in the words `stalepath explain` uses (the sim's one narrator).
 */
import { narrate, type WorldRecord } from '../../sim/index.js';
import { el } from '../dom.js';
import { formatMicros } from '../format.js';

export function renderExplain(host: HTMLElement, records: readonly WorldRecord[], indices: readonly number[]): void {
  if (indices.length === 0) {
    host.replaceChildren(el('h3', {}, 'Event'), el('p', { class: 'muted' }, 'No event before the cursor.'));
    return;
  }
  const t = records[indices[0]!]!.t;
  const items = indices.flatMap((i) => {
    const r = records[i]!;
    const s = stepText(r);
    if (s === null) return [];
    return [
      el(
        'li',
        { 'data-record': i, 'data-type': r.type },
        el('span', { class: 'subject' }, s.subject),
        ' ',
        s.text,
        s.clause ? el('span', { class: 'clause' }, ` [${s.clause}]`) : null,
      ),
    ];
  });
  host.replaceChildren(el('h3', {}, `Event at ${formatMicros(t)}`), el('ul', { class: 'explain' }, ...items));
}

/** One step of the list: its subject, explain's sentence and clause; null for a record not told. */
export function stepText(r: WorldRecord): { subject: string; text: string; clause: string } | null {
  const n = narrate(r);
  return n ? { subject: r.subject, text: n.text, clause: n.clause } : null;
}

/** GR timers running at the cursor, counting down. */
export function renderTimers(
  host: HTMLElement,
  timers: readonly { subject: string; name: string; left: number }[],
): void {
  host.replaceChildren(
    ...(timers.length === 0
      ? []
      : [
          el('h3', {}, 'Timers'),
          el(
            'ul',
            { class: 'explain' },
            ...timers.map((x) =>
              el(
                'li',
                { 'data-timer': x.subject },
                el('span', { class: 'subject' }, x.subject),
                ` ${x.name}: ${formatMicros(x.left)} left`,
              ),
            ),
          ),
        ]),
  );
}
