/**
 * The time cursor: an absolutely positioned rule over a chart, moved with a transform so that
 * scrubbing repaints nothing of the charts under it (a trace can draw thousands of marks). Only
 * the transform changes while scrubbing; the other styles are written when they differ, since
 * every inline-style write makes the browser recompute the rule's style.
 */
import type { TimeAxis } from './time-axis.js';

/** Writes one inline style property only when it changes. */
export function setStyle(e: HTMLElement, prop: 'display' | 'top' | 'height' | 'transform', value: string): void {
  if (e.style[prop] !== value) e.style[prop] = value;
}

/** Shows the rule `line` at `x` px (or hides it when x is null). */
export function placeRule(line: HTMLElement, x: number | null): void {
  setStyle(line, 'display', x === null ? 'none' : 'block');
  if (x === null) return;
  setStyle(line, 'top', `${line.dataset.top ?? 0}px`);
  setStyle(line, 'transform', `translateX(${Math.round(x - 1)}px)`);
}

export function moveCursor(svgEl: SVGSVGElement, axis: TimeAxis, cursor: number): void {
  const line = svgEl.parentElement?.querySelector<HTMLElement>('.cursor-line');
  if (!line) return;
  const x = axis.scale();
  const [lo, hi] = x.domain() as [number, number];
  const visible = !svgEl.hasAttribute('hidden') && cursor >= lo && cursor <= hi;
  placeRule(line, visible ? x(cursor) : null);
}
