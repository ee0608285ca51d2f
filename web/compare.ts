/** Compare two runs: the figures a user weighs (resets, loss, black-hole time), side by side with the difference. */
import type { RunMetrics } from '../sim/index.js';

export interface CompareRow {
  readonly key: string;
  readonly label: string;
  readonly a: number;
  readonly b: number;
  readonly delta: number;
}

const PICK: readonly [string, string, (m: RunMetrics) => number][] = [
  ['resets', 'connections reset', (m) => m.connections.reset],
  ['lost', 'packets lost', (m) => m.packets.lost],
  ['delivered', 'packets delivered', (m) => m.packets.delivered],
  ['blackholeSeconds', 'black-holed (s)', (m) => m.blackholeSeconds],
  ['noRouteSeconds', 'no route (s)', (m) => m.noRouteSeconds],
  ['sessionFlaps', 'session drops', (m) => m.sessionFlaps],
  ['detectionSeconds', 'detection (s)', (m) => m.detectionSeconds],
];

export function compareMetrics(a: RunMetrics, b: RunMetrics): CompareRow[] {
  return PICK.map(([key, label, f]) => {
    const va = f(a);
    const vb = f(b);
    return { key, label, a: va, b: vb, delta: Math.round((vb - va) * 1e6) / 1e6 };
  });
}
