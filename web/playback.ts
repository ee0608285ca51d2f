/** Cursor movement: stepping between trace events and pacing playback in real time. */
import { isNotableRecord, recordsUpTo, type WorldRecord } from '../sim/index.js';

/** The time of the first notable record after `t`, or null at the end. */
export function nextEventTime(records: readonly WorldRecord[], t: number): number | null {
  for (let i = recordsUpTo(records, t); i < records.length; i++) if (isNotableRecord(records[i]!)) return records[i]!.t;
  return null;
}

/** The time of the last notable record before `t`, or null at the start. */
export function previousEventTime(records: readonly WorldRecord[], t: number): number | null {
  for (let i = recordsUpTo(records, t - 1) - 1; i >= 0; i--) if (isNotableRecord(records[i]!)) return records[i]!.t;
  return null;
}

/** Index of the notable record at or before `t` (the "event under the cursor"), or -1. */
export function eventIndexAt(records: readonly WorldRecord[], t: number): number {
  for (let i = recordsUpTo(records, t) - 1; i >= 0; i--) if (isNotableRecord(records[i]!)) return i;
  return -1;
}

/** Every notable record at the same instant as record `i`. */
export function recordsAtSameTime(records: readonly WorldRecord[], i: number, limit = 16): number[] {
  if (i < 0) return [];
  const t = records[i]!.t;
  let lo = i;
  while (lo > 0 && records[lo - 1]!.t === t) lo--;
  const out: number[] = [];
  for (let k = lo; k < records.length && records[k]!.t === t && out.length < limit; k++)
    if (isNotableRecord(records[k]!)) out.push(k);
  return out;
}

/** Playback: the cursor after `realMs` of wall time at `speed` simulated seconds per second. */
export function advanceCursor(cursor: number, realMs: number, speed: number, end: number): number {
  return Math.min(end, Math.round(cursor + realMs * 1000 * speed));
}
