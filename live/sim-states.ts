/**
 * The router side of a simulated run as `stalepath calibrate` compares it with a real daemon: per
 * prefix, the state of the path one node gave one router (fresh / stale / llgr-stale / absent) and
 * when it changed. Folded from the trace with the replay's own fold (sim/replay applyRecord: received
 * UPDATEs, the GR helper's route actions RFC 4724 §4.2 / RFC 9494 §4.2, FIB snapshots), so it says
 * exactly what `explain` and the UI show.
 */
import { applyRecord, emptyReplayState, type ReplayDraft, type WorldRecord } from '../sim/index.js';
import { type PrefixStates, pushState, type RouteState } from './route-states.js';

/**
 * Per prefix, the states of `node`'s path at `router`, times in seconds since t = 0. `prefixes`
 * lists prefixes to report even if never seen (they are `absent` from t = 0); others appear from
 * the first record that mentions them.
 */
export function simRouteStates(
  records: readonly WorldRecord[],
  router: string,
  node: string,
  prefixes: readonly string[] = [],
): PrefixStates {
  const d = emptyReplayState() as unknown as ReplayDraft; // a private copy: the fold mutates it in place
  const out: PrefixStates = {};
  for (const p of prefixes) out[p] = [['absent', 0]];
  const observe = (t: number) => {
    const routes = d.routes[router] ?? {};
    for (const p of Object.keys(routes)) out[p] ??= [['absent', 0]];
    for (const [p, seq] of Object.entries(out)) {
      const state: RouteState = routes[p]?.paths[node] ?? 'absent';
      pushState(seq, state, t / 1e6);
    }
  };
  for (const r of records) {
    applyRecord(d, r);
    observe(r.t);
  }
  // A state entered and left at the same instant never existed: keep the last state of each instant.
  for (const [p, seq] of Object.entries(out)) out[p] = collapseInstants(seq);
  return out;
}

function collapseInstants(seq: PrefixStates[string]): PrefixStates[string] {
  const out: PrefixStates[string] = [];
  for (const [state, t] of seq) {
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === t) out.pop();
    const prev = out[out.length - 1];
    if (prev === undefined || prev[0] !== state) out.push([state, t]);
  }
  return out;
}
