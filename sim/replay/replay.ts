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
  /** checkpoints[k] = the state after k·checkpointEvery records. */
  readonly checkpoints: readonly ReplayState[];
  /** The state after every record with time ≤ t. */
  stateAt(t: Time): ReplayState;
  /** The state after the first n records. */
  stateAfter(n: number): ReplayState;
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

export function buildReplay(
  records: readonly WorldRecord[],
  checkpointEvery: number = DEFAULT_CHECKPOINT_EVERY,
): Replay {
  if (!Number.isInteger(checkpointEvery) || checkpointEvery < 1)
    throw new RangeError(`checkpointEvery must be a positive integer, got ${checkpointEvery}`);
  const checkpoints: ReplayState[] = [freeze(emptyReplayState(), true)];
  for (let k = checkpointEvery; k <= records.length; k += checkpointEvery) {
    checkpoints.push(applyRange(checkpoints[checkpoints.length - 1]!, records, k - checkpointEvery, k));
  }
  const stateAfter = (n: number): ReplayState => {
    const m = Math.max(0, Math.min(records.length, Math.floor(n)));
    const k = Math.floor(m / checkpointEvery);
    return applyRange(checkpoints[k]!, records, k * checkpointEvery, m);
  };
  return {
    records,
    checkpointEvery,
    checkpoints,
    stateAfter,
    stateAt: (t) => stateAfter(recordsUpTo(records, t)),
  };
}
