/**
 * GoBGP profiles (gr-reference §2.3, §2.7, §5.1a): gobgp-3.25 (no Hard Reset), gobgp-3.34 (Hard
 * Reset without the inner code), gobgp-3.37 (1 s connect floor), gobgp-4.8 (2 s floor, 0.75–1.0
 * jitter), gobgp-3.10 (EoR awaited on every configured family). `gobgp` is gobgp-4.8. GR is off unless enabled; the advertised Restart Time defaults to
 * the hold time (resolved in registry.ts).
 */
import { deepMerge } from './merge.js';
import type { Profile } from './profile.js';
import { rfcProfile } from './rfc.js';

export const gobgp48Profile: Profile = deepMerge(rfcProfile, {
  profile: 'gobgp-4.8',
  description: 'GoBGP 4.x (4.8.0)',
  timers: {
    holdTime: 90,
    keepaliveTime: 30,
    connectRetryTime: 120,
    connectRetryFloor: 2,
    connectRetryJitter: [0.75, 1],
    firstConnectDelay: [1.5, 2],
    // pkg/server/fsm.go connectLoop: time.Duration((0.75+rand*0.25)*tick*1000) * time.Millisecond.
    connectDelayQuantum: 0.001,
    // pkg/server/fsm.go idle(): after a session ends the FSM stays Idle for idleHoldTime, set to
    // holdtimeIdle = 5 s when the first idle hold expires (v3.10.0 … v4.x), closing every accepted
    // connection meanwhile (`Closed an accepted connection`); then Active and connectLoop. Calibration
    // gobgp-notification-without-n: GoBGP 3.10 took the speaker back 15–17 s after a NOTIFICATION at 5 s.
    idleHoldTime: 5,
    // pkg/server/fsm.go keepaliveTicker (v3.10.0 … v4.x): time.NewTicker(KeepaliveInterval), a fixed
    // period from Established, no RFC 4271 §10 jitter. Calibration gobgp-new-connection-while-established:
    // the old session ends at GoBGP's KEEPALIVE after the crash (5.979 s real in two runs).
    keepaliveJitter: [1, 1],
  },
  gr: {
    mode: 'disable',
    restartTime: 90,
    stalePathTime: null,
    selectionDeferralTime: 360,
    notification: false,
    hardAdminReset: false,
    preserveForwarding: false,
  },
  llgr: { advertise: 'none', staleTime: 0 },
  // Only where this implementation departs from the rfc profile it is merged onto.
  behaviour: {
    holdExpiryWithoutN: 'gr',
    notificationSentWithN: 'flush',
    consecutiveRestart: 'keep-stale',
    reestablishCheck: 'ignore',
    // pkg/server/peer.go recvedAllEOR counts AFs with `s.Enabled && s.Received` (v3.23.0+, commit 815683fa).
    eorScope: 'all-received-afs',
    newConnectionWhileEstablished: 'drop-new',
    hardReset: 'no-inner',
    // pkg/server/fsm.go (v3.10.0 … v4.x) idle()/active(): `case <-fsm.gracefulRestartTimer.C` with
    // PeerRestarting returns BGP_FSM_IDLE, so a new 5 s idle hold and connectLoop's 5–9 s follow.
    // Calibration gobgp-eor-sweep: the speaker back at 7 s was refused; fresh again at 22–25 s.
    restartExpiry: 'idle',
    fBit: 'restarting',
    helperRestartTime: 'configured',
    // deferralHoldsLocalRoutes stays true (v3.25.0 … v4.8.0): pkg/server/server.go needToAdvertise
    // returns false while LocalRestarting, for local paths too, and the Established handler sends
    // nothing (EoR included) until every peer's EoR or the deferral timer (deferralExpiredFunc).
  },
  // `StaleRoutesTime` is configuration only, no timer uses it; GoBGP has no BFD (§2.3).
  // F bit from the -r restart flag, one for every tuple (fBit 'restarting').
  // `idle-hold-time-after-reset` sets the first Idle hold only (fsm.go idle(): then holdtimeIdle).
  traits: { stalePathTimer: false, bfd: null, forwardingPerFamily: false, idleHoldKnob: false },
});

/** v3.35–v3.37: retry floor 1 s, retries after [t, 2t) s. */
export const gobgp337Profile: Profile = deepMerge(gobgp48Profile, {
  profile: 'gobgp-3.37',
  description: 'GoBGP 3.35–3.37',
  timers: { connectRetryFloor: 1, connectRetryJitter: [1, 2], firstConnectDelay: [1, 2] },
});

/** v3.26–v3.34: Hard Reset without inner code; floor 5 s, first attempt 5–9 s, retries after [t, 2t) s. */
export const gobgp334Profile: Profile = deepMerge(gobgp48Profile, {
  profile: 'gobgp-3.34',
  description: 'GoBGP 3.26–3.34',
  // connectLoop: time.Duration(r.Intn(tick)+tick) * time.Second, whole seconds: first 5–9 s, later [t, 2t − 1].
  timers: { connectRetryFloor: 5, connectRetryJitter: [1, 2], firstConnectDelay: [5, 10], connectDelayQuantum: 1 },
});

/**
 * ≤ v3.25: never sends Hard Reset; a Cease/2 stays plain even with N exchanged. Before v3.23 GoBGP also
 * waited for EoR on families the peer never listed (override `behaviour.eorScope: 'all-afs'`).
 */
export const gobgp325Profile: Profile = deepMerge(gobgp334Profile, {
  profile: 'gobgp-3.25',
  description: 'GoBGP 3.25 and earlier 3.x',
  behaviour: { hardReset: 'never' },
});

/**
 * v3.10 (Debian 12's gobgpd 3.10.0, the daemon `stalepath calibrate` runs): v3.10.0 pkg/server/peer.go
 * recvedAllEOR tests `s.Enabled && !s.EndOfRibReceived` for every configured AF, without the v3.23
 * `s.Received` test: GR ends only once End-of-RIB came for every family configured on both ends. The
 * restarting side (-r) holds every route and its End-of-RIB until all peers sent theirs (server.go
 * handleFSMMessage: `!p.recvedAllEOR()` over all peers, or the deferral timer) as later versions.
 */
export const gobgp310Profile: Profile = deepMerge(gobgp325Profile, {
  profile: 'gobgp-3.10',
  description: 'GoBGP 3.10 (before 3.23: End-of-RIB awaited on every configured family)',
  behaviour: { eorScope: 'all-afs' },
});
