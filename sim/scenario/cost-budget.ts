/**
 * The budget a run must fit before it starts (issue 16): beyond it `stalepath run`, `explain`,
 * `neighbors` and `validate` refuse with one line giving the estimate, the budget and the flag
 * that overrides it. Every bundled and review scenario costs under 2 % of it (the largest, the
 * 2-hour LLGR runs, about 0.75 M events and 34 MB), and a run inside it completes in about
 * 3 minutes and 1 GiB at the measured 3.5 µs per event.
 */
import { type CostEstimate, estimateCost } from './cost.js';
import type { Scenario } from './schema.js';

export interface CostBudget {
  readonly events: number;
  readonly memoryBytes: number;
}

export const COST_BUDGET: CostBudget = { events: 50_000_000, memoryBytes: 2 ** 30 };

/** The flag that runs a scenario whatever its estimate. */
export const NO_LIMIT_FLAG = '--no-limit';

/** A sweep beyond either bound needs --no-limit too. */
export const SWEEP_BOUND = { runs: 1_000_000, seconds: 7 * 86_400 };

/** 61536 → "61536", 1.04e9 → "1.0e9". */
export const formatEvents = (n: number) => (n >= 1e6 ? n.toExponential(1).replace('e+', 'e') : `${Math.round(n)}`);
export const formatBytes = (b: number) =>
  b >= 2 ** 30 ? `${(b / 2 ** 30).toPrecision(3)} GiB` : `${(b / 2 ** 20).toPrecision(3)} MiB`;

/** The refusal line, or undefined when the run fits. */
export function overBudget(est: CostEstimate, file: string, budget: CostBudget = COST_BUDGET): string | undefined {
  if (est.events <= budget.events && est.memoryBytes <= budget.memoryBytes) return undefined;
  const ev = Number.isFinite(est.events) ? `${formatEvents(est.events)} events` : 'unbounded events';
  const mem = Number.isFinite(est.memoryBytes) ? formatBytes(est.memoryBytes) : 'unbounded memory';
  return `${file}: estimated ${ev} and ${mem} exceed the budget of ${formatEvents(budget.events)} events and ${formatBytes(budget.memoryBytes)} (pass ${NO_LIMIT_FLAG} to run anyway)`;
}

/** The scenario's refusal line, or undefined: estimate and check in one call. */
export function checkCost(sc: Scenario, file: string, budget: CostBudget = COST_BUDGET): string | undefined {
  return overBudget(estimateCost(sc), file, budget);
}
