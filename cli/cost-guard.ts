// Issue 16: a run whose estimated cost exceeds the budget is refused before it starts (exit 2,
// one line with the estimate, the budget and the flag); `--no-limit` runs it anyway.
import { checkCost, NO_LIMIT_FLAG, type Scenario } from '../sim/index.js';

export const NO_LIMIT_HELP = 'run even if the estimated events or memory exceed the budget';
export { NO_LIMIT_FLAG };

/** Exits 2 with the refusal line when `sc` is over budget and the user did not pass --no-limit. */
export function guardCost(sc: Scenario, file: string, opts: object): void {
  // Commander sets `limit: false` for --no-limit.
  if ((opts as { limit?: boolean }).limit === false) return;
  const refusal = checkCost(sc, file);
  if (refusal === undefined) return;
  process.stderr.write(`${refusal}\n`);
  process.exit(2);
}
