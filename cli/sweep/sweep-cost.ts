/**
 * Issue 16: before a sweep validates or runs anything it states its run count and estimated time
 * (runs × per-run estimate / workers), and refuses a grid beyond SWEEP_BOUND (10⁶ runs or an
 * estimated week) or whose runs are each beyond the run budget, unless --no-limit is given.
 * Counting is arithmetic on the --param lists, so a 4·10⁹-run grid is refused at once.
 */
import { availableParallelism } from 'node:os';
import {
  COST_BUDGET,
  estimateCost,
  formatBytes,
  formatEvents,
  NO_LIMIT_FLAG,
  overBudget,
  type Scenario,
  SWEEP_BOUND,
} from '../../sim/index.js';
import { SweepInputError } from './errors.js';
import { type Param, pointCount } from './grid.js';

export interface SweepCost {
  readonly runs: number;
  readonly workers: number;
  /** Estimated wall-clock seconds of the whole sweep. */
  readonly seconds: number;
  /** The one-line statement printed before the sweep starts. */
  readonly line: string;
}

/** "3d04h", "2h05m", "4m10s", "12s". */
export function span(secs: number): string {
  if (!Number.isFinite(secs)) return 'forever';
  const t = Math.max(0, Math.round(secs));
  const d = Math.floor(t / 86_400);
  const h = Math.floor((t % 86_400) / 3600);
  const m = Math.floor((t % 3600) / 60);
  if (d > 0) return `${d}d${String(h).padStart(2, '0')}h`;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(t % 60).padStart(2, '0')}s`;
  return secs < 10 ? `${secs.toFixed(1)}s` : `${t}s`;
}

/** The sweep's size and time, estimated from its base scenario; throws SweepInputError beyond the bound. */
export function sweepCost(
  base: Scenario,
  file: string,
  params: readonly Param[],
  replicates: number,
  workers: number | undefined,
  noLimit: boolean,
): SweepCost {
  const runs = pointCount(params) * replicates;
  const w = Math.max(1, Math.min(workers ?? availableParallelism(), runs));
  const per = estimateCost(base);
  const seconds = (runs * per.seconds) / w;
  const line = `${file}: sweep of ${runs} runs, about ${span(per.seconds)} each (${formatEvents(per.events)} events, ${formatBytes(per.memoryBytes)}), about ${span(seconds)} on ${w} workers`;
  if (!noLimit) {
    const refusal = overBudget(per, file, COST_BUDGET);
    if (refusal)
      throw new SweepInputError(
        `${refusal.replace(/ \(pass .*\)$/, '')} per run (pass ${NO_LIMIT_FLAG} to sweep anyway)`,
      );
    if (runs > SWEEP_BOUND.runs || seconds > SWEEP_BOUND.seconds)
      throw new SweepInputError(
        `${line}: beyond the bound of ${SWEEP_BOUND.runs} runs or ${span(SWEEP_BOUND.seconds)} (pass ${NO_LIMIT_FLAG} to sweep anyway)`,
      );
  }
  return { runs, workers: w, seconds, line };
}
