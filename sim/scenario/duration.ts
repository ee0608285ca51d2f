/**
 * Durations as people write them: "90s", "300ms", "2h", "1.5m", "250us", or a bare number of
 * seconds. Parsed once, at load, into integer microseconds.
 */
import { type Duration, ms, s, us } from '../base/time.js';

const UNITS: Record<string, (n: number) => Duration> = {
  us: us,
  µs: us,
  ms: ms,
  s: s,
  m: (n) => s(n * 60),
  h: (n) => s(n * 3600),
  d: (n) => s(n * 86400),
};

const PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(us|µs|ms|s|m|h|d)\s*$/;

export const DURATION_HINT = 'a duration such as "90s", "300ms", "2h" or a number of seconds';

/** Returns the duration in µs, or undefined when the text is not a duration. */
export function parseDuration(v: unknown): Duration | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? s(v) : undefined;
  if (typeof v !== 'string') return undefined;
  const m = PATTERN.exec(v);
  if (!m) return undefined;
  const value = UNITS[m[2]](Number(m[1]));
  return Number.isSafeInteger(value) ? value : undefined;
}
