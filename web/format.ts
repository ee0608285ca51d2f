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
  return `${sign}${d > 0 ? `${d}d ` : ''}${h}h ${m}m ${secs % 60}s`;
}

function trim(x: number, digits: number): string {
  return x.toFixed(digits).replace(/\.?0+$/, '');
}
