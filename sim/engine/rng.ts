/**
 * Named random streams. Each stream is seeded from (run seed, stream name) alone, so creating
 * streams in another order, or adding an entity, never shifts anyone else's draws (ns-3's
 * SetSeed/SetRun/AssignStreams idea). `seedrandom`'s Alea generator: fast and identical in Node
 * and in browsers.
 */
import seedrandom from 'seedrandom';
import type { Duration } from '../base/time.js';
import { scale } from '../base/time.js';

export interface RandomStream {
  readonly name: string;
  /** Uniform in [0, 1). */
  next(): number;
  uniform(lo: number, hi: number): number;
  /** Integer uniform in [lo, hi). */
  int(lo: number, hi: number): number;
  exponential(mean: number): number;
  normal(mean: number, sd: number): number;
  /** Log-normal with the given parameters of the underlying normal. */
  lognormal(mu: number, sigma: number): number;
  /** RFC 4271 §10: timers are jittered by a factor in [0.75, 1.0]. */
  jitter4271(d: Duration): Duration;
  /** A raw 32-bit unsigned integer (hash seeds). */
  uint32(): number;
}

class AleaStream implements RandomStream {
  private readonly prng: () => number;
  private spare = Number.NaN;

  constructor(
    readonly name: string,
    seed: string,
  ) {
    this.prng = seedrandom.alea(seed);
  }

  next(): number {
    return this.prng();
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.prng();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor((hi - lo) * this.prng());
  }
  exponential(mean: number): number {
    // 1 - u is in (0, 1], so the log is finite.
    return -mean * Math.log(1 - this.prng());
  }
  normal(mean: number, sd: number): number {
    // Marsaglia polar method; the second variate is kept for the next call.
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return mean + sd * z;
    }
    let u: number;
    let v: number;
    let q: number;
    do {
      u = 2 * this.prng() - 1;
      v = 2 * this.prng() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const f = Math.sqrt((-2 * Math.log(q)) / q);
    this.spare = v * f;
    return mean + sd * u * f;
  }
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }
  jitter4271(d: Duration): Duration {
    return scale(d, 0.75 + 0.25 * this.prng());
  }
  uint32(): number {
    return (this.prng() * 0x1_0000_0000) >>> 0;
  }
}

/** The streams of one run. `stream(name)` returns the same object for the same name. */
export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: number | string) {}

  stream(name: string): RandomStream {
    let st = this.streams.get(name);
    if (!st) {
      st = new AleaStream(name, `${this.seed}\u0000${name}`);
      this.streams.set(name, st);
    }
    return st;
  }

  /**
   * A fresh stream keyed by (name, index), independent of how often it was asked for: the k-th
   * period of an implied periodic sender draws the same jitter however it is observed.
   */
  keyed(name: string, index: number): RandomStream {
    return new AleaStream(`${name}#${index}`, `${this.seed}\u0000${name}\u0000${index}`);
  }
}
