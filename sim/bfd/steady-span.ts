/**
 * Arithmetic of an implied periodic sender (DESIGN.md "Steady-state periodic traffic is implied,
 * not scheduled").
 *
 * A span starts at periodic index `firstIndex`, sent at `firstSend`; every later send follows the
 * one before it by the negotiated interval reduced per RFC 5880 §6.8.7, with the jitter draw of
 * the earlier packet's index taken from `uniformAt`. Draws are keyed by index, so the k-th send
 * time is the same however often (or seldom) the span is observed. With jitter the k-th time is
 * a sum, so the span memoises the furthest send it has computed: observing a span costs the
 * periods since the last observation, and a run's total cost is one cheap addition per period
 * that someone actually looks at, never an agenda event.
 */
import { invariant } from '../base/assert.js';
import { add, type Duration, type Time } from '../base/time.js';
import { jitteredInterval } from './jitter.js';
import type { BfdControlPacket } from './packet.js';

/** A uniform draw in [0, 1) for the gap after periodic packet `k` of one session. */
export type UniformAt = (k: number) => number;

export interface SteadySpan {
  /** Periodic index (the session's count of periodic sends) of the first send in the span. */
  readonly firstIndex: number;
  readonly firstSend: Time;
  /** Negotiated TX interval before jitter (RFC 5880 §6.8.2). */
  readonly interval: Duration;
  /** Local bfd.DetectMult; selects the jitter range (RFC 5880 §6.8.7). */
  readonly detectMult: number;
  /** Every send in the span is this packet. */
  readonly packet: BfdControlPacket;
  readonly uniformAt: UniformAt;
  /** Memo: the furthest send computed so far. */
  cursorIndex: number;
  cursorTime: Time;
}

export function makeSpan(
  firstIndex: number,
  firstSend: Time,
  interval: Duration,
  detectMult: number,
  packet: BfdControlPacket,
  uniformAt: UniformAt,
): SteadySpan {
  return {
    firstIndex,
    firstSend,
    interval,
    detectMult,
    packet,
    uniformAt,
    cursorIndex: firstIndex,
    cursorTime: firstSend,
  };
}

/** Time of the span's send with periodic index `k` (k ≥ firstIndex). */
export function sendTimeOf(span: SteadySpan, k: number): Time {
  invariant(k >= span.firstIndex, () => `send ${k} precedes the span's first send ${span.firstIndex}`);
  if (k < span.cursorIndex) {
    span.cursorIndex = span.firstIndex;
    span.cursorTime = span.firstSend;
  }
  let i = span.cursorIndex;
  let t = span.cursorTime;
  while (i < k) {
    t = add(t, jitteredInterval(span.interval, span.uniformAt(i), span.detectMult));
    i++;
  }
  span.cursorIndex = i;
  span.cursorTime = t;
  return t;
}

/** How many of the span's sends happen strictly before `t`. */
export function sendsBefore(span: SteadySpan, t: Time): number {
  if (t <= span.firstSend) return 0;
  // Restart from the memo when it is already past t; otherwise walk forward from it.
  if (span.cursorTime >= t) {
    span.cursorIndex = span.firstIndex;
    span.cursorTime = span.firstSend;
  }
  let k = span.cursorIndex;
  while (sendTimeOf(span, k + 1) < t) k++;
  return k + 1 - span.firstIndex;
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
