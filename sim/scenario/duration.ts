/**
 * Durations as people write them: "90s", "300ms", "2h", "1.5m", "250us", or a bare number of
 * seconds. Parsed once, at load, into integer microseconds. A value beyond the clock (2^53 µs) is
 * reported by the field's bound, never thrown (sim/base/time.ts throws on such a value).
 */
import type { Duration } from '../base/time.js';

/** µs per unit, applied in the order `s()` always has (n × 60 × 10^6), so results do not change. */
const UNITS: Record<string, (n: number) => number> = {
  us: (n) => n,
  µs: (n) => n,
  ms: (n) => n * 1_000,
  s: (n) => n * 1_000_000,
  m: (n) => n * 60 * 1_000_000,
  h: (n) => n * 3600 * 1_000_000,
  d: (n) => n * 86400 * 1_000_000,
};

const PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(us|µs|ms|s|m|h|d)\s*$/;

export const DURATION_HINT = 'a duration such as "90s", "300ms", "2h" or a number of seconds';

/**
 * The duration in µs before rounding, possibly far beyond the clock (or Infinity for 400 digits),
 * or undefined when the value is not a duration at all (wrong type, negative, no unit).
 */
export function durationMicros(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v * 1_000_000 : undefined;
  if (typeof v !== 'string') return undefined;
  const m = PATTERN.exec(v);
  if (!m) return undefined;
  return UNITS[m[2]](Number(m[1]));
}

/** Returns the duration in whole µs, or undefined when it is not a duration the clock can hold. */
export function parseDuration(v: unknown): Duration | undefined {
  const micros = durationMicros(v);
  if (micros === undefined) return undefined;
  const whole = Math.round(micros);
  return Number.isSafeInteger(whole) ? (whole as Duration) : undefined;
}
