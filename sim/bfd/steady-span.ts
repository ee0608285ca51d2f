/**
 * Arithmetic of an implied periodic sender (DESIGN.md "Steady-state periodic traffic is implied,
 * not scheduled").
 *
 * A span is a session's periodic schedule frozen at the moment the pair became steady: its jitter
 * grid (jitter.ts: anchor, anchor index, step, width), the index and time of its first send, and
 * the one packet every send in it carries. Send k is at grid point k plus the offset drawn for k
 * from a stream keyed by k, so any send time is O(1) and the same however often, or seldom, the
 * span is observed: a day of steady BFD costs what a minute does.
 */
import { invariant } from '../base/assert.js';
import type { Time } from '../base/time.js';
import { gridSendTime, type JitterGrid, type UniformAt } from './jitter.js';
import type { BfdControlPacket } from './packet.js';

export interface SteadySpan {
  /** Periodic index (the session's count of periodic sends) of the first send in the span. */
  readonly firstIndex: number;
  readonly firstSend: Time;
  readonly grid: JitterGrid;
  readonly anchor: Time;
  readonly anchorIndex: number;
  /** Every send in the span is this packet. */
  readonly packet: BfdControlPacket;
  readonly uniformAt: UniformAt;
}

/** Time of the span's send with periodic index `k` (k ≥ firstIndex). */
export function sendTimeOf(span: SteadySpan, k: number): Time {
  invariant(k >= span.firstIndex, () => `send ${k} precedes the span's first send ${span.firstIndex}`);
  return gridSendTime(span.grid, span.anchor, span.anchorIndex, span.uniformAt, k);
}

/** How many of the span's sends happen strictly before `t`. */
export function sendsBefore(span: SteadySpan, t: Time): number {
  if (t <= span.firstSend) return 0;
  const { step, width } = span.grid;
  // Every send j with its grid point at or before t − width is certainly before t; the first send
  // at or after t lies at most two grid steps further, since offsets are narrower than a step.
  let k = Math.max(span.firstIndex, span.anchorIndex + Math.floor((t - span.anchor - width) / step));
  while (sendTimeOf(span, k) < t) k++;
  return k - span.firstIndex;
}

export interface SpanSend {
  readonly index: number;
  readonly time: Time;
}

/** The span's sends with time in [from, to), in order: the on-demand expansion of a span record. */
export function sendsBetween(span: SteadySpan, from: Time, to: Time): SpanSend[] {
  const out: SpanSend[] = [];
  let k = span.firstIndex + sendsBefore(span, from);
  for (let t = sendTimeOf(span, k); t < to; t = sendTimeOf(span, ++k)) out.push({ index: k, time: t });
  return out;
}
