/**
 * BIRD ≤ 2.13's late timer actions (gr-reference §2.6, §5.1a). In BIRD 2.0.12 `sysdep/unix/io.c
 * io_loop` runs, in order: pending events, then due timers, then poll(). A GR or hold timer handler
 * only schedules the route work (flush, LLGR marking) as an event; `poll_tout` was decided from the
 * events that existed before the timers ran, so it is the idle 3000 ms, cut short by the next timer
 * (`tm_remains + 1 ms`) or by a packet on any socket. The work runs when poll() returns.
 *
 * Simplification: the session knows its own timers only. Other sessions' packets and timers are a
 * profile figure, `busyInterval`, the mean gap between wake-ups they cause; the lag is drawn uniformly
 * below it (a packet arrives at an unknown phase). With `busyInterval` 0 the daemon is otherwise idle
 * and the lag is the idle poll timeout unless one of the session's own timers comes first.
 * Fixed in BIRD 2.14 (commit 6a242b3ec): the work runs in the same loop pass.
 */
import { type Duration, ms, NEVER, s, type Time } from '../../base/time.js';
import type { MainLoopWakeup } from '../profile/profile.js';
import type { Uniform } from './jitter.js';

/** How long after `now` BIRD's next main-loop wake-up comes; `nextTimer` is the session's next own deadline. */
export function wakeUpLag(w: MainLoopWakeup, now: Time, nextTimer: Time, u: Uniform): Duration {
  let lag = s(w.idlePollTimeout);
  // io_loop: timeout = (tm_remains(t) TO_MS) + 1.
  if (nextTimer !== NEVER && nextTimer > now) {
    const t = (nextTimer - now + ms(1)) as Duration;
    if (t < lag) lag = t;
  }
  if (w.busyInterval > 0) {
    const busy = s(w.busyInterval * u());
    if (busy < lag) lag = busy;
  }
  return lag;
}
