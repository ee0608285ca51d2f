/**
 * The implied mode of a BFD session's periodic sender (DESIGN.md "Steady-state periodic traffic
 * is implied, not scheduled").
 *
 * When both ends of a pair are Up, no Poll Sequence runs and each holds the other's current
 * parameters (`steadyPair`), every packet either sends is the same packet, and each arrival only
 * pushes the peer's detection deadline forward. The driver then calls `implySteady` on both: their
 * deadlines vanish from the agenda (`nextDeadline` is NEVER) and each keeps a `SteadySpan` — phase
 * and period index — from which any send time is computed in O(1) (steady-span.ts). When something
 * observes the pair (a fault, a query, a link change), the driver calls `resumeExplicit` on both at
 * that moment: a sender's count, last and next send become what the per-packet machine would
 * hold, and a receiver re-accepts the peer's last packet delivered before that moment, so its
 * detection expiry is armed from the time silence began. `spanDeliveries` gives, in O(1), that
 * last delivery and the packets still in flight at that moment, which are the driver's to deliver
 * or lose. The explicit machine stays the reference: tests
 * run both modes and require the same sends, state changes and detection times.
 */
import { invariant } from '../base/assert.js';
import { type Duration, NEVER, type Time } from '../base/time.js';
import type { BfdControlPacket } from './packet.js';
import { type BfdSession, controlPacket, step } from './session.js';
import { type SpanSend, type SteadySpan, sendsBefore, sendsBetween, sendTimeOf } from './steady-span.js';

/** One end is steady: Up, peer Up, no Poll pending, periodic transmission running. */
export function isSteady(st: BfdSession): boolean {
  return (
    st.implied === null &&
    st.state === 'Up' &&
    st.remoteState === 'Up' &&
    !st.pollActive &&
    !st.remoteDemand &&
    st.lastTx !== null &&
    st.nextTx !== NEVER
  );
}

/**
 * Both ends steady, each holding what the other currently sends, and neither about to time out:
 * each receiver's detection deadline lies beyond the arrival of the sender's next periodic packet
 * (one-way latencies given), so every later arrival comes sooner than a Detection Time after the
 * previous one (RFC 5880 §6.8.4, §6.8.7) and no expiry can fall inside the span. The driver adds
 * what only it knows: the link stays up, both processes alive, and no packet with P or F is in
 * flight between them.
 */
export function steadyPair(
  a: BfdSession,
  b: BfdSession,
  latencyAB: Duration,
  latencyBA: Duration = latencyAB,
): boolean {
  return (
    isSteady(a) &&
    isSteady(b) &&
    holdsCurrentView(a, b) &&
    holdsCurrentView(b, a) &&
    b.detectDeadline > a.nextTx + latencyAB &&
    a.detectDeadline > b.nextTx + latencyBA
  );
}

function holdsCurrentView(rx: BfdSession, tx: BfdSession): boolean {
  return (
    rx.remoteDiscr === tx.config.localDiscriminator &&
    rx.remoteDesiredMinTx === tx.desiredMinTx &&
    rx.remoteMinRx === tx.requiredMinRx &&
    rx.remoteDetectMult === tx.config.detectMult &&
    rx.remoteCBit === tx.config.controlPlaneIndependent
  );
}

/** Stops per-packet scheduling of a steady session; returns its span (first send, period, index). */
export function implySteady(st: BfdSession): SteadySpan {
  invariant(isSteady(st), 'implySteady on a session that is not steady');
  const span: SteadySpan = {
    firstIndex: st.txCount,
    firstSend: st.nextTx,
    grid: st.txGrid,
    anchor: st.txAnchor,
    anchorIndex: st.txAnchorIndex,
    packet: controlPacket(st, false, false),
    uniformAt: st.uniformAt,
  };
  st.implied = span;
  return span;
}

export interface LastDelivery {
  readonly packet: BfdControlPacket;
  /** When it arrived (at or before the moment of resumption). */
  readonly at: Time;
}

export interface ResumeResult {
  readonly span: SteadySpan;
  /** Sends of the span that happened before the moment of resumption (the span record's count). */
  readonly count: number;
}

/**
 * Back to per-packet mode at `now`. Sends at exactly `now` are left to the explicit machine (the
 * driver orders observations before timers at equal times). `lastDelivery` is the peer's last
 * packet that arrived while this session was implied, if any.
 */
export function resumeExplicit(st: BfdSession, now: Time, lastDelivery: LastDelivery | null): ResumeResult {
  const span = st.implied;
  invariant(span !== null, 'resumeExplicit on a session that is not implied');
  const count = sendsBefore(span, now);
  if (count > 0) {
    st.lastTx = sendTimeOf(span, span.firstIndex + count - 1);
    st.txCount = span.firstIndex + count;
    st.nextTx = sendTimeOf(span, st.txCount);
  }
  if (lastDelivery !== null) {
    invariant(lastDelivery.at <= now, 'a resumed session cannot have received a packet from the future');
    // Re-accepting the last steady packet at its arrival time is exactly what the per-packet
    // machine did last; it must change nothing but the detection deadline.
    const out = step(st, { type: 'receive', packet: lastDelivery.packet }, lastDelivery.at);
    invariant(out.length === 0, 'resuming a steady session re-accepted a packet that changed it');
  }
  st.implied = null;
  return { span, count };
}

export interface SpanDeliveries {
  /** The span's last packet that arrived strictly before `now`, for the receiver's `resumeExplicit`. */
  readonly last: LastDelivery | null;
  /** Sends before `now` that arrive at or after it. */
  readonly inFlight: SpanSend[];
}

/** Where a span's packets are at `now` over a link of fixed one-way `latency` that stayed up. */
export function spanDeliveries(span: SteadySpan, now: Time, latency: Duration): SpanDeliveries {
  const silentFrom = (now - latency) as Time;
  const delivered = sendsBefore(span, silentFrom);
  const last =
    delivered > 0
      ? { packet: span.packet, at: (sendTimeOf(span, span.firstIndex + delivered - 1) + latency) as Time }
      : null;
  return { last, inFlight: sendsBetween(span, silentFrom, now) };
}
