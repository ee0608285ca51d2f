/**
 * The real run's random draws for the simulation to replay (sim/bgp/session/logged-draws.ts): the
 * calibrated daemon's logged KEEPALIVE sends, connect attempts and hold expiries, per session
 * `router>node`, in scenario time (µs after t0). A change after a late-applied fault is timed
 * against that fault (real-states.ts lateness), so the daemon's actions after it are shifted alike.
 */
import type { LoggedDraws, SubjectDraws, Time } from '../../sim/index.js';
import { birdProtocolName } from '../daemons/config/bird.js';
import { birdDraws, type DaemonDraws } from '../daemons/logs/bird-draws.js';
import { gobgpDraws } from '../daemons/logs/gobgp-draws.js';
import type { DaemonName } from '../daemons/preflight.js';

type AppliedFault = { readonly due: number; readonly applied: number };

/** Scenario time (µs) of an epoch-ms log stamp, shifted back by the lateness of the last fault applied before it. */
function scenarioTime(t: number, t0: number, faults: readonly AppliedFault[]): Time {
  let shift = 0;
  for (const f of faults) if (f.applied <= t) shift = f.applied - f.due;
  return Math.round((t - shift - t0) * 1000) as Time;
}

/** What the daemon's log says it drew, or null when it draws nothing this replay reads (FRR). */
export function loggedDraws(
  daemon: DaemonName,
  logText: string,
  router: string,
  nodes: readonly { readonly name: string; readonly address: string }[],
  t0: number,
  faults: readonly AppliedFault[] = [],
): LoggedDraws | null {
  if (daemon === 'frr') return null;
  const out: Record<string, SubjectDraws> = {};
  for (const n of nodes) {
    const d: DaemonDraws =
      daemon === 'bird' ? birdDraws(logText, birdProtocolName(n.address)) : gobgpDraws(logText, n.address);
    const at = (xs: readonly number[]) => xs.map((t) => scenarioTime(t, t0, faults)).sort((a, b) => a - b);
    // GoBGP's KEEPALIVEs are not jittered (fsm.go keepaliveTicker) and it logs none: only its dials.
    out[`${router}>${n.name}`] =
      daemon === 'bird'
        ? { keepalive: at(d.keepalive), connect: at(d.connect), hold: at(d.hold) }
        : { connect: at(d.connect) };
    // The node's speaker jitters its KEEPALIVEs too (its profile's draws, not the simulation's), and
    // BIRD ≤ 2.13 acts on a new session or an expired timer at the next one it hears (main-loop wake-up).
    if (daemon === 'bird') out[`${n.name}>${router}`] = { keepalive: at(d.heard) };
  }
  return out;
}
