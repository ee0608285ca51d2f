// Go's time.ParseDuration, which is how Kubernetes reads a metav1.Duration such as a BGPPeer's
// holdTime ("90s", "1m30s", "1.5h"). Exact: the value is kept as integer nanoseconds (bigint), the
// fraction digits are scaled without floating point, as Go does.

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5 micro sign
  μs: 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** Go's limit: a Duration is an int64 count of nanoseconds. */
const MAX_NS = (1n << 63n) - 1n;

const COMPONENT = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;

export type GoDurationResult = { ok: true; ns: bigint } | { ok: false; message: string };

/** Parses a Go duration string ("90s", "1m30s", "-1.5h", "0") into nanoseconds. */
export function parseGoDuration(text: string): GoDurationResult {
  const bad = { ok: false as const, message: `"${text}" is not a Go duration such as "90s" or "1m30s"` };
  let rest = text;
  let sign = 1n;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1n;
    rest = rest.slice(1);
  }
  if (rest === '0') return { ok: true, ns: 0n };
  if (rest === '') return bad;
  let total = 0n;
  while (rest !== '') {
    const m = COMPONENT.exec(rest);
    // Go requires digits before or after the dot, and a unit after every number.
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return bad;
    const unit = UNIT_NS[m[3]];
    let ns = BigInt(m[1] === '' ? '0' : m[1]) * unit;
    const frac = m[2] ?? '';
    if (frac !== '') {
      // Go truncates fractions finer than a nanosecond.
      ns += (BigInt(frac) * unit) / 10n ** BigInt(frac.length);
    }
    total += ns;
    if (total > MAX_NS) return { ok: false, message: `"${text}" overflows Go's duration range` };
    rest = rest.slice(m[0].length);
  }
  return { ok: true, ns: sign * total };
}

/** Whole seconds, truncated toward zero, as `int64(d / time.Second)` in Go. */
export function wholeSecondsOf(ns: bigint): number {
  return Number(ns / 1_000_000_000n);
}

/** A nanosecond count for people: "3.333333333 s", "90 s". */
export function formatNs(ns: bigint): string {
  const secs = ns / 1_000_000_000n;
  const frac = (ns < 0n ? -ns : ns) % 1_000_000_000n;
  if (frac === 0n) return `${secs} s`;
  return `${secs}.${frac.toString().padStart(9, '0').replace(/0+$/, '')} s`;
}
