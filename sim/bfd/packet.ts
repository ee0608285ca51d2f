/**
 * The BFD Control packet as data (RFC 5880 §4.1), and the codes it carries.
 *
 * Interval fields are `Duration`s because the wire already counts them in microseconds, the
 * simulator's unit; they stay within 0..2^32-1 µs. The optional Authentication Section is kept as
 * raw bytes: stalepath runs sessions with bfd.AuthType 0, so it is carried for round trips and
 * discarded on reception (RFC 5880 §6.8.6), never interpreted.
 */
import type { Duration } from '../base/time.js';

/** RFC 5880 §4.1 "Sta", spelled as the RFC spells the states. */
export type BfdState = 'AdminDown' | 'Down' | 'Init' | 'Up';
export const BFD_STATES: readonly BfdState[] = ['AdminDown', 'Down', 'Init', 'Up'];
/** Wire code of each state (RFC 5880 §4.1: 0 AdminDown, 1 Down, 2 Init, 3 Up). */
export const BFD_STATE_CODE: Readonly<Record<BfdState, number>> = { AdminDown: 0, Down: 1, Init: 2, Up: 3 };

/** RFC 5880 §4.1 "Diag": the local system's reason for its last change of state. */
export const BfdDiag = {
  None: 0,
  ControlDetectionTimeExpired: 1,
  EchoFunctionFailed: 2,
  NeighborSignaledSessionDown: 3,
  ForwardingPlaneReset: 4,
  PathDown: 5,
  ConcatenatedPathDown: 6,
  AdministrativelyDown: 7,
  ReverseConcatenatedPathDown: 8,
} as const;
/** Any 5-bit value can arrive on the wire; codes 9–31 are reserved but still decode. */
export type BfdDiagCode = number;

/** Stable kebab-case names of the defined diagnostics, for the trace and the UI. */
export const BFD_DIAG_NAME: Readonly<Record<number, string>> = {
  0: 'no-diagnostic',
  1: 'control-detection-time-expired',
  2: 'echo-function-failed',
  3: 'neighbor-signaled-session-down',
  4: 'forwarding-plane-reset',
  5: 'path-down',
  6: 'concatenated-path-down',
  7: 'administratively-down',
  8: 'reverse-concatenated-path-down',
};

export interface BfdControlPacket {
  /** RFC 5880 §4.1: always 1 when we build a packet; decode rejects anything else. */
  readonly version: number;
  readonly diag: BfdDiagCode;
  readonly state: BfdState;
  /** P: the sender asks for verification (a Poll Sequence, §6.5). */
  readonly poll: boolean;
  /** F: the sender answers a Poll. */
  readonly final: boolean;
  /** C: the sender's BFD does not share fate with its control plane (RFC 5880 §4.1, RFC 5882 §4.3). */
  readonly controlPlaneIndependent: boolean;
  /** D: Demand mode; stalepath never sets it (asynchronous mode only). */
  readonly demand: boolean;
  /** M: reserved for multipoint; must be zero (§6.8.6). */
  readonly multipoint: boolean;
  readonly detectMult: number;
  readonly myDiscriminator: number;
  readonly yourDiscriminator: number;
  readonly desiredMinTx: Duration;
  readonly requiredMinRx: Duration;
  readonly requiredMinEchoRx: Duration;
  /** Raw Authentication Section (A bit set iff non-null). */
  readonly auth: Uint8Array | null;
}

/** Length of the mandatory section in octets (RFC 5880 §4.1). */
export const BFD_MANDATORY_LENGTH = 24;
