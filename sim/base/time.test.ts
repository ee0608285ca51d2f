import { describe, expect, it } from 'vitest';
import { formatTime, ms, s, scale, us } from './time.js';

describe('time', () => {
  it('is an integer count of microseconds', () => {
    expect(s(1)).toBe(1_000_000);
    expect(ms(300)).toBe(300_000);
    expect(us(5)).toBe(5);
    expect(Number.isInteger(s(0.1) + s(0.2))).toBe(true);
    expect(s(0.1) + s(0.2)).toBe(s(0.3));
  });
  it('rounds scaled durations to whole microseconds', () => {
    expect(scale(ms(1), 1 / 3)).toBe(333);
  });
  it('refuses non-finite values', () => {
    expect(() => s(Number.NaN)).toThrow(/not a representable time/);
    expect(() => s(Number.POSITIVE_INFINITY)).toThrow();
  });
  it('formats for humans', () => {
    expect(formatTime(ms(300))).toBe('300ms');
    expect(formatTime(s(90))).toBe('90s');
    expect(formatTime(s(7205))).toBe('2h 0m 5s');
    expect(formatTime(us(60_000_100))).toBe('60s');
    expect(formatTime(ms(1250))).toBe('1.25s');
  });
});
