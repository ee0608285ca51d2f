// The per-prefix route state a router holds for a route learned from the speaker, as seen from
// outside the router: what `stalepath calibrate` compares between a real daemon (sampled from
// its RIB and logs, live/daemons/) and the simulator (folded from the trace, live/sim-states.ts).
//   fresh      — installed, not marked stale (RFC 4271 §9.1)
//   stale      — retained across the peer's restart under GR (RFC 4724 §4.2)
//   llgr-stale — retained under long-lived GR with the LLGR_STALE community (RFC 9494 §4.3)
//   absent     — not in the router's RIB from this peer
export type RouteState = 'fresh' | 'stale' | 'llgr-stale' | 'absent';

export const ROUTE_STATES: readonly RouteState[] = ['fresh', 'stale', 'llgr-stale', 'absent'];

/** One change of state: the state entered and when, in seconds since the scenario's t = 0. */
export type StateChange = [RouteState, number];

/**
 * A prefix's states in time order, each entry the state entered at that time; the first entry is
 * the state at (or from) its time. Consecutive entries never repeat a state.
 */
export type StateSeq = StateChange[];

/** Sequences per prefix (prefix as written in the scenario, e.g. `10.0.0.1/32`). */
export type PrefixStates = Record<string, StateSeq>;

/** Appends a change, dropping it when the state is unchanged (so samplers can push every poll). */
export function pushState(seq: StateSeq, state: RouteState, t: number): void {
  const last = seq[seq.length - 1];
  if (last !== undefined && last[0] === state) return;
  seq.push([state, t]);
}
