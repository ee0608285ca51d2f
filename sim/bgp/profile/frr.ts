/**
 * FRR profiles (gr-reference §2.3, §2.5, §5.1). Versioned where behaviour changed:
 * frr-8.4, frr-10.5.1, frr-10.5 (10.5.2–10.5.4, MetalLB's 10.5.3), frr-10.7, frr-master.
 * `frr` is the newest release, frr-10.7. Defaults are `frr defaults traditional` at version ≥ 8.3.
 */
import { deepMerge } from './merge.js';
import type { Profile } from './profile.js';
import { rfcProfile } from './rfc.js';

export const frr107Profile: Profile = deepMerge(rfcProfile, {
  profile: 'frr-10.7',
  description: 'FRR 10.7.0, frr defaults traditional (version >= 8.3 defaults)',
  timers: {
    holdTime: 180,
    keepaliveTime: 60,
    connectRetryTime: 30,
    // FRR's start timer: 1 s after a TCP drop before the Idle → Connect attempt (§2.5).
    idleHoldTime: 1,
    // bgpd/bgp_route.c bgp_clear_route queues the peer's routes on its clear-node work queue (spec.hold
    // = 10 ms, bgp_clear_node_queue_init, frr-8.4.4 … 10.7.0); the peer stays Clearing until
    // bgp_clear_node_complete posts Clearing_Completed, and only then goes Idle and arms t_start
    // (bgp_fsm.c). With nothing to clear, bgp_stop posts Clearing_Completed at once. Calibration
    // frr-new-connection-while-established: the speaker's 1 s reconnect reaches FRR ~10 ms before
    // FRR's own start timer fires (the case's speaker waits 0.5 s instead, to win by more than a race).
    clearingHold: 0.01,
    // Decisions within a hold reach the kernel as one batch: bgpd's route-processing queue holds
    // 50 ms (bgpd/bgp_route.c `bgp->process_queue->spec.hold = 50`, frr-8.4.4 … 10.7.0), then zebra's
    // RIB queue 10 ms (zebra/zebra_router.h ZEBRA_RIB_PROCESS_HOLD_TIME); the dataplane adds no timer.
    routeProcessingHold: 0.05,
    fibInstallHold: 0.01,
    // The initial UPDATEs wait for the update subgroup's coalesce timer (bgpd/bgp_updgrp_adv.c
    // subgroup_announce_all): BGP_DEFAULT_SUBGROUP_COALESCE_TIME 1000 ms plus 50 ms per peer
    // (bgpd.c peer_create heuristic, at most 10 s); MRAI does not delay it (frr-8.4.4 … 10.7.0).
    updateCoalesceTime: 1,
    updateCoalescePerPeer: 0.05,
    // FRR ≥ 10.3 (commit ab3535fbcf, bgpd/bgp_fsm.c bgp_connect_timer): v_connect doubles on every
    // expiry up to BGP_MAX_CONNECT_RETRY 120, no jitter; bgp_fsm_change_status resets it at Established.
    connectRetryJitter: [1, 1],
    connectRetryMax: 120,
    // bgpd/bgp_keepalives.c: KEEPALIVEs at the fixed v_keepalive, no jitter.
    keepaliveJitter: [1, 1],
  },
  gr: {
    // Global default is Helper: GR cap with no AF tuples (§2.3).
    mode: 'helper',
    restartTime: 120,
    stalePathTime: 360,
    selectionDeferralTime: 120,
    notification: true,
    hardAdminReset: true,
    preserveForwarding: false,
  },
  // FRR sends the LLGR cap whenever it sends GR, F always set, LLST = local stale-time (default 0).
  llgr: { advertise: 'tuples', staleTime: 0 },
  // Only where this implementation departs from the rfc profile it is merged onto.
  behaviour: {
    // bgpd/bgp_network.c bgp_accept (frr-8.4.4 … 10.7.0): only Clearing/Deleted, shutdown and
    // max-prefix suppression close an incoming connection; an Idle peer (its start timer running)
    // takes it. Calibration frr-new-connection-while-established: the speaker's 1 s reconnect is
    // taken ~10 ms before FRR's own start timer fires.
    acceptsInIdle: true,
    consecutiveRestart: 'keep-stale',
    llstAtReestablish: 'cancel',
    llstSource: 'min-local',
    llgrConsecutive: 'new-cycle',
    newConnectionWhileEstablished: 'gr-reject-collision',
    llgrStaleExport: 'gr-or-llgr-peers',
    fBit: 'restart-window',
    rBit: 'startup-window',
    passiveDuringGr: true,
    helperRestartTime: 'configured',
    llgrFBit: 'always',
    // Code reading, not yet checked on a daemon (gr-reference §5.3), frr-10.5.3 and frr-10.7.0 alike:
    // bgpd/bgp_route.c bgp_path_info_cmp returns on LLGR_STALE before any step sets paths_eq, so
    // bgp_best_selection never adds an LLGR-stale path to the multipath list.
    llgrStaleMultipath: false,
    // bgpd/bgp_open.c bgp_capability_llgr: an LLGR tuple for an AF without PEER_CAP_RESTART_AF_RCV is ignored.
    llgrNeedsGrAf: true,
    // Code reading (gr-reference §2.5, §5.3): bgpd/bgp_fsm.c bgp_establish cancels t_llgr_stale but leaves
    // PEER_STATUS_LLGR_WAIT set (only bgp_llgr_stale_timer_expire clears it); bgpd/bgp_route.c
    // bgp_clear_stale_route skips paths without NO_LLGR while it is set, so End-of-RIB, the
    // re-establishment checks and the stale-path timer leave LLGR-stale paths in place.
    llgrStaleSweep: 'llst-expiry-only',
    // bgpd/bgp_route.c bgp_dest_set_defer_flag (frr-8.4.4 … 10.7.0): BGP_NODE_SELECT_DEFER only for a
    // destination with a BGP_ROUTE_NORMAL path that is stale or from a GR peer in restarting mode,
    // and only while t_select_deferral runs; `network`/static/redistributed routes are selected at
    // once and go out with the update group's initial announcement (bgp_updgrp_adv.c
    // subgroup_announce_table announces BGP_PATH_SELECTED paths; deferred ones have none yet).
    deferralHoldsLocalRoutes: false,
    // bgpd/bgpd.h BGP_SEND_EOR since 10.5.0 (034b0f97f2): `!bgp_in_graceful_restart() ||
    // select_defer_over` (10.7.0: `!bgp_in_graceful_restart()`); bgp_in_graceful_restart() needs bgpd
    // started with -K, which these profiles do not model (deferral runs in the t_startup window), so
    // End-of-RIB follows the local-only initial update; bgp_send_delayed_eor at deferral end finds it sent.
    deferralHoldsEndOfRib: false,
  },
  // bgpd/bgp_bfd.c bfd_session_status_update (gr-reference §2.8): a peer's AdminDown ignored since
  // 10.7.0; the 30 s strict hold timer (lib/bfd.h BFD_DEF_STRICT_HOLD_TIME) only with hold time 0.
  traits: {
    // bgpd/bgp_open.c bgp_peer_send_gr_capability: f_bit = bgp_gr_is_forwarding_preserved_for_safi(),
    // which is the global `bgp graceful-restart preserve-fw-state` for every unicast family (bgpd.h).
    forwardingPerFamily: false,
    // bgpd/bgp_fsm.c bgp_start_timer: the start timer is peer->v_start (BGP_INIT_START_TIMER, 1 s), no command sets it.
    idleHoldKnob: false,
    bfd: { policy: 'frr', ignoresRemoteAdminDown: true, strictHold: { seconds: 30, when: 'hold-zero' } },
  },
});

/** Master after 10.7.0: LLGR_STALE withheld from peers that did not send LLGR (PR #22297). */
export const frrMasterProfile: Profile = deepMerge(frr107Profile, {
  profile: 'frr-master',
  description: 'FRR master after 10.7.0 (snapshot fbfc8222da75): LLGR_STALE only to LLGR peers',
  behaviour: { llgrStaleExport: 'llgr-peers' },
});

/** 10.5.2–10.5.4: already-stale paths kept on a new drop (PR #20804); F from preserve-fw-state; stalepath not LLGR-aware. */
export const frr105Profile: Profile = deepMerge(frr107Profile, {
  profile: 'frr-10.5',
  description: 'FRR 10.5.2–10.5.4 (MetalLB ships 10.5.3), frr defaults traditional',
  behaviour: { fBit: 'configured', stalePathLlgrAware: false },
  // Before ad60ab55f2 (10.7.0) a peer's AdminDown is a Down. 04e0140c22 (10.4.0) to 190756abfb
  // (10.6.0): `if (!peer->holdtime)` arms the strict hold timer whenever no neighbor timers are set.
  traits: { bfd: { ignoresRemoteAdminDown: false, strictHold: { when: 'hold-zero-or-unset' } } },
});

/**
 * ≤ 10.5.1: already-stale paths deleted on a new drop, as RFC 4724 §4.2. (10.0–10.4 would also hold
 * End-of-RIB until selection deferral ends, as frr-8.4; 10.5.0 and 10.5.1 do not.)
 */
export const frr1051Profile: Profile = deepMerge(frr105Profile, {
  profile: 'frr-10.5.1',
  description: 'FRR 10.5.1 and earlier 10.x, frr defaults traditional',
  behaviour: { consecutiveRestart: 'delete-stale' },
});

/** 8.4: as 10.5.1, plus a Cease on SIGTERM even with GR exchanged (silent close only since 8.5). */
export const frr84Profile: Profile = deepMerge(frr1051Profile, {
  profile: 'frr-8.4',
  description: 'FRR 8.4, frr defaults traditional',
  // Before 10.3: constant v_connect, BGP_DEFAULT_CONNECT_RETRY 120 (bgpd/bgpd.h), no jitter.
  timers: { connectRetryTime: 120, connectRetryMax: null },
  // bgpd/bgpd.h BGP_SEND_EOR (frr-8.4.4 … 10.4.x): held while t_select_deferral runs until
  // eor_required == eor_received; bgp_do_deferred_path_selection → bgp_send_delayed_eor sends it.
  behaviour: { silentStopWhenGr: false, deferralHoldsEndOfRib: true },
  // The BFD strict hold timer came in 10.4.0 (04e0140c22).
  traits: { bfd: { strictHold: null } },
});

/**
 * A MetalLB speaker (gr-reference §2.10): FRR 10.5.3 with `frr version 8.0` / `frr defaults
 * traditional` pinned, so N and hard-admin-reset are off; `preserve-fw-state` is always rendered
 * (F = 1 once GR is on); GR is Restart mode only with `enableGracefulRestart: true` (override
 * `gr.mode`), otherwise the global Helper mode.
 */
export const metallbProfile: Profile = deepMerge(frr105Profile, {
  profile: 'metallb',
  description:
    'MetalLB speaker: FRR 10.5.3 with frr version 8.0 defaults (N off, hard-admin-reset off), preserve-fw-state',
  gr: { notification: false, hardAdminReset: false, preserveForwarding: true },
});
