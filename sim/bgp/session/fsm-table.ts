/**
 * The RFC 4271 §8.2.2 session FSM as a table, exported so the UI can draw the diagram and
 * `explain` can cite the clause of each transition. `session.ts` moves between states only
 * through `fsmTransition`, which refuses any (state, event) pair that is not in this table.
 */
import { SimInvariantError } from '../../base/assert.js';

export const FSM_STATES = ['Idle', 'Connect', 'Active', 'OpenSent', 'OpenConfirm', 'Established'] as const;
export type FsmState = (typeof FSM_STATES)[number];

/** FSM events, named after RFC 4271 §8.1 events (numbers in the comments). */
export type FsmEvent =
  | 'manual-start' // 1
  | 'manual-stop' // 2
  | 'automatic-start' // 3
  | 'manual-start-passive' // 4
  | 'automatic-start-passive' // 5
  | 'connect-retry-expired' // 9
  | 'hold-timer-expired' // 10
  | 'tcp-established' // 16/17
  | 'tcp-fails' // 18
  | 'open-received' // 19
  | 'open-error' // 21/22
  | 'notification-received' // 24/25
  | 'keepalive-received' // 26
  | 'update-error' // 28
  | 'fsm-error' // unexpected message (RFC 6608)
  | 'notification-sent' // a scripted NOTIFICATION
  | 'bfd-down' // RFC 5882 §10.2
  | 'admin-reset' // Cease/Administrative Reset
  | 'max-prefix' // Cease/Maximum Number of Prefixes Reached
  | 'new-connection' // RFC 4724 §4.2
  | 'collision' // connection collision resolution (Cease/7)
  | 'process-stop' // the local BGP process stops (graceful restart or shutdown)
  | 'gr-restart-expired'; // the helper's restart timer ran out before the peer came back (GoBGP fsm.go)

export interface FsmTransition {
  readonly from: FsmState;
  readonly event: FsmEvent;
  readonly to: FsmState;
  readonly clause: string;
  readonly action: string;
}

const t = (from: FsmState, event: FsmEvent, to: FsmState, clause: string, action: string): FsmTransition => ({
  from,
  event,
  to,
  clause,
  action,
});

const S822 = 'RFC 4271 §8.2.2';
const DOWN_EVENTS: readonly FsmEvent[] = [
  'manual-stop',
  'hold-timer-expired',
  'tcp-fails',
  'notification-received',
  'open-error',
  'update-error',
  'fsm-error',
  'notification-sent',
  'bfd-down',
  'admin-reset',
  'max-prefix',
  'process-stop',
];

function downRows(from: FsmState, except: readonly FsmEvent[] = []): FsmTransition[] {
  return DOWN_EVENTS.filter((e) => !except.includes(e)).map((e) =>
    t(from, e, 'Idle', S822, e === 'manual-stop' || e === 'process-stop' ? 'stop' : 'release resources, Idle'),
  );
}

export const FSM_TABLE: readonly FsmTransition[] = [
  t('Idle', 'manual-start', 'Connect', S822, 'start ConnectRetryTimer, initiate TCP'),
  t('Idle', 'automatic-start', 'Connect', S822, 'start ConnectRetryTimer, initiate TCP'),
  t('Idle', 'manual-stop', 'Idle', S822, 'ignored'),
  t('Idle', 'process-stop', 'Idle', S822, 'ignored'),
  t('Idle', 'manual-start-passive', 'Active', S822, 'start ConnectRetryTimer, listen'),
  t('Idle', 'automatic-start-passive', 'Active', S822, 'start ConnectRetryTimer, listen'),
  t('Connect', 'connect-retry-expired', 'Connect', S822, 'drop TCP, restart ConnectRetryTimer, initiate TCP'),
  t('Connect', 'tcp-established', 'OpenSent', S822, 'send OPEN, HoldTimer large'),
  t('Connect', 'tcp-fails', 'Active', S822, 'restart ConnectRetryTimer, listen'),
  ...downRows('Connect', ['tcp-fails', 'hold-timer-expired']),
  t('Active', 'connect-retry-expired', 'Connect', S822, 'initiate TCP'),
  // GoBGP pkg/server/fsm.go idle()/active(): gracefulRestartTimer with PeerRestarting returns BGP_FSM_IDLE
  // (profile behaviour restartExpiry 'idle').
  t('Idle', 'gr-restart-expired', 'Idle', 'GoBGP fsm.go', 'restart the idle hold'),
  t('Connect', 'gr-restart-expired', 'Idle', 'GoBGP fsm.go', 'stop connecting, Idle'),
  t('Active', 'gr-restart-expired', 'Idle', 'GoBGP fsm.go', 'stop connecting, Idle'),
  t('Active', 'tcp-established', 'OpenSent', S822, 'send OPEN, HoldTimer large'),
  t('Active', 'tcp-fails', 'Active', S822, 'restart ConnectRetryTimer'),
  ...downRows('Active', ['tcp-fails', 'hold-timer-expired']),
  t('OpenSent', 'open-received', 'OpenConfirm', S822, 'send KEEPALIVE, negotiate hold time'),
  t('OpenSent', 'tcp-fails', 'Active', S822, 'close connection, restart ConnectRetryTimer'),
  t('OpenSent', 'collision', 'Idle', S822, 'send Cease/7, close connection'),
  ...downRows('OpenSent', ['tcp-fails']),
  t('OpenConfirm', 'keepalive-received', 'Established', S822, 'restart HoldTimer'),
  t('OpenConfirm', 'collision', 'Idle', S822, 'send Cease/7, close connection'),
  ...downRows('OpenConfirm'),
  t('Established', 'keepalive-received', 'Established', S822, 'restart HoldTimer'),
  t('Established', 'new-connection', 'Idle', 'RFC 4724 §4.2', 'close previous session without NOTIFICATION'),
  ...downRows('Established'),
];

// By state, then event: a lookup per step builds no `from|event` key string.
const INDEX = new Map<FsmState, Map<FsmEvent, FsmTransition>>();
for (const r of FSM_TABLE) {
  const byEvent = INDEX.get(r.from) ?? new Map<FsmEvent, FsmTransition>();
  INDEX.set(r.from, byEvent);
  byEvent.set(r.event, r);
}

export function findTransition(from: FsmState, event: FsmEvent): FsmTransition | undefined {
  return INDEX.get(from)?.get(event);
}

/** The table's transition; our own bug if the pair is missing. */
export function fsmTransition(from: FsmState, event: FsmEvent): FsmTransition {
  const row = INDEX.get(from)?.get(event);
  if (!row) throw new SimInvariantError(`FSM: no transition from ${from} on ${event}`);
  return row;
}
