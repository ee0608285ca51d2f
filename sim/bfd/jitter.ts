/**
 * RFC 5880 §6.8.7 transmit jitter, the one place it lives.
 *
 * The RFC: each interval between periodic Control packets "MUST be reduced by a random value of 0
 * to 25%"; with bfd.DetectMult 1 it "MUST be no more than 90% ... and MUST be no less than 75%" of
 * the negotiated interval, so one lost packet cannot be taken for a failure.
 *
 * stalepath realises this as a jittered grid: send k goes out at `anchor + (k − anchorIndex) × step
 * + offset(k)`, where `offset(k)` ∈ [0, width] comes from a uniform draw keyed by k. With
 * `step − width` = ⌈75 %⌉ and `step + width` ≤ 100 % (90 % when Detect Mult is 1) of the interval,
 * every gap between consecutive sends is a random reduction of 0–25 % (10–25 %), 12.5 % (17.5 %) on
 * average as with independent per-gap draws — but the k-th send time is a product, not a sum of k
 * draws, so an implied sender (DESIGN.md) finds any send in O(1) however long it ran unobserved.
 * The RFC prescribes bounds, not a distribution; the gaps here are triangular rather than uniform
 * and consecutive gaps are anticorrelated, which keeps the self-synchronisation the rule is there
 * to prevent just as well. All values are whole microseconds; below an interval of 4 µs the two
 * bounds cannot both hold and the lower one wins.
 */
import { invariant } from '../base/assert.js';
import { add, type Duration, maxTime, type Time, us } from '../base/time.js';

/** A uniform draw in [0, 1) for periodic send `k` of one session (a stream keyed by k). */
export type UniformAt = (k: number) => number;

export interface JitterGrid {
  /** Negotiated interval the grid was built for (RFC 5880 §6.8.2). */
  readonly interval: Duration;
  readonly step: Duration;
  /** Offsets lie in [0, width] µs. */
  readonly width: number;
}

export function jitterGrid(interval: Duration, detectMult: number): JitterGrid {
  // RFC 5880 §6.8.7: gaps within 75–100 % of the interval, or 75–90 % when DetectMult is 1.
  const lo = Math.ceil(interval * 0.75);
  const hi = Math.max(lo, detectMult === 1 ? Math.floor(interval * 0.9) : interval);
  const width = Math.floor((hi - lo) / 2);
  return { interval, step: us(lo + width), width };
}

/** Offset of send `k` from its grid point. */
export function jitterOffset(grid: JitterGrid, u: number): Duration {
  invariant(u >= 0 && u < 1, () => `BFD jitter draw ${u} is not in [0, 1)`);
  return us(Math.floor(u * (grid.width + 1)));
}

/** Time of periodic send `k` on a grid anchored so that send `anchorIndex` sits at `anchor + offset`. */
export function gridSendTime(
  grid: JitterGrid,
  anchor: Time,
  anchorIndex: number,
  uniformAt: UniformAt,
  k: number,
): Time {
  return add(add(anchor, ((k - anchorIndex) * grid.step) as Duration), jitterOffset(grid, uniformAt(k)));
}

/**
 * The anchor that puts send `k` on a new grid (after the interval changed or transmission
 * resumed): one jittered gap after the previous send `k − 1` at `lastTx`, as if it had been on this
 * grid, and never before `now`.
 */
export function gridAnchor(grid: JitterGrid, uniformAt: UniformAt, k: number, lastTx: Time | null, now: Time): Time {
  const atNow = (now - jitterOffset(grid, uniformAt(k))) as Time;
  if (lastTx === null) return atNow;
  const afterLast = (lastTx - jitterOffset(grid, uniformAt(k - 1)) + grid.step) as Time;
  return maxTime(afterLast, atNow);
}
