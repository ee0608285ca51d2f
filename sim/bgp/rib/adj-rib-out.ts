/**
 * The Adj-RIB-Out toward one peer for one family (RFC 4271 §3.2): what we last advertised, so that a
 * best-path change becomes exactly one UPDATE, one WITHDRAW, or nothing, and every one is counted.
 * Counts are per prefix: an UPDATE message carrying ten NLRI counts ten updates (message packing is
 * the transport's business, the churn is the routes').
 */
import type { RibAttributes } from './attributes.js';

export interface OutCounters {
  /** Prefixes announced (initial advertisement or a change of attributes). */
  updatesSent: number;
  /** Prefixes withdrawn. */
  withdrawalsSent: number;
  /** Prefixes currently advertised. */
  prefixesAdvertised: number;
}

export type OutAction = 'update' | 'withdraw' | 'none';

/**
 * Indexed by prefix id, densely: a best path normally goes to every peer but its source, so an
 * Adj-RIB-Out holds nearly every prefix and an array beats a map in both time and memory.
 */
export class AdjRibOut {
  private readonly sent: (RibAttributes | undefined)[] = [];
  private count = 0;
  updatesSent = 0;
  withdrawalsSent = 0;

  get prefixesAdvertised(): number {
    return this.count;
  }

  advertised(prefixId: number): RibAttributes | undefined {
    return prefixId < this.sent.length ? this.sent[prefixId] : undefined;
  }

  /** Brings the entry to `attrs` (undefined: not advertised) and says what had to be sent. */
  apply(prefixId: number, attrs: RibAttributes | undefined): OutAction {
    const cur = this.advertised(prefixId);
    if (cur === attrs) return 'none';
    // Grow without holes so the array stays in fast (packed) mode.
    while (this.sent.length <= prefixId) this.sent.push(undefined);
    this.sent[prefixId] = attrs;
    if (attrs === undefined) {
      this.count--;
      this.withdrawalsSent++;
      return 'withdraw';
    }
    if (cur === undefined) this.count++;
    this.updatesSent++;
    return 'update';
  }

  /** Session down: the peer forgets everything we sent; nothing is sent, so nothing is counted. */
  clear(): void {
    this.sent.length = 0;
    this.count = 0;
  }

  /** [prefix id, attributes] of every advertised prefix, in prefix-id order. */
  entries(): [number, RibAttributes][] {
    const out: [number, RibAttributes][] = [];
    for (let i = 0; i < this.sent.length; i++) {
      const a = this.sent[i];
      if (a !== undefined) out.push([i, a]);
    }
    return out;
  }

  counters(): OutCounters {
    return {
      updatesSent: this.updatesSent,
      withdrawalsSent: this.withdrawalsSent,
      prefixesAdvertised: this.count,
    };
  }
}
