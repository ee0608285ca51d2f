/**
 * Arithmetic of an implied KEEPALIVE sender (DESIGN.md "Steady-state periodic traffic is implied,
 * not scheduled") and the trace record that stands for its steady period.
 *
 * Only a fixed keepalive interval is implied (FRR: bgpd/bgp_keepalives.c sends every
 * `peer->v_keepalive` with no jitter, our profile's `keepaliveJitter` [1, 1]); so send k of a span
 * is at `first + k × period`, O(1) however long the span ran unobserved. A jittered sender (RFC
 * 4271 §10, BIRD, GoBGP) draws each interval from the session's stream in order, so it stays
 * explicit: its k-th send time depends on every draw before it. The replay expands a span record
 * back into its KEEPALIVE records (sim/replay/keepalive-spans.ts).
 */
import type { Duration, Time } from '../base/time.js';
import type { WorldRecord } from './records.js';

/** One direction of a steady session: the sender's keepalive schedule from `first` on. */
export interface KeepaliveSpan {
  readonly first: Time;
  readonly period: Duration;
}

/** How many of the span's sends are at or before `limit` (µs). */
export function sendsUpTo(span: KeepaliveSpan, limit: Time): number {
  return limit < span.first ? 0 : Math.floor((limit - span.first) / span.period) + 1;
}

export function sendTime(span: KeepaliveSpan, k: number): Time {
  return (span.first + k * span.period) as Time;
}

/** The span record for sends [from, to) of a span, or null when there are none. */
export function spanRecord(
  t: Time,
  subject: string,
  span: KeepaliveSpan,
  from: number,
  to: number,
): Extract<WorldRecord, { type: 'bgp-keepalive-span' }> | null {
  if (to <= from) return null;
  return { t, type: 'bgp-keepalive-span', subject, first: sendTime(span, from), period: span.period, count: to - from };
}
