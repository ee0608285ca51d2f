/**
 * Compares a real daemon's route states with the simulator's (live/route-states.ts): the same
 * states in the same order, each change within a tolerance of the simulated time (default 50 ms,
 * the bound for event-driven changes). The error of a matched change is |real − sim|.
 */
import type { PrefixStates, StateSeq } from './route-states.js';

export const DEFAULT_TOLERANCE_SECONDS = 0.05;

export interface SeqComparison {
  readonly agree: boolean;
  /** Largest |real − sim| over matched changes, seconds; null when the sequences differ in their states. */
  readonly maxErrorSeconds: number | null;
  /** Why they disagree, in words; absent when they agree. */
  readonly reason?: string;
}

/**
 * The sequence without states that lasted less than the tolerance between two others (FRR 8.4.4
 * shows an LLGR-stale route as plain stale for ~25 ms while it deletes it): a change that quick is
 * within the tolerance of the one after it. Neighbours left equal merge, keeping the first's time.
 */
export function withoutTransients(q: StateSeq, tolerance: number): StateSeq {
  const kept: StateSeq = [];
  for (let i = 0; i < q.length; i++) {
    const transient = i > 0 && i < q.length - 1 && q[i + 1]![1] - q[i]![1] < tolerance;
    if (transient) continue;
    if (kept.length > 0 && kept[kept.length - 1]![0] === q[i]![0]) continue;
    kept.push(q[i]!);
  }
  return kept;
}

export function compareSeqs(real: StateSeq, sim: StateSeq, tolerance = DEFAULT_TOLERANCE_SECONDS): SeqComparison {
  const names = (q: StateSeq) => q.map(([s]) => s).join(' → ');
  const same = (a: StateSeq, b: StateSeq) => a.length === b.length && a.every(([s], i) => s === b[i]![0]);
  if (!same(real, sim)) {
    const r = withoutTransients(real, tolerance);
    const s = withoutTransients(sim, tolerance);
    if (same(r, s)) return compareSeqs(r, s, tolerance);
  }
  if (real.length !== sim.length || real.some(([s], i) => s !== sim[i]![0]))
    return { agree: false, maxErrorSeconds: null, reason: `states differ: real ${names(real)}, sim ${names(sim)}` };
  let max = 0;
  let worst = -1;
  // The first entry is the state at the start of the run, not a change: its time is not compared.
  for (let i = 1; i < real.length; i++) {
    const e = Math.abs(real[i]![1] - sim[i]![1]);
    if (e > max) {
      max = e;
      worst = i;
    }
  }
  if (max > tolerance) {
    const [state, t] = sim[worst]!;
    return {
      agree: false,
      maxErrorSeconds: max,
      reason: `${state} at ${real[worst]![1]} s real vs ${t} s sim: off by ${max.toFixed(3)} s > ${tolerance} s`,
    };
  }
  return { agree: true, maxErrorSeconds: max };
}

export interface StatesComparison {
  readonly agree: boolean;
  readonly maxErrorSeconds: number | null;
  readonly prefixes: Record<string, SeqComparison & { real: StateSeq; sim: StateSeq }>;
}

/** Every prefix of either side compared; a prefix missing on one side is `absent` there from t = 0. */
export function compareStates(
  real: PrefixStates,
  sim: PrefixStates,
  tolerance = DEFAULT_TOLERANCE_SECONDS,
): StatesComparison {
  const prefixes: StatesComparison['prefixes'] = {};
  let agree = true;
  let max: number | null = 0;
  for (const p of [...new Set([...Object.keys(real), ...Object.keys(sim)])].sort()) {
    const r = real[p] ?? [['absent', 0]];
    const s = sim[p] ?? [['absent', 0]];
    const c = compareSeqs(r, s, tolerance);
    prefixes[p] = { ...c, real: r, sim: s };
    agree &&= c.agree;
    max = max === null || c.maxErrorSeconds === null ? null : Math.max(max, c.maxErrorSeconds);
  }
  return { agree, maxErrorSeconds: max, prefixes };
}
