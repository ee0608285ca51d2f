/**
 * The BFD session state machine as data (RFC 5880 §6.2 diagram, §6.8.6 reception rules, §6.8.4
 * detection expiry, §6.8.16 administrative control). The session consults these tables and the UI
 * draws them, so the diagram on screen is the one that runs.
 */
import { BfdDiag, type BfdDiagCode, type BfdState } from './packet.js';

/** Why a state changed (or would change); stable kebab-case, used unchanged in trace and UI. */
export type BfdTransitionReason =
  | 'discarded-while-admin-down'
  | 'stays'
  | 'received-down'
  | 'received-init'
  | 'received-up'
  | 'neighbor-signaled-down'
  | 'neighbor-admin-down'
  | 'detection-time-expired'
  | 'admin-down'
  | 'admin-up';

/**
 * The RFC 5880 clause that decides each transition, carried with the state change so the trace
 * cites it: reception of a Control packet is §6.8.6, Detection Time expiry §6.8.4, administrative
 * control §6.8.16. Total over the reasons, so a new reason cannot go without its clause.
 */
export const BFD_REASON_CLAUSE: Readonly<Record<BfdTransitionReason, string>> = {
  'discarded-while-admin-down': 'RFC 5880 §6.8.6',
  stays: 'RFC 5880 §6.8.6',
  'received-down': 'RFC 5880 §6.8.6',
  'received-init': 'RFC 5880 §6.8.6',
  'received-up': 'RFC 5880 §6.8.6',
  'neighbor-signaled-down': 'RFC 5880 §6.8.6',
  'neighbor-admin-down': 'RFC 5880 §6.8.6',
  'detection-time-expired': 'RFC 5880 §6.8.4',
  'admin-down': 'RFC 5880 §6.8.16',
  'admin-up': 'RFC 5880 §6.8.16',
};

export interface BfdReceiveTransition {
  readonly from: BfdState;
  readonly received: BfdState;
  readonly to: BfdState;
  /** bfd.LocalDiag to set when the state changes; null leaves it as it is. */
  readonly diag: BfdDiagCode | null;
  readonly reason: BfdTransitionReason;
}

const D = BfdDiag;

/**
 * RFC 5880 §6.8.6, the tail of the reception procedure, one row per (local state, received
 * state). Rows whose `to` equals `from` change nothing.
 */
export const BFD_RECEIVE_TABLE: readonly BfdReceiveTransition[] = [
  // "If bfd.SessionState is AdminDown: Discard the packet"
  { from: 'AdminDown', received: 'AdminDown', to: 'AdminDown', diag: null, reason: 'discarded-while-admin-down' },
  { from: 'AdminDown', received: 'Down', to: 'AdminDown', diag: null, reason: 'discarded-while-admin-down' },
  { from: 'AdminDown', received: 'Init', to: 'AdminDown', diag: null, reason: 'discarded-while-admin-down' },
  { from: 'AdminDown', received: 'Up', to: 'AdminDown', diag: null, reason: 'discarded-while-admin-down' },
  // "If received state is AdminDown: If bfd.SessionState is not Down: set LocalDiag 3, state Down"
  { from: 'Down', received: 'AdminDown', to: 'Down', diag: null, reason: 'stays' },
  // "If bfd.SessionState is Down: If received State is Down → Init; Else if Init → Up"
  { from: 'Down', received: 'Down', to: 'Init', diag: null, reason: 'received-down' },
  { from: 'Down', received: 'Init', to: 'Up', diag: D.None, reason: 'received-init' },
  { from: 'Down', received: 'Up', to: 'Down', diag: null, reason: 'stays' },
  {
    from: 'Init',
    received: 'AdminDown',
    to: 'Down',
    diag: D.NeighborSignaledSessionDown,
    reason: 'neighbor-admin-down',
  },
  { from: 'Init', received: 'Down', to: 'Init', diag: null, reason: 'stays' },
  // "Else if bfd.SessionState is Init: If received State is Init or Up → Up"
  { from: 'Init', received: 'Init', to: 'Up', diag: D.None, reason: 'received-init' },
  { from: 'Init', received: 'Up', to: 'Up', diag: D.None, reason: 'received-up' },
  { from: 'Up', received: 'AdminDown', to: 'Down', diag: D.NeighborSignaledSessionDown, reason: 'neighbor-admin-down' },
  // "Else (bfd.SessionState is Up): If received State is Down: set LocalDiag 3, state Down"
  { from: 'Up', received: 'Down', to: 'Down', diag: D.NeighborSignaledSessionDown, reason: 'neighbor-signaled-down' },
  { from: 'Up', received: 'Init', to: 'Up', diag: null, reason: 'stays' },
  { from: 'Up', received: 'Up', to: 'Up', diag: null, reason: 'stays' },
];

const RECEIVE_INDEX = new Map<string, BfdReceiveTransition>(
  BFD_RECEIVE_TABLE.map((row) => [`${row.from}/${row.received}`, row]),
);

export function receiveTransition(from: BfdState, received: BfdState): BfdReceiveTransition {
  // The table is total over BfdState × BfdState (a test walks every pair).
  return RECEIVE_INDEX.get(`${from}/${received}`) as BfdReceiveTransition;
}

/** Events that change state without a received packet. */
export type BfdLocalEvent = 'detection-timer' | 'admin-down' | 'admin-up';

export interface BfdEventTransition {
  readonly from: BfdState;
  readonly event: BfdLocalEvent;
  readonly to: BfdState;
  readonly diag: BfdDiagCode | null;
  readonly reason: BfdTransitionReason;
}

/** The non-reception edges of the RFC 5880 §6.2 diagram; events not listed leave the state alone. */
export const BFD_EVENT_TABLE: readonly BfdEventTransition[] = [
  // RFC 5880 §6.8.4: Detection Time passes while Init or Up → Down, LocalDiag 1.
  {
    from: 'Init',
    event: 'detection-timer',
    to: 'Down',
    diag: D.ControlDetectionTimeExpired,
    reason: 'detection-time-expired',
  },
  {
    from: 'Up',
    event: 'detection-timer',
    to: 'Down',
    diag: D.ControlDetectionTimeExpired,
    reason: 'detection-time-expired',
  },
  // RFC 5880 §6.8.16: administratively disabled → AdminDown with an appropriate diag (7).
  { from: 'Down', event: 'admin-down', to: 'AdminDown', diag: D.AdministrativelyDown, reason: 'admin-down' },
  { from: 'Init', event: 'admin-down', to: 'AdminDown', diag: D.AdministrativelyDown, reason: 'admin-down' },
  { from: 'Up', event: 'admin-down', to: 'AdminDown', diag: D.AdministrativelyDown, reason: 'admin-down' },
  // RFC 5880 §6.8.16: administratively enabled → Down. The diag of the AdminDown no longer explains the state.
  { from: 'AdminDown', event: 'admin-up', to: 'Down', diag: D.None, reason: 'admin-up' },
];

export function eventTransition(from: BfdState, event: BfdLocalEvent): BfdEventTransition | null {
  return BFD_EVENT_TABLE.find((row) => row.from === from && row.event === event) ?? null;
}
