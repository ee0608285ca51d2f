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
 * Implementations differ, so the policy is an input:
 * - FRR (`bgpd/bgp_bfd.c`, gr-reference §2.8): `bfd check-control-plane-failure` is the profile
 *   switch; it also sets FRR's own C bit. With it, GR negotiated and the remote C bit clear, a BFD
 *   down is ignored and GR handles the restart. Otherwise, while BGP is Established, Cease/BFD Down
 *   and a flush (a Hard Reset when N was exchanged); when BGP already left Established (TCP closed
 *   first) the BFD down finds nothing to tear down and GR continues. Since 10.7.0 a peer's AdminDown
 *   is ignored.
 * - BIRD (`bgp_bfd_notify`): `bfd graceful` starts GR; plain `bfd on` restarts the session.
 *
 * The world driver wires the decision to BGP; timing quirks (FRR 10.4–10.5's 30-s strict hold
 * timer) belong to it.
 */
import { assertNever } from '../base/assert.js';
import type { BfdTransitionReason } from './transitions.js';

export type BfdDownPolicy =
  | { readonly kind: 'rfc5882' }
  | {
      readonly kind: 'frr';
      /** `neighbor X bfd check-control-plane-failure`; MetalLB never renders it (default off). */
      readonly checkControlPlaneFailure: boolean;
      /** FRR ≥ 10.7.0 ignores a peer's AdminDown (RFC 5882 §3.2). */
      readonly ignoresRemoteAdminDown: boolean;
    }
  | { readonly kind: 'bird'; readonly graceful: boolean };

export interface BfdDownContext {
  readonly policy: BfdDownPolicy;
  /** From the `session-down` output. */
  readonly reason: BfdTransitionReason;
  readonly to: 'Down' | 'AdminDown';
  readonly localCBit: boolean;
  readonly remoteCBit: boolean;
  /** The protected BGP session is still Established (false: it already failed and GR, if any, runs). */
  readonly bgpEstablished: boolean;
  /** GR was negotiated with this peer, so it could be in NSF mode (FRR `PEER_STATUS_NSF_MODE`). */
  readonly grNegotiated: boolean;
}

/**
 * - `tear-down`: forwarding failure — close BGP (Cease/BFD Down, RFC 9384 §2), withdraw the peer's
 *   routes, abort any GR.
 * - `graceful-restart`: control-plane failure — treat as the peer restarting: keep its routes stale.
 * - `ignore`: BGP is not told; its own hold timer, TCP or a GR already running decide.
 */
export type BfdDownAction = 'tear-down' | 'graceful-restart' | 'ignore';

export type BfdDownDecisionReason =
  | 'local-admin-down'
  | 'remote-admin-down'
  | 'forwarding-plane-failure'
  | 'control-plane-independent-clear'
  | 'graceful-restart-in-progress'
  | 'bfd-down-before-graceful-restart'
  | 'bfd-down-cease'
  | 'bfd-down-session-restart'
  | 'bfd-graceful';

export interface BfdDownDecision {
  readonly action: BfdDownAction;
  readonly reason: BfdDownDecisionReason;
  /** The clause or code the decision follows, for the trace and `explain`. */
  readonly clause: string;
}

/** RFC 5882 §4.3.1: only with the C bit set in both directions is a BFD failure a forwarding failure. */
export function bfdDownMeansForwardingFailure(localCBit: boolean, remoteCBit: boolean): boolean {
  return localCBit && remoteCBit;
}

export function decideBfdDown(ctx: BfdDownContext): BfdDownDecision {
  // Our own administrative disable is not a failure of anything (RFC 5880 §6.8.16); FRR and BIRD
  // only react to Up→Down.
  if (ctx.to === 'AdminDown') return { action: 'ignore', reason: 'local-admin-down', clause: 'RFC 5880 §6.8.16' };
  const policy = ctx.policy;
  switch (policy.kind) {
    case 'rfc5882':
      // RFC 5882 §3.2: a client with its own liveness detection (BGP's hold timer) SHOULD NOT be
      // told of a connectivity failure when the peer signals AdminDown.
      if (ctx.reason === 'neighbor-admin-down') {
        return { action: 'ignore', reason: 'remote-admin-down', clause: 'RFC 5882 §3.2' };
      }
      if (bfdDownMeansForwardingFailure(ctx.localCBit, ctx.remoteCBit)) {
        return { action: 'tear-down', reason: 'forwarding-plane-failure', clause: 'RFC 5882 §4.3.1' };
      }
      if (!ctx.bgpEstablished) {
        return { action: 'ignore', reason: 'graceful-restart-in-progress', clause: 'RFC 5882 §4.3.2' };
      }
      return { action: 'tear-down', reason: 'bfd-down-before-graceful-restart', clause: 'RFC 5882 §10.2, §4.3.2.2' };
    case 'frr':
      if (ctx.reason === 'neighbor-admin-down' && policy.ignoresRemoteAdminDown) {
        return { action: 'ignore', reason: 'remote-admin-down', clause: 'RFC 5882 §3.2; FRR ≥ 10.7.0 bgp_bfd.c' };
      }
      // FRR bgp_bfd.c: NSF mode + check-control-plane-failure + remote C clear → ignored, GR expected.
      if (ctx.grNegotiated && policy.checkControlPlaneFailure && !ctx.remoteCBit) {
        return {
          action: 'ignore',
          reason: 'control-plane-independent-clear',
          clause: 'RFC 5882 §4.3.2; FRR check-control-plane-failure',
        };
      }
      // FRR: with BGP no longer Established no NOTIFICATION is valid and bgp_stop keeps stale routes.
      if (!ctx.bgpEstablished) {
        return { action: 'ignore', reason: 'graceful-restart-in-progress', clause: 'FRR bgp_stop (gr-reference C24)' };
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
