/** Times for people: µs below a millisecond, ms below a second, seconds below an hour, then h m s. */
export function formatMicros(us: number): string {
  const a = Math.abs(us);
  const sign = us < 0 ? '-' : '';
  if (a === 0) return '0 s';
  if (a < 1_000) return `${sign}${a} µs`;
  if (a < 1_000_000) return `${sign}${trim(a / 1_000, 3)} ms`;
  if (a < 3_600_000_000) return `${sign}${trim(a / 1_000_000, 6)} s`;
  const secs = Math.floor(a / 1_000_000);
  const d = Math.floor(secs / 86_400);
  const h = Math.floor((secs % 86_400) / 3600);
  const m = Math.floor((secs % 3600) / 60);
  // An event time keeps its sub-seconds at any scale: two events 100 µs apart never read alike.
  const rest = trim((a % 60_000_000) / 1_000_000, 6);
  return `${sign}${d > 0 ? `${d}d ` : ''}${h}h ${m}m ${rest}s`;
}

const S = 1_000_000;
/** Tick steps at round time units, as Grafana's time axis steps: 1-2-5 below a second, then clock units. */
const STEPS = [
  1,
  2,
  5,
  10,
  20,
  50,
  100,
  200,
  500,
  1_000,
  2_000,
  5_000,
  10_000,
  20_000,
  50_000,
  100_000,
  200_000,
  500_000,
  S,
  2 * S,
  5 * S,
  10 * S,
  15 * S,
  30 * S,
  60 * S,
  2 * 60 * S,
  5 * 60 * S,
  10 * 60 * S,
  15 * 60 * S,
  30 * 60 * S,
  3600 * S,
  2 * 3600 * S,
  3 * 3600 * S,
  6 * 3600 * S,
  12 * 3600 * S,
  86_400 * S,
  2 * 86_400 * S,
  7 * 86_400 * S,
];

/** The round step that puts about `count` ticks (at most) in [lo, hi]. */
export function tickStep(lo: number, hi: number, count: number): number {
  const want = (hi - lo) / Math.max(1, count);
  return STEPS.find((s) => s >= want) ?? STEPS[STEPS.length - 1]!;
}

/** Ticks at multiples of a round step. */
export function timeTicks(lo: number, hi: number, count: number): number[] {
  const step = tickStep(lo, hi, count);
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) out.push(v);
  return out;
}

/** A tick label in the unit of its step: "1 min 30 s" is "1.5 min" never; whole clock units above a minute. */
export function formatTick(us: number, step: number): string {
  if (step < 60 * S || us < 60 * S) return formatMicros(us);
  const secs = Math.round(us / S);
  const d = Math.floor(secs / 86_400);
  const h = Math.floor((secs % 86_400) / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const s = secs % 60;
  const parts = [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : '', s ? `${s} s` : ''].filter(Boolean);
  return parts.join(' ');
}

function trim(x: number, digits: number): string {
  return x.toFixed(digits).replace(/\.?0+$/, '');
}

/** Text safe inside an XML element or attribute (exported SVG captions carry scenario names). */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
