/**
 * The `rfc` profile: what RFC 4271, RFC 4724, RFC 8538 and RFC 9494 prescribe, with the RFCs'
 * suggested timer values. Where an RFC gives no value (selection deferral, LLST) the choice is
 * marked. Every other profile is built on this one.
 */
import type { AfiSafi } from '../wire/message.js';
import type { Profile } from './profile.js';

export const IPV4_UNICAST: AfiSafi = { afi: 1, safi: 1 };
export const IPV6_UNICAST: AfiSafi = { afi: 2, safi: 1 };

export const rfcProfile: Profile = {
  profile: 'rfc',
  description: 'RFC 4271 / 4724 / 8538 / 9494 as written, RFC-suggested timers',
  timers: {
    // RFC 4271 §10: suggested HoldTime 90 s, KeepaliveTime 1/3 of it, ConnectRetryTime 120 s.
    holdTime: 90,
    keepaliveTime: 0,
    connectRetryTime: 120,
    connectRetryFloor: 0,
    // RFC 4271 §10: jitter by a random factor uniformly in [0.75, 1.0].
    connectRetryJitter: [0.75, 1],
    firstConnectDelay: [0, 0],
    connectDelayJitter: [1, 1],
    // RFC 4271 §8.2.2 Connect state, TCP connection fails: ConnectRetryTimer restarted, Active.
    retryAfterFailure: 'connect-retry',
    // RFC 4271 §8.2.2: HoldTimer in OpenSent set to a large value, 4 minutes suggested.
    openHoldTime: 240,
    // RFC 4271 §8.1.1 leaves the IdleHoldTimer to the implementation; 1 s (FRR's start timer) keeps a
    // peer that keeps refusing our OPEN from turning into a reconnect storm.
    idleHoldTime: 1,
    // The RFCs have no Clearing state: Idle (and the idle hold) at once.
    clearingHold: 0,
    // No RFC batches FIB programming; 0 = each instant's decisions programmed together. BIRD's kernel
    // protocol exports every route change as it happens (sysdep/unix/krt.c krt_rt_notify); GoBGP
    // programs no FIB itself.
    routeProcessingHold: 0,
    fibInstallHold: 0,
    // RFC 4271 §9.2 asks for no delay before the initial update; BIRD feeds at once (nest/proto.c
    // channel_schedule_feed, an event, not a timer) and GoBGP sends at the transition (server.go).
    updateCoalesceTime: 0,
    updateCoalescePerPeer: 0,
    connectRetryMax: null,
    connectDelayQuantum: 0,
    // RFC 4271 §10: KeepaliveTimer jittered as ConnectRetry.
    keepaliveJitter: [0.75, 1],
    // RFC 4271 §10 lists the timers to jitter; the HoldTimer is not among them.
    holdJitter: [1, 1],
    errorWaitTime: null,
    errorForgetTime: 300,
    holdTimeConfigured: false,
  },
  gr: {
    mode: 'restart',
    // RFC 4724 §4: Restart Time suggested ≤ the HOLDTIME carried in the OPEN.
    restartTime: 90,
    // RFC 4724 §4.2: the stale-path timer is a MAY; the rfc profile has none.
    stalePathTime: null,
    // RFC 4724 §4.1 requires the timer but gives no value; 360 s as GoBGP.
    selectionDeferralTime: 360,
    notification: true,
    hardAdminReset: true,
    preserveForwarding: true,
    forwardingAfiSafis: null,
  },
  // RFC 9494 §5: LLGR MUST NOT be enabled by default.
  llgr: { advertise: 'none', staleTime: 0 },
  behaviour: {
    holdExpiryWithoutN: 'flush',
    notificationSentWithN: 'gr',
    consecutiveRestart: 'delete-stale',
    reestablishCheck: 'f-bit',
    eorScope: 'per-af',
    stalePathLlgrAware: true,
    llstAtReestablish: 'keep-running',
    llstSource: 'received',
    llgrConsecutive: 'keep-timer',
    newConnectionWhileEstablished: 'switch',
    llgrStaleExport: 'llgr-peers',
    hardReset: 'encapsulated',
    nBitSupported: true,
    fBit: 'configured',
    rBit: 'after-restart',
    silentStopWhenGr: true,
    bfdDown: 'notify-flush',
    passiveDuringGr: false,
    llgrFBit: 'like-gr',
    timerActionWakeup: null,
    helperRestartTime: 'zero',
    llgrStaleMultipath: true,
    llgrNeedsGrAf: false,
    llgrStaleSweep: 'any',
    // RFC 4724 §4.1: "prior to route selection, the speaker has no routes to advertise to its peers";
    // after it, "the Adj-RIB-Out can then be advertised", then End-of-RIB.
    deferralHoldsLocalRoutes: true,
    deferralHoldsEndOfRib: true,
    // RFC 4724 §4.2: the restart timer's expiry deletes the stale routes; no FSM event.
    restartExpiry: 'carry-on',
    acceptsInIdle: false,
  },
  // RFC 4724 §4.2 allows a stale-path timer; RFC 5882 §4.3, §3.2 decide what a BFD down means.
  traits: {
    stalePathTimer: true,
    bfd: { policy: 'rfc5882', ignoresRemoteAdminDown: true, strictHold: null },
    connectDelayKnobs: false,
    // RFC 4271 §8.1.1: IdleHoldTime is an optional session attribute, so the generic speaker has it.
    idleHoldKnob: true,
    // RFC 4724 §3: "Forwarding State" is a flag of each <AFI, SAFI> tuple.
    forwardingPerFamily: true,
  },
  afiSafis: [IPV4_UNICAST],
  passive: false,
  autoRestart: true,
  maxPrefix: null,
  sendEndOfRib: true,
};
