import { describe, expect, it } from 'vitest';
import type { WorldRecord } from '../sim/index.js';
import { advanceCursor, eventIndexAt, nextEventTime, previousEventTime, recordsAtSameTime } from './playback.js';

const rec = (t: number, message = 'OPEN'): WorldRecord =>
  ({ t, type: 'bgp-message', subject: 'a>b', dir: 'sent', message, detail: '' }) as WorldRecord;
const records = [rec(0), rec(5, 'KEEPALIVE'), rec(10), rec(10, 'UPDATE'), rec(20, 'KEEPALIVE'), rec(30)];

describe('playback', () => {
  it('steps to the next and previous events, skipping KEEPALIVEs', () => {
    expect(nextEventTime(records, 0)).toBe(10);
    expect(nextEventTime(records, 10)).toBe(30);
    expect(nextEventTime(records, 30)).toBeNull();
    expect(previousEventTime(records, 30)).toBe(10);
    expect(previousEventTime(records, 10)).toBe(0);
    expect(previousEventTime(records, 0)).toBeNull();
  });

  it('finds the event under the cursor and the others at its instant', () => {
    expect(eventIndexAt(records, 25)).toBe(3);
    expect(recordsAtSameTime(records, 3)).toEqual([2, 3]);
    expect(eventIndexAt(records, -1)).toBe(-1);
  });

  it('advances the cursor at the chosen speed and stops at the end', () => {
    expect(advanceCursor(0, 500, 10, 1e9)).toBe(5_000_000);
    expect(advanceCursor(0, 500, 10, 1_000_000)).toBe(1_000_000);
  });
});
