// `stalepath neighbors --format json`: the graceful-restart part of FRR's `show bgp neighbors json`,
// keyed and named as FRR names it (gr-reference §2.12: `gracefulRestartInfo`, `neighborCapabilities`),
// so a user can diff it against the JSON of their own router. Built from the same structured status
// as the text block (sim/bgp/status NeighborGrStatus).

import type { AfGrStatus, NeighborGrStatus, NeighborAt as SimNeighborAt } from '../../sim/index.js';

/** The status fields this mapping reads (tests build just these). */
export type AfGrStatusLike = Pick<
  AfGrStatus,
  | 'key'
  | 'name'
  | 'fBit'
  | 'endOfRibSent'
  | 'endOfRibSentAfterUpdate'
  | 'endOfRibReceived'
  | 'phase'
  | 'configuredStalePathTime'
  | 'stalePathRemaining'
  | 'configuredSelectionDeferralTime'
  | 'llgrStaleTime'
  | 'llgrStaleRemaining'
  | 'restartRemaining'
>;

export type NeighborGrStatusLike = Pick<
  NeighborGrStatus,
  | 'state'
  | 'localGrMode'
  | 'remoteGrMode'
  | 'rBit'
  | 'nBit'
  | 'capability'
  | 'configuredRestartTime'
  | 'receivedRestartTime'
  | 'configuredLlgrStaleTime'
  | 'restartTimeRemaining'
  | 'stalePathTimeRemaining'
  | 'addressFamiliesByPeer'
  | 'lastNotificationReason'
  | 'lastNotificationHardReset'
  | 'lastResetReason'
> & { readonly afs: readonly AfGrStatusLike[] };

/** One router-side session at a moment: sim's `NeighborAt`, reading only the fields above. */
export type NeighborAt = Omit<SimNeighborAt, 'gr'> & { readonly gr: NeighborGrStatusLike | null };

type Json = Record<string, unknown>;

/** 'ipv4-unicast' → 'ipv4Unicast', FRR's JSON key for an address family. */
export function afJsonKey(key: string): string {
  return key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** 'IPv4 Unicast' → 'ipv4Unicast'. */
export function familyJsonKey(name: string): string {
  const [afi = '', ...rest] = name.split(' ');
  return afi.toLowerCase() + rest.join('');
}

/** FRR's capability wording in JSON: "advertised and received" → "advertisedAndReceived". */
function capabilityJson(c: string): string {
  return c.replace(/ ([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

export function neighborJson(n: NeighborAt): Json {
  const out: Json = { remoteAs: n.remoteAs, nodeName: n.node };
  const st = n.gr;
  if (!st) return { ...out, bgpState: 'Idle', bgpProcess: 'down' };
  out.bgpState = st.state;
  const caps: Json = {};
  if (st.capability) {
    caps.gracefulRestart = capabilityJson(st.capability);
    if (st.receivedRestartTime !== null) {
      caps.gracefulRestartRemoteTimerMsecs = st.receivedRestartTime * 1000;
      // FRR: "none", or an object per family with `preserved` when the peer set its F bit.
      caps.addressFamiliesByPeer =
        st.addressFamiliesByPeer.length === 0
          ? 'none'
          : Object.fromEntries(
              st.addressFamiliesByPeer.map((a) => [familyJsonKey(a.name), a.preserved ? { preserved: true } : {}]),
            );
    }
  }
  out.neighborCapabilities = caps;
  const gr: Json = {};
  if (st.state === 'Established' && st.receivedRestartTime !== null) {
    gr.endOfRibSend = Object.fromEntries(st.afs.filter((a) => a.endOfRibSent).map((a) => [afJsonKey(a.key), true]));
    gr.endOfRibRecv = Object.fromEntries(st.afs.filter((a) => a.endOfRibReceived).map((a) => [afJsonKey(a.key), true]));
  }
  if (st.restartTimeRemaining !== null) gr.gracefulRestartTimerSec = st.restartTimeRemaining;
  if (st.stalePathTimeRemaining !== null) gr.gracefulStalepathTimerSec = st.stalePathTimeRemaining;
  gr.localGrMode = st.localGrMode;
  gr.remoteGrMode = st.remoteGrMode;
  if (st.rBit !== null) gr.rBit = st.rBit;
  if (st.nBit !== null) gr.nBit = st.nBit;
  const timers: Json = { configuredRestartTimer: st.configuredRestartTime };
  timers.configuredLlgrStaleTime = st.configuredLlgrStaleTime;
  if (st.receivedRestartTime !== null) timers.receivedRestartTimer = st.receivedRestartTime;
  if (st.restartTimeRemaining !== null) timers.restartTimerRemaining = st.restartTimeRemaining;
  gr.timers = timers;
  for (const af of st.afs) {
    const a: Json = {};
    if (af.fBit !== null) a.fBit = af.fBit;
    a.endOfRibStatus = {
      endOfRibSend: af.endOfRibSent,
      endOfRibSentAfterUpdate: af.endOfRibSentAfterUpdate,
      endOfRibRecv: af.endOfRibReceived,
    };
    const t: Json = {};
    if (af.configuredStalePathTime !== null) t.stalePathTimer = af.configuredStalePathTime;
    if (af.stalePathRemaining !== null) t.stalePathTimerRemaining = af.stalePathRemaining;
    if (af.configuredSelectionDeferralTime !== null) t.selectionDeferralTimer = af.configuredSelectionDeferralTime;
    t.llgrStaleTime = af.llgrStaleTime;
    if (af.llgrStaleRemaining !== null) t.llgrStaleTimerRemaining = af.llgrStaleRemaining;
    a.timers = t;
    // Not in FRR's output: the helper phase stalepath tracks for the family (none, stale, sync, llgr, ll-sync).
    a.stalepathPhase = af.phase;
    gr[afJsonKey(af.key)] = a;
  }
  out.gracefulRestartInfo = gr;
  if (st.lastNotificationReason) {
    out.lastNotificationReason = st.lastNotificationReason;
    out.lastNotificationHardReset = st.lastNotificationHardReset ?? false;
  }
  if (st.lastResetReason) out.lastResetDueTo = st.lastResetReason;
  return out;
}

/** `{ router: { neighborAddress: {...} } }`, routers and neighbors in the order given. */
export function neighborsJson(at: number, neighbors: readonly NeighborAt[]): Json {
  const routers: Record<string, Json> = {};
  for (const n of neighbors) {
    routers[n.router] ??= {};
    routers[n.router][n.address] = neighborJson(n);
  }
  return { atSeconds: at, routers };
}
