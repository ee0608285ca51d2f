/**
 * One time axis for every view: a linear µs scale, zoomed and panned by d3-zoom from the whole run
 * (days for LLGR) down to a millisecond window (BFD), shared by the timeline and the traffic charts.
 */
import * as d3 from 'd3';
import { formatTick, tickStep, timeTicks } from '../format.js';

export const LABEL_WIDTH = 150;
export const MIN_WINDOW_US = 1_000;
/** Room right of the plot for the last tick label. */
export const RIGHT_MARGIN = 24;

export class TimeAxis {
  private transform: d3.ZoomTransform = d3.zoomIdentity;
  private readonly targets: d3.Selection<SVGSVGElement, unknown, null, undefined>[] = [];
  private readonly zoom: d3.ZoomBehavior<SVGSVGElement, unknown>;
  private syncing = false;
  private end = 1;
  width = 800;

  constructor(private readonly onChange: () => void) {
    this.zoom = d3
      .zoom<SVGSVGElement, unknown>()
      .filter((e: Event) => (e.type === 'wheel' ? true : !(e as MouseEvent).button))
      .on('zoom', (e: d3.D3ZoomEvent<SVGSVGElement, unknown>) => {
        if (this.syncing) return;
        this.transform = e.transform;
        this.syncing = true;
        for (const t of this.targets)
          if (t.node() !== e.sourceEvent?.currentTarget) t.call(this.zoom.transform, e.transform);
        this.syncing = false;
        this.onChange();
      });
    this.configure();
  }

  private configure(): void {
    const w = Math.max(1, this.width - RIGHT_MARGIN - LABEL_WIDTH);
    this.zoom
      .scaleExtent([1, Math.max(1, this.end / MIN_WINDOW_US)])
      .extent([
        [LABEL_WIDTH, 0],
        [this.width - RIGHT_MARGIN, 100],
      ])
      .translateExtent([
        [LABEL_WIDTH, -Infinity],
        [LABEL_WIDTH + w, Infinity],
      ]);
  }

  attach(svg: d3.Selection<SVGSVGElement, unknown, null, undefined>): void {
    this.targets.push(svg);
    svg.call(this.zoom).on('dblclick.zoom', null);
    svg.call(this.zoom.transform, this.transform);
  }

  detach(svg: SVGSVGElement): void {
    const i = this.targets.findIndex((t) => t.node() === svg);
    if (i >= 0) this.targets.splice(i, 1);
  }

  setRun(end: number, width: number): void {
    this.end = Math.max(1, end);
    this.width = width;
    this.configure();
    this.reset();
  }

  reset(): void {
    this.transform = d3.zoomIdentity;
    this.syncing = true;
    for (const t of this.targets) t.call(this.zoom.transform, d3.zoomIdentity);
    this.syncing = false;
  }

  /** Zooms so that [from, to] fills the plot. */
  show(from: number, to: number): void {
    const base = this.baseScale();
    const k = Math.min(this.end / MIN_WINDOW_US, this.end / Math.max(MIN_WINDOW_US, to - from));
    const t = d3.zoomIdentity.translate(LABEL_WIDTH, 0).scale(k).translate(-base(from), 0);
    this.transform = t;
    this.syncing = true;
    for (const s of this.targets) s.call(this.zoom.transform, t);
    this.syncing = false;
    this.onChange();
  }

  private baseScale(): d3.ScaleLinear<number, number> {
    return d3
      .scaleLinear()
      .domain([0, this.end])
      .range([LABEL_WIDTH, this.width - RIGHT_MARGIN]);
  }

  /**
   * Zoomed in, keeps `t` on screen: when it leaves the window, the window (same width) moves to
   * centre it. The whole run is left alone. True when the window moved.
   */
  follow(t: number): boolean {
    if (this.transform.k <= 1) return false;
    const [lo, hi] = this.scale().domain() as [number, number];
    if (t >= lo && t <= hi) return false;
    const w = hi - lo;
    const from = Math.max(0, Math.min(this.end - w, t - w / 2));
    this.show(from, from + w);
    return true;
  }

  /** Zooms by `factor` (> 1 in, < 1 out) keeping `center` where it is on screen. */
  zoomAround(center: number, factor: number): void {
    const [lo, hi] = this.scale().domain() as [number, number];
    const c = Math.max(lo, Math.min(hi, center));
    const from = c - (c - lo) / factor;
    const to = c + (hi - c) / factor;
    if (to - from >= this.end) this.reset();
    else this.show(Math.max(0, from), Math.min(this.end, to));
    this.onChange();
  }

  /** Tells the views the window changed (after a change made outside d3-zoom, e.g. the overview's brush). */
  changed(): void {
    this.onChange();
  }

  /** Changes whenever the visible window or the plot size does: views redraw fully only then. */
  key(): string {
    return `${this.width} ${this.end} ${this.transform.k} ${this.transform.x}`;
  }

  scale(): d3.ScaleLinear<number, number> {
    return this.transform.rescaleX(this.baseScale());
  }

  axis(x: d3.ScaleLinear<number, number>): d3.Axis<d3.NumberValue> {
    // Ticks at round time units (1 ms, 1 s, 1 min, 1 h, 1 d), not d3's decimal steps of µs.
    const [lo, hi] = x.domain() as [number, number];
    const n = Math.max(2, Math.floor((this.width - LABEL_WIDTH) / 110));
    const step = tickStep(lo, hi, n);
    return d3
      .axisTop(x)
      .tickValues(timeTicks(lo, hi, n))
      .tickFormat((v) => formatTick(Math.round(Number(v)), step));
  }
}
