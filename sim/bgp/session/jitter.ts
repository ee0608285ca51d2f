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
  const [lo, hi] = range;
  return scale(d, lo + (hi - lo) * u());
}

export const KEEPALIVE_JITTER: readonly [number, number] = [0.75, 1];
