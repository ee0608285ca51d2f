/** Compare two runs: the figures a user weighs (resets, loss, black-hole time), side by side with the difference. */
import type { RunMetrics } from '../sim/index.js';
import { stallsOf } from './views/stalls.js';

export interface CompareRow {
  readonly key: string;
  readonly label: string;
  readonly a: number;
  readonly b: number;
  readonly delta: number;
  /** Whether run b is better, worse or the same on this figure (more delivered is better; less of the rest). */
  readonly verdict: 'better' | 'worse' | 'same';
}

type Noise = (a: RunMetrics, b: RunMetrics) => number;

/**
 * How far two runs' delivered packets may differ by sampling alone. The connections no routing
 * event touches are drawn afresh in each run (quiet windows, sim/world/traffic.ts), so two runs of
 * one seed differ in them even where their settings change nothing: each total is a sum over its N
 * connections, of relative standard error about 1/√N for lives as variable as exponential ones.
 * Two standard errors of the difference, 2·√(2/N), is called the same.
 */
function deliveredNoise(a: RunMetrics, b: RunMetrics): number {
  const n = Math.min(a.connections.started, b.connections.started);
  return n > 0 ? 2 * Math.sqrt(2 / n) * Math.max(a.packets.delivered, b.packets.delivered) : 0;
}

/** [key, label, figure, higher is better, the difference sampling alone can make (none: 0)]. */
const PICK: readonly [string, string, (m: RunMetrics) => number | null, boolean, Noise?][] = [
  ['resets', 'connections reset', (m) => m.connections.reset, false],
  ['lost', 'packets lost', (m) => m.packets.lost, false],
  ['delivered', 'packets delivered', (m) => m.packets.delivered, true, deliveredNoise],
  ['blackholeSeconds', 'black-holed (s)', (m) => m.blackholeSeconds, false],
  ['noRouteSeconds', 'no route (s)', (m) => m.noRouteSeconds, false],
  ['stallMax', 'longest stall (s)', (m) => stallsOf(m)?.max ?? null, false],
  ['sessionFlaps', 'session drops', (m) => m.sessionFlaps, false],
  ['detectionSeconds', 'detection (s)', (m) => m.detectionSeconds, false],
];

export function compareMetrics(a: RunMetrics, b: RunMetrics): CompareRow[] {
  return PICK.flatMap(([key, label, f, higherBetter, noiseOf]) => {
    const va = f(a);
    const vb = f(b);
    if (va === null || vb === null) return [];
    const delta = Math.round((vb - va) * 1e6) / 1e6;
    const noise = noiseOf?.(a, b) ?? 0;
    const verdict = Math.abs(delta) <= noise ? 'same' : delta > 0 === higherBetter ? 'better' : 'worse';
    return [{ key, label, a: va, b: vb, delta, verdict } as CompareRow];
  });
}

/** One leaf that differs between two scenario inputs. */
export interface Difference {
  readonly path: string;
  readonly a: unknown;
  readonly b: unknown;
}

/** Leaves (by dotted path) whose values differ; the scenario's name, title and description are not settings. */
export function differences(a: unknown, b: unknown, path = ''): Difference[] {
  if (path === 'name' || path === 'title' || path === 'description') return [];
  const isObj = (v: unknown) => v !== null && typeof v === 'object';
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    return [...keys].flatMap((k) =>
      differences(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        path ? (Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`) : k,
      ),
    );
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, a, b }];
}

const show = (v: unknown) => (v === undefined ? 'default' : typeof v === 'string' ? v : JSON.stringify(v));

/** A run's name from one differing setting: "GR restart" for the speaker's GR mode, else "path=value". */
function nameOf(d: Difference, side: 'a' | 'b'): string {
  const v = show(d[side]);
  if (d.path === 'speaker.gracefulRestart.mode') return `GR ${v === 'disable' ? 'disabled' : v}`;
  return `${d.path.replace(/^.*\./, '')} ${v}`;
}

/**
 * Names the baseline and the run by what differs between them ("GR restart" vs "GR helper"); runs of
 * different scenarios are named by scenario; a run is "baseline"/"this run" only when nothing differs.
 */
export function runNames(
  a: { scenario: string; input: unknown },
  b: { scenario: string; input: unknown },
): [string, string] {
  if (a.scenario !== b.scenario && !(a.input && b.input && differences(a.input, b.input).length <= 2))
    return [a.scenario, b.scenario];
  const diff = differences(a.input, b.input);
  if (diff.length === 0) return ['baseline', 'this run'];
  const shown = diff.slice(0, 2);
  const more = diff.length > 2 ? ` +${diff.length - 2} more` : '';
  return [shown.map((d) => nameOf(d, 'a')).join(', ') + more, shown.map((d) => nameOf(d, 'b')).join(', ') + more];
}
