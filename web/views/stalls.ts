/**
 * Connection stall figures, when the run's metrics carry them (the TCP model adds stall p50/p99/max
 * and reconnects). Read defensively so the UI works with and without that model.
 */
import type { RunMetrics } from '../../sim/index.js';

export interface Stalls {
  readonly p50: number | null;
  readonly p99: number | null;
  readonly max: number | null;
  readonly reconnects: number | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Seconds; looks for `stall`/`stalls` at the top and under `connections`, and `reconnects` beside them. */
export function stallsOf(m: RunMetrics): Stalls | null {
  const any = m as unknown as Record<string, unknown>;
  const conns = (any.connections ?? {}) as Record<string, unknown>;
  const raw = (any.stall ?? any.stalls ?? conns.stall ?? conns.stalls) as Record<string, unknown> | undefined;
  const reconnects = num(any.reconnects ?? conns.reconnects ?? conns.reconnected);
  if (!raw || typeof raw !== 'object')
    return reconnects === null ? null : { p50: null, p99: null, max: null, reconnects };
  const pick = (...keys: string[]) => {
    for (const k of keys) {
      const v = num(raw[k]);
      if (v !== null) return v;
    }
    return null;
  };
  return {
    p50: pick('p50', 'p50Seconds', 'medianSeconds'),
    p99: pick('p99', 'p99Seconds'),
    max: pick('max', 'maxSeconds', 'longestSeconds'),
    reconnects,
  };
}
