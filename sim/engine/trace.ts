/**
 * The trace: typed, append-only records `{ t, type, subject, ...data }`. Layers above define their
 * own record unions on `type`; the engine only orders, serialises and hashes them. Serialisation is
 * JSON with the record's own key order (records are built by code, so the order is stable), one
 * record per line; the hash covers exactly those lines.
 */
import type { Time } from '../base/time.js';
import { StableHash } from './hash.js';

export interface TraceRecordBase {
  readonly t: Time;
  readonly type: string;
  readonly subject: string;
}

export interface TraceOptions {
  /** Keep the records in memory (for replay and the UI). Sweeps only need the hash and counts. */
  keep?: boolean;
}

export class Trace<R extends TraceRecordBase = TraceRecordBase> {
  private readonly items: R[] = [];
  private readonly hasher = new StableHash();
  private readonly keep: boolean;
  private lastT = 0;
  private n = 0;

  constructor(options: TraceOptions = {}) {
    this.keep = options.keep ?? true;
  }

  append(record: R): void {
    if (record.t < this.lastT) {
      throw new RangeError(`trace: record at ${record.t} after one at ${this.lastT} (append-only, time-ordered)`);
    }
    this.lastT = record.t;
    this.n++;
    this.hasher.update(JSON.stringify(record)).update('\n');
    if (this.keep) this.items.push(Object.freeze(record));
  }

  get length(): number {
    return this.n;
  }

  /** The kept records (empty when `keep` is false). */
  get records(): readonly R[] {
    return this.items;
  }

  /** Hash of the JSON Lines text of every appended record. */
  hash(): string {
    return this.hasher.digest();
  }

  /** The JSON Lines text (requires kept records). */
  toJsonLines(): string {
    let out = '';
    for (const r of this.items) out += `${JSON.stringify(r)}\n`;
    return out;
  }
}
