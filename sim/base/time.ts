/**
 * Virtual time: an integer count of microseconds, exact in a JS number up to 2^53 µs (≈285 years).
 * Build values only through `s()`, `ms()`, `us()`; floats never become times (any rounding happens here).
 */
declare const unit: unique symbol;
export type Time = number & { readonly [unit]: 'us' };
/** A span of virtual time; same representation as `Time`. */
export type Duration = Time;

const US_PER_MS = 1_000;
const US_PER_S = 1_000_000;

function whole(n: number, what: string): Time {
  const v = Math.round(n);
  if (!Number.isFinite(v) || !Number.isSafeInteger(v)) {
    throw new RangeError(`${what}: ${n} is not a representable time in microseconds`);
  }
  return v as Time;
}

export const us = (n: number): Time => whole(n, 'us()');
export const ms = (n: number): Time => whole(n * US_PER_MS, 'ms()');
export const s = (n: number): Time => whole(n * US_PER_S, 's()');

export const ZERO = 0 as Time;
/** Larger than any time a run can reach; "never" for deadlines. */
export const NEVER = Number.MAX_SAFE_INTEGER as Time;

export const add = (a: Time, b: Duration): Time => (a + b) as Time;
export const sub = (a: Time, b: Time): Duration => (a - b) as Duration;
/** Scale a duration by a factor (jitter, multipliers), rounding once to a whole µs. */
export const scale = (d: Duration, f: number): Duration => whole(d * f, 'scale()');
export const minTime = (a: Time, b: Time): Time => (a < b ? a : b);
export const maxTime = (a: Time, b: Time): Time => (a > b ? a : b);

export const toSeconds = (t: Time): number => t / US_PER_S;
export const toMillis = (t: Time): number => t / US_PER_MS;

/** Human-readable time for summaries: "1.250s", "300ms", "2h 0m 5s". */
export function formatTime(t: Time): string {
  if (t === NEVER) return 'never';
  const abs = Math.abs(t);
  const sign = t < 0 ? '-' : '';
  if (abs < US_PER_MS) return `${sign}${abs}µs`;
  if (abs < US_PER_S) return `${sign}${trim(abs / US_PER_MS)}ms`;
  if (abs < 3600 * US_PER_S) return `${sign}${trim(abs / US_PER_S)}s`;
  const secs = Math.floor(abs / US_PER_S);
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  return `${sign}${h}h ${m}m ${secs % 60}s`;
}

function trim(x: number): string {
  // Three decimals at most, trailing zeros (and a bare point) dropped: 60.0001 → "60", 1.25 → "1.25".
  return Number.isInteger(x) ? String(x) : x.toFixed(3).replace(/\.?0+$/, '');
}
