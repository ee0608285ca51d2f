/**
 * BIRD ≤ 2.13's late timer actions (gr-reference §2.6, §5.1a). BIRD 2.0.12 `sysdep/unix/io.c io_loop`
 * runs, in order: pending events (`ev_run_list`), due timers (`timers_fire`), then poll(). A GR or hold
 * timer handler only schedules the route work (flush, LLGR marking, the NOTIFICATION) as an event, but
 * `poll_tout = (events ? 0 : 3000)` was decided from the event lists *before* the timers ran (the line
 * is marked `// FIXME`). So the work waits until poll() returns, at the earliest of:
 *  - the idle poll timeout, 3000 ms;
 *  - the first timer of any protocol of the process (`timers_first(&main_timeloop)`: every session's
 *    hold, keepalive, connect-retry, startup and GR timers), poll's timeout being
 *    `(tm_remains(t) TO_MS) + 1`: whole milliseconds, rounded down, plus one;
 *  - a packet on any socket of the main loop (the peers' KEEPALIVEs and UPDATEs, TCP events, the CLI).
 *    BFD packets do not count: BFD runs in its own thread (proto/bfd/io.c birdloop) and wakes the main
 *    loop only through its notify pipe when a session changes state (bfd_notify_kick).
 * The work runs in the loop pass after poll() returns. Fixed in BIRD 2.14 (commit 6a242b3ec).
 *
 * The speaker, which owns every session of the process, supplies the process's other wake-up
 * sources (`ProcessWake`); a session adds its own. Packets are estimated deterministically from what
 * the process knows: an Established peer's next KEEPALIVE is due one keepalive interval after the
 * last message heard from it (`nextKeepaliveArrival`). Other activity (UPDATEs, CLI, the kernel
 * protocol's scan timer) is not foreseen: the lag is its upper bound under that estimate. When the
 * driver delivers an input that wakes the loop sooner (`wakesMainLoop`: a packet, a TCP event, a BFD
 * notification, a CLI command), the speaker releases the waiting work at once (`main-loop-woke`).
 */
import { type Duration, ms, NEVER, s, type Time } from '../../base/time.js';
import type { MainLoopWakeup } from '../profile/profile.js';
import { keepaliveInterval } from './hold-time.js';
import type { SessionInput } from './types.js';

/** What will wake the daemon's main loop after `after`, besides the idle poll timeout. */
export interface WakeSources {
  /** The earliest timer of the process still to fire, strictly after `after` (NEVER = none). */
  readonly nextTimer: Time;
  /** The earliest packet expected on one of the process's sockets, strictly after `after` (NEVER = none). */
  readonly nextPacket: Time;
}

export const NO_WAKE_SOURCES: WakeSources = { nextTimer: NEVER, nextPacket: NEVER };

/**
 * The rest of the process as the speaker sees it: every other session's timers and expected packets
 * (and the speaker's own timers). A pure function of the speaker's state; absent = a daemon with no
 * other sessions.
 */
export type ProcessWake = (after: Time) => WakeSources;

export function earliestWake(a: WakeSources, b: WakeSources): WakeSources {
  return {
    nextTimer: a.nextTimer < b.nextTimer ? a.nextTimer : b.nextTimer,
    nextPacket: a.nextPacket < b.nextPacket ? a.nextPacket : b.nextPacket,
  };
}

/** How long after `firedAt` BIRD's next main-loop wake-up comes, given what will wake it. */
export function wakeUpLag(w: MainLoopWakeup, firedAt: Time, next: WakeSources): Duration {
  let lag = s(w.idlePollTimeout);
  if (next.nextTimer !== NEVER && next.nextTimer > firedAt) {
    // io_loop: timeout = (tm_remains(t) TO_MS) + 1; btime is µs and TO_MS is `/1000` (lib/birdlib.h).
    const t = (Math.floor((next.nextTimer - firedAt) / ms(1)) * ms(1) + ms(1)) as Duration;
    if (t < lag) lag = t;
  }
  if (next.nextPacket !== NEVER && next.nextPacket > firedAt) {
    // poll() returns when the packet arrives; the next loop pass runs the pending events.
    const p = (next.nextPacket - firedAt) as Duration;
    if (p < lag) lag = p;
  }
  return lag;
}

/**
 * A deterministic estimate of the next KEEPALIVE from an Established peer after `after`: one
 * keepalive interval (a third of the negotiated hold time, RFC 4271 §10, as the peer derives it
 * unless configured otherwise) after the last message heard from it. A live peer sends sooner, never
 * later (BIRD jitters its keepalives down by up to 25 %, FRR not at all), so this is the latest
 * arrival. A peer already overdue is taken as silent: nothing expected. With implied keepalives
 * (steady state, both ends alive) the peer keeps sending every interval from the last one heard.
 */
export function nextKeepaliveArrival(lastReceivedAt: Time, holdTime: number, implied: boolean, after: Time): Time {
  if (lastReceivedAt === NEVER || holdTime === 0) return NEVER;
  const k = s(keepaliveInterval(holdTime, 0));
  let t = lastReceivedAt + k;
  if (t > after) return t as Time;
  if (!implied) return NEVER;
  t += Math.floor((after - t) / k + 1) * k;
  return t as Time;
}

/**
 * Whether delivering this input means BIRD's main loop woke: a packet or TCP event on a socket, the
 * BFD notify pipe, the CLI socket, a signal (poll() returns EINTR). Timer ticks wake it at the time
 * the lag already counts (plus poll's 1 ms); `send` and `implied-keepalives` are the driver's own.
 */
export function wakesMainLoop(input: SessionInput): boolean {
  switch (input.type) {
    case 'tick':
    case 'send':
    case 'implied-keepalives':
    case 'main-loop-woke':
    case 'max-prefix-exceeded':
      return false;
    default:
      return true;
  }
}
