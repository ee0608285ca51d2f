/**
 * A BFD session in asynchronous mode (RFC 5880), as a sans-IO machine.
 *
 * Theory of operation. The state holds the RFC's state variables (§6.8.1) plus two deadlines: the
 * next periodic transmission and the detection-time expiry. `step(session, input, now)` takes a
 * received Control packet, a timer wake-up or an administrative action, mutates the session and
 * returns outputs: packets to send, state changes with their diag and reason, and the
 * `session-up` / `session-down` signals the world turns into BGP inputs. `nextDeadline` is the
 * earlier of the two deadlines; a wake-up with nothing due does nothing, so the driver may re-arm
 * lazily.
 *
 * - Reception (§6.8.6): stateless checks (codec.ts), then discriminator and authentication checks,
 *   then the remote view is updated, a Poll is answered with a Final at once, and the state moves
 *   by BFD_RECEIVE_TABLE (transitions.ts). Every accepted packet re-arms detection.
 * - Detection (§6.8.4): the remote's Detect Mult × max(our RequiredMinRx, its DesiredMinTx),
 *   counted from the last accepted packet; expiry in Init or Up takes the session Down with diag 1.
 * - Transmission (§6.8.7): at the negotiated interval (§6.8.2) reduced by jitter, on the jittered
 *   grid of jitter.ts; the draw for periodic packet k is `uniformAt(k)`, keyed by k, so the implied
 *   mode (implied.ts) computes the same k-th send time arithmetically. While not Up, DesiredMinTx is at
 *   least 1 s (§6.8.3). A state change never sends an extra packet: that would break the minimum
 *   interval; only a Final does (§6.8.7).
 * - Poll Sequence (§6.5, §6.8.3): changing DesiredMinTx or RequiredMinRx while Up (including the
 *   drop from the slow 1 s rate to the configured one on reaching Up) sets P on periodic packets
 *   until a Final arrives. An increase of our TX interval, and a decrease of the RX interval used
 *   for detection, wait for that Final.
 *
 * Not modelled: Demand mode (we never set D; we only stop periodic TX when a peer's Demand mode is
 * active, §6.8.7), the Echo function (Required Min Echo RX is always 0) and authentication (any
 * packet with the A bit is discarded, as §6.8.6 requires when bfd.AuthType is 0).
 */
import { assertNever, invariant } from '../base/assert.js';
import { add, type Duration, minTime, ms, NEVER, type Time, us } from '../base/time.js';
import { type BfdDiscardReason, checkReceived } from './codec.js';
import { gridAnchor, gridSendTime, type JitterGrid, jitterGrid, type UniformAt } from './jitter.js';
import { type BfdControlPacket, BfdDiag, type BfdDiagCode, type BfdState } from './packet.js';
import type { SteadySpan } from './steady-span.js';
import { desiredMinTxFor, detectionTime, negotiatedTxInterval } from './timers.js';
import { BFD_REASON_CLAUSE, type BfdTransitionReason, eventTransition, receiveTransition } from './transitions.js';

export interface BfdConfig {
  /** bfd.LocalDiscr: non-zero, unique among the local system's sessions. */
  readonly localDiscriminator: number;
  /** Configured DesiredMinTxInterval; advertised as at least 1 s while not Up (§6.8.3). */
  readonly desiredMinTx: Duration;
  readonly requiredMinRx: Duration;
  readonly detectMult: number;
  /** C bit: our BFD survives control-plane restarts (FRR sets it with `check-control-plane-failure`). */
  readonly controlPlaneIndependent: boolean;
  /** Passive role (§6.1): send nothing until the remote's discriminator is known. */
  readonly passive: boolean;
}

/** FRR's defaults, which MetalLB renders unless a BFDProfile overrides them (gr-reference §1.6). */
export const FRR_BFD_DEFAULTS = { desiredMinTx: ms(300), requiredMinRx: ms(300), detectMult: 3 } as const;

export interface BfdSession {
  config: BfdConfig;
  readonly uniformAt: UniformAt;
  // RFC 5880 §6.8.1 state variables.
  state: BfdState;
  localDiag: BfdDiagCode;
  remoteDiscr: number;
  remoteState: BfdState;
  remoteDemand: boolean;
  /** bfd.RemoteMinRxInterval; 1 µs until the first packet (§6.8.1). */
  remoteMinRx: Duration;
  /** Last received Desired Min TX, Detect Mult and C bit: what detection and RFC 5882 need. */
  remoteDesiredMinTx: Duration;
  remoteDetectMult: number;
  remoteCBit: boolean;
  /** bfd.DesiredMinTxInterval / bfd.RequiredMinRxInterval as advertised. */
  desiredMinTx: Duration;
  requiredMinRx: Duration;
  /** The values actually in force; they lag the advertised ones during a Poll Sequence (§6.8.3). */
  txDesiredInEffect: Duration;
  rxRequiredInEffect: Duration;
  pollActive: boolean;
  // Transmission schedule.
  /** Periodic packets sent so far; the index of the next one. */
  txCount: number;
  lastTx: Time | null;
  nextTx: Time;
  /** Negotiated TX interval (RFC 5880 §6.8.2). */
  txInterval: Duration;
  /** The jittered grid periodic sends follow (jitter.ts): send k at grid point k + offset(k). */
  txGrid: JitterGrid;
  txAnchor: Time;
  txAnchorIndex: number;
  // Detection.
  lastRx: Time | null;
  detectDeadline: Time;
  /** Non-null while the periodic sender is implied (implied.ts): no per-packet deadlines. */
  implied: SteadySpan | null;
}

export type BfdInput =
  | { readonly type: 'timer' }
  | { readonly type: 'receive'; readonly packet: BfdControlPacket }
  | { readonly type: 'admin-down' }
  | { readonly type: 'admin-up' }
  | {
      readonly type: 'reconfigure';
      readonly desiredMinTx?: Duration;
      readonly requiredMinRx?: Duration;
      readonly detectMult?: number;
    };

export type BfdOutput =
  | {
      readonly type: 'send';
      readonly packet: BfdControlPacket;
      /** Periodic index, or null for a Final sent in answer to a Poll. */
      readonly index: number | null;
    }
  | {
      readonly type: 'state-change';
      readonly from: BfdState;
      readonly to: BfdState;
      readonly diag: BfdDiagCode;
      readonly reason: BfdTransitionReason;
      /** The RFC 5880 clause of this transition (BFD_REASON_CLAUSE). */
      readonly clause: string;
    }
  | { readonly type: 'session-up' }
  | {
      readonly type: 'session-down';
      /** Down on a failure or the peer's signal; AdminDown when we disabled the session ourselves. */
      readonly to: 'Down' | 'AdminDown';
      readonly diag: BfdDiagCode;
      readonly reason: BfdTransitionReason;
      /** C bits at the moment of failure: the input of RFC 5882 §4.3 (gr-interaction.ts). */
      readonly localCBit: boolean;
      readonly remoteCBit: boolean;
    }
  | { readonly type: 'discard'; readonly reason: BfdDiscardReason }
  | { readonly type: 'poll-terminated' };

/** A new session, Down, at `now`; an active session sends its first packet at once. */
export function createBfdSession(config: BfdConfig, uniformAt: UniformAt, now: Time): BfdSession {
  invariant(
    Number.isInteger(config.localDiscriminator) && config.localDiscriminator > 0,
    'BFD local discriminator must be a non-zero integer (RFC 5880 §6.8.1)',
  );
  invariant(config.detectMult >= 1 && config.detectMult <= 255, 'BFD detect multiplier must be 1..255');
  const desired = desiredMinTxFor(config.desiredMinTx, 'Down');
  const remoteMinRx = us(1);
  const st: BfdSession = {
    config,
    uniformAt,
    state: 'Down',
    localDiag: BfdDiag.None,
    remoteDiscr: 0,
    remoteState: 'Down',
    remoteDemand: false,
    remoteMinRx,
    remoteDesiredMinTx: us(0),
    remoteDetectMult: 0,
    remoteCBit: false,
    desiredMinTx: desired,
    requiredMinRx: config.requiredMinRx,
    txDesiredInEffect: desired,
    rxRequiredInEffect: config.requiredMinRx,
    pollActive: false,
    txCount: 0,
    lastTx: null,
    nextTx: NEVER,
    txInterval: negotiatedTxInterval(desired, remoteMinRx),
    txGrid: jitterGrid(negotiatedTxInterval(desired, remoteMinRx), config.detectMult),
    txAnchor: now,
    txAnchorIndex: 0,
    lastRx: null,
    detectDeadline: NEVER,
    implied: null,
  };
  rescheduleTx(st, now, true);
  return st;
}

export function nextDeadline(st: BfdSession): Time {
  return st.implied ? NEVER : minTime(st.nextTx, st.detectDeadline);
}

export function step(st: BfdSession, input: BfdInput, now: Time): BfdOutput[] {
  const out: BfdOutput[] = [];
  if (st.implied && input.type !== 'receive') {
    invariant(false, () => `BFD ${input.type} while the periodic sender is implied: resume it first`);
  }
  switch (input.type) {
    case 'timer':
      onTimer(st, now, out);
      break;
    case 'receive':
      onReceive(st, input.packet, now, out);
      invariant(
        !st.implied || out.length === 0,
        'a packet received while implied changed the session: the pair was not steady',
      );
      break;
    case 'admin-down':
    case 'admin-up': {
      const row = eventTransition(st.state, input.type);
      if (row) changeState(st, row.to, row.diag, row.reason, now, out);
      break;
    }
    case 'reconfigure':
      onReconfigure(st, input, now);
      break;
    default:
      assertNever(input, 'BFD input');
  }
  return out;
}

/** The packet this session would send now (RFC 5880 §6.8.7 "Transmitting BFD Control Packets"). */
export function controlPacket(st: BfdSession, poll: boolean, final: boolean): BfdControlPacket {
  return {
    version: 1,
    diag: st.localDiag,
    state: st.state,
    // RFC 5880 §6.8.7: "A system MUST NOT set the Poll (P) bit and Final (F) bit in the same packet."
    poll: poll && !final,
    final,
    controlPlaneIndependent: st.config.controlPlaneIndependent,
    demand: false,
    multipoint: false,
    detectMult: st.config.detectMult,
    myDiscriminator: st.config.localDiscriminator,
    yourDiscriminator: st.remoteDiscr,
    desiredMinTx: st.desiredMinTx,
    requiredMinRx: st.requiredMinRx,
    requiredMinEchoRx: us(0),
    auth: null,
  };
}

/** Detection time as this session currently computes it (RFC 5880 §6.8.4). */
export function currentDetectionTime(st: BfdSession): Duration {
  return detectionTime(st.remoteDetectMult, st.rxRequiredInEffect, st.remoteDesiredMinTx);
}

function onTimer(st: BfdSession, now: Time, out: BfdOutput[]): void {
  if (now >= st.detectDeadline) {
    st.detectDeadline = NEVER;
    // RFC 5880 §6.8.1: a Detection Time without a valid packet resets bfd.RemoteDiscr to zero.
    st.remoteDiscr = 0;
    // RFC 5880 §6.8.4: Init or Up → Down with diag 1 (transitions.ts); Down and AdminDown stay.
    const row = eventTransition(st.state, 'detection-timer');
    if (row) changeState(st, row.to, row.diag, row.reason, now, out);
    // A passive session stops again once it no longer knows its peer (§6.8.7).
    rescheduleTx(st, now, false);
  }
  if (now >= st.nextTx) {
    const index = st.txCount;
    out.push({ type: 'send', packet: controlPacket(st, st.pollActive, false), index });
    st.txCount = index + 1;
    st.lastTx = now;
    st.nextTx = gridSendTime(st.txGrid, st.txAnchor, st.txAnchorIndex, st.uniformAt, st.txCount);
  }
}

function onReceive(st: BfdSession, p: BfdControlPacket, now: Time, out: BfdOutput[]): void {
  const bad = checkReceived(p);
  if (bad) {
    out.push({ type: 'discard', reason: bad });
    return;
  }
  // RFC 5880 §6.8.6: a non-zero Your Discriminator selects the session; none of ours → discard.
  if (p.yourDiscriminator !== 0 && p.yourDiscriminator !== st.config.localDiscriminator) {
    out.push({ type: 'discard', reason: 'your-discriminator-unknown' });
    return;
  }
  // RFC 5880 §6.8.6: A bit set while bfd.AuthType is zero → discard.
  if (p.auth !== null) {
    out.push({ type: 'discard', reason: 'authentication-mismatch' });
    return;
  }
  st.remoteDiscr = p.myDiscriminator;
  st.remoteState = p.state;
  st.remoteDemand = p.demand;
  st.remoteMinRx = p.requiredMinRx;
  st.remoteDesiredMinTx = p.desiredMinTx;
  st.remoteDetectMult = p.detectMult;
  st.remoteCBit = p.controlPlaneIndependent;
  // RFC 5880 §6.8.6: "If the Final (F) bit is set and the local system has sent a Poll ... the Poll
  // Sequence MUST be terminated"; the changes it protected take effect now (§6.8.3).
  if (p.final && st.pollActive) {
    st.pollActive = false;
    st.txDesiredInEffect = st.desiredMinTx;
    st.rxRequiredInEffect = st.requiredMinRx;
    out.push({ type: 'poll-terminated' });
  }
  if (st.state !== 'AdminDown') {
    const row = receiveTransition(st.state, p.state);
    if (row.to !== st.state) changeState(st, row.to, row.diag, row.reason, now, out);
    // RFC 5880 §6.8.6: a packet not discarded counts as received for Detection Time (§6.8.4).
    st.lastRx = now;
    st.detectDeadline = add(now, currentDetectionTime(st));
  }
  // RFC 5880 §6.8.6 "Update the transmit interval as described in section 6.8.2".
  rescheduleTx(st, now, false);
  // RFC 5880 §6.8.7: answer a Poll with a Final "as soon as practicable, without respect to the
  // transmission timer", whatever the session state. Sent after the state update so it carries it.
  if (p.poll) out.push({ type: 'send', packet: controlPacket(st, false, true), index: null });
}

function onReconfigure(st: BfdSession, input: Extract<BfdInput, { type: 'reconfigure' }>, now: Time): void {
  st.config = {
    ...st.config,
    desiredMinTx: input.desiredMinTx ?? st.config.desiredMinTx,
    requiredMinRx: input.requiredMinRx ?? st.config.requiredMinRx,
    detectMult: input.detectMult ?? st.config.detectMult,
  };
  invariant(st.config.detectMult >= 1 && st.config.detectMult <= 255, 'BFD detect multiplier must be 1..255');
  setAdvertised(st, desiredMinTxFor(st.config.desiredMinTx, st.state), st.config.requiredMinRx);
  if (st.lastRx !== null && st.detectDeadline !== NEVER) {
    st.detectDeadline = add(st.lastRx, currentDetectionTime(st));
  }
  rescheduleTx(st, now, true);
}

/**
 * Changes what we advertise. RFC 5880 §6.8.3: while Up, a change of DesiredMinTx or RequiredMinRx
 * starts a Poll Sequence; a larger TX interval and a smaller RX interval wait for its Final, the
 * other directions are safe at once. While not Up the new values simply apply.
 */
function setAdvertised(st: BfdSession, desired: Duration, required: Duration): void {
  const changed = desired !== st.desiredMinTx || required !== st.requiredMinRx;
  st.desiredMinTx = desired;
  st.requiredMinRx = required;
  if (st.state !== 'Up') {
    st.txDesiredInEffect = desired;
    st.rxRequiredInEffect = required;
    return;
  }
  if (!changed) return;
  st.pollActive = true;
  if (desired < st.txDesiredInEffect) st.txDesiredInEffect = desired;
  if (required > st.rxRequiredInEffect) st.rxRequiredInEffect = required;
}

function changeState(
  st: BfdSession,
  to: BfdState,
  diag: BfdDiagCode | null,
  reason: BfdTransitionReason,
  now: Time,
  out: BfdOutput[],
): void {
  const from = st.state;
  st.state = to;
  if (diag !== null) st.localDiag = diag;
  out.push({ type: 'state-change', from, to, diag: st.localDiag, reason, clause: BFD_REASON_CLAUSE[reason] });
  if (to === 'Up') out.push({ type: 'session-up' });
  if (from === 'Up') {
    invariant(to === 'Down' || to === 'AdminDown', () => `BFD left Up for ${to}`);
    out.push({
      type: 'session-down',
      to,
      diag: st.localDiag,
      reason,
      localCBit: st.config.controlPlaneIndependent,
      remoteCBit: st.remoteCBit,
    });
    // A Poll Sequence protects timer changes of an Up session; once it has left Up there is
    // nothing left to protect, and §6.8.3 puts the slow rate in force at once.
    st.pollActive = false;
  }
  setAdvertised(st, desiredMinTxFor(st.config.desiredMinTx, to), st.config.requiredMinRx);
  rescheduleTx(st, now, false);
}

function mayTransmit(st: BfdSession): boolean {
  // RFC 5880 §6.8.7: a passive system is silent until it knows the remote discriminator; nobody
  // transmits periodically to a peer that asks for RemoteMinRx 0 or runs Demand mode while both are Up.
  if (st.config.passive && st.remoteDiscr === 0) return false;
  if (st.remoteMinRx === 0) return false;
  if (st.remoteDemand && st.state === 'Up' && st.remoteState === 'Up' && !st.pollActive) return false;
  return true;
}

/**
 * Keeps the next periodic send consistent with the negotiated interval (RFC 5880 §6.8.2). The grid
 * is re-anchored only when the interval, the jitter range or the permission to send changed, so a
 * schedule moves only when a parameter moved; the next send is one jittered gap after the last one
 * and never earlier than now.
 */
function rescheduleTx(st: BfdSession, now: Time, force: boolean): void {
  const interval = negotiatedTxInterval(st.txDesiredInEffect, st.remoteMinRx);
  if (!mayTransmit(st)) {
    st.txInterval = interval;
    st.nextTx = NEVER;
    return;
  }
  if (!force && interval === st.txInterval && st.nextTx !== NEVER) return;
  st.txInterval = interval;
  st.txGrid = jitterGrid(interval, st.config.detectMult);
  st.txAnchor = gridAnchor(st.txGrid, st.uniformAt, st.txCount, st.lastTx, now);
  st.txAnchorIndex = st.txCount;
  st.nextTx = gridSendTime(st.txGrid, st.txAnchor, st.txAnchorIndex, st.uniformAt, st.txCount);
}
