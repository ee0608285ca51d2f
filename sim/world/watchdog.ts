/**
 * One agenda entry per machine, re-armed lazily (ns-3's Watchdog): after every step the driver
 * asks the machine for its next deadline; the entry moves only if the deadline got earlier. A
 * later deadline lets the old entry fire as a harmless tick that re-arms, so a KEEPALIVE that
 * pushes the hold timer back moves a number in the machine, not the heap.
 */
import { NEVER, type Time } from '../base/time.js';
import type { EventHandle, HandlerId, Simulator } from '../engine/index.js';

type Agenda = Pick<Simulator, 'isPending' | 'cancel' | 'scheduleAt' | 'now'>;

export class Watchdog {
  private handle: EventHandle = 0;
  private armedAt: Time = NEVER;

  constructor(
    private readonly sim: Agenda,
    private readonly handler: HandlerId,
    private readonly arg: number,
  ) {}

  /** Ensures an entry fires no later than `deadline` (NEVER: nothing needed). */
  arm(deadline: Time): void {
    if (deadline === NEVER) return;
    const live = this.armedAt !== NEVER && this.sim.isPending(this.handle);
    if (live && this.armedAt <= deadline) return;
    if (live) this.sim.cancel(this.handle);
    const at = deadline < this.sim.now() ? this.sim.now() : deadline;
    this.handle = this.sim.scheduleAt(at, this.handler, this.arg);
    this.armedAt = at;
  }

  /** Called by the handler when the entry fired. */
  fired(): void {
    this.armedAt = NEVER;
  }

  cancel(): void {
    if (this.armedAt !== NEVER) this.sim.cancel(this.handle);
    this.armedAt = NEVER;
  }
}
