/**
 * Exports: the run as JSON (figures, expectations, trace) and its traffic series as CSV; the
 * charts as one SVG or PNG. Files are made in the page and saved through blob: URLs — no request.
 */
import type { RunPayload } from './run-payload.js';

export function runJson(p: RunPayload): string {
  const { series: _series, ...rest } = p;
  return `${JSON.stringify(rest, null, 1)}\n`;
}

export function seriesCsv(p: RunPayload): string {
  const s = p.series;
  const lines = ['t_s,delivered_packets,lost_packets,resets,opened'];
  for (let k = 0; k < s.delivered.length; k++) {
    const t = (k * s.resolution) / 1e6;
    lines.push(`${t},${round(s.delivered[k]!)},${round(s.lost[k]!)},${s.resets[k]},${s.opened[k]}`);
  }
  return `${lines.join('\n')}\n`;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Stacks the given SVGs into one standalone SVG document with the page's chart styles inlined. */
export function combineSvgs(
  svgs: readonly SVGSVGElement[],
  css: string,
): { text: string; width: number; height: number } {
  let y = 0;
  let width = 0;
  const parts: string[] = [];
  for (const svg of svgs) {
    const w = Number(svg.getAttribute('width') ?? 0);
    const h = Number(svg.getAttribute('height') ?? 0);
    const clone = svg.cloneNode(true) as SVGSVGElement;
    clone.setAttribute('y', String(y));
    parts.push(new XMLSerializer().serializeToString(clone));
    y += h + 8;
    width = Math.max(width, w);
  }
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
