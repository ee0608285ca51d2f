/**
 * The only randomness the data plane sees: a uniform source handed in by the caller, named after
 * the caller's stream (`client/web/arrivals`). Structurally compatible with the engine's
 * `RandomStream`, so the world passes a stream without the data plane importing the engine.
 */
export interface RandomSource {
  /** Uniform in [0, 1). */
  next(): number;
}
