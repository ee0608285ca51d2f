/**
 * The traffic view under the timeline, on the same time axis: delivered and lost packet rates and
 * connection resets, with the run's totals. A compared run is drawn as a second copy beneath.
 */
import * as d3 from 'd3';
import type { RunPayload } from '../run-payload.js';
import { LABEL_WIDTH, RIGHT_MARGIN, type TimeAxis } from './time-axis.js';
import { columns, totalOver } from './traffic-bins.js';

const ROW = 64;
const GAP = 14;

interface Row {
  readonly key: 'delivered' | 'lost' | 'resets';
  readonly label: string;
  readonly color: string;
  readonly mode: 'mean' | 'max';
}

const ROWS: readonly Row[] = [
  { key: 'delivered', label: 'delivered pkt/s', color: '#1976d2', mode: 'mean' },
  { key: 'lost', label: 'lost pkt/s', color: '#d32f2f', mode: 'max' },
  { key: 'resets', label: 'resets /s', color: '#6d4c41', mode: 'max' },
];

const fmt = d3.format('~s');

export function renderTraffic(
  svgEl: SVGSVGElement,
  run: RunPayload,
  axis: TimeAxis,
  title: string,
  onCursor: (t: number) => void,
): void {
  const svg = d3.select(svgEl);
  const width = axis.width;
  const height = 18 + ROWS.length * (ROW + GAP);
  svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  const x = axis.scale();
  const [lo, hi] = x.domain() as [number, number];
  const pixels = Math.max(1, Math.floor((width - LABEL_WIDTH) / 2));
  const s = run.series;

  svg
    .selectAll('text.title')
    .data([title])
    .join('text')
    .attr('class', 'title')
    .attr('x', 4)
    .attr('y', 12)
    .text((d) => d);

  const rows = svg
    .selectAll<SVGGElement, Row>('g.row')
    .data(ROWS, (r) => r.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'row');
      g.append('text').attr('class', 'row-label');
      g.append('g').attr('class', 'y-axis');
      g.append('path').attr('class', 'area');
      g.append('defs').append('clipPath').append('rect');
      return g;
    })
    .attr('data-row', (r) => r.key)
    .attr('transform', (_, i) => `translate(0,${18 + i * (ROW + GAP)})`);

  rows.each(function (r, i) {
    const g = d3.select(this);
    const pts = columns(s[r.key], s.resolution, Math.max(0, lo), hi, pixels, r.mode);
    const max = d3.max(pts, (p) => p.value) ?? 0;
    const y = d3
      .scaleLinear()
      .domain([0, max > 0 ? max * 1.1 : 1])
      .range([ROW, 0]);
    const clipId = `clip-${svgEl.id}-${i}`;
    g.select('clipPath')
      .attr('id', clipId)
      .select('rect')
      .attr('x', LABEL_WIDTH)
      .attr('width', width - LABEL_WIDTH - RIGHT_MARGIN)
      .attr('height', ROW);
    g.select('text.row-label')
      .attr('x', 4)
      .attr('y', ROW / 2)
      .text(r.label);
    const yAxis = d3
      .axisLeft(y)
      .ticks(3)
      .tickFormat((v) => fmt(Number(v)));
    // An all-zero row shows just 0, not fractional ticks of an empty scale.
    if (max === 0) yAxis.tickValues([0]);
    g.select<SVGGElement>('g.y-axis').attr('transform', `translate(${LABEL_WIDTH},0)`).call(yAxis);
    const area = d3
      .area<(typeof pts)[number]>()
      .curve(d3.curveStepAfter)
      .x((p) => x(p.t))
      .y0(ROW)
      .y1((p) => y(p.value));
    g.select('path.area')
      .attr('clip-path', `url(#${clipId})`)
      .attr('fill', r.color)
      .attr('fill-opacity', 0.35)
      .attr('stroke', r.color)
      .attr('d', area(pts) ?? '');
  });

  const totals = {
    delivered: Math.round(totalOver(s.delivered, s.resolution)),
    lost: Math.round(totalOver(s.lost, s.resolution)),
    resets: Math.round(totalOver(s.resets, s.resolution)),
  };
  svg
    .selectAll('text.totals')
    .data([totals])
    .join('text')
    .attr('class', 'totals')
    .attr('x', width - 4)
    .attr('y', 12)
    .attr('text-anchor', 'end')
    .attr('data-delivered', (t) => t.delivered)
    .attr('data-lost', (t) => t.lost)
    .attr('data-resets', (t) => t.resets)
    .text(
      (t) =>
        `total: ${t.delivered.toLocaleString('en')} delivered · ${t.lost.toLocaleString('en')} lost · ${t.resets.toLocaleString('en')} resets`,
    );

  svg.on('click', (e: MouseEvent) => {
    const [mx] = d3.pointer(e, svgEl);
    if (mx >= LABEL_WIDTH) onCursor(Math.max(0, Math.round(x.invert(mx))));
  });
}
