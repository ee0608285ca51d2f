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

export class AdjRibOut {
  private readonly sent = new Map<number, RibAttributes>();
  updatesSent = 0;
  withdrawalsSent = 0;

  get prefixesAdvertised(): number {
    return this.sent.size;
  }

  advertised(prefixId: number): RibAttributes | undefined {
    return this.sent.get(prefixId);
  }

  /** Brings the entry to `attrs` (undefined: not advertised) and says what had to be sent. */
  apply(prefixId: number, attrs: RibAttributes | undefined): OutAction {
    const cur = this.sent.get(prefixId);
    if (cur === attrs) return 'none';
    if (attrs === undefined) {
      this.sent.delete(prefixId);
      this.withdrawalsSent++;
      return 'withdraw';
    }
    this.sent.set(prefixId, attrs);
    this.updatesSent++;
    return 'update';
  }

  /** Session down: the peer forgets everything we sent; nothing is sent, so nothing is counted. */
  clear(): void {
    this.sent.clear();
  }

  entries(): IterableIterator<[number, RibAttributes]> {
    return this.sent.entries();
  }

  counters(): OutCounters {
    return {
      updatesSent: this.updatesSent,
      withdrawalsSent: this.withdrawalsSent,
      prefixesAdvertised: this.sent.size,
    };
  }
}
