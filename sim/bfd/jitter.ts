/**
 * RFC 5880 §6.8.7 transmit jitter, the one place it lives.
 *
 * "The interval MUST be reduced by a random value of 0 to 25%"; with bfd.DetectMult 1 the interval
 * "MUST be no more than 90% ... and MUST be no less than 75%" of the negotiated one, so a single
 * lost packet cannot be mistaken for a failure. The random part is a uniform draw in [0, 1) that
 * the driver supplies (a keyed stream per (session, period index)), never a global source.
 * Results are whole microseconds clamped into the RFC's bounds, so rounding can never step
 * outside them (for any interval of 4 µs or more; below that whole microseconds cannot satisfy
 * both bounds and the upper one, which protects the peer's detection, wins).
 */
import { invariant } from '../base/assert.js';
import { type Duration, us } from '../base/time.js';

/** The fraction of the negotiated interval a uniform draw `u` ∈ [0, 1) maps to. */
export function bfdJitterFactor(u: number, detectMult: number): number {
  invariant(u >= 0 && u < 1, () => `BFD jitter draw ${u} is not in [0, 1)`);
  // RFC 5880 §6.8.7: 75–100 % of the interval, or 75–90 % when DetectMult is 1.
  return detectMult === 1 ? 0.9 - 0.15 * u : 1 - 0.25 * u;
}

/** The gap before the next periodic Control packet: `interval` reduced per RFC 5880 §6.8.7. */
export function jitteredInterval(interval: Duration, u: number, detectMult: number): Duration {
  const lo = Math.ceil(interval * 0.75);
  const hi = detectMult === 1 ? Math.floor(interval * 0.9) : interval;
  const raw = Math.round(interval * bfdJitterFactor(u, detectMult));
  return us(Math.max(0, Math.min(hi, Math.max(lo, raw))));
}
