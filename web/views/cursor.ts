/**
 * The time cursor: an absolutely positioned rule over a chart, moved with a transform so that
 * scrubbing repaints nothing of the charts under it (a trace can draw thousands of marks).
 */
import type { TimeAxis } from './time-axis.js';

export function moveCursor(svgEl: SVGSVGElement, axis: TimeAxis, cursor: number): void {
  const line = svgEl.parentElement?.querySelector<HTMLElement>('.cursor-line');
  if (!line) return;
  const x = axis.scale();
  const [lo, hi] = x.domain() as [number, number];
  const visible = !svgEl.hasAttribute('hidden') && cursor >= lo && cursor <= hi;
  line.style.display = visible ? 'block' : 'none';
  if (!visible) return;
  line.style.top = `${line.dataset.top ?? 0}px`;
  line.style.transform = `translateX(${x(cursor) - 1}px)`;
}
