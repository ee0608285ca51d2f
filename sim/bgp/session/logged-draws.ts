/**
 * Replaying a real daemon's random draws. BIRD 2.0.12 jitters its KEEPALIVE interval, its connect
 * delay and its hold timer (proto/bgp/bgp.c bgp_start_timer: 0.75–1 ×, `random()` seeded from the
 * clock), so a simulated run agrees with one real run only where its own draws happen to fall on the
 * daemon's. With the daemon's log at hand (its KEEPALIVE sends, connect attempts and hold expiries,
 * per session subject `router>peer`, in scenario time) each draw is explained instead:
 *  - the session draws from its stream first, as without a log, so every seeded stream advances
 *    identically and a run without a log is unchanged (determinism);
 *  - a logged time inside the draw's window (± LOGGED_DRAW_SLACK) and after the timer's start (the
 *    phase rule: the action answers this timer, not an earlier one) replaces the draw;
 *  - for a KEEPALIVE timer started before t = 0 (the steady start's chain, its phase the simulator's
 *    own), a send logged after it started but before its window opens is taken, so the next window
 *    starts from the daemon's send (a misfit, noted);
 *  - no logged time in the window: the daemon did not act within it (stopped, or the window was cut
 *    short by what came next), so the window's end is taken (the latest the daemon could have acted),
 *    except for a timer started before t = 0, which keeps its draw (the history is the simulator's);
 *    a KEEPALIVE or connect window the daemon went on acting after is a misfit (an `explain` record,
 *    clause `logged draw`, and the run's `replayed.misfits`). A hold timer restarts on every message
 *    and the log shows only the one that fired, so a hold window without an expiry keeps the draw.
 * Pure and sans-IO: the driver parses the log (live/daemons/logs/) and hands the times in.
 */
import type { Duration, Time } from '../../base/time.js';

export type DrawKind = 'keepalive' | 'connect' | 'hold';

/** Logged times of one session's randomised actions, µs of scenario time, each list ascending. */
export type SubjectDraws = Partial<Record<DrawKind, readonly Time[]>>;

/** Per session subject (`router>peer`, the trace's subject), its logged actions. */
export type LoggedDraws = Readonly<Record<string, SubjectDraws>>;

/** Log stamps are whole ms, taken when the work ran: 10 ms either side of the window. */
export const LOGGED_DRAW_SLACK = 10_000 as Duration;

/** Counts over one run (RunResult.replayed). */
export interface ReplayTally {
  misfits: number;
}

/** One session's replay: its logged times, the run's tally, and records waiting for the session's output. */
export interface SessionDraws {
  readonly log: SubjectDraws;
  readonly tally: ReplayTally;
  readonly notes: { readonly type: 'explain'; readonly clause: string; readonly text: string }[];
}

/** The replay of `subject`, or null when the log says nothing about it (the session draws as usual). */
export function sessionDraws(log: LoggedDraws, subject: string, tally: ReplayTally): SessionDraws | null {
  const own = log[subject];
  return own === undefined ? null : { log: own, tally, notes: [] };
}

/** Index of the first element of ascending `xs` at or after `t`. */
function firstAtOrAfter(xs: readonly number[], t: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A draw the log cannot explain: counted, and noted as an `explain` record. */
function misfit(d: SessionDraws, text: string): void {
  d.tally.misfits++;
  d.notes.push({ type: 'explain', clause: 'logged draw', text });
}

/**
 * The time a timer started at `start` fires: `drawn` (the stream's draw, already taken) unless the
 * log explains the draw, whose window is [lo, hi] (the profile's jitter range after `start`).
 */
export function replayDraw(d: SessionDraws, kind: DrawKind, start: Time, lo: Time, hi: Time, drawn: Time): Time {
  const times = d.log[kind];
  if (times === undefined) return drawn;
  // Phase: a timer started before t = 0 belongs to the steady start's chain, whose phase is the
  // simulator's, not the daemon's. A KEEPALIVE the daemon sent after it started but before its window
  // could open answers an earlier timer than ours: it is taken, so the next window starts from the
  // daemon's own send. (A chain started in the run starts at its Established, which is modelled; its
  // OpenConfirm KEEPALIVE, logged alike, must not count.)
  if (kind === 'keepalive' && start < 0) {
    const p = times[firstAtOrAfter(times, start + 1)];
    if (p !== undefined && p < lo - LOGGED_DRAW_SLACK) {
      misfit(
        d,
        `keepalive: logged at ${p / 1e6} s, before the window [${lo / 1e6}, ${hi / 1e6}] s; taken (the daemon's phase)`,
      );
      return p;
    }
  }
  const i = firstAtOrAfter(times, Math.max(lo - LOGGED_DRAW_SLACK, start + 1));
  const t = times[i];
  if (t !== undefined && t <= hi + LOGGED_DRAW_SLACK) return t;
  if (kind === 'hold') return drawn;
  // A timer of the steady start's history (started before t = 0) that the log does not explain keeps
  // its draw: the daemon met its peers on its own clock, and the real run was aligned on the
  // simulated history (live/calibrate/run.ts keepalive alignment), which must not move. Taking the
  // window's end here moved GoBGP's warm-up dial, hence its fixed KEEPALIVE ticker, by 0.24 s
  // (gobgp-new-connection-while-established: stale at 7.76 s against the aligned 8.0 s).
  if (start < 0) return drawn;
  if (t !== undefined) {
    misfit(
      d,
      `${kind}: no logged time in [${lo / 1e6}, ${hi / 1e6}] s (next logged ${t / 1e6} s); the window's end taken`,
    );
  }
  return hi;
}
