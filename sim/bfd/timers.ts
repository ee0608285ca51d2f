/**
 * Timer arithmetic of RFC 5880 §6.8.2–§6.8.4: what a session transmits at and how long it waits
 * before declaring its neighbor dead. Pure functions so the session, the implied periodic sender
 * and the UI compute the same numbers.
 */
import { type Duration, maxTime, s } from '../base/time.js';
import type { BfdState } from './packet.js';

/** RFC 5880 §6.8.3: while not Up, bfd.DesiredMinTxInterval MUST be at least one second. */
export const BFD_SLOW_TX: Duration = s(1);

/** bfd.DesiredMinTxInterval as advertised in a given state (RFC 5880 §6.8.3). */
export function desiredMinTxFor(configured: Duration, state: BfdState): Duration {
  return state === 'Up' ? configured : maxTime(configured, BFD_SLOW_TX);
}

/**
 * RFC 5880 §6.8.2/§6.8.7: never transmit faster than the larger of our DesiredMinTxInterval and
 * the remote's RequiredMinRxInterval.
 */
export function negotiatedTxInterval(localDesiredMinTx: Duration, remoteRequiredMinRx: Duration): Duration {
  return maxTime(localDesiredMinTx, remoteRequiredMinRx);
}

/**
 * RFC 5880 §6.8.4, asynchronous mode: the remote's Detect Mult × the larger of our
 * RequiredMinRxInterval and the remote's last received DesiredMinTxInterval (FRR computes the same,
 * gr-reference §1.6: 3 × 300 ms = 900 ms with its defaults).
 */
export function detectionTime(
  remoteDetectMult: number,
  localRequiredMinRx: Duration,
  remoteDesiredMinTx: Duration,
): Duration {
  return (remoteDetectMult * maxTime(localRequiredMinRx, remoteDesiredMinTx)) as Duration;
}
