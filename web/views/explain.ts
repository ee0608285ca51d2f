/**
 * The explain panel: what happened at the event under the cursor, each line with its RFC clause,
 * in the words `stalepath explain` uses (the sim's one narrator).
 */
import { narrate, type WorldRecord } from '../../sim/index.js';
import { clauseParts } from '../clause-link.js';
import { el } from '../dom.js';
import { formatMicros } from '../format.js';

/** Where the cursor is among the run's events: the i-th of n instants (0 before the first). */
export interface EventPosition {
  readonly i: number;
  readonly n: number;
}

/** "event 3 of 14", with the end of the run said when there is no further event. */
export function positionText(p: EventPosition): string {
  if (p.i === 0) return `before the first event (${p.n} events)`;
  return `event ${p.i} of ${p.n}${p.i === p.n ? ' (last)' : ''}`;
}

/**
 * Every line of the instant, however many (the list scrolls; nothing is cut), each clause a link
 * to its RFC section.
 */
export function renderExplain(
  host: HTMLElement,
  records: readonly WorldRecord[],
  indices: readonly number[],
  position: EventPosition,
): void {
  const where = el(
    'span',
    { class: 'event-position', 'data-i': position.i, 'data-n': position.n },
    positionText(position),
  );
  if (indices.length === 0) {
    host.replaceChildren(el('h3', {}, 'Event ', where), el('p', { class: 'muted' }, 'No event before the cursor.'));
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
        s.clause ? el('span', { class: 'clause' }, ' [', ...clauseNodes(s.clause), ']') : null,
      ),
    ];
  });
  host.replaceChildren(
    el('h3', {}, `Event at ${formatMicros(t)} · `, where, ` · ${items.length} line${items.length === 1 ? '' : 's'}`),
    el('ul', { class: 'explain' }, ...items),
  );
}

function clauseNodes(clause: string): (Node | string)[] {
  return clauseParts(clause).map((p) =>
    p.href ? el('a', { href: p.href, target: '_blank', rel: 'noopener noreferrer' }, p.text) : p.text,
  );
}

/** One step of the list: its subject, explain's sentence and clause; null for a record not told. */
export function stepText(r: WorldRecord): { subject: string; text: string; clause: string } | null {
  const n = narrate(r);
  return n ? { subject: r.subject, text: n.text, clause: n.clause } : null;
}

/**
 * GR timers running at the cursor, counting down. Scrubbing changes only the time left: the list
 * is rebuilt when the set of timers changes, otherwise each counter's text is rewritten in place
 * (each line a fixed-height box, so a counter changing length lays out nothing around it).
 */
export function renderTimers(
  host: HTMLElement,
  timers: readonly { subject: string; name: string; left: number }[],
): void {
  const key = timers.map((x) => `${x.subject} ${x.name}`).join('|');
  if (host.dataset.timers !== key) {
    host.dataset.timers = key;
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
                  { 'data-timer': x.subject, title: `${x.subject} ${x.name}` },
                  el(
                    'span',
                    { class: 'timer-line' },
                    el('span', { class: 'subject' }, x.subject),
                    ` ${x.name}: `,
                    el('span', { class: 'left' }, ''),
                    ' left',
                  ),
                ),
              ),
            ),
          ]),
    );
  }
  const lefts = host.querySelectorAll<HTMLElement>('span.left');
  timers.forEach((x, i) => {
    const e = lefts[i];
    const text = formatMicros(x.left);
    if (e && e.textContent !== text) e.textContent = text;
  });
}
