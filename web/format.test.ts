import { describe, expect, it } from 'vitest';
import { formatMicros } from './format.js';

describe('formatMicros', () => {
  it('picks the unit a reader expects, from microseconds to days', () => {
    expect(formatMicros(0)).toBe('0 s');
    expect(formatMicros(250)).toBe('250 µs');
    expect(formatMicros(300_000)).toBe('300 ms');
    expect(formatMicros(60_000_100)).toBe('60.0001 s');
    expect(formatMicros(70_000_000)).toBe('70 s');
    expect(formatMicros(90_061_000_000)).toBe('1d 1h 1m 1s');
  });
});
