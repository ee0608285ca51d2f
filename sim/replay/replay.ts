/**
 * Scrubbing without re-running: the fold over the trace is checkpointed every K records as frozen,
 * structurally shared immer states, so the state at any moment costs one binary search plus at
 * most K record applications on top of the nearest checkpoint.
 */
import { freeze, produce } from 'immer';
import type { Time } from '../base/time.js';
import type { WorldRecord } from '../world/records.js';
import { applyRecord, type ReplayDraft } from './apply-record.js';
import { emptyReplayState, type ReplayState } from './view-state.js';

export const DEFAULT_CHECKPOINT_EVERY = 256;

export interface Replay {
  readonly records: readonly WorldRecord[];
  readonly checkpointEvery: number;
  /** checkpoints[k] = the state after k·checkpointEvery records (built so far). */
  readonly checkpoints: readonly ReplayState[];
  /** The state after every record with time ≤ t. */
  stateAt(t: Time): ReplayState;
  /** The state after the first n records. */
  stateAfter(n: number): ReplayState;
  /**
   * Builds checkpoints covering up to `records` more records; true when all are built. Lets a UI
   * spread the fold of a long trace over idle time instead of freezing on it.
   */
  extend(records: number): boolean;
}

/** Number of records with time ≤ t (records are time-ordered). */
export function recordsUpTo(records: readonly { t: number }[], t: number): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (records[mid]!.t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function applyRange(base: ReplayState, records: readonly WorldRecord[], from: number, to: number): ReplayState {
  if (from >= to) return base;
  return produce(base, (d) => {
    for (let i = from; i < to; i++) applyRecord(d as ReplayDraft, records[i]!);
  });
}

/**
 * Checkpoints are built lazily: `eager` (the default) builds them all now; otherwise `extend` and
 * any query reaching past the last one build what they need.
 */
export function buildReplay(
  records: readonly WorldRecord[],
  checkpointEvery: number = DEFAULT_CHECKPOINT_EVERY,
  options: { eager?: boolean } = {},
): Replay {
  if (!Number.isInteger(checkpointEvery) || checkpointEvery < 1)
    throw new RangeError(`checkpointEvery must be a positive integer, got ${checkpointEvery}`);
  const K = checkpointEvery;
  const checkpoints: ReplayState[] = [freeze(emptyReplayState(), true)];
  const lastNeeded = Math.floor(records.length / K);
  const buildTo = (k: number) => {
    for (let j = checkpoints.length; j <= Math.min(k, lastNeeded); j++)
      checkpoints.push(applyRange(checkpoints[j - 1]!, records, (j - 1) * K, j * K));
  };
  const stateAfter = (n: number): ReplayState => {
    const m = Math.max(0, Math.min(records.length, Math.floor(n)));
    const k = Math.floor(m / K);
    buildTo(k);
    return applyRange(checkpoints[k]!, records, k * K, m);
  };
  const replay: Replay = {
    records,
    checkpointEvery: K,
    checkpoints,
    stateAfter,
    stateAt: (t) => stateAfter(recordsUpTo(records, t)),
    extend: (n) => {
      buildTo(checkpoints.length - 1 + Math.max(1, Math.ceil(n / K)));
      return checkpoints.length - 1 >= lastNeeded;
    },
  };
  if (options.eager ?? true) buildTo(lastNeeded);
  return replay;
}
