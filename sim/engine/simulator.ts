/**
 * One simulation run: virtual clock, agenda, named random streams and trace. An instance, never a
 * global, so sweeps and the UI can run many at once.
 *
 * Handlers are registered once (`handler(fn)`) and events carry only a handler id and a numeric
 * argument, so scheduling allocates no closure per event.
 */
import { SimInvariantError } from '../base/assert.js';
import { type Duration, NEVER, type Time, ZERO } from '../base/time.js';
import { Agenda, type EventHandle, MAX_PRIORITY } from './agenda.js';
import { RandomStreams } from './rng.js';
import { Trace, type TraceOptions, type TraceRecordBase } from './trace.js';

export type HandlerId = number;
/** An event's work: its argument only; the time is `now()` (a double past 2^30 µs, not boxed per event). */
export type EventHandler = (arg: number) => void;

export interface SimulatorOptions extends TraceOptions {
  seed?: number | string;
  /** Expected peak of pending events; sizing the agenda once avoids regrowth copies. */
  capacity?: number;
  /** The clock's first reading (default 0); negative for a history before the run's t = 0. */
  start?: Time;
}

export class Simulator<R extends TraceRecordBase = TraceRecordBase> {
  readonly rng: RandomStreams;
  readonly trace: Trace<R>;
  private readonly agenda: Agenda;
  private readonly handlers: EventHandler[] = [];
  private clock: Time = ZERO;
  private fired = 0;

  constructor(options: SimulatorOptions = {}) {
    this.agenda = new Agenda(options.capacity);
    this.rng = new RandomStreams(options.seed ?? 0);
    this.trace = new Trace<R>(options);
    this.clock = options.start ?? ZERO;
  }

  now(): Time {
    return this.clock;
  }

  /** Events fired so far. */
  get eventCount(): number {
    return this.fired;
  }

  get pending(): number {
    return this.agenda.pending;
  }

  /** Registers a handler once; events refer to it by the returned id. */
  handler(fn: EventHandler): HandlerId {
    this.handlers.push(fn);
    return this.handlers.length - 1;
  }

  /** Schedules `handler(arg)` at absolute time `at` (≥ now). Lower priority fires first at equal times. */
  scheduleAt(at: Time, handler: HandlerId, arg = 0, priority = 0): EventHandle {
    // Hot path: one combined test, the messages live in a cold function so this stays inlinable.
    if (
      !(at >= this.clock && Math.floor(at) === at && at <= NEVER) ||
      !(handler >= 0 && handler < this.handlers.length) ||
      !(priority >= 0 && priority <= MAX_PRIORITY)
    ) {
      refuse(at, this.clock, handler, priority);
    }
    return this.agenda.push(at, handler, arg, priority);
  }

  scheduleAfter(delay: Duration, handler: HandlerId, arg = 0, priority = 0): EventHandle {
    // scheduleAt's checks repeated, not called: one inlinable call to the agenda (see push).
    const at = this.clock + delay;
    if (
      !(delay >= 0 && Math.floor(at) === at && at <= NEVER) ||
      !(handler >= 0 && handler < this.handlers.length) ||
      !(priority >= 0 && priority <= MAX_PRIORITY)
    ) {
      if (!(delay >= 0)) refuseDelay(delay);
      refuse(at, this.clock, handler, priority);
    }
    return this.agenda.push(at, handler, arg, priority);
  }

  /** Cancels a pending event; false if it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    return this.agenda.cancel(handle);
  }

  isPending(handle: EventHandle): boolean {
    return this.agenda.isPending(handle);
  }

  /** Time of the next pending event, or undefined. */
  peek(): Time | undefined {
    const t = this.agenda.peekTime();
    return t === Number.POSITIVE_INFINITY ? undefined : (t as Time);
  }

  /** Fires the next event. Returns false when nothing is pending. */
  step(): boolean {
    const handler = this.agenda.pop();
    if (handler < 0) return false;
    this.fire(handler);
    return true;
  }

  /**
   * Fires every event with time ≤ `until`, then sets the clock to `until`.
   * Returns the number of events fired.
   */
  runUntil(until: Time): number {
    if (!(until >= this.clock)) throw new RangeError(`runUntil(${until}): in the past (now is ${this.clock})`);
    const agenda = this.agenda;
    let n = 0;
    while (agenda.peekTime() <= until) {
      this.fire(agenda.pop());
      n++;
    }
    this.clock = until;
    return n;
  }

  /** Runs to quiescence (nothing pending) or until `maxEvents` fired. Returns events fired. */
  run(maxEvents = Number.POSITIVE_INFINITY): number {
    // `step` unrolled: the hot loop of every run.
    const agenda = this.agenda;
    const handlers = this.handlers;
    let n = 0;
    while (n < maxEvents) {
      const handler = agenda.pop();
      if (handler < 0) break;
      const t = agenda.lastPoppedTime as Time;
      if (t < this.clock) backwards(t, this.clock);
      this.clock = t;
      this.fired++;
      n++;
      handlers[handler]!(agenda.lastArg);
    }
    return n;
  }

  /** Appends a trace record stamped with the current time by the caller. */
  record(r: R): void {
    this.trace.append(r);
  }

  /** Fires the event `pop` just returned (its handler id; time and argument are on the agenda). */
  private fire(handler: number): void {
    const agenda = this.agenda;
    const t = agenda.lastPoppedTime;
    if (t < this.clock) backwards(t, this.clock);
    this.clock = t as Time;
    this.fired++;
    this.handlers[handler]!(agenda.lastArg);
  }
}

function refuse(at: number, now: number, handler: number, priority: number): never {
  if (!(at >= now)) throw new RangeError(`scheduleAt(${at}): in the past (now is ${now})`);
  if (!(priority >= 0 && priority <= MAX_PRIORITY))
    throw new RangeError(`scheduleAt: priority ${priority} out of range`);
  if (Math.floor(at) === at && at <= NEVER) throw new RangeError(`scheduleAt: unknown handler ${handler}`);
  throw new RangeError(`scheduleAt(${at}): time must be integer microseconds`);
}

function backwards(t: number, now: number): never {
  throw new SimInvariantError(`time went backwards: ${t} < ${now}`);
}

function refuseDelay(delay: number): never {
  throw new RangeError(`scheduleAfter(${delay}): negative delay`);
}
