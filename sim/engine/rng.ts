/**
 * Named random streams. Each stream is seeded from (run seed, stream name) alone, so creating
 * streams in another order, or adding an entity, never shifts anyone else's draws (ns-3's
 * SetSeed/SetRun/AssignStreams idea). `seedrandom`'s Alea generator: fast and identical in Node
 * and in browsers.
 */
import seedrandom from 'seedrandom';
import { fmix32 } from '../base/mix.js';
import type { Duration } from '../base/time.js';
import { scale } from '../base/time.js';
import { StableHash } from './hash.js';

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

  /**
   * A counter-based uniform draw per index: `u(k)` depends only on (seed, name, k) and costs a few
   * integer mixes, not a generator's construction (periodic jitter, where `keyed` is too slow).
   */
  keyedUniform(name: string): (index: number) => number {
    const h = new StableHash().update(`${this.seed}\u0000${name}`).digest();
    const a = Number.parseInt(h.slice(0, 8), 16) | 0;
    const b = Number.parseInt(h.slice(8), 16) | 0;
    return (k) => {
      const lo = fmix32((a + Math.imul(k | 0, 0x9e3779b9)) | 0);
      const hi = fmix32((b ^ lo) + Math.imul(Math.floor(k / 0x1_0000_0000), 0x85ebca6b));
      // 53 random bits → [0, 1).
      return ((hi >>> 5) * 0x4000000 + (lo >>> 6)) / 0x20000000000000;
    };
  }
}
