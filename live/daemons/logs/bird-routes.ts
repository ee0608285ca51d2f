/**
 * BIRD 2.0.12 route states from its own log, without touching the daemon while it runs. Any `birdc`
 * command wakes BIRD's main loop (sysdep/unix/io.c io_loop polls the CLI socket with the others), so a
 * RIB poller hides the loop's wake-up lag that the bird-2.0 profile models (sim/bgp/session/wake-up-lag.ts);
 * the log does not: with `debug { states, routes, events }` BIRD logs, at the time it happens,
 *  - every import change of the protocol's channel (nest/rt-table.c rte_recalculate → rte_trace:
 *    `NAME.ipv4 > added [best] PREFIX …`, `> removed [sole] PREFIX …`; `> ignored` for a route received
 *    again unchanged, rte_update2). The table prune event (rt_prune_table) logs the flush of a
 *    session's routes and LLGR's re-marking (rte_modify → rte_recalculate: an `added` while no session
 *    is up, since only an UPDATE on an Established session adds a route otherwise);
 *  - GR (proto/bgp/bgp.c): `Neighbor graceful restart detected` (bgp_handle_graceful_restart),
 *    `Neighbor graceful restart timeout` (bgp_graceful_restart_timeout: LLGR starts, or bgp_stop),
 *    `Neighbor graceful restart done` (bgp_graceful_restart_done: End-of-RIB, LLST expiry);
 *  - the protocol state (nest/proto.c proto_notify_state): `State changed to up|start|stop|…`.
 * Times are BIRD's `current_real_time()` (lib/timer.c): the clock read at the first log line after the
 * loop's last `times_update`, i.e. when the work ran, not when it was scheduled.
 *
 * States are those the RIB sampler reads (rib/parse.ts parseBirdRib): a route present while the
 * protocol is in graceful restart is stale (BIRD 2.0.12 `show route` shows GR-stale routes as fresh;
 * `show protocols all` says "Neighbor graceful restart active"), LLGR-re-marked it is llgr-stale until
 * it is received again or removed. At `graceful restart done` a route not received again stays in its
 * state until the prune that follows removes it (rt_refresh_end marks it REF_DISCARD).
 */
import type { RouteState } from '../../route-states.js';

const STAMP = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3}) <\w+> (.*)$/;

export interface BirdLogChange {
  /** Epoch ms (BIRD's local time stamp). */
  readonly t: number;
  readonly state: RouteState;
  readonly line: string;
}

/**
 * Per prefix, every change of the state of the route protocol `protocol` holds, in log order, from
 * the first line of the log (the daemon's start: every prefix absent).
 */
export function birdLogRouteChanges(text: string, protocol: string): Map<string, BirdLogChange[]> {
  let gr = false;
  let up = false;
  let llgrPhase = false;
  // llgr: re-marked by LLGR; refreshed: received again on the session after the restart; doomed:
  // not refreshed when GR ended, so stale until the prune removes it.
  const present = new Map<string, { llgr: boolean; refreshed: boolean; doomed: boolean }>();
  const out = new Map<string, BirdLogChange[]>();
  const stateOf = (prefix: string): RouteState => {
    const r = present.get(prefix);
    return r === undefined ? 'absent' : r.llgr ? 'llgr-stale' : gr || r.doomed ? 'stale' : 'fresh';
  };
  const push = (prefix: string, t: number, line: string) => {
    const seq = out.get(prefix) ?? out.set(prefix, []).get(prefix)!;
    const state = stateOf(prefix);
    if ((seq[seq.length - 1]?.state ?? 'absent') !== state) seq.push({ t, state, line });
  };
  const pushAll = (t: number, line: string) => {
    for (const p of present.keys()) push(p, t, line);
  };
  const routeRe = new RegExp(`^${protocol}\\.\\S+ > (added|removed|ignored|updated)\\S*(?: \\[\\w+\\])? (\\S+/\\d+) `);
  const eventPrefix = `${protocol}: `;
  for (const raw of text.split('\n')) {
    const m = STAMP.exec(raw);
    if (!m) continue;
    const t = new Date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!).getTime();
    const msg = m[8]!;
    const r = routeRe.exec(msg);
    if (r) {
      const [, what, prefix] = r as unknown as [string, string, string];
      if (what === 'removed') present.delete(prefix);
      else if (what === 'added') present.set(prefix, { llgr: llgrPhase && !up, refreshed: up, doomed: false });
      else if (present.has(prefix) && up) present.set(prefix, { llgr: false, refreshed: true, doomed: false });
      push(prefix, t, raw);
      continue;
    }
    if (!msg.startsWith(eventPrefix)) continue;
    const ev = msg.slice(eventPrefix.length);
    if (ev.startsWith('Neighbor graceful restart detected')) {
      gr = true;
      up = false;
      for (const r of present.values()) r.refreshed = false;
      pushAll(t, raw);
    } else if (ev.startsWith('Neighbor graceful restart timeout')) {
      // LLGR starts here when the peer offered it; otherwise bgp_stop flushes (logged as removals).
      llgrPhase = true;
    } else if (ev.startsWith('Neighbor graceful restart done')) {
      gr = false;
      llgrPhase = false;
      for (const r of present.values()) r.doomed = !r.refreshed;
      pushAll(t, raw);
    } else if (ev === 'State changed to up') {
      up = true;
    } else if (ev.startsWith('State changed to ')) {
      up = false;
      if (ev === 'State changed to down') {
        // The protocol is down: GR (if any) ended with it, its routes flushed (logged before).
        gr = false;
        llgrPhase = false;
      }
    }
  }
  return out;
}
