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

/**
 * The run's events as a teacher steps through them: each distinct instant with a notable record,
 * in time order ("event i of N" counts these).
 */
export function eventInstants(records: readonly WorldRecord[]): number[] {
  const out: number[] = [];
  for (const r of records) if (isNotableRecord(r) && out[out.length - 1] !== r.t) out.push(r.t);
  return out;
}

/** How many instants are at or before `t`: the 1-based number of the event under the cursor, 0 before the first. */
export function instantsUpTo(instants: readonly number[], t: number): number {
  let lo = 0;
  let hi = instants.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (instants[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The instant after `t` (dir 1) or before it (dir -1), or null past either end. */
export function stepInstant(instants: readonly number[], t: number, dir: 1 | -1): number | null {
  const k = instantsUpTo(instants, dir > 0 ? t : t - 1);
  return dir > 0 ? (instants[k] ?? null) : k > 0 ? instants[k - 1]! : null;
}

/** Every notable record at the same instant as record `i`: all of them, however many. */
export function recordsAtSameTime(
  records: readonly WorldRecord[],
  i: number,
  limit = Number.POSITIVE_INFINITY,
): number[] {
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
