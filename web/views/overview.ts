/**
 * The overview strip (as the DevTools performance panel's): the whole run's delivered and lost
 * traffic and its faults in a thin chart, with a brush on the window the other views show.
 * Brushing zooms them; zooming them moves the brush; the cursor is a rule across the strip.
 */
import * as d3 from 'd3';
import type { RunPayload } from '../run-payload.js';
import { placeRule, setStyle } from './cursor.js';
import { LABEL_WIDTH, RIGHT_MARGIN, type TimeAxis } from './time-axis.js';
import { columns } from './traffic-bins.js';

export const OVERVIEW_HEIGHT = 34;

export class Overview {
  private readonly brush = d3.brushX<number>();
  private x = d3.scaleLinear();
  private moving = false;
  private drawn = '';

  constructor(
    private readonly svgEl: SVGSVGElement,
    private readonly axis: TimeAxis,
  ) {
    this.brush.on('end', (e: d3.D3BrushEvent<number>) => {
      if (this.moving || !e.sourceEvent) return;
      const sel = e.selection as [number, number] | null;
      if (!sel || sel[1] - sel[0] < 2) this.axis.reset();
      else this.axis.show(this.x.invert(sel[0]), this.x.invert(sel[1]));
      this.axis.changed();
    });
  }

  /** Draws the run's strip (once per run and width) and puts the brush on the visible window. */
  render(run: RunPayload, key: string): void {
    const width = this.axis.width;
    const svg = d3.select(this.svgEl);
    this.x = d3
      .scaleLinear()
      .domain([0, Math.max(1, run.duration)])
      .range([LABEL_WIDTH, width - RIGHT_MARGIN]);
    if (key !== this.drawn) {
      this.drawn = key;
      svg.attr('width', width).attr('height', OVERVIEW_HEIGHT).attr('viewBox', `0 0 ${width} ${OVERVIEW_HEIGHT}`);
      svg
        .selectAll('text.row-label')
        .data(['whole run'])
        .join('text')
        .attr('class', 'row-label')
        .attr('x', 4)
        .attr('y', OVERVIEW_HEIGHT / 2 + 4)
        .text((d) => d);
      const s = run.series;
      const pixels = Math.max(1, Math.floor((width - LABEL_WIDTH - RIGHT_MARGIN) / 2));
      const layers = [
        {
          key: 'delivered',
          color: '#1976d2',
          pts: columns(s.delivered, s.resolution, 0, run.duration, pixels, 'mean'),
        },
        { key: 'lost', color: '#d32f2f', pts: columns(s.lost, s.resolution, 0, run.duration, pixels, 'max') },
      ];
      const h = OVERVIEW_HEIGHT - 2;
      svg
        .selectAll<SVGPathElement, (typeof layers)[number]>('path.area')
        .data(layers, (l) => l.key)
        .join('path')
        .attr('class', 'area')
        .attr('data-series', (l) => l.key)
        .attr('fill', (l) => l.color)
        .attr('fill-opacity', 0.35)
        .attr('stroke', (l) => l.color)
        .attr('d', (l) => {
          const max = d3.max(l.pts, (p) => p.value) ?? 0;
          const y = d3
            .scaleLinear()
            .domain([0, max > 0 ? max : 1])
            .range([h, 2]);
          return (
            d3
              .area<(typeof l.pts)[number]>()
              .curve(d3.curveStepAfter)
              .x((p) => this.x(p.t))
              .y0(h)
              .y1((p) => y(p.value))(l.pts) ?? ''
          );
        });
      const faults = run.records.filter((r) => r.type === 'fault' && r.fault !== 'traffic-start');
      svg
        .selectAll('line.fault')
        .data(faults)
        .join('line')
        .attr('class', 'fault')
        .attr('x1', (f) => this.x(f.t))
        .attr('x2', (f) => this.x(f.t))
        .attr('y1', 0)
        .attr('y2', OVERVIEW_HEIGHT);
      this.brush.extent([
        [LABEL_WIDTH, 0],
        [width - RIGHT_MARGIN, OVERVIEW_HEIGHT],
      ]);
      svg.selectAll<SVGGElement, number>('g.brush').data([0]).join('g').attr('class', 'brush').call(this.brush);
    }
    const [lo, hi] = this.axis.scale().domain() as [number, number];
    const whole = lo <= 0 && hi >= run.duration;
    this.moving = true;
    svg
      .select<SVGGElement>('g.brush')
      .datum(0)
      .call(this.brush.move, whole ? null : [this.x(Math.max(0, lo)), this.x(Math.min(run.duration, hi))]);
    this.moving = false;
  }

  /** The cursor is a positioned rule over the strip moved by a transform: the strip itself is never repainted. */
  moveCursor(t: number): void {
    const line = this.svgEl.parentElement?.querySelector<HTMLElement>('.cursor-line');
    if (!line) return;
    setStyle(line, 'height', `${OVERVIEW_HEIGHT}px`);
    placeRule(line, this.x(t));
  }
}
