/**
 * Share and export: the view as a link (opening one goes through the same validation as any
 * scenario and shows a plain-text error when it cannot), and the run and charts as files.
 */

import { VERSION } from '../sim/index.js';
import { byId } from './dom.js';
import { chartCss, combineSvgs, download, type Figure, runJson, seriesCsv, svgToPng } from './export.js';
import { formatMicros } from './format.js';
import type { RunPayload } from './run-payload.js';
import { BUNDLED } from './scenarios.js';
import type { Store, UiState } from './store.js';
import { decodeLink, encodeLink } from './url-state.js';

export interface ShareContext {
  readonly store: Store<UiState>;
  current(): RunPayload | null;
  /** The scenario input of the current run (the export carries it so the file re-runs). */
  currentInput(): unknown;
  /** The visible window [from, to], µs. */
  window(): readonly [number, number];
  loadText(picked: string, text: string): void;
  pickBundled(name: string): void;
  run(cursorAfter?: number): Promise<void>;
  charts(): SVGSVGElement[];
}

let ctx: ShareContext | null = null;

function isUneditedBundled(c: ShareContext): boolean {
  const bundled = BUNDLED.get(c.store.state.picked);
  if (bundled === undefined) return false;
  try {
    return JSON.stringify(JSON.parse(bundled)) === JSON.stringify(c.store.state.json);
  } catch {
    return false;
  }
}

function showLinkError(message: string | null): void {
  const box = byId('link-error');
  box.textContent = message ?? '';
  box.toggleAttribute('hidden', message === null);
}

export async function openLink(hash: string): Promise<void> {
  const c = ctx;
  if (!c) return;
  const r = await decodeLink(hash);
  if (!r.ok) {
    showLinkError(`This link cannot be opened: ${r.error}.`);
    return;
  }
  const { name, text, seed, cursor } = r.state;
  if (name !== null) {
    const bundled = BUNDLED.get(name);
    if (bundled === undefined) {
      showLinkError(`This link cannot be opened: there is no bundled scenario named "${name}".`);
      return;
    }
    c.pickBundled(name);
    c.loadText(name, bundled);
  } else c.loadText('(link)', text ?? '');
  showLinkError(null);
  byId<HTMLInputElement>('seed').value = seed === null ? '' : String(seed);
  if (c.store.state.errors.length === 0) await c.run(cursor);
  else showLinkError('The scenario in this link is not valid; its errors are shown beside the form.');
}

export function wireShareAndExport(c: ShareContext): void {
  ctx = c;
  byId('share').addEventListener('click', async () => {
    const seedText = byId<HTMLInputElement>('seed').value.trim();
    const hash = await encodeLink({
      name: isUneditedBundled(c) ? c.store.state.picked : null,
      text: isUneditedBundled(c) ? null : JSON.stringify(c.store.state.json),
      seed: /^\d+$/.test(seedText) ? Number(seedText) : null,
      cursor: c.store.state.cursor,
    });
    history.replaceState(null, '', hash);
    const out = byId<HTMLInputElement>('share-url');
    out.value = location.href;
    out.hidden = false;
    out.select();
  });
  window.addEventListener('hashchange', () => void openLink(location.hash));

  const exportName = (ext: string) => `${c.current()?.scenario ?? 'stalepath'}-seed${c.current()?.seed ?? ''}.${ext}`;
  const charts = () => combineSvgs(c.charts(), chartCss(), figure(c));
  byId('export-svg').addEventListener('click', () =>
    download(exportName('svg'), new Blob([charts().text], { type: 'image/svg+xml' })),
  );
  byId('export-png').addEventListener('click', async () => download(exportName('png'), await svgToPng(charts())));
  byId('export-json').addEventListener('click', () => {
    const p = c.current();
    if (p) download(exportName('json'), new Blob([runJson(p, c.currentInput())], { type: 'application/json' }));
  });
  byId('export-csv').addEventListener('click', () => {
    const p = c.current();
    if (p) download(exportName('csv'), new Blob([seriesCsv(p)], { type: 'text/csv' }));
  });
}

/** The caption and legend an exported figure carries: what it shows and where it came from. */
function figure(c: ShareContext): Figure {
  const p = c.current();
  const [from, to] = c.window();
  const caption = p
    ? [
        p.title,
        `scenario ${p.scenario} · seed ${p.seed} · stalepath ${VERSION} · trace ${p.traceHash}`,
        `window ${formatMicros(Math.max(0, from))} – ${formatMicros(to)} · cursor ${formatMicros(c.store.state.cursor)}`,
      ]
    : [];
  const legend = Array.from(document.querySelectorAll<HTMLElement>('#legend [data-legend]')).map((s) => {
    const swatch = s.querySelector('i');
    return { color: swatch ? getComputedStyle(swatch).backgroundColor : '#999', label: s.textContent ?? '' };
  });
  return { caption, legend };
}
