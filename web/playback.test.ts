import { describe, expect, it } from 'vitest';
import type { WorldRecord } from '../sim/index.js';
import {
  advanceCursor,
  eventIndexAt,
  eventInstants,
  instantsUpTo,
  nextEventTime,
  previousEventTime,
  recordsAtSameTime,
  stepInstant,
} from './playback.js';

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

  it('numbers the instants with an event and steps between them, null past either end', () => {
    const inst = eventInstants(records);
    expect(inst).toEqual([0, 10, 30]);
    expect(instantsUpTo(inst, -1)).toBe(0);
    expect(instantsUpTo(inst, 10)).toBe(2);
    expect(instantsUpTo(inst, 29)).toBe(2);
    expect(stepInstant(inst, 10, 1)).toBe(30);
    expect(stepInstant(inst, 30, 1)).toBeNull();
    expect(stepInstant(inst, 10, -1)).toBe(0);
    expect(stepInstant(inst, 0, -1)).toBeNull();
  });

  it('lists every record of a busy instant, not only the first sixteen', () => {
    const busy = Array.from({ length: 40 }, () => rec(7, 'UPDATE'));
    expect(recordsAtSameTime(busy, 39)).toHaveLength(40);
  });

  it('advances the cursor at the chosen speed and stops at the end', () => {
    expect(advanceCursor(0, 500, 10, 1e9)).toBe(5_000_000);
    expect(advanceCursor(0, 500, 10, 1_000_000)).toBe(1_000_000);
  });
});
