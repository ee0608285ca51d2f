/**
 * Graceful Restart and Long-Lived GR capability exchange: what we advertise (RFC 4724 §3,
 * RFC 8538 §2, RFC 9494 §3.1) and what the two OPENs negotiate for the helper role.
 *
 * GR is in effect only when both sides sent the GR capability; the helper retains an address family
 * only if the peer listed it (RFC 4724 §4.2) or gave it a non-zero Long-Lived Stale Time
 * (RFC 9494 §4.2, Restart Time then deemed 0 for it). An empty tuple list is "helper only".
 */
import { assertNever } from '../../base/assert.js';
import type { Time } from '../../base/time.js';
import type { ResolvedPeerConfig } from '../profile/profile.js';
import {
  type AfiSafi,
  afiSafiKey,
  type Capability,
  type CapabilityOf,
  findCapability,
  type OpenMessage,
} from '../wire/message.js';

/** Facts about the local speaker that the R and F bits depend on. */
export interface RestartContext {
  /** Started as a restarting speaker (FRR -K, GoBGP -r, BIRD -R). */
  readonly restarting: boolean;
  /** When the BGP process started (FRR's t_startup window runs from here). */
  readonly startedAt: Time;
  /** Whether this process instance already had an Established session with the peer. */
  readonly hadEstablished: boolean;
  /** Started without GR restart mode (GoBGP without -r): R = 0 and F = 0 whatever the profile. */
  readonly withoutGrRestartMode?: boolean;
}

/**
 * FRR's t_startup: bgpd/bgpd.c bgp_create arms it for bgp->restart_time while that is still
 * BGP_DEFAULT_RESTART_TIME (120 s, bgpd.h); a configured `bgp graceful-restart restart-time` comes
 * later and does not re-arm it (frr-8.4.4 … 10.7.0). Seen on FRR 8.4.4 (restart-time 6): R = 1 in
 * its OPEN 9 s after bgpd started (calibration case frr-eor-sweep).
 */
export const FRR_STARTUP_WINDOW_US = 120_000_000;

/** R bit for our OPEN (RFC 4724 §3: set only by a speaker that has restarted; §4.2: never by a receiving speaker). */
export function localRestartState(cfg: ResolvedPeerConfig, ctx: RestartContext, now: Time): boolean {
  if (ctx.withoutGrRestartMode) return false;
  switch (cfg.behaviour.rBit) {
    case 'after-restart':
      return ctx.restarting && !ctx.hadEstablished;
    case 'startup-window':
      // FRR sets R while t_startup runs, even after a cold start (bgpd/bgp_open.c bgp_open_capability_restart).
      return now < ctx.startedAt + FRR_STARTUP_WINDOW_US || (ctx.restarting && !ctx.hadEstablished);
    default:
      assertNever(cfg.behaviour.rBit);
  }
}

/** F bit for our tuples (RFC 4724 §3: forwarding state "has indeed been preserved during the previous restart"). */
export function localForwardingState(cfg: ResolvedPeerConfig, ctx: RestartContext, now: Time): boolean {
  if (ctx.withoutGrRestartMode) return false;
  switch (cfg.behaviour.fBit) {
    case 'configured':
      return cfg.gr.preserveForwarding;
    case 'restart-window':
      // FRR ≥ 10.7.0: preserve-fw-state and a real restart window (commit 1209877e87).
      return (
        cfg.gr.preserveForwarding &&
        (now < ctx.startedAt + cfg.gr.restartTime * 1_000_000 || (ctx.restarting && !ctx.hadEstablished))
      );
    case 'restarting':
      return ctx.restarting && !ctx.hadEstablished;
    default:
      assertNever(cfg.behaviour.fBit);
  }
}

/** RFC 4724 §3: the F bit is per <AFI, SAFI>; a family outside `gr.forwardingAfiSafis` keeps F = 0. */
export function forwardingFor(cfg: ResolvedPeerConfig, a: AfiSafi): boolean {
  const list = cfg.gr.forwardingAfiSafis;
  return list === null || list.some((x) => x.afi === a.afi && x.safi === a.safi);
}

/** N bit we advertise: configured and supported (BIRD never sets it). */
export function localNotificationBit(cfg: ResolvedPeerConfig): boolean {
  return cfg.gr.notification && cfg.behaviour.nBitSupported;
}

/** The GR and LLGR capabilities for our OPEN. */
export function grCapabilities(cfg: ResolvedPeerConfig, ctx: RestartContext, now: Time): Capability[] {
  if (cfg.gr.mode === 'disable') return [];
  const f = localForwardingState(cfg, ctx, now);
  const caps: Capability[] = [
    {
      type: 'graceful-restart',
      restartState: localRestartState(cfg, ctx, now),
      notification: localNotificationBit(cfg),
      // RFC 4724 §3: with no tuples the Restart Time is irrelevant; helper-only mode sends 0 unless the
      // implementation sends its configured value anyway.
      restartTime: cfg.gr.mode === 'helper' && cfg.behaviour.helperRestartTime === 'zero' ? 0 : cfg.gr.restartTime,
      // RFC 4724 §3: no tuples = receiving-speaker support only (helper mode).
      afis:
        cfg.gr.mode === 'restart'
          ? cfg.afiSafis.map((a) => ({ afi: a.afi, safi: a.safi, forwardingState: f && forwardingFor(cfg, a) }))
          : [],
    },
  ];
  if (cfg.llgr.advertise !== 'none') {
    const llF = (a: AfiSafi) => (cfg.behaviour.llgrFBit === 'always' ? true : f && forwardingFor(cfg, a));
    caps.push({
      type: 'llgr',
      afis:
        cfg.llgr.advertise === 'tuples'
          ? cfg.afiSafis.map((a) => ({
              afi: a.afi,
              safi: a.safi,
              forwardingState: llF(a),
              staleTime: cfg.llgr.staleTime,
            }))
          : [],
    });
  }
  return caps;
}

/** Per address family outcome of the capability exchange, from the helper's point of view. */
export interface AfNegotiation {
  readonly afiSafi: AfiSafi;
  readonly key: string;
  /** Peer listed the AF in its GR capability (RFC 4724 §4.2). */
  readonly inGr: boolean;
  /** Peer's F bit for the AF in its GR capability. */
  readonly grForwarding: boolean;
  /** Peer listed the AF in its LLGR capability. */
  readonly inLlgr: boolean;
  readonly llgrForwarding: boolean;
  /** LLST received from the peer for the AF (0 if absent). */
  readonly receivedLlst: number;
  /** LLST the helper applies (received, or MIN(received, local) for FRR); 0 = no LLGR. */
  readonly llst: number;
  /** The helper retains this AF's routes on a GR trigger. */
  readonly retained: boolean;
}

export interface GrNegotiation {
  /** We sent the GR capability. */
  readonly localGr: boolean;
  /** The peer's GR capability (the last instance, RFC 4724 §3), if any. */
  readonly peerGr: CapabilityOf<'graceful-restart'> | undefined;
  /** The peer's LLGR capability, disregarded without a GR capability (RFC 9494 §4.1). */
  readonly peerLlgr: CapabilityOf<'llgr'> | undefined;
  /** GR capability sent and received. */
  readonly grExchanged: boolean;
  /** RFC 8538 §2: N bit advertised by both sides. */
  readonly nExchanged: boolean;
  /** Peer's Restart Time, seconds. */
  readonly peerRestartTime: number;
  readonly peerRestartState: boolean;
  /** We sent an LLGR capability. */
  readonly localLlgr: boolean;
  readonly afs: ReadonlyMap<string, AfNegotiation>;
}

export function negotiateGr(cfg: ResolvedPeerConfig, sent: OpenMessage, received: OpenMessage): GrNegotiation {
  const localGrCap = findCapability(sent.capabilities, 'graceful-restart');
  const localLlgrCap = findCapability(sent.capabilities, 'llgr');
  const peerGr = findCapability(received.capabilities, 'graceful-restart');
  // RFC 9494 §4.1: an LLGR capability without the GR capability MUST be disregarded.
  const peerLlgr = peerGr ? findCapability(received.capabilities, 'llgr') : undefined;
  const localGr = localGrCap !== undefined;
  const grExchanged = localGr && peerGr !== undefined;
  const localLlgr = localGr && localLlgrCap !== undefined;
  const afs = new Map<string, AfNegotiation>();
  for (const a of cfg.afiSafis) {
    const key = afiSafiKey(a.afi, a.safi);
    const g = lastFor(peerGr?.afis, a);
    // FRR bgpd/bgp_open.c bgp_capability_llgr: "not enabled. Ignore the Long-lived Graceful Restart
    // capability" for an AF without PEER_CAP_RESTART_AF_RCV (not listed in the GR capability).
    const l = g === undefined && cfg.behaviour.llgrNeedsGrAf ? undefined : lastFor(peerLlgr?.afis, a);
    const receivedLlst = l?.staleTime ?? 0;
    // FRR stores MIN(received LLST, local stale-time) (bgp_capability_llgr).
    const llst =
      grExchanged && localLlgr && l
        ? cfg.behaviour.llstSource === 'min-local'
          ? Math.min(receivedLlst, cfg.llgr.staleTime)
          : receivedLlst
        : 0;
    afs.set(key, {
      afiSafi: a,
      key,
      inGr: g !== undefined,
      grForwarding: g?.forwardingState ?? false,
      inLlgr: l !== undefined,
      llgrForwarding: l?.forwardingState ?? false,
      receivedLlst,
      llst,
      retained: grExchanged && (g !== undefined || llst > 0),
    });
  }
  return {
    localGr,
    peerGr,
    peerLlgr,
    grExchanged,
    nExchanged: grExchanged && (localGrCap?.notification ?? false) && (peerGr?.notification ?? false),
    peerRestartTime: peerGr?.restartTime ?? 0,
    peerRestartState: peerGr?.restartState ?? false,
    localLlgr,
    afs,
  };
}

function lastFor<T extends AfiSafi>(tuples: readonly T[] | undefined, a: AfiSafi): T | undefined {
  if (!tuples) return undefined;
  for (let i = tuples.length - 1; i >= 0; i--)
    if (tuples[i].afi === a.afi && tuples[i].safi === a.safi) return tuples[i];
  return undefined;
}
