/**
 * Implementation profiles: a peer's fully specified configuration, timers plus the behaviour
 * switches where BGP implementations differ on Graceful Restart (RFC 4724), the N bit (RFC 8538)
 * and Long-Lived GR (RFC 9494). Values and switches follow shared/reference/gr-reference.md
 * §2.3 (timers and defaults), §2.4 (helper event matrix), §2.5–2.7 (per implementation) and §5
 * (version sensitivity). A profile is data; the machines read only the resolved config.
 */

import type { AfiSafi } from '../wire/message.js';

export type GrMode = 'restart' | 'helper' | 'disable';

/** Helper behaviour on the events where implementations disagree (gr-reference §2.4). */
export interface GrBehaviour {
  /** Hold-timer expiry when N was not exchanged: RFC/FRR flush, GoBGP GR, BIRD GR without NOTIFICATION if LLGR. */
  readonly holdExpiryWithoutN: 'flush' | 'gr' | 'gr-if-llgr-silent';
  /** NOTIFICATION *sent* (not Hard Reset, not hold timer) with N exchanged: RFC/FRR GR, GoBGP flush. */
  readonly notificationSentWithN: 'gr' | 'flush';
  /** Second drop while routes are still stale (no LLGR): RFC 4724 §4.2 deletes the old stale routes. */
  readonly consecutiveRestart: 'delete-stale' | 'keep-stale';
  /** At re-establishment, F = 0 / AF missing / no GR cap ⇒ flush (RFC 4724 §4.2), or GoBGP's 'ignore'. */
  readonly reestablishCheck: 'f-bit' | 'ignore';
  /**
   * End-of-RIB ends GR per AF (RFC); or only once EoR arrived for every AF configured on both ends
   * (GoBGP < 3.23); or for every AF the peer listed in its GR capability (GoBGP ≥ 3.23, commit
   * 815683fa: `recvedAllEOR` tests `s.Enabled && s.Received`).
   */
  readonly eorScope: 'per-af' | 'all-afs' | 'all-received-afs';
  /** FRR ≥ 10.7.0: the stale-path timer skips AFs that are or will be in LLGR (PR #21932). */
  readonly stalePathLlgrAware: boolean;
  /** RFC 9494 §4.2 keeps the LLST timer running after re-establishment; FRR ≥ 8.3 cancels it. */
  readonly llstAtReestablish: 'keep-running' | 'cancel';
  /** LLST the helper uses: received value (RFC, BIRD, GoBGP) or MIN(received, local) (FRR). */
  readonly llstSource: 'received' | 'min-local';
  /** RFC 9494 §4.1: a second drop during LLGR keeps the LLST timer; FRR restarts a new GR cycle. */
  readonly llgrConsecutive: 'keep-timer' | 'new-cycle';
  /** A new TCP connection from the peer while Established (RFC 4724 §4.2, C15). */
  readonly newConnectionWhileEstablished: 'switch' | 'gr-reject-collision' | 'drop-new';
  /** LLGR_STALE routes exported to: only peers that sent LLGR (RFC 9494 §4.3), or also GR peers (FRR ≤ 10.7). */
  readonly llgrStaleExport: 'llgr-peers' | 'gr-or-llgr-peers';
  /** RFC 8538 §3.1 Hard Reset: inner code/subcode encapsulated (FRR), omitted (GoBGP ≥ 3.26), never sent. */
  readonly hardReset: 'encapsulated' | 'no-inner' | 'never';
  /** Whether the implementation supports RFC 8538 at all (BIRD does not: N always 0, every NOTIFICATION flushes). */
  readonly nBitSupported: boolean;
  /**
   * F bit source: configured preserve-forwarding (≤ FRR 10.6); that plus a real restart window
   * (FRR ≥ 10.7.0); or only when started as a restarting speaker (BIRD -R, GoBGP -r).
   */
  readonly fBit: 'configured' | 'restart-window' | 'restarting';
  /** R bit: only after a real restart (RFC, BIRD -R, GoBGP -r), or during FRR's startup window (t_startup). */
  readonly rBit: 'after-restart' | 'startup-window';
  /** A graceful process stop closes TCP without NOTIFICATION when GR was exchanged (FRR ≥ 8.5, BIRD). */
  readonly silentStopWhenGr: boolean;
  /** BFD Down while Established: Cease/BFD Down and flush (FRR, plain BIRD `bfd`), or GR (BIRD `bfd graceful`). */
  readonly bfdDown: 'notify-flush' | 'graceful';
  /** FRR: while waiting for a GR peer the connect-retry timer is off, the helper only listens (§2.5). */
  readonly passiveDuringGr: boolean;
  /** LLGR capability F bit: always set (FRR), or the same as the GR tuple's F (BIRD, GoBGP). */
  readonly llgrFBit: 'always' | 'like-gr';
  /**
   * BIRD ≤ 2.13 applies timer-driven route changes (restart-timer and LLST flushes, LLGR marking,
   * hold-timer NOTIFICATION and flush) at its next main-loop wake-up (gr-reference §2.6, §5.1a;
   * session/wake-up-lag.ts). null = applied when the timer fires.
   */
  readonly timerActionWakeup: MainLoopWakeup | null;
  /**
   * Restart Time sent in helper-only mode (no tuples, where RFC 4724 §3 makes it irrelevant): 0, or
   * the configured value as FRR, BIRD and GoBGP send.
   */
  readonly helperRestartTime: 'zero' | 'configured';
  // --- review items 6, 7, 8 (FRR LLGR code reading) ---
  /**
   * Paths that are all LLGR-stale: share traffic by the normal multipath rules (RFC 9494 §4.3 leaves
   * it open), or one next hop only (FRR bgp_path_info_cmp returns on LLGR_STALE before paths_eq).
   */
  readonly llgrStaleMultipath: boolean;
  /**
   * An LLGR tuple for an AF the peer did not list in its GR capability: honoured (RFC 9494 §4.2, Restart
   * Time deemed 0), or ignored (FRR bgp_capability_llgr needs PEER_CAP_RESTART_AF_RCV).
   */
  readonly llgrNeedsGrAf: boolean;
  /**
   * Once the LLGR period began, which events remove LLGR-stale routes: any sweep (RFC: EoR, the
   * re-establishment checks, stale-path timer), or only the LLST expiry (FRR: PEER_STATUS_LLGR_WAIT
   * stays set after re-establishment and bgp_clear_stale_route skips LLGR_STALE paths while it is).
   */
  readonly llgrStaleSweep: 'any' | 'llst-expiry-only';
  // --- restarting speaker: what selection deferral holds back (RFC 4724 §4.1) ---
  /**
   * While route selection of a family is deferred, the initial update of that family waits for its
   * end as a whole (RFC 4724 §4.1 "prior to route selection, the speaker has no routes to advertise";
   * BIRD, GoBGP); or locally originated routes are selected and sent at once, learned ones when
   * selection completes (FRR bgp_dest_set_defer_flag defers only destinations with a BGP_ROUTE_NORMAL
   * path from a restarting-mode GR peer or a stale one).
   */
  readonly deferralHoldsLocalRoutes: boolean;
  /**
   * With local routes not held: End-of-RIB of a deferred family waits for selection to complete
   * (FRR ≤ 10.4 BGP_SEND_EOR tests t_select_deferral), or follows the local-only initial update
   * (FRR ≥ 10.5 without -K: BGP_SEND_EOR tests bgp_in_graceful_restart()). Ignored when
   * deferralHoldsLocalRoutes is set (End-of-RIB always follows the whole initial update).
   */
  readonly deferralHoldsEndOfRib: boolean;
  /**
   * What the restart timer running out does to the FSM waiting for the peer:
   * - `carry-on`: nothing (RFC 4724 §4.2 names no FSM action);
   * - `idle`: from Idle, Connect or Active back to Idle for a new idle hold (GoBGP pkg/server/fsm.go
   *   idle()/active(): gracefulRestartTimer returns BGP_FSM_IDLE);
   * - `restart-protocol`: without LLGR the protocol stops and starts again at once, the outgoing
   *   attempt closed and the connect timer run anew from the expiry (BIRD proto/bgp/bgp.c
   *   bgp_graceful_restart_timeout → bgp_stop → bgp_graceful_close_conn; nest/proto.c restarts it,
   *   bgp_active arms the jittered connect delay).
   */
  readonly restartExpiry: 'carry-on' | 'idle' | 'restart-protocol';
  /**
   * An incoming connection is taken in Idle, once any Clearing is over, instead of refused (FRR
   * bgpd/bgp_network.c bgp_accept: a doppelganger peer for every incoming connection unless the peer
   * is Clearing, Deleted, shut down or start-suppressed, whatever its FSM state); false: RFC 4271
   * §8.2.2, Idle refuses every incoming connection.
   */
  readonly acceptsInIdle: boolean;
}

/**
 * BIRD ≤ 2.13's main loop (sysdep/unix/io.c io_loop): a timer handler only schedules the route work,
 * which runs at the next wake-up: poll() returns at the next timer of the process, the next packet on
 * one of its sockets, or after the idle poll timeout. The timers and packets come from the model
 * (session/wake-up-lag.ts), not from the profile.
 */
export interface MainLoopWakeup {
  /** poll() timeout when no event is pending, seconds (BIRD 2.0.12: 3000 ms). */
  readonly idlePollTimeout: number;
}

export interface TimerConfig {
  /** Proposed hold time, seconds (0 or ≥ 3, RFC 4271 §4.2). */
  readonly holdTime: number;
  /** Keepalive interval, seconds; 0 means hold/3 of the negotiated hold time. */
  readonly keepaliveTime: number;
  /** ConnectRetry interval, seconds (RFC 4271 §10 suggests 120). */
  readonly connectRetryTime: number;
  /** Lower bound on the retry interval (GoBGP's minConnectRetryInterval). */
  readonly connectRetryFloor: number;
  /** Jitter factor range for ConnectRetry (RFC 4271 §10: [0.75, 1.0]; GoBGP ≤ 3.34 [1, 2)). */
  readonly connectRetryJitter: readonly [number, number];
  /** Delay of the first connect after start, seconds range (GoBGP 4.x 1.5–2 s; 0 = at once). */
  readonly firstConnectDelay: readonly [number, number];
  /** Jitter factor range on that delay ([1, 1] = none; BIRD bgp_active → bgp_start_timer: [0.75, 1]). */
  readonly connectDelayJitter: readonly [number, number];
  /**
   * After a connection attempt fails (refused, or closed before the OPEN): wait the ConnectRetry
   * interval (`connect-retry`, RFC 4271 §8.2.2) or go back through Idle to the first-connect delay
   * (`connect-delay`, BIRD: bgp_sock_err → bgp_conn_enter_idle_state → bgp_decision → bgp_active).
   */
  readonly retryAfterFailure: 'connect-retry' | 'connect-delay';
  /** Hold timer used in OpenSent (RFC 4271 §8.2.2 suggests 4 minutes). */
  readonly openHoldTime: number;
  /** Idle hold before an automatic restart after a failure, seconds (FRR start timer 1 s). */
  readonly idleHoldTime: number;
  /**
   * Time a session spends clearing the peer's routes before it goes Idle and arms the idle hold,
   * seconds, when the peer had announced any (FRR: state Clearing until the clear-node work queue
   * has run, its hold 10 ms; 0 = Idle at once).
   */
  readonly clearingHold: number;
  /**
   * A router's route decisions are batched this long before they go on to the FIB, seconds (FRR
   * bgpd's route-processing queue hold); the end of selection deferral skips it. 0 still batches
   * everything decided at one instant.
   */
  readonly routeProcessingHold: number;
  /** Then batched this long on the way into the kernel, seconds (FRR zebra's RIB queue hold). */
  readonly fibInstallHold: number;
  /**
   * Delay from Established to the initial UPDATEs (and so End-of-RIB) to a peer, seconds:
   * `updateCoalesceTime + updateCoalescePerPeer × peers`, at most 10 s (FRR's update-group coalesce
   * timer); 0 = at once (BIRD, GoBGP, the RFCs).
   */
  readonly updateCoalesceTime: number;
  readonly updateCoalescePerPeer: number;
  // --- review items 15 and timing knobs ---
  /**
   * FRR ≥ 10.3 (commit ab3535fbcf): the connect-retry interval doubles on every expiry up to this many
   * seconds and returns to connectRetryTime at Established; null = constant.
   */
  readonly connectRetryMax: number | null;
  /** Connect delays are whole multiples of this many seconds, truncated (GoBGP ≤ 3.34: 1 s; 0 = µs). */
  readonly connectDelayQuantum: number;
  /** Jitter factor range for keepalives (RFC 4271 §10 [0.75, 1.0]; FRR [1, 1], fixed interval). */
  readonly keepaliveJitter: readonly [number, number];
  /**
   * Jitter factor range for the Established hold timer, restarted on every message (RFC 4271 §10 does
   * not jitter it: [1, 1]; BIRD's bgp_start_timer jitters every timer it starts: [0.75, 1]).
   */
  readonly holdJitter: readonly [number, number];
  /**
   * BIRD `error wait time min, max`: after a protocol error the next start waits min seconds, doubling
   * per further error up to max, forgotten after errorForgetTime (proto/bgp/bgp.c
   * bgp_update_startup_delay); null = idleHoldTime only.
   */
  readonly errorWaitTime: readonly [number, number] | null;
  /** BIRD `error forget time` (error_amnesia_time), seconds. */
  readonly errorForgetTime: number;
  /**
   * The hold/keepalive were configured for this neighbor (FRR `neighbor X timers`, `peer->holdtime`
   * set), not taken from the implementation's default. Set by the resolver from the input.
   */
  readonly holdTimeConfigured: boolean;
}

export interface GrConfig {
  readonly mode: GrMode;
  /** Restart Time we advertise, seconds, 12 bits (0–4095). */
  readonly restartTime: number;
  /** Local stale-path timer (RFC 4724 §4.2 MAY), seconds; null = none. */
  readonly stalePathTime: number | null;
  /** Selection_Deferral_Timer (RFC 4724 §4.1 MUST), seconds. */
  readonly selectionDeferralTime: number;
  /** Advertise the N bit (RFC 8538). */
  readonly notification: boolean;
  /** Send Cease/Administrative Reset as Hard Reset when N exchanged (FRR `bgp hard-administrative-reset`). */
  readonly hardAdminReset: boolean;
  /** Forwarding state preserved across a restart (F bit source, FRR `preserve-fw-state`). */
  readonly preserveForwarding: boolean;
  /**
   * RFC 4724 §3: one tuple per AFI/SAFI, each with its own F bit. The families whose F bit follows the
   * F source; the others are listed with F = 0 (forwarding not kept for them). null = every family.
   * Only where `traits.forwardingPerFamily` (FRR has one switch for all: bgpd.h
   * bgp_gr_is_forwarding_preserved_for_safi returns the global bgp_gr_is_forwarding_preserved).
   */
  readonly forwardingAfiSafis: readonly AfiSafi[] | null;
}

export interface LlgrConfig {
  /** What goes on the wire: no LLGR cap, a cap without tuples (BIRD aware), or tuples. */
  readonly advertise: 'none' | 'empty' | 'tuples';
  /** Long-Lived Stale Time we advertise (and, for FRR, the local bound), seconds, 24 bits. */
  readonly staleTime: number;
}

/**
 * FRR's BFD strict hold timer (`bgpd/bgp_bfd.c` bfd_session_status_update, since 04e0140c22 in
 * 10.4.0): a BFD Up→Down arms it instead of sending Cease/BFD Down at once.
 * - `hold-zero-or-unset`: 10.4.0–10.5.x test `!peer->holdtime`, which is 0 whenever no
 *   `neighbor X timers` is configured (the usual config), so nearly every BFD down waits.
 * - `hold-zero`: ≥ 10.6.0 (190756abfb): only a configured hold time of 0, or a global one of 0.
 */
export interface BfdStrictHold {
  /** `neighbor X bfd strict hold-time`, default BFD_DEF_STRICT_HOLD_TIME 30 s (lib/bfd.h). */
  readonly seconds: number;
  readonly when: 'hold-zero-or-unset' | 'hold-zero';
}

/** How the implementation's BGP reacts to a BFD session going down (gr-reference §2.8). */
export interface BfdClient {
  /** RFC 5882 §4.3 as written, FRR `bgp_bfd.c`, or BIRD `bgp_bfd_notify`. */
  readonly policy: 'rfc5882' | 'frr' | 'bird';
  /** A peer's AdminDown is not a failure (RFC 5882 §3.2; FRR only since 10.7.0, ad60ab55f2). */
  readonly ignoresRemoteAdminDown: boolean;
  readonly strictHold: BfdStrictHold | null;
}

/** What the implementation has at all; a scenario knob for something it lacks is refused or dropped. */
export interface ImplementationTraits {
  /** A local stale-path timer exists (BIRD and GoBGP have none, gr-reference §2.3). */
  readonly stalePathTimer: boolean;
  /** null: no BFD at all (GoBGP, gr-reference §2.3, §2.8). */
  readonly bfd: BfdClient | null;
  /** BIRD's `connect delay time` and `error wait time` can be configured (bird.conf; none elsewhere). */
  readonly connectDelayKnobs: boolean;
  /**
   * The Idle hold after a session ends can be configured (RFC 4271 §8.1.1 IdleHoldTimer, the rfc
   * profile). FRR's start timer is fixed (1 s), BIRD's is its `error wait time`, and GoBGP's
   * `idle-hold-time-after-reset` sets only the first hold (pkg/server/fsm.go idle(): every later one
   * is holdtimeIdle = 5 s).
   */
  readonly idleHoldKnob: boolean;
  /** The F bit can differ between families (RFC 4724 §3 tuples); false: one F source for every tuple. */
  readonly forwardingPerFamily: boolean;
}

export interface ResolvedPeerConfig {
  readonly profile: string;
  readonly description: string;
  readonly timers: TimerConfig;
  readonly gr: GrConfig;
  readonly llgr: LlgrConfig;
  readonly behaviour: GrBehaviour;
  readonly traits: ImplementationTraits;
  /** Address families carried (MP-BGP). */
  readonly afiSafis: readonly AfiSafi[];
  /** Open the connection ourselves (false = passive, listen only). */
  readonly passive: boolean;
  /** Start again automatically after a failure (RFC 4271 AutomaticStart). */
  readonly autoRestart: boolean;
  /** Max-prefix limit per peer (Cease/1 when exceeded); null = none. */
  readonly maxPrefix: number | null;
  /** Send End-of-RIB after the initial update (RFC 4724 §4); false = FRR `disable-eor`. */
  readonly sendEndOfRib: boolean;
}

/** A profile is a resolved config; a peer names one and overrides fields. */
export type Profile = ResolvedPeerConfig;

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends readonly (infer _U)[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

/** What a scenario writes for a peer: a profile name and any overrides. */
export type PeerConfigInput = DeepPartial<Omit<ResolvedPeerConfig, 'profile' | 'description'>> & {
  readonly profile?: string;
};
export type ProfileOverrides = DeepPartial<ResolvedPeerConfig>;
