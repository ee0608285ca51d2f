/**
 * RFC 4271 §10: ConnectRetryTimer and KeepaliveTimer are jittered by a factor drawn uniformly from
 * [0.75, 1.0] (profiles may widen it, as GoBGP ≤ 3.37 draws from [1, 2)). The uniform draw comes
 * from the driver; the machine never reads a random source itself.
 */
import type { Duration } from '../../base/time.js';
import { scale } from '../../base/time.js';

/** A uniform source in [0, 1), supplied by the driver (a named RNG stream, or a constant in tests). */
export type Uniform = () => number;

export function jittered(d: Duration, range: readonly [number, number], u: Uniform): Duration {
  // Indexed, not destructured: a jittered keepalive is drawn at every UPDATE sent (no iterator per call).
  const lo = range[0];
  const hi = range[1];
  return scale(d, lo + (hi - lo) * u());
}

export const KEEPALIVE_JITTER: readonly [number, number] = [0.75, 1];

/**
 * A counter-based uniform draw in [0, 1): a hash of a per-session key (one draw from the session's
 * stream) and a counter (the time a timer was restarted, µs). Used where a timer restarts on every
 * message (the hold timer): drawing from the stream there would move every later draw with the
 * message count, and implied keepalives (steady state) skip those restarts altogether.
 */
export function keyedDraw(key: number, counter: number): number {
  // splitmix32-style finaliser over the key's 32 bits and the counter's low and high words.
  let h = Math.imul((key * 0x100000000) >>> 0, 0x9e3779b1) ^ (counter >>> 0);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h ^= Math.floor(counter / 0x100000000) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 0x100000000;
}
