/**
 * Exports a user can reuse: the run as JSON (figures, expectations, trace, and the scenario input
 * with its seed, so the file alone re-runs it: load it as a scenario), its traffic series as CSV
 * with units in the headers, and the charts as one SVG or PNG with a caption (title, scenario,
 * seed, version, trace hash, window, cursor) and the legend. Files are made in the page and saved
 * through blob: URLs — no request.
 */
import { VERSION } from '../sim/index.js';
import { escapeXml } from './format.js';
import type { RunPayload } from './run-payload.js';

/** Marks a file as a stalepath run export (the scenario loader takes its `input` back). */
export const RUN_EXPORT_FORMAT = 'stalepath-run/1';

export function runJson(p: RunPayload, input: unknown): string {
  const { series: _series, ...rest } = p;
  // The input as run: the seed the run used written into it, so loading it back draws the same numbers.
  const scenario = input && typeof input === 'object' ? { ...(input as object), seed: p.seed } : input;
  return `${JSON.stringify({ format: RUN_EXPORT_FORMAT, version: VERSION, ...rest, input: scenario }, null, 1)}\n`;
}

/** A run export's scenario input, or undefined when `json` is not a run export. */
export function runExportInput(json: unknown): { input: unknown; note: string } | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const j = json as {
    format?: unknown;
    input?: unknown;
    scenario?: unknown;
    seed?: unknown;
    version?: unknown;
    traceHash?: unknown;
  };
  if (j.format !== RUN_EXPORT_FORMAT || j.input === undefined) return undefined;
  return {
    input: j.input,
    note: `run export of ${String(j.scenario)} (seed ${String(j.seed)}, stalepath ${String(j.version)}, trace ${String(j.traceHash)}): its scenario input is loaded`,
  };
}

/** One row per series bin; every header names its unit (packets are a fluid: fractional counts). */
export const CSV_HEADER = 'bin_start_s,bin_width_s,delivered_packets,lost_packets,reset_connections,opened_connections';

export function seriesCsv(p: RunPayload): string {
  const s = p.series;
  const lines = [CSV_HEADER];
  const width = s.resolution / 1e6;
  for (let k = 0; k < s.delivered.length; k++) {
    const t = (k * s.resolution) / 1e6;
    lines.push(`${t},${width},${round(s.delivered[k]!)},${round(s.lost[k]!)},${s.resets[k]},${s.opened[k]}`);
  }
  return `${lines.join('\n')}\n`;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export interface Figure {
  /** Caption lines above the charts: the title, then what identifies the run. */
  readonly caption: readonly string[];
  /** Legend swatches below the charts. */
  readonly legend: readonly { readonly color: string; readonly label: string }[];
}

const LINE = 16;
const SWATCH_ROW = 16;

/**
 * Stacks the given SVGs into one standalone SVG document with the page's chart styles inlined,
 * the caption above and the legend below, so a slide carries its own key and source.
 */
export function combineSvgs(
  svgs: readonly SVGSVGElement[],
  css: string,
  figure: Figure = { caption: [], legend: [] },
): { text: string; width: number; height: number } {
  let y = 4 + figure.caption.length * LINE;
  let width = 0;
  const parts: string[] = figure.caption.map(
    (c, i) =>
      `<text class="figure-caption" x="4" y="${(i + 1) * LINE}" font-family="sans-serif" font-size="${i === 0 ? 14 : 11}"${i === 0 ? ' font-weight="700"' : ''}>${escapeXml(c)}</text>`,
  );
  for (const svg of svgs) {
    const w = Number(svg.getAttribute('width') ?? 0);
    const h = Number(svg.getAttribute('height') ?? 0);
    const clone = svg.cloneNode(true) as SVGSVGElement;
    clone.setAttribute('y', String(y));
    parts.push(new XMLSerializer().serializeToString(clone));
    y += h + 8;
    width = Math.max(width, w);
  }
  // The legend, wrapped to the charts' width.
  let x = 4;
  if (figure.legend.length > 0) y += 4;
  for (const item of figure.legend) {
    const w = 18 + item.label.length * 6.2 + 12;
    if (x + w > Math.max(width, 400) && x > 4) {
      x = 4;
      y += SWATCH_ROW;
    }
    parts.push(
      `<g class="figure-legend"><rect x="${x}" y="${y}" width="12" height="10" fill="${escapeXml(item.color)}" stroke="#999" stroke-width="0.5"/><text x="${x + 16}" y="${y + 9}" font-family="sans-serif" font-size="11">${escapeXml(item.label)}</text></g>`,
    );
    x += w;
  }
  if (figure.legend.length > 0) y += SWATCH_ROW;
  width = Math.max(width, 400);
  const text = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}"><style>${css}</style><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;
  return { text, width, height: y };
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function svgToPng(svg: { text: string; width: number; height: number }, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = svg.width * scale;
    canvas.height = svg.height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The chart rules of the page's style sheets, for a standalone SVG. */
export function chartCss(): string {
  const out: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      for (const rule of Array.from(sheet.cssRules)) if (rule.cssText.startsWith('svg')) out.push(rule.cssText);
    } catch {
      // a sheet we may not read
    }
  }
  return out.join('\n');
}
