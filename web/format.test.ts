import { describe, expect, it } from 'vitest';
import { formatMicros, formatTick, timeTicks } from './format.js';

describe('formatMicros', () => {
  it('picks the unit a reader expects, from microseconds to days', () => {
    expect(formatMicros(0)).toBe('0 s');
    expect(formatMicros(250)).toBe('250 µs');
    expect(formatMicros(300_000)).toBe('300 ms');
    expect(formatMicros(60_000_100)).toBe('60.0001 s');
    expect(formatMicros(70_000_000)).toBe('70 s');
    expect(formatMicros(90_061_000_000)).toBe('1d 1h 1m 1s');
  });

  it('keeps the sub-seconds of an event time above an hour', () => {
    expect(formatMicros(86_460_000_100)).toBe('1d 0h 1m 0.0001s');
    expect(formatMicros(86_460_000_000)).not.toBe(formatMicros(86_460_000_100));
  });
});

describe('time-axis ticks', () => {
  it('steps a 2 h run at round clock units, labelled in them', () => {
    const ticks = timeTicks(0, 7200e6, 8);
    expect(ticks.map((t) => formatTick(t, ticks[1]! - ticks[0]!))).toEqual([
      '0 s',
      '15 min',
      '30 min',
      '45 min',
      '1 h',
      '1 h 15 min',
      '1 h 30 min',
      '1 h 45 min',
      '2 h',
    ]);
  });

  it('steps a 30 h run in hours and a 600 s run in whole seconds', () => {
    const days = timeTicks(0, 30 * 3600e6, 6);
    expect(days[1]).toBe(6 * 3600e6);
    expect(formatTick(days[4]!, days[1]!)).toBe('1 d');
    expect(timeTicks(0, 600e6, 10).slice(0, 3)).toEqual([0, 60e6, 120e6]);
  });

  it('steps a millisecond window in 1-2-5 units', () => {
    const t = timeTicks(59_994_000, 60_006_000, 10);
    expect(t[1]! - t[0]!).toBe(2_000);
  });
});
