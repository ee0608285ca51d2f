/**
 * The world's simulator: the engine's, counting every insertion into its agenda, so a room can tell
 * that nothing was scheduled since its own last event (context.ts batches a group's segments into
 * that event only then, which keeps the agenda's order exactly).
 */
import type { Duration, Time } from '../base/time.js';
import { type EventHandle, type HandlerId, Simulator } from '../engine/index.js';
import type { WorldRecord } from './records.js';

export class WorldSimulator extends Simulator<WorldRecord> {
  /** Agenda insertions so far (an insertion may be counted twice; only a change matters). */
  scheduled = 0;

  override scheduleAt(at: Time, handler: HandlerId, arg = 0, priority = 0): EventHandle {
    this.scheduled++;
    return super.scheduleAt(at, handler, arg, priority);
  }

  override scheduleAfter(delay: Duration, handler: HandlerId, arg = 0, priority = 0): EventHandle {
    this.scheduled++;
    return super.scheduleAfter(delay, handler, arg, priority);
  }
}
