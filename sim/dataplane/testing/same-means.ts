/**
 * Two samples of runs (one record of figures per run) against each other, figure by figure: the
 * figures whose means differ by more than `sigmas` standard errors of their difference, as lines
 * to report (none: the same law as far as the samples tell). For checking a path that must agree
 * with another in distribution, not draw for draw (quiet windows against every arrival drawn).
 */
export function meansThatDiffer(
  a: readonly Record<string, number>[],
  b: readonly Record<string, number>[],
  sigmas: number,
): string[] {
  const stats = (xs: number[]) => {
    const mean = xs.reduce((p, q) => p + q, 0) / xs.length;
    const v = xs.reduce((p, q) => p + (q - mean) ** 2, 0) / (xs.length - 1);
    return { mean, se: Math.sqrt(v / xs.length) };
  };
  return Object.keys(a[0] ?? {}).flatMap((key) => {
    const x = stats(a.map((r) => r[key]!));
    const y = stats(b.map((r) => r[key]!));
    const err = Math.hypot(x.se, y.se);
    return Math.abs(y.mean - x.mean) <= sigmas * err + 1e-9 * Math.abs(x.mean)
      ? []
      : [`${key}: ${y.mean} vs ${x.mean}, more than ${sigmas} × ${err} apart`];
  });
}
