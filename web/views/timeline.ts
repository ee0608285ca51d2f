/**
 * The swimlane timeline (d3): a lane per BGP and per BFD session side, FSM state bands, the GR
 * helper's phases as a strip under them, messages as marks and the faults as vertical rules.
 * Only what falls inside the visible window is drawn, so zooming a long run stays cheap.
 */
import * as d3 from 'd3';
import { PROCESS_DOWN, type Timeline, type TimelineBand } from '../../sim/index.js';
import {
  BFD_STATE_COLOR,
  BGP_STATE_COLOR,
  GR_PHASE_COLOR,
  GR_PHASE_LABEL,
  MARK_COLOR,
  PROCESS_DOWN_COLOR,
} from './colors.js';
import { LABEL_WIDTH, RIGHT_MARGIN, type TimeAxis } from './time-axis.js';

export const LANE_HEIGHT = 20;
const TOP = 24;

export interface TimelineHandlers {
  onCursor(t: number): void;
  onRecord(index: number): void;
}

function visible(bands: readonly TimelineBand[], lo: number, hi: number): TimelineBand[] {
  return bands.filter((b) => b.to >= lo && b.from <= hi);
}

export function renderTimeline(svgEl: SVGSVGElement, tl: Timeline, axis: TimeAxis, h: TimelineHandlers): void {
  const svg = d3.select(svgEl);
  const width = axis.width;
  const height = TOP + tl.lanes.length * LANE_HEIGHT + 6;
  svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  const x = axis.scale();
  const [lo, hi] = x.domain() as [number, number];
  const px = (t: number) => Math.max(LABEL_WIDTH, Math.min(width - RIGHT_MARGIN, x(t)));

  // Hatched dark grey: nothing runs there (a stopped speaker, a crashed node), unlike any FSM state.
  const defs = svg.selectAll('defs').data([0]).join('defs');
  const pat = defs
    .selectAll('pattern')
    .data([0])
    .join('pattern')
    .attr('id', 'process-down')
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternTransform', 'rotate(45)');
  pat.selectAll('rect').data([0]).join('rect').attr('width', 6).attr('height', 6).attr('fill', PROCESS_DOWN_COLOR);
  pat
    .selectAll('line')
    .data([0])
    .join('line')
    .attr('x1', 0)
    .attr('y1', 0)
    .attr('x2', 0)
    .attr('y2', 6)
    .attr('stroke', '#90a4ae')
    .attr('stroke-width', 2);
  svg.selectAll('g.root').data([0]).join('g').attr('class', 'root');
  const root = svg.select<SVGGElement>('g.root');
  root
    .selectAll<SVGGElement, number>('g.axis')
    .data([0])
    .join('g')
    .attr('class', 'axis')
    .attr('transform', `translate(0,${TOP - 4})`)
    .call(axis.axis(x));

  const lanes = root
    .selectAll<SVGGElement, (typeof tl.lanes)[number]>('g.lane')
    .data(tl.lanes, (l) => l.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'lane');
      g.append('rect').attr('class', 'lane-bg');
      g.append('text').attr('class', 'lane-label');
      g.append('g').attr('class', 'bands');
      g.append('g').attr('class', 'gr');
      g.append('g').attr('class', 'timers');
      g.append('g').attr('class', 'marks');
      return g;
    })
    .attr('data-lane', (l) => l.id)
    .attr('transform', (_, i) => `translate(0,${TOP + i * LANE_HEIGHT})`);

  lanes
    .select('rect.lane-bg')
    .attr('x', 0)
    .attr('width', width)
    .attr('height', LANE_HEIGHT)
    .attr('fill', (_, i) => (i % 2 ? '#f7f7f9' : '#ffffff'));
  // A label never runs under the bars: too long, it loses the middle of its longer name (the ends,
  // which tell node-1 from node-2, stay) and the whole label is in its tooltip.
  lanes
    .select<SVGTextElement>('text.lane-label')
    .attr('x', 4)
    .attr('y', LANE_HEIGHT / 2 + 4)
    .each(function (l) {
      const full = `${l.kind.toUpperCase()} ${l.owner} → ${l.peer}`;
      fitLabel(this, full, l.kind.toUpperCase(), l.owner, l.peer, LABEL_WIDTH - 8);
      d3.select(this).selectAll('title').data([full]).join('title').text(full);
    })
    .attr('data-full', (l) => `${l.kind.toUpperCase()} ${l.owner} → ${l.peer}`);

  lanes.each(function (l) {
    const g = d3.select(this);
    const colors = l.kind === 'bgp' ? BGP_STATE_COLOR : BFD_STATE_COLOR;
    g.select('g.bands')
      .selectAll('rect')
      .data(visible(l.bands, lo, hi))
      .join('rect')
      .attr('x', (b) => px(b.from))
      .attr('width', (b) => Math.max(1, px(b.to) - px(b.from)))
      .attr('y', 2)
      .attr('height', LANE_HEIGHT - 8)
      .attr('fill', (b) => (b.state === PROCESS_DOWN ? 'url(#process-down)' : (colors[b.state] ?? '#cccccc')))
      .attr('data-state', (b) => b.state)
      .selectAll('title')
      .data((b) => [b])
      .join('title')
      .text(
        (b) =>
          `${l.subject}: ${b.state === PROCESS_DOWN ? `${l.owner} is down (no process runs this session)` : b.state}`,
      );
    g.select('g.gr')
      .selectAll('rect')
      .data(visible(l.grBands, lo, hi))
      .join('rect')
      .attr('x', (b) => px(b.from))
      .attr('width', (b) => Math.max(2, px(b.to) - px(b.from)))
      .attr('y', LANE_HEIGHT - 6)
      .attr('height', 5)
      .attr('fill', (b) => GR_PHASE_COLOR[b.state] ?? '#999')
      .attr('data-gr', (b) => b.state)
      .selectAll('title')
      .data((b) => [b])
      .join('title')
      .text((b) => `${l.subject}: ${GR_PHASE_LABEL[b.state] ?? b.state}`);
    // Each GR timer: a solid bar while it ran, a dashed outline up to when it would have fired.
    const timers = l.timers.filter((x) => x.deadline >= lo && x.from <= hi);
    g.select('g.timers')
      .selectAll('rect.ran')
      .data(timers)
      .join('rect')
      .attr('class', 'ran')
      .attr('x', (x) => px(x.from))
      .attr('width', (x) => Math.max(1, px(x.end) - px(x.from)))
      .attr('y', 0)
      .attr('height', 2)
      .attr('fill', '#212121')
      .selectAll('title')
      .data((x) => [x])
      .join('title')
      .text((x) => `${l.subject}: ${x.name}, ${(x.deadline - x.from) / 1e6} s`);
    g.select('g.timers')
      .selectAll('rect.left')
      .data(timers.filter((x) => x.end < x.deadline))
      .join('rect')
      .attr('class', 'left')
      .attr('x', (x) => px(x.end))
      .attr('width', (x) => Math.max(0, px(x.deadline) - px(x.end)))
      .attr('y', 0.5)
      .attr('height', 1.5)
      .attr('fill', 'none')
      .attr('stroke', '#757575')
      .attr('stroke-dasharray', '3 2')
      .attr('stroke-width', 0.8);
    g.select('g.marks')
      .selectAll('path')
      .data(l.marks.filter((m) => m.t >= lo && m.t <= hi))
      .join('path')
      .attr('d', (m) => (m.dir === 'received' ? 'M0,2 L4,10 L-4,10 Z' : 'M-4,2 L4,2 L0,10 Z'))
      .attr('transform', (m) => `translate(${px(m.t)},${LANE_HEIGHT / 2 - 6})`)
      .attr('fill', (m) => MARK_COLOR[m.kind] ?? '#333')
      .attr('class', 'mark')
      .attr('data-kind', (m) => m.kind)
      .on('click', (e: MouseEvent, m) => {
        e.stopPropagation();
        h.onCursor(m.t);
        h.onRecord(m.record);
      })
      .selectAll('title')
      .data((m) => [m])
      .join('title')
      .text((m) => m.label);
  });

  root
    .selectAll('line.fault')
    .data(tl.faults.filter((f) => f.t >= lo && f.t <= hi))
    .join('line')
    .attr('class', 'fault')
    .attr('x1', (f) => x(f.t))
    .attr('x2', (f) => x(f.t))
    .attr('y1', TOP)
    .attr('y2', height)
    .selectAll('title')
    .data((f) => [f])
    .join('title')
    .text((f) => `${f.fault} ${f.subject}: ${f.detail}`);
  root
    .selectAll('text.fault-label')
    .data(tl.faults.filter((f) => f.t >= lo && f.t <= hi && f.fault !== 'traffic-start'))
    .join('text')
    .attr('class', 'fault-label')
    .attr('x', (f) => x(f.t) + 3)
    .attr('y', TOP + 10)
    .text((f) => `⚡ ${f.fault}`);

  svg.on('click', (e: MouseEvent) => {
    const [mx] = d3.pointer(e, svgEl);
    if (mx >= LABEL_WIDTH) h.onCursor(Math.max(0, Math.round(x.invert(mx))));
  });
}

/** A name cut in the middle to `keep` characters: its start and its end (where node-1 and node-2 differ) stay. */
function middle(name: string, keep: number): string {
  if (keep >= name.length) return name;
  const head = Math.ceil(keep / 2);
  return `${name.slice(0, head)}…${name.slice(name.length - (keep - head))}`;
}

/** Shortens the longer of the two names, a character at a time, until the label fits; the kind stays whole. */
function fitLabel(node: SVGTextElement, full: string, kind: string, owner: string, peer: string, max: number): void {
  node.textContent = full;
  if (typeof node.getComputedTextLength !== 'function' || node.getComputedTextLength() <= max) return;
  let o = owner.length;
  let p = peer.length;
  while (o + p > 2) {
    if (o >= p) o--;
    else p--;
    node.textContent = `${kind} ${middle(owner, o)} → ${middle(peer, p)}`;
    if (node.getComputedTextLength() <= max) return;
  }
}
