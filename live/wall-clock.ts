/**
 * The wall clock as the machines see it: integer µs (sim/base time), from a monotonic source. The
 * machine clock starts at the process's uptime (a process up for a day has no startup window open,
 * RFC 4724 §4.2 / FRR t_startup); trace times count from the scenario's t = 0, set once the session
 * is up (a live run reaches its steady start by really starting).
 */
import { performance } from 'node:perf_hooks';
import type { Time } from '../sim/index.js';

export class WallClock {
  private readonly originMs: number;
  private zero: Time | null = null;

  constructor(readonly uptime: number = 0) {
    this.originMs = performance.now();
  }

  /** Machine time, µs. */
  now(): Time {
    return (this.uptime + Math.round((performance.now() - this.originMs) * 1000)) as Time;
  }

  /** The scenario's t = 0 is now. */
  markZero(): void {
    this.zero = this.now();
  }

  get started(): boolean {
    return this.zero !== null;
  }

  /** Scenario time of machine time `t` (0 before t = 0 is marked). */
  traceTime(t: Time = this.now()): Time {
    return (this.zero === null ? 0 : Math.max(0, t - this.zero)) as Time;
  }

  /** Machine time of scenario time `t` (t = 0 must be marked). */
  machineTime(t: Time): Time {
    return ((this.zero ?? this.now()) + t) as Time;
  }
}

/** The process's one wall-clock timer, re-armed to the speaker's next deadline (sim/world/watchdog.ts's role). */
export class WallTimer {
  private handle: ReturnType<typeof setTimeout> | null = null;
  private armedAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly clock: WallClock,
    private readonly fire: () => void,
  ) {}

  arm(deadline: Time): void {
    if (!Number.isFinite(deadline) || deadline >= Number.MAX_SAFE_INTEGER) return;
    if (this.handle !== null && this.armedAt <= deadline) return;
    this.cancel();
    const delayMs = Math.max(0, (deadline - this.clock.now()) / 1000);
    this.armedAt = deadline;
    // setTimeout may fire up to 1 ms early in µs terms: the tick re-arms if the deadline is not due.
    this.handle = setTimeout(() => this.fire(), Math.ceil(delayMs));
  }

  fired(): void {
    this.handle = null;
    this.armedAt = Number.POSITIVE_INFINITY;
  }

  cancel(): void {
    if (this.handle !== null) clearTimeout(this.handle);
    this.handle = null;
    this.armedAt = Number.POSITIVE_INFINITY;
  }
}
