/**
 * BIRD profiles (gr-reference §2.3, §2.6, §5.1a): bird-2.19 (2.14 and later up to 2.19; `bird`) and
 * bird-2.13, which applies timer-driven route changes up to 3 s after the timer fires.
 */
import { deepMerge } from './merge.js';
import type { Profile } from './profile.js';
import { rfcProfile } from './rfc.js';

export const birdProfile: Profile = deepMerge(rfcProfile, {
  profile: 'bird-2.19',
  description: 'BIRD 2.14–2.19 (no RFC 8538)',
  timers: {
    holdTime: 240,
    keepaliveTime: 0,
    connectRetryTime: 120,
    // BIRD `connect delay time` 5 s before the first attempt.
    firstConnectDelay: [5, 5],
    // proto/bgp/bgp.c bgp_active: bgp_start_timer(conn->connect_timer, delay), jittered 0.75–1 × like
    // every BIRD timer; and a failed attempt (refused: bgp_sock_err, or bgp_connect_timeout outside
    // PS_START) goes Idle, where bgp_decision calls bgp_active again: BIRD keeps dialling a stopped peer
    // every 3.75–5 s (bird.log `Connecting to` 4.626, 4.416, 4.178 s apart), not every connect retry time.
    connectDelayJitter: [0.75, 1],
    retryAfterFailure: 'connect-delay',
    // proto/bgp/config.Y: error_delay_time_min/max 60/300, error_amnesia_time 300.
    errorWaitTime: [60, 300],
    errorForgetTime: 300,
    // No idle hold: after a session ends (proto/bgp/bgp.c bgp_decision → bgp_down → PS_DOWN) nest/proto.c
    // proto_event → proto_rethink_goal starts the protocol again at once; bgp_startup sets BSS_CONNECT and
    // bgp_incoming_connection accepts from then on. Only a protocol error's startup delay (errorWaitTime)
    // keeps it in BSS_DELAY. Calibration bird-notification-without-n: BIRD 2.0.12 took the speaker's
    // connection 1 s after a Cease NOTIFICATION (bird.log `Incoming connection … accepted`).
    idleHoldTime: 0,
    // proto/bgp/bgp.c bgp_start_timer (v2.0.12 … v2.19): every timer BIRD starts, the hold timer too
    // (bgp_rx_keepalive / bgp_rx_update / bgp_conn_enter_openconfirm_state → bgp_start_timer(hold_timer,
    // hold_time)), runs `time - random() % (time/4 + 1)`: 0.75–1 × the hold time after the last message.
    holdJitter: [0.75, 1],
  },
  gr: {
    // `graceful restart aware` = receiving only: GR cap without tuples.
    mode: 'helper',
    restartTime: 120,
    stalePathTime: null,
    // `graceful restart wait` 240 s.
    selectionDeferralTime: 240,
    notification: false,
    hardAdminReset: false,
    preserveForwarding: false,
  },
  // `long lived graceful restart aware`: LLGR cap without tuples; LLST 3600 used only with `on`.
  llgr: { advertise: 'empty', staleTime: 3600 },
  // Only where this implementation departs from the rfc profile it is merged onto.
  behaviour: {
    holdExpiryWithoutN: 'gr-if-llgr-silent',
    notificationSentWithN: 'flush',
    hardReset: 'never',
    nBitSupported: false,
    fBit: 'restarting',
    helperRestartTime: 'configured',
    // proto/bgp/bgp.c (v2.0.12 … v2.19) bgp_graceful_restart_timeout → bgp_stop: the outgoing connection
    // closed, the connect timer stopped; the restarted protocol dials after a new connect delay. Calibration
    // bird-restart-timer-expiry: the flush waits for the 3 s idle poll (timeout 11.00 → removed 14.006 s),
    // no connect attempt wakes the loop earlier.
    restartExpiry: 'restart-protocol',
    // deferralHoldsLocalRoutes stays true (v2.0.12 … v2.19.2): proto/bgp/bgp.c bgp_conn_enter_established_state
    // sets c->c.gr_wait in graceful restart recovery; nest/proto.c channel_set_state(CS_UP) then skips
    // channel_start_export and graceful_restart_done starts it, static and direct routes included;
    // End-of-RIB follows the feed (bgp_feed_end).
  },
  // No stale-path timer (§2.3). proto/bfd/bfd.c bfd_request_notify: `down` = Up → Down, a peer's
  // AdminDown included; bgp_bfd_notify restarts the session or, with `bfd graceful`, starts GR.
  traits: {
    stalePathTimer: false,
    bfd: { policy: 'bird', ignoresRemoteAdminDown: false },
    connectDelayKnobs: true,
    // BIRD's wait after an error is `error wait time` (connectDelayKnobs), not an idle hold.
    idleHoldKnob: false,
    // F bit from the -R recovery flag, one for every channel (fBit 'restarting').
    forwardingPerFamily: false,
  },
});

/**
 * BIRD ≤ 2.13 (e.g. Debian 12's 2.0.12): timer-driven route changes land at the next main-loop wake-up
 * (fixed in 2.14, commit 6a242b3ec). sysdep/unix/io.c io_loop polls with a 3000 ms timeout when no
 * event is pending, cut short by the process's other timers and packets (session/wake-up-lag.ts).
 */
export const bird213Profile: Profile = deepMerge(birdProfile, {
  profile: 'bird-2.13',
  description: 'BIRD 2.0–2.13: timer-driven route changes applied at the next main-loop wake-up, up to 3 s late',
  behaviour: { timerActionWakeup: { idlePollTimeout: 3 } },
});

/**
 * BIRD 2.0.x (Debian 12's 2.0.12, the daemon `stalepath calibrate` runs): the 2.13 main loop. v2.0.12
 * sysdep/unix/io.c io_loop has the same `events = ev_run_list(...)` before `timers_fire` (the 2.14 fix
 * 6a242b3ec is not in it), so timer-driven route work waits for the next wake-up there too. Any socket
 * activity wakes the loop, the CLI included, so the calibration reads BIRD's states from its log and
 * calls `birdc` only before and after the run (live/daemons/logs/bird-routes.ts). Shown for real by
 * bird-restart-timer-expiry (bird.log `Neighbor graceful restart timeout` 54.711 → `> removed [sole]`
 * 57.713), bird-llgr-no-alternate and bird-hold-expiry-* (`Error: Hold timer expired` 07.579 →
 * `> removed [sole]` 10.584). The same race delays the initial feed and End-of-RIB of a newly
 * Established session (speaker/speaker.ts feedWakeLag; bird-eor-sweep: `State changed to up` 38.354 →
 * the restarting speaker's `graceful restart done` 40.657).
 */
export const bird20Profile: Profile = deepMerge(bird213Profile, {
  profile: 'bird-2.0',
  description: 'BIRD 2.0.x (2.0.12): timer-driven route changes applied at the next main-loop wake-up, up to 3 s late',
});
