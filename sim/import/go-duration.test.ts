import { describe, expect, it } from 'vitest';
import { formatNs, parseGoDuration, wholeSecondsOf } from './go-duration.js';

const ns = (t: string) => {
  const r = parseGoDuration(t);
  if (!r.ok) throw new Error(r.message);
  return r.ns;
};

describe('Go durations (metav1.Duration)', () => {
  it('reads single and compound components exactly', () => {
    expect(ns('90s')).toBe(90_000_000_000n);
    expect(ns('1m30s')).toBe(90_000_000_000n);
    expect(ns('1h2m3s4ms5us6ns')).toBe(3_723_004_005_006n);
    expect(ns('300ms')).toBe(300_000_000n);
    expect(ns('2µs')).toBe(2_000n);
    expect(ns('2μs')).toBe(2_000n);
  });

  it('scales fractions without floating-point error and truncates below a nanosecond', () => {
    expect(ns('1.5h')).toBe(5_400_000_000_000n);
    expect(ns('0.1s')).toBe(100_000_000n);
    expect(ns('.5s')).toBe(500_000_000n);
    expect(ns('5.s')).toBe(5_000_000_000n);
    expect(ns('1.0000000005s')).toBe(1_000_000_000n);
  });

  it('accepts a bare "0" and a sign, as Go does', () => {
    expect(ns('0')).toBe(0n);
    expect(ns('-90s')).toBe(-90_000_000_000n);
    expect(ns('+90s')).toBe(90_000_000_000n);
  });

  it('rejects numbers without a unit, unknown units, empty strings and lone dots', () => {
    for (const t of ['90', '', '1d', '.s', '1m30', 's', '90 s', '-', '1.5']) {
      expect(parseGoDuration(t), t).toMatchObject({ ok: false });
    }
  });

  it('rejects values beyond int64 nanoseconds', () => {
    expect(parseGoDuration('3000000h')).toMatchObject({ ok: false, message: expect.stringContaining('overflows') });
  });

  it('truncates to whole seconds as int64(d / time.Second)', () => {
    expect(wholeSecondsOf(ns('3.9s'))).toBe(3);
    expect(wholeSecondsOf(ns('10s') / 3n)).toBe(3);
    expect(formatNs(ns('10s') / 3n)).toBe('3.333333333 s');
    expect(formatNs(ns('90s'))).toBe('90 s');
  });
});
