/**
 * One BGP session with one peer: the RFC 4271 §8 FSM plus the Graceful Restart helper for the
 * peer's routes (RFC 4724 §4.2, RFC 8538, RFC 9494). Sans-IO: `step(state, input, now)` mutates
 * the state and returns outputs; `nextDeadline(state)` says when the driver must send a `tick`.
 *
 * Theory of operation. The FSM moves only along rows of FSM_TABLE. Timers (ConnectRetry, Hold,
 * Keepalive, Idle hold, and the helper's restart / stale-path / LLST timers) are deadlines in the
 * state; every step ends by firing the deadlines that are due, so a Restart Time of 0 acts at once.
 * The session never reads a clock or a random source: jitter comes from `uniform`, supplied by
 * the driver. When an Established session ends, termination.ts decides GR or flush (N bit and
 * profile), and helper.ts emits the route-state actions the speaker applies to the RIB.
 */
import { assertNever, invariant } from '../../base/assert.js';
import { add, type Duration, NEVER, scale, s as seconds, type Time } from '../../base/time.js';
import { type GrNegotiation, grCapabilities, negotiateGr, type RestartContext } from '../gr/capabilities.js';
import {
  type ActionLag,
  createHelperState,
  fireHelperTimers,
  type HelperState,
  helperAbort,
  helperActive,
  helperDeadline,
  helperEndOfRib,
  helperFlushDue,
  helperReestablished,
  helperRefreshDeadline,
  helperSessionDown,
  helperWaiting,
  type RouteAction,
} from '../gr/helper.js';
import {
  decideTermination,
  forcedHardReset,
  hardResetInner,
  isHardReset,
  outgoingNotification,
  type TerminationCause,
} from '../gr/termination.js';
import type { ResolvedPeerConfig } from '../profile/profile.js';
import {
  afiSafiKey,
  BGP_VERSION,
  type Capability,
  CEASE_ADMIN_RESET,
  CEASE_ADMIN_SHUTDOWN,
  CEASE_BFD_DOWN,
  CEASE_CONNECTION_COLLISION,
  CEASE_MAX_PREFIXES,
  CEASE_PEER_DECONFIGURED,
  ERR_CEASE,
  ERR_FSM,
  ERR_HOLD_TIMER_EXPIRED,
  ERR_OPEN,
  FSM_UNEXPECTED_IN_ESTABLISHED,
  FSM_UNEXPECTED_IN_OPENCONFIRM,
  FSM_UNEXPECTED_IN_OPENSENT,
  isEndOfRib,
  type Message,
  type NotificationMessage,
  OPEN_BAD_PEER_AS,
  OPEN_UNACCEPTABLE_HOLD_TIME,
  type OpenMessage,
  SUB_UNSPECIFIC,
} from '../wire/message.js';
import { adminShutdown } from '../wire/notification.js';
import { keepsLocallyInitiated } from './collision.js';
import { type FsmEvent, type FsmState, fsmTransition } from './fsm-table.js';
import { isAcceptableHoldTime, keepaliveInterval, negotiateHoldTime } from './hold-time.js';
import { jittered, keyedDraw, type Uniform } from './jitter.js';
import { replayDraw, type SessionDraws } from './logged-draws.js';
import type { ConnId, SessionInput, SessionOutput } from './types.js';
import { earliestWake, nextKeepaliveArrival, type ProcessWake, type WakeSources, wakeUpLag } from './wake-up-lag.js';

const after = (now: Time, secs: number): Time => add(now, seconds(secs));

/** Who we are: identity for the OPEN and the restart facts behind the R and F bits. */
export interface SessionIdentity {
  readonly localAs: number;
  readonly bgpId: string;
  /** Expected peer AS; an OPEN from another AS is refused with OPEN/Bad Peer AS. */
  readonly peerAs?: number;
  /** Started as a restarting speaker (FRR -K, GoBGP -r, BIRD -R). */
  readonly restarting: boolean;
  /** When the local BGP process started. */
  readonly startedAt: Time;
  /**
   * Started without GR restart mode (GoBGP without `-r`, a plain restart): R = 0 and F = 0 in every
   * OPEN whatever the profile's R/F rules, so the peer's helper flushes (RFC 4724 §4.2 F bit).
   */
  readonly withoutGrRestartMode?: boolean;
}

export interface NotificationRecord {
  readonly at: Time;
  readonly code: number;
  readonly subcode: number;
  readonly hardReset: boolean;
}

export interface SessionTimers {
  connectRetry: Time;
  hold: Time;
  keepalive: Time;
  /** Idle → automatic start (RFC 4271 §8.1.1 IdleHoldTimer; FRR's start timer). */
  idleHold: Time;
}

export interface SessionState {
  readonly peer: string;
  readonly config: ResolvedPeerConfig;
  readonly identity: SessionIdentity;
  readonly uniform: Uniform;
  fsm: FsmState;
  conn: ConnId | null;
  /** `conn` is the connection we initiated (RFC 4271 §6.8 keeps the higher BGP Identifier's). */
  outbound: boolean;
  /**
   * A second connection in OpenSent, tracked until an OPEN names the peer's BGP Identifier (RFC 4271
   * §8.2.2 OpenSent: "tracked per Connection Collision processing (Section 6.8) until an OPEN
   * message is received"); our OPEN has been sent on it.
   */
  rival: { readonly conn: ConnId; readonly outbound: boolean } | null;
  timers: SessionTimers;
  connectRetryCounter: number;
  /** A connect attempt has been requested in this Connect period. */
  connecting: boolean;
  /** ManualStop / process stop: no automatic restart. */
  adminDown: boolean;
  /** Negotiated hold and keepalive times, seconds. */
  holdTime: number;
  keepaliveTime: number;
  sentOpen: OpenMessage | null;
  receivedOpen: OpenMessage | null;
  /** The negotiation of the current (or last Established) session. */
  negotiation: GrNegotiation | null;
  pendingNegotiation: GrNegotiation | null;
  hadEstablished: boolean;
  establishedAt: Time;
  establishedCount: number;
  readonly helper: HelperState;
  eorSent: Set<string>;
  eorReceived: Set<string>;
  /** An UPDATE was sent before the End-of-RIB of the AF (FRR "End-of-RIB sent after update"). */
  updateSentBeforeEor: Set<string>;
  /**
   * The `updateSentBeforeEor` set IPv4 unicast was last added to: an UPDATE sent into the same set
   * adds nothing, so a route server's million UPDATEs skip the set (a new set, e.g. at Established,
   * is not this one).
   */
  v4UpdateNotedIn: Set<string> | null;
  lastNotificationSent: NotificationRecord | null;
  lastNotificationReceived: NotificationRecord | null;
  lastDownReason: string | null;
  lastDownAt: Time;
  /** FRR: a new connection's OPEN is refused with Cease/7 while the old connection is Clearing. */
  rejectNextOpen: boolean;
  /** The BIRD ≤ 2.13 wake-up lag was already added to the running hold timer. */
  holdLagApplied: boolean;
  /** When the last message was received (KEEPALIVE, UPDATE, ROUTE-REFRESH, OPEN); NEVER = none yet. */
  lastReceivedAt: Time;
  /** The peer has announced routes on this session or an earlier one (a clear walk finds them: clearingHold). */
  routesLearned: boolean;
  /** Until when the session is clearing the peer's routes after going down (clearingHold); 0 = not since start. */
  clearingUntil: Time;
  /**
   * The rest of the daemon's main loop (other sessions' timers and packets), set by the speaker that
   * owns the session; null = a process with this session alone. Read only for BIRD ≤ 2.13's
   * wake-up lag (wake-up-lag.ts).
   */
  processWake: ProcessWake | null;
  /** KEEPALIVEs are implied by the driver (steady state): no keepalive or hold timer armed. */
  impliedKeepalives: boolean;
  /** Current ConnectRetry interval, seconds (FRR ≥ 10.3 doubles it on every expiry). */
  connectRetryInterval: number;
  /** BIRD startup delay after protocol errors, seconds (0 = none), and when the last error was. */
  startupDelay: number;
  lastErrorAt: Time;
  /** Key of the hold timer's counter-based jitter draws (holdExpiry); 0 when the profile does not jitter it. */
  readonly holdKey: number;
  /** The profile's hold-timer jitter factors (`config.timers.holdJitter`), copied: read at every message received. */
  readonly holdJitterLo: number;
  readonly holdJitterHi: number;
  /** The profile's keepalive jitter factors (`config.timers.keepaliveJitter`), copied: read at every UPDATE sent. */
  readonly keepaliveJitterLo: number;
  readonly keepaliveJitterHi: number;
  /** The real daemon's logged draws to replay (logged-draws.ts); null = the stream's draws alone. */
  readonly draws: SessionDraws | null;
}

export interface CreateSessionOptions {
  readonly peer: string;
  readonly config: ResolvedPeerConfig;
  readonly identity: SessionIdentity;
  /** Uniform [0, 1) source for RFC 4271 §10 jitter (a named RNG stream from the driver). */
  readonly uniform: Uniform;
  /** The process's other wake-up sources (the speaker's sessions); default none. */
  readonly processWake?: ProcessWake;
  /** A real run's logged draws to replay (calibration); default none. */
  readonly draws?: SessionDraws | null;
}

export function createSession(o: CreateSessionOptions): SessionState {
  return {
    peer: o.peer,
    config: o.config,
    identity: o.identity,
    uniform: o.uniform,
    fsm: 'Idle',
    conn: null,
    outbound: false,
    rival: null,
    timers: { connectRetry: NEVER, hold: NEVER, keepalive: NEVER, idleHold: NEVER },
    connectRetryCounter: 0,
    connecting: false,
    adminDown: true,
    holdTime: 0,
    keepaliveTime: 0,
    sentOpen: null,
    receivedOpen: null,
    negotiation: null,
    pendingNegotiation: null,
    hadEstablished: false,
    establishedAt: NEVER,
    establishedCount: 0,
    helper: createHelperState(o.config),
    eorSent: new Set(),
    eorReceived: new Set(),
    updateSentBeforeEor: new Set(),
    v4UpdateNotedIn: null,
    lastNotificationSent: null,
    lastNotificationReceived: null,
    lastDownReason: null,
    lastDownAt: NEVER,
    rejectNextOpen: false,
    holdLagApplied: false,
    lastReceivedAt: NEVER,
    routesLearned: false,
    clearingUntil: 0 as Time,
    processWake: o.processWake ?? null,
    impliedKeepalives: false,
    connectRetryInterval: o.config.timers.connectRetryTime,
    startupDelay: 0,
    lastErrorAt: NEVER,
    // One draw, and only where the hold timer is jittered (BIRD), so other profiles' streams keep their order.
    holdKey: o.config.timers.holdJitter[0] < o.config.timers.holdJitter[1] ? o.uniform() : 0,
    holdJitterLo: o.config.timers.holdJitter[0],
    holdJitterHi: o.config.timers.holdJitter[1],
    keepaliveJitterLo: o.config.timers.keepaliveJitter[0],
    keepaliveJitterHi: o.config.timers.keepaliveJitter[1],
    draws: o.draws ?? null,
  };
}

/**
 * When the Established hold timer restarted at `from` expires: the hold time after it, jittered as the
 * profile says (BIRD proto/bgp/bgp.c bgp_start_timer: 0.75–1 ×). The draw is a hash of the session's
 * key and `from`, not the stream: the same whether each KEEPALIVE restarts it or the steady state
 * implied them (sim/world/keepalive-pairs.ts), and no other draw moves with the message count.
 */
export function holdExpiry(s: SessionState, from: Time): Time {
  if (s.holdTime <= 0) return NEVER;
  const lo = s.holdJitterLo;
  const hi = s.holdJitterHi;
  const f = lo < hi ? lo + (hi - lo) * keyedDraw(s.holdKey, from) : lo;
  const at = add(from, Math.round(seconds(s.holdTime) * f) as Duration);
  if (s.draws === null || lo >= hi) return at;
  const h = seconds(s.holdTime);
  return replayDraw(s.draws, 'hold', from, add(from, scale(h, lo)), add(from, scale(h, hi)), at);
}

export function sessionNextDeadline(s: SessionState): Time {
  const t = s.timers;
  let d = helperDeadline(s.helper);
  if (t.connectRetry < d) d = t.connectRetry;
  if (t.hold < d) d = t.hold;
  if (t.keepalive < d) d = t.keepalive;
  if (t.idleHold < d) d = t.idleHold;
  return d;
}

/**
 * Whether an incoming TCP connection completes (RFC 4271 §8.2.2: Idle refuses; FRR takes it in Idle,
 * then closes it at once while Clearing: tcpEstablished).
 */
export function acceptsConnection(s: SessionState): boolean {
  return s.fsm !== 'Idle' || (s.config.behaviour.acceptsInIdle && !s.adminDown);
}

export function restartContext(s: SessionState): RestartContext {
  return {
    restarting: s.identity.restarting,
    startedAt: s.identity.startedAt,
    hadEstablished: s.hadEstablished,
    withoutGrRestartMode: s.identity.withoutGrRestartMode ?? false,
  };
}

export function stepSession(s: SessionState, input: SessionInput, now: Time): SessionOutput[] {
  const out: SessionOutput[] = [];
  stepSessionInto(s, input, now, out);
  return out;
}

/**
 * `stepSession` appending its outputs to `out` (what is already there is left alone): a speaker
 * steps its sessions about once per UPDATE sent or received and reuses one list for all of them.
 */
export function stepSessionInto(s: SessionState, input: SessionInput, now: Time, out: SessionOutput[]): void {
  switch (input.type) {
    case 'manual-start':
      s.adminDown = false;
      // BIRD: an administrative (re)start forgets the error wait (proto/bgp/bgp.c bgp_shutdown).
      s.startupDelay = 0;
      if (s.fsm === 'Idle') start(s, 'manual', now, out);
      break;
    case 'manual-stop':
      s.adminDown = true;
      stopWith(s, adminShutdown(input.communication, CEASE_ADMIN_SHUTDOWN), 'manual-stop', 'admin-stop', now, out);
      break;
    case 'admin-reset':
      stopWith(s, adminShutdown(input.communication, CEASE_ADMIN_RESET), 'admin-reset', 'admin-reset', now, out);
      break;
    case 'max-prefix-exceeded':
      if (s.fsm === 'Established') {
        stopWith(s, notif(ERR_CEASE, CEASE_MAX_PREFIXES, input.data), 'max-prefix', 'max-prefix', now, out);
      }
      break;
    case 'process-stop':
      processStop(s, now, out);
      break;
    case 'tcp-established':
      tcpEstablished(s, input.conn, input.outbound, now, out);
      break;
    case 'tcp-connection-fails':
      if (s.fsm === 'Connect') {
        s.connecting = false;
        transition(s, 'tcp-fails', 'tcp-connection-failed', out);
        armRetryAfterFailure(s, now);
      }
      break;
    case 'tcp-closed':
      if (input.conn === s.rival?.conn) s.rival = null;
      else if (input.conn === s.conn) tcpClosed(s, now, out);
      break;
    case 'message':
      if (input.conn === s.rival?.conn) rivalMessage(s, input.message, now, out);
      else if (input.conn === s.conn) message(s, input.message, now, out);
      break;
    case 'decode-error':
      if (input.conn === s.rival?.conn) dropRival(s, out, false);
      else if (input.conn === s.conn) {
        const reason = input.notification.code === ERR_OPEN ? 'open-error' : 'update-error';
        sendAndDown(s, input.notification, reason === 'open-error' ? 'open-error' : 'update-error', reason, now, out);
      }
      break;
    case 'bfd-down':
      bfdDown(s, input.abortGr ?? false, now, out);
      break;
    case 'send-notification':
      if (s.fsm === 'OpenSent' || s.fsm === 'OpenConfirm' || s.fsm === 'Established') {
        const policy = input.hardReset === undefined ? 'auto' : input.hardReset ? 'hard' : 'plain';
        sendAndDown(
          s,
          notif(input.code, input.subcode, input.data),
          'notification-sent',
          'notification-sent',
          now,
          out,
          policy,
        );
      }
      break;
    case 'send':
      sendUpdate(s, input.message, now, out);
      break;
    case 'implied-keepalives':
      if (input.on) {
        s.impliedKeepalives = s.fsm === 'Established';
        if (s.impliedKeepalives) {
          s.timers.hold = NEVER;
          s.timers.keepalive = NEVER;
        }
      } else if (s.impliedKeepalives) {
        s.impliedKeepalives = false;
        if (s.fsm === 'Established') {
          // RFC 4271 §8.2.2: the hold timer runs from the last message received.
          s.holdLagApplied = false;
          s.lastReceivedAt = input.lastReceivedAt;
          s.timers.hold = holdExpiry(s, input.lastReceivedAt);
          s.timers.keepalive = s.keepaliveTime > 0 ? input.nextSendAt : NEVER;
        }
      }
      break;
    case 'main-loop-woke':
      mainLoopWoke(s, now);
      break;
    case 'tick':
      break;
    default:
      assertNever(input, 'session input');
  }
  fireTimers(s, now, out);
  if (s.draws !== null && s.draws.notes.length > 0) out.push(...s.draws.notes.splice(0));
}

// ---------------------------------------------------------------------------------------------

function transition(s: SessionState, event: FsmEvent, reason: string, out: SessionOutput[]): void {
  const row = fsmTransition(s.fsm, event);
  out.push({ type: 'state-change', from: s.fsm, to: row.to, event, reason, clause: row.clause });
  s.fsm = row.to;
  // A second connection is only tracked in OpenSent (RFC 4271 §8.2.2); any other state drops it.
  if (s.rival !== null && row.to !== 'OpenSent') dropRival(s, out, false);
}

/** A connect delay in seconds, truncated to the profile's quantum (GoBGP: whole seconds or ms). */
function connectDelay(s: SessionState, now: Time, secs: number): Time {
  const d = seconds(secs);
  const q = seconds(s.config.timers.connectDelayQuantum);
  return add(now, (q > 0 ? Math.floor(d / q) * q : d) as Duration);
}

function retryInterval(s: SessionState): number {
  return retryWindow(s)[2];
}

/** The retry interval's range and its draw, seconds. */
function retryWindow(s: SessionState): readonly [number, number, number] {
  const t = s.config.timers;
  const base = Math.max(s.connectRetryInterval, t.connectRetryFloor);
  const [lo, hi] = t.connectRetryJitter;
  return [base * lo, base * hi, base * (lo + (hi - lo) * (hi > lo ? s.uniform() : 0))];
}

/**
 * When a connect timer armed at `now` with a delay drawn from [lo, hi] seconds fires: the drawn
 * delay, or the daemon's logged connect attempt (logged-draws.ts) when the delay is random.
 */
function connectAt(s: SessionState, now: Time, [lo, hi, drawn]: readonly [number, number, number]): Time {
  const at = connectDelay(s, now, drawn);
  if (s.draws === null || lo >= hi) return at;
  return replayDraw(s.draws, 'connect', now, connectDelay(s, now, lo), connectDelay(s, now, hi), at);
}

function armConnectRetry(s: SessionState, now: Time): void {
  // FRR: while waiting for a GR peer the connect timer is off; the helper only listens (§2.5).
  if (s.config.passive || (s.config.behaviour.passiveDuringGr && helperWaiting(s.helper))) {
    s.timers.connectRetry = NEVER;
    return;
  }
  s.timers.connectRetry = connectAt(s, now, retryWindow(s));
}

function start(s: SessionState, kind: 'manual' | 'automatic', now: Time, out: SessionOutput[]): void {
  s.connectRetryCounter = 0;
  s.timers.idleHold = NEVER;
  if (s.config.passive) {
    transition(s, kind === 'manual' ? 'manual-start-passive' : 'automatic-start-passive', `${kind}-start`, out);
    s.timers.connectRetry = NEVER;
    return;
  }
  transition(s, kind === 'manual' ? 'manual-start' : 'automatic-start', `${kind}-start`, out);
  const delay = firstConnectWindow(s);
  if (delay[2] > 0) {
    s.connecting = false;
    s.timers.connectRetry = connectAt(s, now, delay);
  } else {
    connect(s, now, out);
  }
}

/**
 * The delay before a first connect attempt, seconds, jittered as the profile says (BIRD bgp_active):
 * its range and its draw.
 */
function firstConnectWindow(s: SessionState): readonly [number, number, number] {
  const t = s.config.timers;
  const [lo, hi] = t.firstConnectDelay;
  const delay = lo + (hi - lo) * (hi > lo ? s.uniform() : 0);
  const [jlo, jhi] = t.connectDelayJitter;
  const drawn = delay > 0 && jhi > jlo ? delay * (jlo + (jhi - jlo) * s.uniform()) : delay * jlo;
  return [lo * jlo, hi * jhi, drawn];
}

/**
 * A connection attempt failed: RFC 4271 §8.2.2 restarts the ConnectRetryTimer; BIRD goes Idle and
 * bgp_decision → bgp_active arms the connect delay again (retryAfterFailure 'connect-delay').
 */
function armRetryAfterFailure(s: SessionState, now: Time): void {
  if (s.config.timers.retryAfterFailure === 'connect-delay' && !s.config.passive) {
    const delay = firstConnectWindow(s);
    s.timers.connectRetry = connectAt(s, now, delay[2] > 0 ? delay : retryWindow(s));
    return;
  }
  armConnectRetry(s, now);
}

function connect(s: SessionState, now: Time, out: SessionOutput[]): void {
  s.connecting = true;
  out.push({ type: 'tcp-connect' });
  s.timers.connectRetry = connectDelay(s, now, retryInterval(s));
}

function buildOpen(s: SessionState, now: Time): OpenMessage {
  const caps: Capability[] = s.config.afiSafis.map((a) => ({ type: 'multiprotocol', afi: a.afi, safi: a.safi }));
  caps.push({ type: 'route-refresh' });
  caps.push({ type: 'four-octet-as', asn: s.identity.localAs });
  caps.push(...grCapabilities(s.config, restartContext(s), now));
  return {
    type: 'open',
    version: BGP_VERSION,
    myAs: s.identity.localAs,
    holdTime: s.config.timers.holdTime,
    bgpId: s.identity.bgpId,
    capabilities: caps,
  };
}

function tcpEstablished(s: SessionState, conn: ConnId, outbound: boolean, now: Time, out: SessionOutput[]): void {
  switch (s.fsm) {
    case 'Idle':
      if (s.config.behaviour.acceptsInIdle && !s.adminDown && now >= s.clearingUntil) {
        // FRR bgp_accept: the connection is taken (a doppelganger that goes Active at once, its start
        // timer off); the idle hold is no longer needed.
        s.timers.idleHold = NEVER;
        out.push({
          type: 'explain',
          clause: 'FRR bgpd/bgp_network.c bgp_accept',
          text: 'incoming connection taken while Idle (FRR refuses one only while Clearing)',
        });
        transition(s, 'automatic-start-passive', 'incoming-connection', out);
        accept(s, conn, outbound, now, out);
        return;
      }
      // RFC 4271 §8.2.2: in Idle all incoming connections are refused (FRR: also while Clearing).
      out.push({ type: 'tcp-close', conn, reason: 'idle' });
      return;
    case 'Connect':
    case 'Active':
      accept(s, conn, outbound, now, out);
      return;
    case 'OpenSent':
      if (conn === s.conn) return;
      // RFC 4271 §8.2.2 OpenSent / §6.8: the second connection runs alongside (our OPEN on it too)
      // until an OPEN on either names the peer's BGP Identifier; a third is refused.
      if (s.rival !== null) {
        out.push({ type: 'tcp-close', conn, reason: 'connection-collision' });
        return;
      }
      s.rival = { conn, outbound };
      invariant(s.sentOpen !== null, 'OpenSent without a sent OPEN');
      out.push({ type: 'send', conn, message: s.sentOpen });
      return;
    case 'OpenConfirm':
      if (conn === s.conn) return;
      // RFC 4271 §6.8: the peer's BGP Identifier is known (its OPEN on the current connection).
      invariant(s.receivedOpen !== null, 'OpenConfirm without a received OPEN');
      if (survives(s, s.receivedOpen, s.outbound)) {
        out.push({ type: 'tcp-close', conn, reason: 'connection-collision' });
        return;
      }
      // The new connection wins: Cease/Connection Collision Resolution on ours, the handshake anew on it.
      closeWithCollision(s.conn!, out);
      out.push({
        type: 'state-change',
        from: s.fsm,
        to: 'OpenSent',
        event: 'tcp-established',
        reason: 'connection-collision',
        clause: 'RFC 4271 §6.8',
      });
      s.fsm = 'OpenSent';
      s.conn = conn;
      s.outbound = outbound;
      s.sentOpen = buildOpen(s, now);
      out.push({ type: 'send', conn, message: s.sentOpen });
      s.timers.keepalive = NEVER;
      s.timers.hold = after(now, s.config.timers.openHoldTime);
      return;
    case 'Established':
      if (conn !== s.conn) newConnectionWhileEstablished(s, conn, now, out);
      return;
    default:
      assertNever(s.fsm);
  }
}

/** RFC 4271 §6.8: does the connection initiated by us (`outbound`) or by the peer survive? */
function survives(s: SessionState, peerOpen: OpenMessage, outbound: boolean): boolean {
  const peerAs = s.identity.peerAs ?? peerOpen.myAs;
  return keepsLocallyInitiated(s.identity.bgpId, s.identity.localAs, peerOpen.bgpId, peerAs) === outbound;
}

/** RFC 4271 §6.8: the losing connection is closed with Cease / Connection Collision Resolution. */
function closeWithCollision(conn: ConnId, out: SessionOutput[]): void {
  out.push({ type: 'send', conn, message: notif(ERR_CEASE, CEASE_CONNECTION_COLLISION) });
  out.push({ type: 'tcp-close', conn, reason: 'connection-collision' });
}

function dropRival(s: SessionState, out: SessionOutput[], notify: boolean): void {
  const r = s.rival;
  if (r === null) return;
  s.rival = null;
  if (notify) closeWithCollision(r.conn, out);
  else out.push({ type: 'tcp-close', conn: r.conn, reason: 'connection-collision' });
}

/** A message on the second connection in OpenSent: its OPEN decides the collision (RFC 4271 §6.8). */
function rivalMessage(s: SessionState, m: Message, now: Time, out: SessionOutput[]): void {
  const r = s.rival;
  if (r === null || m.type !== 'open') return;
  if (survives(s, m, r.outbound)) {
    // The current connection loses: the second one becomes the session's, and its OPEN is processed.
    if (s.conn !== null) closeWithCollision(s.conn, out);
    s.conn = r.conn;
    s.outbound = r.outbound;
    s.rival = null;
    openReceived(s, m, now, out);
  } else dropRival(s, out, true);
}

/** An OPEN on the current connection while a second one is tracked: resolve first (RFC 4271 §6.8). */
function resolveOnOpen(s: SessionState, m: OpenMessage, out: SessionOutput[]): boolean {
  const r = s.rival;
  if (r === null) return true;
  if (survives(s, m, s.outbound)) {
    dropRival(s, out, true);
    return true;
  }
  // The second connection wins: ours is closed; the peer's OPEN on the second one follows.
  if (s.conn !== null) closeWithCollision(s.conn, out);
  s.conn = r.conn;
  s.outbound = r.outbound;
  s.rival = null;
  return false;
}

function accept(s: SessionState, conn: ConnId, outbound: boolean, now: Time, out: SessionOutput[]): void {
  s.conn = conn;
  s.outbound = outbound;
  s.connecting = false;
  s.timers.connectRetry = NEVER;
  s.sentOpen = buildOpen(s, now);
  out.push({ type: 'send', conn, message: s.sentOpen });
  transition(s, 'tcp-established', 'tcp-established', out);
  // RFC 4271 §8.2.2: HoldTimer set to a large value in OpenSent (4 minutes suggested).
  s.timers.hold = after(now, s.config.timers.openHoldTime);
  s.holdLagApplied = false;
}

function newConnectionWhileEstablished(s: SessionState, conn: ConnId, now: Time, out: SessionOutput[]): void {
  const mode = s.config.behaviour.newConnectionWhileEstablished;
  if (!s.negotiation?.grExchanged) {
    // RFC 4724 §4.2 applies only "when the Graceful Restart Capability has been received from the peer";
    // otherwise RFC 4271 §6.8: a collision with an Established connection closes the new one. FRR:
    // bgpd/bgp_network.c closes the old session only with PEER_STATUS_NSF_MODE, else
    // bgpd/bgp_packet.c bgp_collision_detect refuses the new OPEN with Cease/7. The old session lives on
    // until its own failure (its hold timer, or the RST that answers our next KEEPALIVE).
    out.push({ type: 'tcp-close', conn, reason: 'connection-collision' });
    out.push({
      type: 'explain',
      clause: 'RFC 4271 §6.8',
      text: 'new connection while Established without GR: the new connection is refused, the session stays up',
    });
    return;
  }
  if (mode === 'drop-new') {
    // GoBGP keeps the old connection and closes the accepted one.
    out.push({ type: 'tcp-close', conn, reason: 'connection-collision' });
    out.push({ type: 'explain', clause: 'GoBGP fsm.go', text: 'new connection while Established: closed the new one' });
    return;
  }
  // RFC 4724 §4.2: "the previous TCP session MUST be closed, and the new one retained ... no NOTIFICATION".
  const old = s.conn;
  invariant(old !== null, 'Established without a connection');
  out.push({ type: 'tcp-close', conn: old, reason: 'new-connection' });
  sessionDown(s, { kind: 'new-connection' }, 'new-connection', 'new-connection', now, out);
  // The new connection is retained: straight back into the FSM as the passive side.
  transition(s, 'automatic-start-passive', 'new-connection', out);
  s.timers.idleHold = NEVER;
  if (mode === 'gr-reject-collision') s.rejectNextOpen = true;
  // Established never connects out: the new connection is the peer's.
  accept(s, conn, false, now, out);
}

function tcpClosed(s: SessionState, now: Time, out: SessionOutput[]): void {
  switch (s.fsm) {
    case 'Idle':
    case 'Connect':
    case 'Active':
      return;
    case 'OpenSent':
      s.conn = null;
      transition(s, 'tcp-fails', 'tcp-closed', out);
      s.timers.hold = NEVER;
      armRetryAfterFailure(s, now);
      return;
    case 'OpenConfirm':
      goIdle(s, 'tcp-fails', 'tcp-closed', now, out);
      return;
    case 'Established':
      s.conn = null;
      sessionDown(s, { kind: 'tcp-closed' }, 'tcp-fails', 'tcp-closed', now, out);
      return;
    default:
      assertNever(s.fsm);
  }
}

function message(s: SessionState, m: Message, now: Time, out: SessionOutput[]): void {
  switch (m.type) {
    case 'open':
      if (s.fsm === 'OpenSent') {
        if (resolveOnOpen(s, m, out)) openReceived(s, m, now, out);
        return;
      }
      fsmError(s, now, out);
      return;
    case 'keepalive':
      if (s.fsm === 'OpenConfirm') {
        toEstablished(s, now, out);
        return;
      }
      if (s.fsm === 'Established') {
        restartHold(s, now);
        return;
      }
      fsmError(s, now, out);
      return;
    case 'update': {
      if (s.fsm !== 'Established') {
        fsmError(s, now, out);
        return;
      }
      restartHold(s, now);
      const eor = isEndOfRib(m);
      if (eor) {
        endOfRibReceived(s, afiSafiKey(eor.afi, eor.safi), eor, out);
        return;
      }
      s.routesLearned = true;
      out.push({ type: 'update-received', update: m });
      return;
    }
    case 'notification':
      notificationReceived(s, m, now, out);
      return;
    case 'route-refresh':
      if (s.fsm === 'Established') restartHold(s, now);
      return;
    default:
      assertNever(m, 'message');
  }
}

function restartHold(s: SessionState, now: Time): void {
  s.holdLagApplied = false;
  s.lastReceivedAt = now;
  if (s.impliedKeepalives) return;
  s.timers.hold = holdExpiry(s, now);
}

function openReceived(s: SessionState, m: OpenMessage, now: Time, out: SessionOutput[]): void {
  // RFC 4271 §6.2: Hold Time 1 or 2 ⇒ OPEN Message Error / Unacceptable Hold Time.
  if (!isAcceptableHoldTime(m.holdTime)) {
    sendAndDown(s, notif(ERR_OPEN, OPEN_UNACCEPTABLE_HOLD_TIME), 'open-error', 'open-error', now, out);
    return;
  }
  if (s.identity.peerAs !== undefined && m.myAs !== s.identity.peerAs) {
    sendAndDown(s, notif(ERR_OPEN, OPEN_BAD_PEER_AS), 'open-error', 'open-error', now, out);
    return;
  }
  if (s.rejectNextOpen) {
    // FRR bgp_collision_detect: the old connection is still Clearing ⇒ Cease/Connection Collision Resolution.
    s.rejectNextOpen = false;
    out.push({
      type: 'explain',
      clause: 'FRR bgp_collision_detect',
      text: 'OPEN on the new connection refused with Cease/7 while the old connection is Clearing',
    });
    sendAndDown(s, notif(ERR_CEASE, CEASE_CONNECTION_COLLISION), 'collision', 'connection-collision', now, out);
    return;
  }
  s.receivedOpen = m;
  invariant(s.sentOpen !== null, 'OpenSent without a sent OPEN');
  s.pendingNegotiation = negotiateGr(s.config, s.sentOpen, m);
  // RFC 4271 §4.2: the smaller hold time; keepalive one third of it (§10).
  s.holdTime = negotiateHoldTime(s.config.timers.holdTime, m.holdTime);
  s.keepaliveTime = keepaliveInterval(s.holdTime, s.config.timers.keepaliveTime);
  invariant(s.conn !== null, 'OpenSent without a connection');
  out.push({ type: 'send', conn: s.conn, message: { type: 'keepalive' } });
  transition(s, 'open-received', 'open-received', out);
  restartHold(s, now);
  armKeepalive(s, now);
}

function armKeepalive(s: SessionState, now: Time): void {
  if (s.impliedKeepalives) return;
  // A fixed interval (FRR) draws nothing, so the stream's other draws keep their order.
  const lo = s.keepaliveJitterLo;
  const hi = s.keepaliveJitterHi;
  const d =
    lo === hi
      ? seconds(s.keepaliveTime * lo)
      : jittered(seconds(s.keepaliveTime), s.config.timers.keepaliveJitter, s.uniform);
  if (s.keepaliveTime <= 0) s.timers.keepalive = NEVER;
  else if (s.draws === null || lo === hi) s.timers.keepalive = add(now, d);
  else {
    const k = seconds(s.keepaliveTime);
    s.timers.keepalive = replayDraw(
      s.draws,
      'keepalive',
      now,
      add(now, scale(k, lo)),
      add(now, scale(k, hi)),
      add(now, d),
    );
  }
}

function toEstablished(s: SessionState, now: Time, out: SessionOutput[]): void {
  transition(s, 'keepalive-received', 'keepalive-received', out);
  restartHold(s, now);
  const neg = s.pendingNegotiation;
  invariant(neg !== null && s.receivedOpen !== null && s.sentOpen !== null, 'Established without OPENs');
  s.negotiation = neg;
  s.hadEstablished = true;
  s.establishedAt = now;
  // FRR ≥ 10.3 bgp_fsm_change_status: v_connect back to the configured value at Established.
  s.connectRetryInterval = s.config.timers.connectRetryTime;
  s.establishedCount++;
  s.eorSent = new Set();
  s.eorReceived = new Set();
  s.updateSentBeforeEor = new Set();
  helperReestablished(s.helper, neg, s.config, out as RouteAction[]);
  out.push({ type: 'established', negotiation: neg, peerOpen: s.receivedOpen, localOpen: s.sentOpen });
}

function endOfRibReceived(s: SessionState, key: string, afiSafi: { afi: number; safi: number }, out: SessionOutput[]) {
  s.eorReceived.add(key);
  out.push({ type: 'eor-received', afiSafi });
  helperEndOfRib(s.helper, key, s.eorReceived, s.config, out as RouteAction[]);
}

function sendUpdate(s: SessionState, m: Message & { type: 'update' }, now: Time, out: SessionOutput[]): void {
  if (s.fsm !== 'Established' || s.conn === null) return;
  out.push({ type: 'send', conn: s.conn, message: m });
  const eor = isEndOfRib(m);
  if (eor) s.eorSent.add(afiSafiKey(eor.afi, eor.safi));
  else {
    const mp = m.attributes.mpReach ?? m.attributes.mpUnreach;
    if (mp) s.updateSentBeforeEor.add(afiSafiKey(mp.afi, mp.safi));
    if ((m.nlri.length > 0 || m.withdrawn.length > 0) && s.v4UpdateNotedIn !== s.updateSentBeforeEor) {
      s.updateSentBeforeEor.add(afiSafiKey(1, 1));
      s.v4UpdateNotedIn = s.updateSentBeforeEor;
    }
  }
  // RFC 4271 §8.2.2: the KeepaliveTimer restarts each time an UPDATE is sent.
  armKeepalive(s, now);
}

function notificationReceived(s: SessionState, m: NotificationMessage, now: Time, out: SessionOutput[]): void {
  // FRR decapsulates a Hard Reset and reports the inner code (bgp_notify_decapsulate_hard_reset).
  const inner = hardResetInner(m);
  s.lastNotificationReceived = {
    at: now,
    code: inner?.code ?? m.code,
    subcode: inner?.subcode ?? m.subcode,
    hardReset: isHardReset(m),
  };
  if (s.conn !== null) out.push({ type: 'tcp-close', conn: s.conn, reason: 'notification-received' });
  s.conn = null;
  if (s.fsm === 'Established') {
    sessionDown(
      s,
      { kind: 'notification-received', message: m },
      'notification-received',
      'notification-received',
      now,
      out,
    );
  } else if (s.fsm !== 'Idle' && s.fsm !== 'Connect' && s.fsm !== 'Active') {
    goIdle(s, 'notification-received', 'notification-received', now, out);
  }
}

function fsmError(s: SessionState, now: Time, out: SessionOutput[]): void {
  // RFC 6608: FSM Error subcodes by state.
  const sub =
    s.fsm === 'OpenSent'
      ? FSM_UNEXPECTED_IN_OPENSENT
      : s.fsm === 'OpenConfirm'
        ? FSM_UNEXPECTED_IN_OPENCONFIRM
        : s.fsm === 'Established'
          ? FSM_UNEXPECTED_IN_ESTABLISHED
          : SUB_UNSPECIFIC;
  if (s.fsm === 'Idle' || s.fsm === 'Connect' || s.fsm === 'Active') return;
  sendAndDown(s, notif(ERR_FSM, sub), 'fsm-error', 'fsm-error', now, out);
}

function notif(code: number, subcode: number, data: Uint8Array = new Uint8Array(0)): NotificationMessage {
  return { type: 'notification', code, subcode, data };
}

/** Send a Cease (possibly as Hard Reset) and end the session. */
function stopWith(
  s: SessionState,
  m: NotificationMessage,
  event: FsmEvent,
  reason: string,
  now: Time,
  out: SessionOutput[],
): void {
  if (s.fsm === 'Idle') return;
  if (s.fsm === 'Connect' || s.fsm === 'Active') {
    goIdle(s, event, reason, now, out);
    return;
  }
  sendAndDown(s, m, event, reason, now, out);
}

/**
 * Send `m` (wrapped as a Hard Reset when RFC 8538 says so), close the connection and go Idle; from
 * Established the helper decides GR or flush for a NOTIFICATION *sent*.
 */
function sendAndDown(
  s: SessionState,
  m: NotificationMessage,
  event: FsmEvent,
  reason: string,
  now: Time,
  out: SessionOutput[],
  policy: 'auto' | 'hard' | 'plain' = 'auto',
): void {
  const nExchanged = (s.fsm === 'Established' ? s.negotiation : s.pendingNegotiation)?.nExchanged ?? false;
  const wire =
    policy === 'plain'
      ? m
      : policy === 'hard'
        ? forcedHardReset(m, s.config)
        : outgoingNotification(m.code, m.subcode, m.data, nExchanged, s.config);
  if (s.conn !== null) {
    out.push({ type: 'send', conn: s.conn, message: wire });
    out.push({ type: 'tcp-close', conn: s.conn, reason });
  }
  s.lastNotificationSent = { at: now, code: m.code, subcode: m.subcode, hardReset: isHardReset(wire) };
  if (m.code !== ERR_CEASE) noteProtocolError(s, now);
  if (wire !== m && isHardReset(wire)) {
    out.push({
      type: 'explain',
      clause: 'RFC 8538 §3',
      text: `sent as Hard Reset (Cease/9) wrapping ${m.code}/${m.subcode}`,
    });
  }
  s.conn = null;
  if (s.fsm === 'Established') sessionDown(s, { kind: 'notification-sent', message: wire }, event, reason, now, out);
  else goIdle(s, event, reason, now, out);
}

function goIdle(s: SessionState, event: FsmEvent, reason: string, now: Time, out: SessionOutput[]): void {
  if (s.conn !== null) {
    out.push({ type: 'tcp-close', conn: s.conn, reason });
    s.conn = null;
  }
  transition(s, event, reason, out);
  s.impliedKeepalives = false;
  s.timers.hold = NEVER;
  s.timers.keepalive = NEVER;
  s.timers.connectRetry = NEVER;
  s.connecting = false;
  s.pendingNegotiation = null;
  s.lastDownReason = reason;
  s.lastDownAt = now;
  // RFC 4271 §8.1.1: automatic restart after an idle hold (FRR start timer 1 s); BIRD waits its
  // error-wait startup delay, if protocol errors set one.
  // FRR: the idle hold starts when Clearing ends, after the clear-node queue, if there was anything to clear.
  const clearing = s.routesLearned ? s.config.timers.clearingHold : 0;
  s.clearingUntil = after(now, clearing);
  const wait = Math.max(s.config.timers.idleHoldTime, s.startupDelay) + clearing;
  s.timers.idleHold = s.adminDown || !s.config.autoRestart ? NEVER : after(now, wait);
}

/**
 * BIRD proto/bgp/bgp.c bgp_update_startup_delay, called from bgp_error (a NOTIFICATION other than
 * Cease sent, hold timer included) and on BFD or link loss while up: the next start waits
 * `error wait time` min, doubling up to max; an error more than `error forget time` after the last
 * one starts again from min. Simplification: the delay stays until an administrative start.
 */
function noteProtocolError(s: SessionState, now: Time): void {
  const w = s.config.timers.errorWaitTime;
  if (w === null) return;
  if (s.lastErrorAt !== NEVER && now - s.lastErrorAt >= seconds(s.config.timers.errorForgetTime)) s.startupDelay = 0;
  s.lastErrorAt = now;
  s.startupDelay = s.startupDelay === 0 ? w[0] : Math.min(2 * s.startupDelay, w[1]);
}

function restartExpired(out: readonly SessionOutput[], from: number): boolean {
  for (let i = from; i < out.length; i++) {
    const o = out[i] as { reason?: string };
    if (o.reason === 'restart-timer-expired') return true;
  }
  return false;
}

/** BIRD: the restart timeout without LLGR stops and restarts the protocol (restartExpiry 'restart-protocol'). */
function restartExpiryRestartsProtocol(s: SessionState, now: Time): void {
  // BIRD waits for its next attempt in Idle (retryAfterFailure 'connect-delay'), or is connecting.
  if (s.fsm === 'Established' || s.timers.connectRetry === NEVER) return;
  armRetryAfterFailure(s, now);
}

/** GoBGP fsm.go idle()/active(): the restart timer's expiry returns the waiting FSM to Idle (restartExpiry 'idle'). */
function restartExpiryIdles(s: SessionState, now: Time, out: SessionOutput[]): void {
  if (s.fsm !== 'Idle' && s.fsm !== 'Connect' && s.fsm !== 'Active') return;
  goIdle(s, 'gr-restart-expired', 'restart-timer-expired', now, out);
}

/** An Established session ended: GR or flush, then Idle. */
function sessionDown(
  s: SessionState,
  cause: TerminationCause,
  event: FsmEvent,
  reason: string,
  now: Time,
  out: SessionOutput[],
): void {
  const neg = s.negotiation;
  invariant(neg !== null, 'Established without a negotiation');
  let llgr = false;
  for (const a of neg.afs.values()) if (a.llst > 0) llgr = true;
  const d = decideTermination(cause, neg.nExchanged, llgr, s.config.behaviour);
  // RFC 4724 §4.2: only the families the peer listed in its GR capability are retained; a capability
  // without any (helper-only, MetalLB without enableGracefulRestart) retains nothing.
  let retained = false;
  for (const a of neg.afs.values()) if (a.inGr || a.llst > 0) retained = true;
  const gr = d.gr && retained;
  out.push({ type: 'session-down', reason, gr, clause: d.clause });
  out.push({
    type: 'explain',
    clause: d.clause,
    text:
      d.gr && !retained ? `${d.text}, but the peer's GR capability lists no address family: nothing retained` : d.text,
  });
  goIdle(s, event, reason, now, out);
  helperSessionDown(s.helper, neg, d, reason, now, s.config, out as RouteAction[], actionLag(s));
}

/** BIRD ≤ 2.13: timer-driven route changes wait for the next main-loop wake-up (wake-up-lag.ts). */
function actionLag(s: SessionState): ActionLag | undefined {
  const w = s.config.behaviour.timerActionWakeup;
  if (w === null) return undefined;
  return (firedAt) => {
    // This session's timers and packets, and the rest of the process's (the speaker's other sessions).
    const own = sessionWakeSources(s, firedAt);
    return wakeUpLag(w, firedAt, s.processWake ? earliestWake(own, s.processWake(firedAt)) : own);
  };
}

/** Route work waiting for BIRD ≤ 2.13's next main-loop wake-up (helper pending actions, a fired hold timer's NOTIFICATION). */
export function awaitsMainLoop(s: SessionState, now: Time): boolean {
  if (holdAwaitsMainLoop(s, now)) return true;
  // A loop, not `some` with a closure: asked after every step of a BIRD route server's sessions.
  const pending = s.helper.pending;
  for (let i = 0; i < pending.length; i++) if (pending[i].at > now) return true;
  return false;
}

/** A fired hold timer's NOTIFICATION and flush are still waiting (the hold deadline is the wake-up). */
function holdAwaitsMainLoop(s: SessionState, now: Time): boolean {
  return s.holdLagApplied && s.timers.hold !== NEVER && s.timers.hold > now;
}

/** The main loop woke now, before the wake-up the lag foresaw: the waiting route work runs now (fireTimers). */
function mainLoopWoke(s: SessionState, now: Time): void {
  if (holdAwaitsMainLoop(s, now)) s.timers.hold = now;
  for (const p of s.helper.pending) if (p.at > now) p.at = now;
  helperRefreshDeadline(s.helper);
}

/**
 * What of this session wakes the daemon's main loop after `after` (wake-up-lag.ts): its timers
 * still to fire (not the route work waiting for the wake-up, nor a hold expiry already fired), and
 * the Established peer's next KEEPALIVE as estimated from the last message heard.
 */
export function sessionWakeSources(s: SessionState, after: Time): WakeSources {
  const t = s.timers;
  const h = s.helper;
  let nextTimer: Time = NEVER;
  const consider = (d: Time) => {
    if (d > after && d < nextTimer) nextTimer = d;
  };
  consider(t.connectRetry);
  if (!s.holdLagApplied) consider(t.hold);
  consider(t.keepalive);
  consider(t.idleHold);
  consider(h.stalePathDeadline);
  for (const af of h.afs.values()) {
    consider(af.restartDeadline);
    consider(af.llstDeadline);
  }
  const nextPacket =
    s.fsm === 'Established' ? nextKeepaliveArrival(s.lastReceivedAt, s.holdTime, s.impliedKeepalives, after) : NEVER;
  return { nextTimer, nextPacket };
}

function processStop(s: SessionState, now: Time, out: SessionOutput[]): void {
  s.adminDown = true;
  if (s.fsm === 'Idle') return;
  if (s.fsm === 'Established' && s.config.behaviour.silentStopWhenGr && s.negotiation?.grExchanged) {
    // FRR ≥ 8.5 bgpd/bgpd.c bgp_terminate and BIRD's `graceful restart` command close TCP without a
    // NOTIFICATION, because RFC 4724 §4 would make the peer follow "the normal BGP procedures" (flush)
    // after a NOTIFICATION (without N); a bare close lets it run GR.
    // The peer keeps only what our GR capability listed: the families we sent tuples for.
    const keeps = s.config.gr.mode === 'restart';
    out.push({
      type: 'explain',
      clause: 'FRR bgp_terminate / BIRD graceful restart',
      text: keeps
        ? 'process stop with GR exchanged: TCP closed without NOTIFICATION so the peer keeps the routes (RFC 4724 §4: a NOTIFICATION would flush them)'
        : 'process stop with the GR capability exchanged: TCP closed without NOTIFICATION (FRR skips it for GR-capable peers), but our capability lists no address family, so the peer keeps nothing',
    });
    goIdle(s, 'process-stop', 'process-stop', now, out);
    return;
  }
  if (s.fsm === 'Connect' || s.fsm === 'Active') {
    goIdle(s, 'process-stop', 'process-stop', now, out);
    return;
  }
  const nExchanged = (s.fsm === 'Established' ? s.negotiation : s.pendingNegotiation)?.nExchanged ?? false;
  const wire = outgoingNotification(ERR_CEASE, CEASE_PEER_DECONFIGURED, new Uint8Array(0), nExchanged, s.config);
  if (s.conn !== null) out.push({ type: 'send', conn: s.conn, message: wire });
  s.lastNotificationSent = { at: now, code: ERR_CEASE, subcode: CEASE_PEER_DECONFIGURED, hardReset: isHardReset(wire) };
  goIdle(s, 'process-stop', 'process-stop', now, out);
}

function bfdDown(s: SessionState, abortGr: boolean, now: Time, out: SessionOutput[]): void {
  if (s.fsm !== 'Established' && abortGr && helperActive(s.helper)) {
    // RFC 5882 §4.3.1 / §10.2: GR aborted, act as if the restart timer expired.
    helperAbort(s.helper, 'bfd-down', 'RFC 5882 §4.3.1', out as RouteAction[]);
    return;
  }
  if (s.fsm !== 'Established') {
    // FRR: a BFD Down that finds the peer not Established sends nothing and leaves GR running (C24 A).
    out.push({ type: 'explain', clause: 'RFC 5882 §4.3.2', text: 'BFD down while not Established: ignored' });
    return;
  }
  if (s.config.behaviour.bfdDown === 'graceful') {
    // BIRD `bfd graceful`: GR instead of a restart, no NOTIFICATION.
    if (s.conn !== null) out.push({ type: 'tcp-close', conn: s.conn, reason: 'bfd-down' });
    s.conn = null;
    sessionDown(s, { kind: 'bfd-down-graceful' }, 'bfd-down', 'bfd-down', now, out);
    return;
  }
  // BIRD bgp_bfd_notify: a non-graceful BFD Down while up counts as an error (bgp_update_startup_delay).
  noteProtocolError(s, now);
  // RFC 9384 §2: tear-down because of BFD uses Cease/BFD Down (Hard Reset if N, RFC 9384 §3).
  sendAndDown(s, notif(ERR_CEASE, CEASE_BFD_DOWN), 'bfd-down', 'bfd-down', now, out);
}

function holdTimerExpired(s: SessionState, now: Time, out: SessionOutput[]): void {
  s.timers.hold = NEVER;
  if (s.fsm === 'Established') noteProtocolError(s, now);
  if (s.fsm !== 'Established') {
    sendAndDown(s, notif(ERR_HOLD_TIMER_EXPIRED, SUB_UNSPECIFIC), 'hold-timer-expired', 'hold-timer-expired', now, out);
    return;
  }
  const neg = s.negotiation;
  invariant(neg !== null, 'Established without a negotiation');
  let llgr = false;
  for (const a of neg.afs.values()) if (a.llst > 0) llgr = true;
  const silent = !neg.nExchanged && s.config.behaviour.holdExpiryWithoutN === 'gr-if-llgr-silent' && llgr;
  if (!silent && s.conn !== null) {
    // RFC 4271 §6.5 (and RFC 8538: the NOTIFICATION is still sent before GR).
    const m = notif(ERR_HOLD_TIMER_EXPIRED, SUB_UNSPECIFIC);
    out.push({ type: 'send', conn: s.conn, message: m });
    s.lastNotificationSent = { at: now, code: m.code, subcode: m.subcode, hardReset: false };
  }
  if (s.conn !== null) out.push({ type: 'tcp-close', conn: s.conn, reason: 'hold-timer-expired' });
  s.conn = null;
  sessionDown(
    s,
    { kind: 'hold-timer-expired', notified: !silent },
    'hold-timer-expired',
    'hold-timer-expired',
    now,
    out,
  );
}

function fireTimers(s: SessionState, now: Time, out: SessionOutput[]): void {
  for (let guard = 0; guard < 1000; guard++) {
    const t = s.timers;
    const h = helperDeadline(s.helper);
    const d = Math.min(t.connectRetry, t.hold, t.keepalive, t.idleHold, h) as Time;
    if (d > now) break;
    if (h === d) {
      const from = out.length;
      // Before the flush's main-loop lag is taken: the restarted protocol's connect timer is a wake source.
      const onExpiry = s.config.behaviour.restartExpiry;
      if (onExpiry === 'restart-protocol' && helperFlushDue(s.helper, now)) restartExpiryRestartsProtocol(s, now);
      fireHelperTimers(s.helper, now, s.config, out as RouteAction[], actionLag(s));
      if (onExpiry === 'idle' && restartExpired(out, from)) restartExpiryIdles(s, now, out);
    } else if (t.hold === d) {
      const lag = actionLag(s);
      if (lag && !s.holdLagApplied) {
        // BIRD ≤ 2.13: the hold timer fired on time, its NOTIFICATION and flush wait for the next wake-up.
        // The handler itself stops the KEEPALIVE timer (proto/bgp/bgp.c bgp_hold_timeout → bgp_error →
        // bgp_conn_enter_close_state tm_stop(conn->keepalive_timer); with LLGR → bgp_close_conn), so it
        // neither sends nor wakes the loop meanwhile.
        s.holdLagApplied = true;
        t.hold = NEVER;
        t.keepalive = NEVER;
        t.hold = add(now, lag(now));
        out.push({
          type: 'explain',
          clause: 'BIRD sysdep/unix/io.c io_loop',
          text: `hold timer expired; its NOTIFICATION and flush wait for the main-loop wake-up at ${t.hold / 1e6} s`,
        });
      } else holdTimerExpired(s, now, out);
    } else if (t.keepalive === d) {
      if (s.conn !== null && (s.fsm === 'Established' || s.fsm === 'OpenConfirm')) {
        out.push({ type: 'send', conn: s.conn, message: { type: 'keepalive' } });
        armKeepalive(s, now);
      } else t.keepalive = NEVER;
    } else if (t.idleHold === d) {
      t.idleHold = NEVER;
      if (s.fsm === 'Idle' && !s.adminDown) start(s, 'automatic', now, out);
    } else if (t.connectRetry === d) {
      t.connectRetry = NEVER;
      s.connectRetryCounter++;
      const max = s.config.timers.connectRetryMax;
      // FRR ≥ 10.3 bgpd/bgp_fsm.c bgp_connect_timer: v_connect = MIN(BGP_MAX_CONNECT_RETRY, v_connect * 2)
      // (only without a per-neighbor `timers connect`; a scenario that sets one also sets connectRetryMax null).
      if (max !== null) s.connectRetryInterval = Math.min(max, s.connectRetryInterval * 2);
      if (s.fsm === 'Connect') {
        if (s.connecting) transition(s, 'connect-retry-expired', 'connect-retry-expired', out);
        connect(s, now, out);
      } else if (s.fsm === 'Active') {
        transition(s, 'connect-retry-expired', 'connect-retry-expired', out);
        connect(s, now, out);
      }
    }
  }
  // Leaving GR wait in Active resumes active connection attempts (FRR §2.5).
  if (s.fsm === 'Active' && s.timers.connectRetry === NEVER && !s.config.passive && !helperWaiting(s.helper)) {
    s.timers.connectRetry = after(now, retryInterval(s));
  }
  if (s.fsm === 'Active' && s.config.behaviour.passiveDuringGr && helperWaiting(s.helper)) {
    s.timers.connectRetry = NEVER;
  }
}

/** Short names for drivers that import the session module alone. */
export { sessionNextDeadline as nextDeadline, stepSession as step };
