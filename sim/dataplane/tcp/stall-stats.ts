/**
 * What users ask of stalls, per group: how many connections stalled, how many came back (and after
 * how long, as a user sees it: from its first lost packet to the retransmission that got through),
 * how many TCP or the application gave up on, how many clients reconnected, and for every ended
 * stall both the seconds its packets really vanished (until the path came back) and the seconds
 * the user waited (until the next retransmission found it).
 */
export interface StallMetrics {
  /** Stalls begun (a connection whose packets stopped arriving; a stalled SYN counts). */
  readonly stalled: number;
  /** Stalls that ended with the connection delivering again. */
  readonly survived: number;
  /** Stalls ended by TCP giving up (tcp_retries2 / tcp_syn_retries). */
  readonly gaveUp: number;
  /** Stalls ended by the application timeout. */
  readonly appTimeouts: number;
  /** New connections opened by clients after a reset or give-up. */
  readonly reconnects: number;
  /** Σ over ended stalls of the time the path was black-holed or unrouted, s. */
  readonly blackholedSeconds: number;
  /** Σ over ended stalls of the time the user waited, s. */
  readonly stallSeconds: number;
  /** User-visible stall time of each survived stall, s, in the order they ended. */
  readonly survivedStallTimes: readonly number[];
}

export class StallStats {
  stalled = 0;
  survived = 0;
  gaveUp = 0;
  appTimeouts = 0;
  reconnects = 0;
  blackholedSeconds = 0;
  stallSeconds = 0;
  readonly survivedStallTimes: number[] = [];

  /** A stall from `start` ended at `end`; its path was deliverable again from `pathBack` (−1: never). */
  ended(start: number, pathBack: number, end: number, survived: boolean): void {
    this.stallSeconds += (end - start) / 1e6;
    this.blackholedSeconds += ((pathBack >= 0 ? pathBack : end) - start) / 1e6;
    if (survived) {
      this.survived++;
      this.survivedStallTimes.push((end - start) / 1e6);
    }
  }

  snapshot(): StallMetrics {
    return {
      stalled: this.stalled,
      survived: this.survived,
      gaveUp: this.gaveUp,
      appTimeouts: this.appTimeouts,
      reconnects: this.reconnects,
      blackholedSeconds: this.blackholedSeconds,
      stallSeconds: this.stallSeconds,
      survivedStallTimes: [...this.survivedStallTimes],
    };
  }
}

/** The q-quantile (0..1) of `xs` by nearest rank; 0 for none. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}
