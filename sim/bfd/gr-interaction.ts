/**
 * What a BFD session going down means for the BGP session it protects, and so whether Graceful
 * Restart applies (RFC 5882 §3.2, §4.3, §10.2; RFC 9384 §2; gr-reference §2.8, cases C21–C25).
 *
 * RFC 5882 §4.3 reads the C bits: set in both directions, BFD does not share fate with either
 * control plane, so its failure is a forwarding failure — abort any GR and signal a topology change
 * (§4.3.1). Clear in either direction, the failure may be a control-plane restart — avoid aborting
 * a GR in progress (§4.3.2); but BGP GR does not signal planned restarts, so a BFD failure seen
 * before GR has started is a topology change too (§10.2 → §4.3.2.2).
 *
 * Implementations differ, so the policy is an input (from the profile's `traits.bfd`):
 * - FRR (`bgpd/bgp_bfd.c` bfd_session_status_update, gr-reference §2.8): `bfd
 *   check-control-plane-failure` is the profile switch; it also sets FRR's own C bit. With it, the
 *   peer in NSF mode (`PEER_STATUS_NSF_MODE`: at least one AF tuple received, not merely the GR
 *   capability) and the remote C bit clear, a BFD down is ignored and GR handles the restart.
 *   Otherwise, while BGP is Established, Cease/BFD Down and a flush (a Hard Reset when N was
 *   exchanged) — at once, or when the BFD strict hold timer expires (10.4.0–10.5.x whenever the
 *   neighbor has no `timers`; ≥ 10.6.0 only with hold time 0). When BGP already left Established
 *   (TCP closed first) the BFD down finds nothing to tear down and GR continues. Since 10.7.0 a
 *   peer's AdminDown is ignored.
 * - BIRD (`bgp_bfd_notify`): `bfd graceful` starts GR; plain `bfd on` restarts the session.
 *
 * The world driver wires the decision to BGP and keeps the strict hold timer.
 */
import { assertNever } from '../base/assert.js';
import type { BfdTransitionReason } from './transitions.js';

/** FRR's BFD strict hold timer (the profile's `traits.bfd.strictHold`). */
export interface StrictHoldPolicy {
  readonly seconds: number;
  /** 10.4.0–10.5.x: hold 0 or no neighbor timers (`!peer->holdtime`); ≥ 10.6.0: hold 0 only. */
  readonly when: 'hold-zero-or-unset' | 'hold-zero';
}

export type BfdDownPolicy =
  | { readonly kind: 'rfc5882'; readonly ignoresRemoteAdminDown: boolean }
  | {
      readonly kind: 'frr';
      /** `neighbor X bfd check-control-plane-failure`; MetalLB never renders it (default off). */
      readonly checkControlPlaneFailure: boolean;
      /** FRR ≥ 10.7.0 ignores a peer's AdminDown (RFC 5882 §3.2). */
      readonly ignoresRemoteAdminDown: boolean;
      readonly strictHold: StrictHoldPolicy | null;
    }
  | { readonly kind: 'bird'; readonly graceful: boolean; readonly ignoresRemoteAdminDown: boolean };

export interface BfdDownContext {
  readonly policy: BfdDownPolicy;
  /** From the `session-down` output. */
  readonly reason: BfdTransitionReason;
  readonly to: 'Down' | 'AdminDown';
  readonly localCBit: boolean;
  readonly remoteCBit: boolean;
  /** The protected BGP session is still Established (false: it already failed and GR, if any, runs). */
  readonly bgpEstablished: boolean;
  /** The helper is retaining the peer's routes right now (a GR in progress that can be aborted). */
  readonly grInProgress: boolean;
  /**
   * FRR `PEER_STATUS_NSF_MODE` (bgp_fsm.c bgp_peer_process_gr_cap_clear_stale): GR exchanged and
   * the peer listed at least one negotiated AF in it (`nsf_af_count` > 0).
   */
  readonly nsfMode: boolean;
  /** The hold time was configured for this neighbor (FRR `neighbor X timers`). */
  readonly holdTimeConfigured: boolean;
  /** The hold time in force for this neighbor, seconds (configured or default). */
  readonly holdTime: number;
}

/**
 * - `tear-down`: forwarding failure — close BGP (Cease/BFD Down, RFC 9384 §2), withdraw the peer's
 *   routes.
 * - `abort-gr`: BGP already down and GR in progress — abort it: act as if the restart timer
 *   expired (RFC 5882 §4.3.1, §10.2).
 * - `graceful-restart`: control-plane failure — treat as the peer restarting: keep its routes stale.
 * - `strict-hold`: FRR's BFD strict hold timer — tear down after `delay` seconds unless the session
 *   leaves Established (or is re-established) first.
 * - `ignore`: BGP is not told; its own hold timer, TCP or a GR already running decide.
 */
export type BfdDownAction = 'tear-down' | 'abort-gr' | 'graceful-restart' | 'strict-hold' | 'ignore';

export type BfdDownDecisionReason =
  | 'local-admin-down'
  | 'remote-admin-down'
  | 'forwarding-plane-failure'
  | 'control-plane-independent-clear'
  | 'graceful-restart-in-progress'
  | 'session-already-down'
  | 'bfd-down-before-graceful-restart'
  | 'bfd-down-cease'
  | 'bfd-strict-hold'
  | 'bfd-down-session-restart'
  | 'bfd-graceful';

export interface BfdDownDecision {
  readonly action: BfdDownAction;
  readonly reason: BfdDownDecisionReason;
  /** The clause or code the decision follows, for the trace and `explain`. */
  readonly clause: string;
  /** `strict-hold` only: seconds until Cease/BFD Down. */
  readonly delay?: number;
}

/** RFC 5882 §4.3.1: only with the C bit set in both directions is a BFD failure a forwarding failure. */
export function bfdDownMeansForwardingFailure(localCBit: boolean, remoteCBit: boolean): boolean {
  return localCBit && remoteCBit;
}

/** FRR bgp_bfd.c: does a BFD Up→Down on an Established session wait for the strict hold timer? */
export function strictHoldApplies(h: StrictHoldPolicy, holdTimeConfigured: boolean, holdTime: number): boolean {
  // 10.4.0–10.5.x `if (!peer->holdtime)`: peer->holdtime is 0 unless `neighbor X timers` set it.
  if (h.when === 'hold-zero-or-unset') return !holdTimeConfigured || holdTime === 0;
  // ≥ 10.6.0 (190756abfb): `(PEER_FLAG_TIMER && !peer->holdtime) || !bgp->default_holdtime`.
  return holdTime === 0;
}

export function decideBfdDown(ctx: BfdDownContext): BfdDownDecision {
  // Our own administrative disable is not a failure of anything (RFC 5880 §6.8.16); FRR and BIRD
  // only react to Up→Down.
  if (ctx.to === 'AdminDown') return { action: 'ignore', reason: 'local-admin-down', clause: 'RFC 5880 §6.8.16' };
  const policy = ctx.policy;
  // RFC 5882 §3.2: a client with its own liveness detection (BGP's hold timer) SHOULD NOT be told
  // of a connectivity failure when the peer signals AdminDown (FRR only since 10.7.0; BIRD reports it).
  if (ctx.reason === 'neighbor-admin-down' && policy.ignoresRemoteAdminDown) {
    const clause = policy.kind === 'frr' ? 'RFC 5882 §3.2; FRR ≥ 10.7.0 bgp_bfd.c' : 'RFC 5882 §3.2';
    return { action: 'ignore', reason: 'remote-admin-down', clause };
  }
  switch (policy.kind) {
    case 'rfc5882':
      if (bfdDownMeansForwardingFailure(ctx.localCBit, ctx.remoteCBit)) {
        if (ctx.bgpEstablished) {
          return { action: 'tear-down', reason: 'forwarding-plane-failure', clause: 'RFC 5882 §4.3.1' };
        }
        // §4.3.1: any GR in progress SHOULD be aborted; §10.2: act as if the restart timer expired.
        if (ctx.grInProgress) {
          return { action: 'abort-gr', reason: 'forwarding-plane-failure', clause: 'RFC 5882 §4.3.1, §10.2' };
        }
        return { action: 'ignore', reason: 'session-already-down', clause: 'RFC 5882 §4.3.1' };
      }
      if (!ctx.bgpEstablished) {
        return { action: 'ignore', reason: 'graceful-restart-in-progress', clause: 'RFC 5882 §4.3.2' };
      }
      return { action: 'tear-down', reason: 'bfd-down-before-graceful-restart', clause: 'RFC 5882 §10.2, §4.3.2.2' };
    case 'frr':
      // FRR bgp_bfd.c:70-72: NSF mode + check-control-plane-failure + remote C clear → ignored, GR expected.
      if (ctx.nsfMode && policy.checkControlPlaneFailure && !ctx.remoteCBit) {
        return {
          action: 'ignore',
          reason: 'control-plane-independent-clear',
          clause: 'RFC 5882 §4.3.2; FRR check-control-plane-failure',
        };
      }
      // FRR: with BGP no longer Established no NOTIFICATION is valid and bgp_stop keeps stale routes.
      // (10.4–10.5 still arm the strict hold timer here; its BGP_Stop on a connection that is not
      // Established leaves GR alone, and Established cancels it: not modelled.)
      if (!ctx.bgpEstablished) {
        return { action: 'ignore', reason: 'graceful-restart-in-progress', clause: 'FRR bgp_stop (gr-reference C24)' };
      }
      if (policy.strictHold && strictHoldApplies(policy.strictHold, ctx.holdTimeConfigured, ctx.holdTime)) {
        return {
          action: 'strict-hold',
          reason: 'bfd-strict-hold',
          clause: `FRR bgp_bfd.c: hold time ${ctx.holdTimeConfigured ? '0' : 'not configured for the neighbor'} → ${policy.strictHold.seconds} s BFD strict hold timer, then Cease/BFD Down`,
          delay: policy.strictHold.seconds,
        };
      }
      return { action: 'tear-down', reason: 'bfd-down-cease', clause: 'RFC 9384 §2; FRR bgp_bfd.c (C21, C22)' };
    case 'bird':
      // BIRD bgp_bfd_notify: graceful restart needs an Established connection; otherwise nothing to do.
      if (!ctx.bgpEstablished) {
        return { action: 'ignore', reason: 'graceful-restart-in-progress', clause: 'BIRD bgp_bfd_notify' };
      }
      return policy.graceful
        ? { action: 'graceful-restart', reason: 'bfd-graceful', clause: 'BIRD bfd graceful (C25)' }
        : { action: 'tear-down', reason: 'bfd-down-session-restart', clause: 'BIRD bfd on (C25)' };
    default:
      return assertNever(policy, 'BFD down policy');
  }
}
