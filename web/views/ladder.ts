/**
 * The ladder (sequence diagram) view, after Wireshark's flow graph: the node's column and the
 * router's column, time downwards, each message an arrow from sender to receiver with its label
 * and clause, state changes and process events as dots on a column, and the timers (restart,
 * stale-path, LLGR, hold, BFD detection, selection deferral) as bars beside the columns. Time is
 * drawn one row per instant, with the quiet gaps between them folded and labelled ("18.9 s later"),
 * so a 20 s restart and its 100 µs replies both read.
 */
import * as d3 from 'd3';
import type { Ladder, LadderArrow, LadderPoint, LadderTimer } from '../../sim/index.js';
import { formatMicros } from '../format.js';
import { MARK_COLOR } from './colors.js';

export interface LadderHandlers {
  onPick(t: number, record: number): void;
}

const ROW = 30;
const TOP = 44;
const TIME_W = 96;

export const TIMER_COLOR: Record<LadderTimer['name'], string> = {
  restart: '#c2185b',
  'stale-path': '#7e57c2',
  llgr: '#6d4c41',
  hold: '#ef6c00',
  'bfd-detection': '#e53935',
  deferral: '#00897b',
};

/** One row per message and per point, in time order (as Wireshark's flow graph: one packet a row). */
interface Row {
  readonly t: number;
  readonly arrow?: LadderArrow;
  readonly point?: LadderPoint;
}

function rows(l: Ladder): Row[] {
  const out: (Row & { record: number })[] = [
    ...l.arrows.map((a) => ({ t: a.sent, arrow: a, record: a.record })),
    ...l.points.map((p) => ({ t: p.t, point: p, record: p.record })),
  ];
  return out.sort((a, b) => a.t - b.t || a.record - b.record);
}

/** y of time t: the first row at t, or between the rows around it. */
export function ladderY(times: readonly number[], t: number): number {
  if (times.length === 0) return TOP;
  const i = d3.bisectLeft(times, t);
  if (i < times.length && times[i] === t) return TOP + i * ROW;
  if (i === 0) return TOP - ROW / 2;
  if (i >= times.length) return TOP + (times.length - 1) * ROW + ROW / 2;
  const lo = times[i - 1]!;
  const hi = times[i]!;
  return TOP + (i - 1 + (t - lo) / (hi - lo)) * ROW;
}

export function renderLadder(svgEl: SVGSVGElement, l: Ladder, width: number, h: LadderHandlers): void {
  const list = rows(l);
  const times = list.map((r) => r.t);
  const rowY = new Map<object, number>();
  list.forEach((r, i) => {
    rowY.set((r.arrow ?? r.point)!, TOP + i * ROW);
  });
  const height = TOP + Math.max(1, times.length) * ROW + 10;
  const svg = d3.select(svgEl);
  svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  svg.selectAll('*').remove();
  const xa = TIME_W + (width - TIME_W) * 0.3;
  const xb = TIME_W + (width - TIME_W) * 0.72;
  const x = (c: 'a' | 'b') => (c === 'a' ? xa : xb);
  const y = (t: number) => ladderY(times, t);

  const defs = svg.append('defs');
  for (const [kind, color] of Object.entries(MARK_COLOR))
    defs
      .append('marker')
      .attr('id', `arrow-${kind}`)
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 10)
      .attr('refY', 5)
      .attr('markerWidth', 7)
      .attr('markerHeight', 7)
      .attr('orient', 'auto-start-reverse')
      .append('path')
      .attr('d', 'M0,0 L10,5 L0,10 Z')
      .attr('fill', color);

  // Column heads and lifelines.
  for (const [c, name] of [
    ['a', l.a],
    ['b', l.b],
  ] as const) {
    svg
      .append('text')
      .attr('class', 'ladder-head')
      .attr('x', x(c))
      .attr('y', 18)
      .attr('text-anchor', 'middle')
      .text(name);
    svg
      .append('line')
      .attr('class', 'lifeline')
      .attr('x1', x(c))
      .attr('x2', x(c))
      .attr('y1', 26)
      .attr('y2', height - 4);
  }

  // Time of each row, and the folded gaps between rows.
  const tg = svg.append('g').attr('class', 'ladder-times');
  times.forEach((t, i) => {
    if (i > 0 && times[i - 1] === t) return;
    tg.append('text')
      .attr('x', TIME_W - 8)
      .attr('y', TOP + i * ROW + 4)
      .attr('text-anchor', 'end')
      .text(formatMicros(t));
    const next = times[i + 1];
    if (next !== undefined && next - t >= 1_000_000)
      tg.append('text')
        .attr('class', 'gap')
        .attr('x', TIME_W - 8)
        .attr('y', TOP + i * ROW + ROW / 2 + 4)
        .attr('text-anchor', 'end')
        .text(`⋯ ${formatMicros(next - t)} later`);
  });

  // Timer bars beside their column, stacked outwards so they never overlap.
  const lanesUsed: { c: 'a' | 'b'; to: number }[][] = [[], []];
  const slot = (tm: LadderTimer) => {
    const list = lanesUsed[tm.column === 'a' ? 0 : 1]!;
    let k = list.findIndex((u) => u.to <= tm.from);
    if (k < 0) {
      k = list.length;
      list.push({ c: tm.column, to: tm.to });
    } else list[k] = { c: tm.column, to: tm.to };
    return k;
  };
  const timers = svg.append('g').attr('class', 'ladder-timers');
  for (const tm of l.timers) {
    const k = slot(tm);
    const bx = tm.column === 'a' ? xa - 10 - 7 * k : xb + 5 + 7 * k;
    const y0 = y(tm.from);
    const y1 = Math.max(y0 + 3, y(tm.to));
    timers
      .append('rect')
      .attr('class', 'timer')
      .attr('data-timer', tm.name)
      .attr('data-column', tm.column)
      .attr('x', bx)
      .attr('y', y0)
      .attr('width', 5)
      .attr('height', y1 - y0)
      .attr('fill', TIMER_COLOR[tm.name])
      .append('title')
      .text(
        `${tm.label}: ${formatMicros(tm.from)} → ${formatMicros(tm.to)}${tm.deadline !== null ? ` (due ${formatMicros(tm.deadline)})` : ''}`,
      );
  }

  // Dots on a column: BFD state changes, session drops, process events.
  const pts = svg
    .append('g')
    .attr('class', 'ladder-points')
    .selectAll('g')
    .data(l.points)
    .join('g')
    .attr('class', 'point')
    .attr('data-kind', (p) => p.kind)
    .attr('data-record', (p) => p.record)
    .attr('transform', (p) => `translate(${x(p.column)},${rowY.get(p)})`)
    .on('click', (_e, p: LadderPoint) => h.onPick(p.t, p.record));
  pts
    .append('circle')
    .attr('r', 5)
    .attr('fill', (p) => (p.kind === 'bfd' ? '#e53935' : p.kind === 'process' ? '#37474f' : '#000'));
  // Points sit outside the pair: left of the node's column, right of the router's (timer bars between).
  pts
    .append('text')
    .attr('class', 'point-label')
    .attr('x', (p) => (p.column === 'a' ? -52 : 52))
    .attr('y', 4)
    .attr('text-anchor', (p) => (p.column === 'a' ? 'end' : 'start'))
    .text((p) => p.label);
  pts.append('title').text((p) => `${p.label}${p.clause ? ` [${p.clause}]` : ''}`);

  // Arrows with their label above and clause below.
  const arr = svg
    .append('g')
    .attr('class', 'ladder-arrows')
    .selectAll('g')
    .data(l.arrows)
    .join('g')
    .attr('class', 'arrow')
    .attr('data-kind', (a) => a.kind)
    .attr('data-from', (a) => a.from)
    .attr('data-record', (a) => a.record)
    .attr('data-inferred', (a) => (a.inferred ? '' : null))
    .on('click', (_e, a: LadderArrow) => h.onPick(a.sent, a.record));
  const to = (a: LadderArrow) => (a.from === 'a' ? 'b' : 'a');
  // Arrows run level in their row; the receipt time is in the tooltip (delays are µs against seconds).
  const endX = (a: LadderArrow) => (a.received === null ? (x(a.from) + x(to(a))) / 2 : x(to(a)));
  const endY = (a: LadderArrow) => rowY.get(a)!;
  arr
    .append('line')
    .attr('x1', (a) => x(a.from))
    .attr('y1', (a) => rowY.get(a)!)
    .attr('x2', endX)
    .attr('y2', endY)
    .attr('stroke', (a) => MARK_COLOR[a.kind] ?? '#333')
    .attr('stroke-width', 2)
    .attr('stroke-dasharray', (a) => (a.kind === 'KEEPALIVE' ? '4 3' : null))
    .attr('marker-end', (a) => (a.received === null ? null : `url(#arrow-${a.kind in MARK_COLOR ? a.kind : 'OPEN'})`));
  // A message that never arrived ends in a cross halfway.
  arr
    .filter((a) => a.received === null)
    .append('path')
    .attr('class', 'lost')
    .attr('d', (a) => {
      const cx = endX(a);
      const cy = endY(a);
      return `M${cx - 5},${cy - 5} L${cx + 5},${cy + 5} M${cx - 5},${cy + 5} L${cx + 5},${cy - 5}`;
    })
    .attr('stroke', '#c62828')
    .attr('stroke-width', 2);
  const mid = (a: LadderArrow) => (x(a.from) + x(to(a))) / 2;
  const midY = (a: LadderArrow) => rowY.get(a)!;
  arr
    .append('text')
    .attr('class', 'arrow-label')
    .attr('x', mid)
    .attr('y', (a) => midY(a) - 4)
    .attr('text-anchor', 'middle')
    .text((a) => a.label);
  arr
    .append('text')
    .attr('class', 'arrow-clause')
    .attr('x', mid)
    .attr('y', (a) => midY(a) + 10)
    .attr('text-anchor', 'middle')
    .text((a) => (a.clause ? `[${a.clause}]` : ''));
  arr
    .append('title')
    .text(
      (a) =>
        `${a.label}\nsent ${formatMicros(a.sent)}${a.received !== null ? `, received ${formatMicros(a.received)}${a.inferred ? ' (read from the receiver’s reaction)' : ''}` : ', never received'}${a.clause ? `\n[${a.clause}]` : ''}`,
    );
  svg.append('line').attr('class', 'ladder-cursor').attr('x1', TIME_W).attr('x2', width).attr('y1', 0).attr('y2', 0);
  svg.attr('data-rows', times.length);
  (svgEl as SVGSVGElement & { ladderTimes?: number[] }).ladderTimes = times;
}

/** Moves the cursor rule to time t. */
export function moveLadderCursor(svgEl: SVGSVGElement, t: number): void {
  const times = (svgEl as SVGSVGElement & { ladderTimes?: number[] }).ladderTimes;
  if (!times) return;
  const yy = ladderY(times, t);
  d3.select(svgEl).select('line.ladder-cursor').attr('y1', yy).attr('y2', yy);
}
