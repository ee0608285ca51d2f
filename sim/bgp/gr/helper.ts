/**
 * The Graceful Restart helper ("Receiving Speaker", RFC 4724 §4.2, with RFC 8538 and RFC 9494
 * §4.2), one per peer, per address family. It decides WHEN the peer's routes become stale,
 * LLGR-stale, swept or deleted and says so as outputs; the speaker applies them to the RIB.
 *
 * Per AF (gr-reference §5.2):
 *   none ──trigger──▶ stale [restart timer = peer's Restart Time] ──re-established──▶ sync ──EoR──▶ none
 *   stale ──restart timer, LLST > 0──▶ llgr [LLST timer] ──re-established──▶ ll-sync ──EoR──▶ none
 *   stale ──restart timer, LLST = 0──▶ none (swept);  llgr/ll-sync ──LLST timer──▶ none (swept)
 * A local stale-path timer (RFC 4724 §4.2 MAY, FRR) bounds retention across the whole cycle.
 * Timers are deadlines in this state; the session's step fires them.
 */
import { add, type Duration, minTime, NEVER, s, type Time } from '../../base/time.js';
import type { ResolvedPeerConfig } from '../profile/profile.js';
import { type AfiSafi, afiSafiKey } from '../wire/message.js';
import type { GrNegotiation } from './capabilities.js';
import type { TerminationDecision } from './termination.js';

export type AfPhase = 'none' | 'stale' | 'sync' | 'llgr' | 'll-sync';

export interface AfHelperState {
  readonly afiSafi: AfiSafi;
  readonly key: string;
  phase: AfPhase;
  /** Restart timer for this AF (the peer's Restart Time; 0 if the AF was only in the LLGR cap). */
  restartDeadline: Time;
  /** Long-Lived Stale Time timer (RFC 9494 §4.2). */
  llstDeadline: Time;
  /** LLST in effect for the current cycle, seconds. */
  llst: number;
}

export interface HelperState {
  readonly afs: Map<string, AfHelperState>;
  /** The same AF states as `afs`, as an array: `helperDeadline` runs at every session input. */
  readonly afList: readonly AfHelperState[];
  /** Local stale-path timer (FRR `stalepath-time`), restarted on every drop. */
  stalePathDeadline: Time;
  /** The peer's Restart Time used for the running restart timer (for status). */
  restartTimeInUse: number;
  /** Timer-driven route changes waiting for the daemon's next wake-up (BIRD ≤ 2.13), in time order. */
  readonly pending: { at: Time; action: RouteAction }[];
  /** AFs the peer listed in the GR capability of the current session (GoBGP `s.Received`). */
  peerGrAfs: ReadonlySet<string>;
  /**
   * The earliest of the deadlines above (`helperDeadline`), recomputed by every exported function that
   * changes them: the session asks for it at every input, and reading one field touches one object,
   * where the walk touched the pending list and every AF state of each of a route server's sessions.
   */
  deadline: Time;
}

/**
 * When a timer-driven route change takes effect, as a lag after the timer fired (BIRD ≤ 2.13's
 * main-loop wake-up, session/wake-up-lag.ts). Absent = at once.
 */
export type ActionLag = (firedAt: Time) => Duration;

/** Route-state outputs for the speaker to apply to the peer's Adj-RIB-In. */
export type RouteAction =
  /** Mark every route from the peer in the AF stale (LLGR-stale ones stay LLGR-stale). */
  | { readonly type: 'routes-stale'; readonly afiSafi: AfiSafi; readonly reason: string; readonly clause: string }
  /** Delete the peer's routes in the AF that are still stale or LLGR-stale. */
  | { readonly type: 'routes-sweep-stale'; readonly afiSafi: AfiSafi; readonly reason: string; readonly clause: string }
  /** Delete every route from the peer in the AF. */
  | { readonly type: 'routes-delete'; readonly afiSafi: AfiSafi; readonly reason: string; readonly clause: string }
  /** Stale → LLGR-stale (LLGR_STALE attached, least preferred); NO_LLGR routes deleted. */
  | { readonly type: 'routes-llgr-stale'; readonly afiSafi: AfiSafi; readonly reason: string; readonly clause: string }
  | {
      readonly type: 'gr-phase';
      readonly afiSafi: AfiSafi;
      readonly from: AfPhase;
      readonly to: AfPhase;
      readonly reason: string;
      readonly clause: string;
    };

const at = (now: Time, seconds: number): Time => add(now, s(seconds));

export function createHelperState(cfg: ResolvedPeerConfig): HelperState {
  const afs = new Map<string, AfHelperState>();
  for (const a of cfg.afiSafis) {
    const key = afiSafiKey(a.afi, a.safi);
    afs.set(key, { afiSafi: a, key, phase: 'none', restartDeadline: NEVER, llstDeadline: NEVER, llst: 0 });
  }
  return {
    afs,
    afList: [...afs.values()],
    stalePathDeadline: NEVER,
    restartTimeInUse: 0,
    pending: [],
    peerGrAfs: new Set(),
    deadline: NEVER,
  };
}

/** Any AF waiting for the peer (session down, routes retained). */
export function helperWaiting(h: HelperState): boolean {
  for (const af of h.afs.values()) if (af.phase === 'stale' || af.phase === 'llgr') return true;
  return false;
}

/** Any AF holding stale routes (waiting or synchronising). */
export function helperActive(h: HelperState): boolean {
  for (const af of h.afs.values()) if (af.phase !== 'none') return true;
  return false;
}

/** A family's restart timer runs out now with no LLGR to follow: its stale routes are due to be flushed. */
export function helperFlushDue(h: HelperState, now: Time): boolean {
  for (const af of h.afs.values()) if (af.restartDeadline <= now && af.llst === 0) return true;
  return false;
}

export function helperDeadline(h: HelperState): Time {
  return h.deadline;
}

/** Recomputes `h.deadline` after a change to the deadlines or the pending actions (the exported changers call it). */
export function helperRefreshDeadline(h: HelperState): void {
  h.deadline = computeDeadline(h);
}

function computeDeadline(h: HelperState): Time {
  let d = h.pending.length > 0 ? minTime(h.stalePathDeadline, h.pending[0].at) : h.stalePathDeadline;
  const afs = h.afList;
  for (let i = 0; i < afs.length; i++) {
    const af = afs[i];
    if (af.restartDeadline < d) d = af.restartDeadline;
    if (af.llstDeadline < d) d = af.llstDeadline;
  }
  return d;
}

function setPhase(af: AfHelperState, to: AfPhase, reason: string, clause: string, out: RouteAction[]): void {
  if (af.phase === to) return;
  out.push({ type: 'gr-phase', afiSafi: af.afiSafi, from: af.phase, to, reason, clause });
  af.phase = to;
}

function endAf(af: AfHelperState): void {
  af.restartDeadline = NEVER;
  af.llstDeadline = NEVER;
}

/**
 * The Established session ended. `neg` is that session's negotiation; `decision` says whether GR
 * applies (termination.ts). Called only for sessions that reached Established.
 */
export function helperSessionDown(
  h: HelperState,
  neg: GrNegotiation,
  decision: TerminationDecision,
  reason: string,
  now: Time,
  cfg: ResolvedPeerConfig,
  out: RouteAction[],
  lag?: ActionLag,
): void {
  const b = cfg.behaviour;
  let anyRetained = false;
  for (const af of h.afs.values()) {
    const n = neg.afs.get(af.key);
    if (!decision.gr || !n?.retained) {
      // RFC 4724 §4 / §4.2: no GR for this AF ⇒ routes removed as in RFC 4271.
      out.push({
        type: 'routes-delete',
        afiSafi: af.afiSafi,
        reason,
        clause: decision.gr ? 'RFC 4724 §4.2' : decision.clause,
      });
      endAf(af);
      setPhase(af, 'none', reason, decision.clause, out);
      continue;
    }
    anyRetained = true;
    const prev = af.phase;
    const llgrRunning = (prev === 'll-sync' || prev === 'llgr') && af.llstDeadline !== NEVER;
    // RFC 9494 §4.2: with LLGR running, previously stale routes "MUST NOT be deleted before the timer
    // for the Long-Lived Stale Time expires"; FRR instead starts a new cycle (its LLST was cancelled).
    const consecutive = prev === 'sync' || (prev === 'll-sync' && b.llgrConsecutive === 'new-cycle');
    if (consecutive && b.consecutiveRestart === 'delete-stale') {
      // RFC 4724 §4.2: "a route (from the peer) previously marked as stale MUST be deleted".
      out.push({
        type: 'routes-sweep-stale',
        afiSafi: af.afiSafi,
        reason: 'consecutive-restart',
        clause: 'RFC 4724 §4.2',
      });
    }
    // RFC 4724 §4.2: retain the peer's routes and mark them stale; forwarding continues.
    out.push({ type: 'routes-stale', afiSafi: af.afiSafi, reason, clause: decision.clause });
    // RFC 4724 §4.2: restart timer = the Restart Time the peer advertised; RFC 9494 §4.2: AFs absent
    // from the GR capability have a Restart Time of 0.
    af.restartDeadline = at(now, n.inGr ? neg.peerRestartTime : 0);
    if (!(llgrRunning && b.llgrConsecutive === 'keep-timer')) {
      af.llstDeadline = NEVER;
      af.llst = n.llst;
    }
    setPhase(af, 'stale', reason, decision.clause, out);
  }
  if (anyRetained) {
    h.restartTimeInUse = neg.peerRestartTime;
    // FRR: t_gr_stale is cancelled and restarted on every drop.
    if (cfg.gr.stalePathTime !== null) h.stalePathDeadline = at(now, cfg.gr.stalePathTime);
  }
  fireHelperTimers(h, now, cfg, out, lag);
}

/** The session re-established: check the new capabilities (RFC 4724 §4.2, RFC 9494 §4.2). */
export function helperReestablished(
  h: HelperState,
  neg: GrNegotiation,
  cfg: ResolvedPeerConfig,
  out: RouteAction[],
): void {
  reestablished(h, neg, cfg, out);
  helperRefreshDeadline(h);
}

function reestablished(h: HelperState, neg: GrNegotiation, cfg: ResolvedPeerConfig, out: RouteAction[]): void {
  h.peerGrAfs = new Set([...neg.afs.values()].filter((a) => a.inGr).map((a) => a.key));
  for (const af of h.afs.values()) {
    if (af.phase !== 'stale' && af.phase !== 'llgr') continue;
    // Restart timer stops at re-establishment.
    af.restartDeadline = NEVER;
    const n = neg.afs.get(af.key);
    if (cfg.behaviour.reestablishCheck === 'f-bit') {
      let why: string | undefined;
      let clause = 'RFC 4724 §4.2';
      if (af.phase === 'stale') {
        if (!neg.peerGr) why = 'no-gr-capability';
        else if (!n?.inGr) why = 'af-missing';
        else if (!n.grForwarding) why = 'f-bit-clear';
      } else {
        // RFC 9494 §4.2: once the LLGR period began, check the newly received LLGR capability.
        clause = 'RFC 9494 §4.2';
        if (!neg.peerGr || !neg.peerLlgr) why = 'no-llgr-capability';
        else if (!n?.inLlgr) why = 'af-missing';
        else if (!n.llgrForwarding) why = 'f-bit-clear';
      }
      if (why && af.phase === 'llgr' && cfg.behaviour.llgrStaleSweep === 'llst-expiry-only') {
        // FRR bgp_peer_process_gr_cap_clear_stale → bgp_clear_stale_route skips LLGR_STALE paths while
        // PEER_STATUS_LLGR_WAIT is set: the check removes nothing.
        why = undefined;
      }
      if (why) {
        // "MUST immediately remove all the stale routes from the peer that it is retaining for that address family".
        out.push({ type: 'routes-sweep-stale', afiSafi: af.afiSafi, reason: why, clause });
        endAf(af);
        setPhase(af, 'none', why, clause, out);
        continue;
      }
    }
    if (af.phase === 'llgr' && cfg.behaviour.llstAtReestablish === 'cancel') {
      // FRR ≥ 8.3 stops t_llgr_stale in bgp_establish (RFC 9494 §4.2 keeps it running).
      af.llstDeadline = NEVER;
    }
    setPhase(af, af.phase === 'stale' ? 'sync' : 'll-sync', 'session-established', 'RFC 4724 §4.2', out);
  }
}

/** End-of-RIB received for `key`; `allReceived` says whether EoR came for every negotiated AF. */
export function helperEndOfRib(
  h: HelperState,
  key: string,
  allReceived: ReadonlySet<string>,
  cfg: ResolvedPeerConfig,
  out: RouteAction[],
): void {
  endOfRib(h, key, allReceived, cfg, out);
  helperRefreshDeadline(h);
}

function endOfRib(
  h: HelperState,
  key: string,
  allReceived: ReadonlySet<string>,
  cfg: ResolvedPeerConfig,
  out: RouteAction[],
): void {
  const sweep = (af: AfHelperState) => {
    if (af.phase !== 'sync' && af.phase !== 'll-sync') return;
    if (af.phase === 'll-sync' && cfg.behaviour.llgrStaleSweep === 'llst-expiry-only') {
      // FRR: PEER_STATUS_LLGR_WAIT outlives re-establishment (bgpd/bgp_fsm.c bgp_establish cancels only
      // t_llgr_stale), so bgp_clear_stale_route keeps the unrefreshed LLGR-stale paths after End-of-RIB.
      endAf(af);
      setPhase(af, 'none', 'end-of-rib-llgr-wait', 'FRR bgp_clear_stale_route', out);
      return;
    }
    // RFC 4724 §4.2: on EoR "MUST immediately remove any routes from the peer that are still marked as stale".
    out.push({ type: 'routes-sweep-stale', afiSafi: af.afiSafi, reason: 'end-of-rib', clause: 'RFC 4724 §4.2' });
    endAf(af);
    setPhase(af, 'none', 'end-of-rib', 'RFC 4724 §4.2', out);
  };
  if (cfg.behaviour.eorScope === 'per-af') {
    const af = h.afs.get(key);
    if (af) sweep(af);
    return;
  }
  // GoBGP: stale routes are dropped only once EoR arrived for all families configured on both ends
  // (< 3.23), or for all the peer listed in its GR capability (≥ 3.23, pkg/server/peer.go recvedAllEOR).
  const received = cfg.behaviour.eorScope === 'all-received-afs';
  for (const k of h.afs.keys()) if (!allReceived.has(k) && (!received || h.peerGrAfs.has(k))) return;
  for (const af of h.afs.values()) sweep(af);
}

/** Fire every helper deadline ≤ now, in time order. */
export function fireHelperTimers(
  h: HelperState,
  now: Time,
  cfg: ResolvedPeerConfig,
  out: RouteAction[],
  lag?: ActionLag,
): void {
  // A timer-driven route change: at once, or queued for the daemon's next wake-up.
  const act = (firedAt: Time, action: RouteAction) => {
    const l = lag ? lag(firedAt) : 0;
    if (l <= 0) {
      out.push(action);
      return;
    }
    const when = add(firedAt, l as Duration);
    let i = h.pending.length;
    while (i > 0 && h.pending[i - 1].at > when) i--;
    h.pending.splice(i, 0, { at: when, action });
  };
  for (;;) {
    const d = computeDeadline(h);
    if (d > now) {
      h.deadline = d;
      return;
    }
    if (h.pending.length > 0 && h.pending[0].at === d) {
      out.push(h.pending.shift()!.action);
      continue;
    }
    if (h.stalePathDeadline === d) {
      h.stalePathDeadline = NEVER;
      for (const af of h.afs.values()) {
        if (af.phase === 'none') continue;
        // FRR ≥ 10.7.0 (PR #21932): skip AFs where LLGR is or will be active.
        if (cfg.behaviour.stalePathLlgrAware && (af.phase === 'llgr' || af.phase === 'll-sync' || af.llst > 0))
          continue;
        // FRR (all versions): bgp_clear_stale_route skips LLGR_STALE paths while PEER_STATUS_LLGR_WAIT is set.
        if (cfg.behaviour.llgrStaleSweep === 'llst-expiry-only' && (af.phase === 'llgr' || af.phase === 'll-sync'))
          continue;
        // RFC 4724 §4.2: the (optional) stale-path timer bounds how long stale routes are retained.
        out.push({
          type: 'routes-sweep-stale',
          afiSafi: af.afiSafi,
          reason: 'stale-path-timer-expired',
          clause: 'RFC 4724 §4.2',
        });
        endAf(af);
        setPhase(af, 'none', 'stale-path-timer-expired', 'RFC 4724 §4.2', out);
      }
      continue;
    }
    for (const af of h.afs.values()) {
      if (af.restartDeadline === d) {
        af.restartDeadline = NEVER;
        restartTimerExpired(h, af, d, (a) => act(d, a), out);
        break;
      }
      if (af.llstDeadline === d) {
        af.llstDeadline = NEVER;
        // RFC 9494 §4.2: LLST expiry deletes the AF's stale routes.
        act(d, { type: 'routes-sweep-stale', afiSafi: af.afiSafi, reason: 'llst-expired', clause: 'RFC 9494 §4.2' });
        endAf(af);
        setPhase(af, 'none', 'llst-expired', 'RFC 9494 §4.2', out);
        break;
      }
    }
  }
}

/** `act` applies a route change (at once, or at the daemon's next wake-up); timers and phases change now. */
function restartTimerExpired(
  h: HelperState,
  af: AfHelperState,
  now: Time,
  act: (a: RouteAction) => void,
  out: RouteAction[],
): void {
  if (af.llst > 0) {
    // RFC 9494 §4.2: the GR period ended; LLGR_STALE attached, NO_LLGR routes removed, LLST timer started
    // (not restarted if it is still running from an earlier cycle not yet synchronised).
    act({
      type: 'routes-llgr-stale',
      afiSafi: af.afiSafi,
      reason: 'restart-timer-expired',
      clause: 'RFC 9494 §4.2',
    });
    if (af.llstDeadline === NEVER) af.llstDeadline = at(now, af.llst);
    setPhase(af, 'llgr', 'restart-timer-expired', 'RFC 9494 §4.2', out);
  } else {
    // RFC 4724 §4.2: session not re-established within the Restart Time ⇒ delete all the stale routes.
    act({
      type: 'routes-sweep-stale',
      afiSafi: af.afiSafi,
      reason: 'restart-timer-expired',
      clause: 'RFC 4724 §4.2',
    });
    endAf(af);
    setPhase(af, 'none', 'restart-timer-expired', 'RFC 4724 §4.2', out);
  }
  // FRR cancels the stale-path timer when the restart timer expires unless some AF entered LLGR.
  let anyLlgr = false;
  let anyRestart = false;
  for (const a of h.afs.values()) {
    if (a.phase === 'llgr' || a.phase === 'll-sync') anyLlgr = true;
    if (a.restartDeadline !== NEVER) anyRestart = true;
  }
  if (!anyLlgr && !anyRestart) h.stalePathDeadline = NEVER;
}

/** BFD says forwarding is gone (RFC 4724 §4.2 MAY; RFC 5882 §4.3.1): act as if the restart timer expired. */
export function helperAbort(h: HelperState, reason: string, clause: string, out: RouteAction[]): void {
  for (const af of h.afs.values()) {
    if (af.phase === 'none') continue;
    out.push({ type: 'routes-sweep-stale', afiSafi: af.afiSafi, reason, clause });
    endAf(af);
    setPhase(af, 'none', reason, clause, out);
  }
  h.stalePathDeadline = NEVER;
  helperRefreshDeadline(h);
}
