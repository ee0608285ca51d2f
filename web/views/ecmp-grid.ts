/**
 * The ECMP table at the cursor: one grid per router for the clients' service prefix (a dual-stack
 * run: the first of its prefixes the router routes, named in the caption), each cell an equal
 * share of the hash space coloured by the node it forwards to, the cells that moved at the last
 * next-hop change outlined. Grids come from `ecmpGridAt` (a replay of the router's FIB history),
 * cached per router and per FIB record index so scrubbing between changes costs nothing.
 */
import * as d3 from 'd3';
import { DEFAULT_GRID_CELLS, type EcmpGrid, ecmpGridAt, type FibStep, formatTime, type Time } from '../../sim/index.js';
import { el } from '../dom.js';
import type { RunPayload } from '../run-payload.js';
import { nodeColor } from './colors.js';

const CELL = 9;
const GAP = 1;
const COLS = 32;
/** Grids kept per router: one per FIB change scrubbed across, so moving back and forth redraws from cache. */
const CACHED = 16;

interface RouterHistory {
  readonly router: string;
  /** The clients' prefix this router's table is drawn for (a dual-stack run: the first it routes). */
  readonly prefix: string | null;
  readonly steps: readonly FibStep[];
}

/** Per run: each router's FIB history for the service prefix and the last grid drawn. */
export class EcmpGridView {
  private payload: RunPayload | null = null;
  private histories: RouterHistory[] = [];
  /** When the world built its groups (traffic start); undefined when clients never started. */
  private builtAt: number | undefined;
  /** Per router: grids by key, newest last, at most CACHED per router (scrubbing back and forth). */
  private readonly cache = new Map<string, Map<string, EcmpGrid>>();
  private readonly lastKey = new Map<string, string>();
  private drawnKey = '';
  /** Which blocks the host shows (scenario, prefixes, the before-traffic note, routers with a grid). */
  private structure = '';
  private readonly figures = new Map<string, HTMLElement>();
  readonly host: HTMLElement = el('div', { class: 'ecmp-grids', 'aria-label': 'ECMP tables at the cursor' });

  setRun(p: RunPayload): void {
    if (p === this.payload) return;
    this.payload = p;
    this.cache.clear();
    this.lastKey.clear();
    this.drawnKey = '';
    this.structure = '';
    const start = p.records.find((r) => r.type === 'fault' && r.subject === 'clients' && r.fault === 'traffic-start');
    this.builtAt = start?.t;
    const steps = new Map<string, FibStep[]>();
    for (const r of p.records) {
      if (r.type !== 'fib' || !p.servicePrefixes.includes(r.prefix)) continue;
      const key = `${r.subject}|${r.prefix}`;
      steps.set(key, [...(steps.get(key) ?? []), r]);
    }
    // An IPv4-only router never routes the IPv6 prefix (and the other way round): show what it does route.
    this.histories = p.ecmp.map((x) => {
      const prefix = p.servicePrefixes.find((pf) => steps.has(`${x.router}|${pf}`)) ?? p.servicePrefix;
      return { router: x.router, prefix, steps: steps.get(`${x.router}|${prefix}`) ?? [] };
    });
  }

  /** The grid of one router at `t` (cached by the number of FIB changes applied; resilient also by time). */
  gridAt(router: string, t: number): EcmpGrid | null {
    const p = this.payload;
    const spec = p?.ecmp.find((x) => x.router === router);
    const h = this.histories.find((x) => x.router === router);
    if (!p || !spec || !h) return null;
    const applied = d3.bisector((x: FibStep) => x.t).right(h.steps, t);
    // Resilient upkeep migrates buckets between FIB changes, so its grid also depends on the time.
    // Before traffic starts the world has no group yet; the grid then replays the FIB list by list.
    const built = this.builtAt !== undefined && t >= this.builtAt;
    const key = `${applied} ${built}${spec.ecmp.type === 'resilient' ? ` ${t}` : ''}`;
    this.lastKey.set(router, key);
    let grids = this.cache.get(router);
    if (!grids) this.cache.set(router, (grids = new Map()));
    const hit = grids.get(key);
    if (hit) return hit;
    const grid = ecmpGridAt(spec.ecmp, spec.hashSeed, h.steps.slice(0, applied), t, DEFAULT_GRID_CELLS, this.builtAt);
    grids.set(key, grid);
    if (grids.size > CACHED) grids.delete(grids.keys().next().value as string);
    return grid;
  }

  render(t: number): void {
    const p = this.payload;
    if (!p) return;
    const grids = p.ecmp.map((x) => ({ router: x.router, grid: this.gridAt(x.router, t) }));
    const key =
      grids.map((g) => (g.grid ? this.lastKey.get(g.router) : '-')).join('|') +
      (this.builtAt !== undefined && t < this.builtAt);
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    const color = nodeColor(p.nodes);
    const shown = [...new Set(this.histories.map((h) => h.prefix).filter((x) => x !== null))];
    const prefixOf = (router: string) =>
      (shown.length > 1 ? this.histories.find((h) => h.router === router)?.prefix : undefined) ?? undefined;
    // Scrubbing across a FIB change (or through a resilient table's upkeep) redraws the cells in
    // place; the block is rebuilt only when which grids are shown changes.
    const structure = `${p.scenario} ${shown.join()} ${this.builtAt !== undefined && t < this.builtAt} ${grids.map((g) => (g.grid ? g.router : '-')).join('|')}`;
    if (structure === this.structure) {
      for (const { router, grid } of grids) {
        const figure = this.figures.get(router);
        if (grid && figure) drawGrid(figure, router, grid, color, prefixOf(router));
      }
      return;
    }
    this.structure = structure;
    this.figures.clear();
    const blocks: HTMLElement[] = [el('h4', {}, `ECMP table for ${shown.join(' and ') || '(no service)'}`)];
    if (this.builtAt !== undefined && t < this.builtAt)
      blocks.push(
        el(
          'p',
          { class: 'note' },
          `Before the clients start (${formatTime(this.builtAt as Time)}) no traffic uses these tables; drawn from the FIB as it changed.`,
        ),
      );
    for (const { router, grid } of grids) {
      if (!grid) continue;
      const figure = el('figure', { class: 'ecmp-grid', 'data-router': router });
      drawGrid(figure, router, grid, color, prefixOf(router));
      this.figures.set(router, figure);
      blocks.push(figure);
    }
    blocks.push(legend(p.nodes, color));
    this.host.replaceChildren(...blocks);
  }
}

function caption(g: EcmpGrid): string {
  if (g.changedAt === null) return 'no route yet';
  if (g.changes === 0) return `table built ${formatTime(g.changedAt as Time)}, no change since`;
  const share = ((g.movedCount / g.cells.length) * 100).toFixed(1);
  return `last change ${formatTime(g.changedAt as Time)}: ${g.movedCount}/${g.cells.length} cells moved (${share}%)`;
}

/** The cells each grid's SVG shows, to update only what changed. */
const drawnCells = new WeakMap<SVGSVGElement, readonly { node: string | null; i: number; moved: boolean }[]>();

/** Draws one router's grid into its figure: built on first use, then updated in place. */
function drawGrid(
  figure: HTMLElement,
  router: string,
  g: EcmpGrid,
  color: (n: string | null) => string,
  prefix?: string,
): void {
  const rows = Math.ceil(g.cells.length / COLS);
  const w = COLS * (CELL + GAP) + GAP;
  const h = rows * (CELL + GAP) + GAP;
  const f = d3.select(figure);
  const svg = f.selectAll<SVGSVGElement, number>('svg').data([0]).join('svg');
  const svgEl = svg.node() as SVGSVGElement;
  for (const [k, v] of [
    ['width', w],
    ['height', h],
    ['role', 'img'],
    ['aria-label', `${router} ECMP table: ${caption(g)}`],
    ['data-router', router],
    ['data-cells', g.cells.length],
    ['data-moved', g.movedCount],
  ] as const)
    if (svgEl.getAttribute(k) !== String(v)) svgEl.setAttribute(k, String(v));
  const cap = f.selectAll('figcaption').data([0]).join('figcaption').node() as HTMLElement;
  const capText = `${router}${prefix ? ` · ${prefix}` : ''} · ${g.scheme}\n${caption(g)}`;
  if (cap.dataset.text !== capText) {
    cap.dataset.text = capText;
    cap.replaceChildren(`${router}${prefix ? ` · ${prefix}` : ''} · ${g.scheme}`, el('br'), caption(g));
  }
  const cells = g.cells.map((node, i) => ({ node, i, moved: g.moved[i] === 1 }));
  const pos = (i: number) => GAP + i * (CELL + GAP);
  const prev = drawnCells.get(svgEl);
  drawnCells.set(svgEl, cells);
  if (prev && prev.length === cells.length) {
    // Same table size: only the cells whose node or moved mark changed are touched.
    const rects = svg.selectAll<SVGRectElement, unknown>('rect.cell').nodes();
    cells.forEach((d, i) => {
      const was = prev[i]!;
      const r = rects[i];
      if (!r || (was.node === d.node && was.moved === d.moved)) return;
      r.setAttribute('class', d.moved ? 'cell moved' : 'cell');
      r.setAttribute('fill', color(d.node));
      r.setAttribute('data-node', d.node ?? '');
      if (d.moved) r.setAttribute('data-moved', '1');
      else r.removeAttribute('data-moved');
    });
  } else
    svg
      .selectAll('rect.cell')
      .data(cells)
      .join('rect')
      .attr('class', (d) => (d.moved ? 'cell moved' : 'cell'))
      .attr('x', (d) => pos(d.i % COLS))
      .attr('y', (d) => pos(Math.floor(d.i / COLS)))
      .attr('width', CELL)
      .attr('height', CELL)
      .attr('fill', (d) => color(d.node))
      .attr('data-node', (d) => d.node ?? '')
      .attr('data-moved', (d) => (d.moved ? '1' : null));
  const movedNow = cells.filter((d) => d.moved);
  const movedBefore = prev?.filter((d) => d.moved) ?? [];
  const outlinesSame =
    prev !== undefined && movedNow.length === movedBefore.length && movedNow.every((d, i) => d.i === movedBefore[i]!.i);
  // Outlines go on top so a moved cell's neighbours do not hide its border.
  if (!outlinesSame)
    svg
      .selectAll('rect.outline')
      .data(cells.filter((d) => d.moved))
      .join('rect')
      .attr('class', 'outline')
      .attr('x', (d) => pos(d.i % COLS) + 1)
      .attr('y', (d) => pos(Math.floor(d.i / COLS)) + 1)
      .attr('width', CELL - 2)
      .attr('height', CELL - 2)
      .attr('fill', 'none')
      .attr('stroke', '#111')
      .attr('stroke-width', 2)
      .attr('pointer-events', 'none');
  f.selectAll('p.note')
    .data(g.assumesIdleBuckets ? [0] : [])
    .join('p')
    .attr('class', 'note')
    .text(
      'Resilient: drawn as if every bucket were idle (no traffic keeps a bucket), the worst case for migration; busy buckets move later.',
    );
}

function legend(nodes: readonly string[], color: (n: string | null) => string): HTMLElement {
  const item = (label: string, c: string) =>
    el('li', {}, el('span', { class: 'swatch', style: `background:${c}` }), label);
  return el(
    'ul',
    { class: 'ecmp-legend' },
    ...nodes.map((n) => item(n, color(n))),
    item('no next hop', color(null)),
    el('li', {}, el('span', { class: 'swatch moved' }), 'moved at the last change'),
  );
}
