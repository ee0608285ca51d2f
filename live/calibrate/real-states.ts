/**
 * A real daemon's route states, per node and prefix, from back-to-back RIB readings and the daemon's
 * log. A change seen between two readings happened after the earlier reading started and before
 * the later one answered; when the daemon logged the event that causes that change inside that
 * window (restart timer expired, LLGR stale timer expired, graceful restart done, session down),
 * the change is timed by the daemon's own log line (timer-driven changes are compared on the
 * daemon's clock, not the sampler's); otherwise by the middle of the window.
 */
import { birdProtocolName } from '../daemons/config/bird.js';
import { birdLogRouteChanges } from '../daemons/logs/bird-routes.js';
import type { DaemonEvent, LogEvent } from '../daemons/logs/parse.js';
import { pushState, type RouteState, type StateSeq } from '../route-states.js';
import type { RibReading, WorkerResult } from './worker.js';

/** Which logged events can cause a change into each state (previous state → new state). */
function causes(from: RouteState, to: RouteState): readonly DaemonEvent[] {
  if (to === 'stale') return ['gr-started', 'session-down'];
  if (to === 'llgr-stale') return ['llgr-entered', 'restart-timer-expired'];
  if (to === 'absent') return ['restart-timer-expired', 'llgr-expired', 'stale-removed', 'session-down'];
  // → fresh: the path received (FRR `debug bgp updates in`); BIRD shows "stale" as "graceful
  // restart active", which "graceful restart done" ends.
  return from === 'stale' ? ['update-received', 'stale-removed'] : ['update-received'];
}

/** Log lines about `address`'s session (FRR and GoBGP name the peer's address, BIRD its protocol). */
export const aboutPeer = (e: LogEvent, address: string) =>
  e.line.includes(address) || e.line.includes(birdProtocolName(address));

const SLACK_MS = 5;

type AppliedFault = { readonly due: number; readonly applied: number };

/**
 * A fault the wall clock applied late shifts everything after it: the daemon answers the fault, not
 * the schedule. Each change is timed against the latest fault applied before it (ms).
 */
function lateness(faults: readonly AppliedFault[]): (t: number) => number {
  return (t) => {
    let shift = 0;
    for (const f of faults) if (f.applied <= t) shift = f.applied - f.due;
    return shift;
  };
}

/**
 * States of `prefix` from the node at `address`, seconds since t0 (epoch ms), starting with
 * `initial` at t = 0 (the steady start the worker waited for).
 */
export function realRouteStates(
  readings: readonly RibReading[],
  t0: number,
  address: string,
  prefix: string,
  initial: RouteState,
  log: readonly LogEvent[],
  faults: readonly AppliedFault[] = [],
): StateSeq {
  const late = lateness(faults);
  const seq: StateSeq = [[initial, 0]];
  const events = log.filter((e) => aboutPeer(e, address));
  let prevStart = t0;
  let prev: RouteState = initial;
  for (const r of readings) {
    const state = r.states[address]?.[prefix] ?? 'absent';
    if (state !== prev) {
      const lo = prevStart - SLACK_MS;
      const hi = r.end + SLACK_MS;
      const kinds = causes(prev, state);
      const cause = events.find((e) => e.t >= lo && e.t <= hi && kinds.includes(e.event));
      const at = cause ? cause.t : (Math.max(prevStart, t0) + r.end) / 2;
      pushState(seq, state, Math.round(at - late(at) - t0) / 1000);
      prev = state;
    }
    prevStart = r.start;
  }
  return seq;
}

/**
 * States of one prefix from the daemon's own log (BIRD: logs/bird-routes.ts), for a run in which the
 * RIB was not read: the state in force at t0 first, then each logged change up to `end` (epoch ms),
 * shifted like the readings' changes by a late-applied fault.
 */
export function loggedRouteStates(
  changes: readonly { readonly t: number; readonly state: RouteState }[],
  t0: number,
  end: number,
  faults: readonly AppliedFault[] = [],
): StateSeq {
  const late = lateness(faults);
  let initial: RouteState = 'absent';
  for (const c of changes) if (c.t <= t0) initial = c.state;
  const seq: StateSeq = [[initial, 0]];
  for (const c of changes) {
    if (c.t <= t0 || c.t > end) continue;
    pushState(seq, c.state, Math.round(c.t - late(c.t) - t0) / 1000);
  }
  return seq;
}

/**
 * BIRD states of `prefix` from `address` for a run whose RIB was read only before and after
 * (worker `sampleDuringRun: false`): from bird.log, checked against the reading taken after the run.
 * `mismatch` says how the log's last state and that reading differ (the log missed a change).
 */
export function birdLoggedStates(
  logText: string,
  result: WorkerResult,
  address: string,
  prefix: string,
  durationMs: number,
  faults: readonly { readonly due: number; readonly applied: number }[] = result.faults,
): { real: StateSeq; mismatch?: string } {
  const changes = birdLogRouteChanges(logText, birdProtocolName(address)).get(prefix) ?? [];
  const real = loggedRouteStates(changes, result.t0, result.t0 + durationMs, faults);
  // The log goes on past the reading (the speakers close, the daemon stops): its state as of the reading.
  let last: RouteState = 'absent';
  // (before it started: the speakers close right after it, within the same log millisecond).
  for (const c of changes) if (c.t < (result.after?.start ?? Number.POSITIVE_INFINITY)) last = c.state;
  const seen = result.after?.states[address]?.[prefix] ?? 'absent';
  return last === seen
    ? { real }
    : { real, mismatch: `bird.log ends with ${last}, \`birdc show route\` after the run says ${seen}` };
}
