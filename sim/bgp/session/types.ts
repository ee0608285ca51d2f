/**
 * Inputs and outputs of the session machine (session.ts). Inputs are transport events, messages,
 * admin actions and timer ticks; outputs are data the driver executes (send, connect, close) or
 * records (state changes with their reason and RFC clause, route-state actions for the RIB).
 */

import type { Time } from '../../base/time.js';
import type { GrNegotiation } from '../gr/capabilities.js';
import type { RouteAction } from '../gr/helper.js';
import type { AfiSafi, Message, NotificationMessage, OpenMessage, UpdateMessage } from '../wire/message.js';
import type { FsmEvent, FsmState } from './fsm-table.js';

/** A TCP connection, numbered by the driver. */
export type ConnId = number;

export type SessionInput =
  /** RFC 4271 Event 1 / 4 (passive when the config says so). */
  | { readonly type: 'manual-start' }
  /** RFC 4271 Event 2: administrative shutdown (Cease/Administrative Shutdown); no automatic restart. */
  | { readonly type: 'manual-stop'; readonly communication?: string }
  /** `clear bgp`: Cease/Administrative Reset, then restart. */
  | { readonly type: 'admin-reset'; readonly communication?: string }
  /** The local BGP process stops (SIGTERM, planned restart): the machine is discarded afterwards. */
  | { readonly type: 'process-stop' }
  /**
   * A TCP connection to the peer is up: `outbound` when we initiated it (our tcp-connect, Event 16),
   * else the peer's that we accepted (Event 17); collision resolution needs which (RFC 4271 §6.8).
   */
  | { readonly type: 'tcp-established'; readonly conn: ConnId; readonly outbound: boolean }
  /** Our connection attempt failed (Event 18 in Connect). */
  | { readonly type: 'tcp-connection-fails' }
  /** FIN or RST received: the peer's process died, its kernel is alive (Event 18). */
  | { readonly type: 'tcp-closed'; readonly conn: ConnId }
  | { readonly type: 'message'; readonly conn: ConnId; readonly message: Message }
  /** The codec rejected a message; `notification` is what the RFC prescribes sending. */
  | { readonly type: 'decode-error'; readonly conn: ConnId; readonly notification: NotificationMessage }
  /**
   * Send this NOTIFICATION and end the session (fault scripts). `hardReset` true forces the Hard
   * Reset wrapping, false forbids it; absent, RFC 8538 §5.1 decides as for any Cease.
   */
  | {
      readonly type: 'send-notification';
      readonly code: number;
      readonly subcode: number;
      readonly data?: Uint8Array;
      readonly hardReset?: boolean;
    }
  /** BFD reports the session Down (the world applies check-control-plane-failure before this). */
  /**
   * BFD reports the session Down. `abortGr`: forwarding is known lost (C bit set both ways, RFC 5882
   * §4.3.1), so a GR already in progress is aborted as if the restart timer expired (RFC 4724 §4.2 MAY).
   */
  | { readonly type: 'bfd-down'; readonly abortGr?: boolean }
  /** The RIB found the peer over its max-prefix limit (RFC 4486 Cease/1). */
  | { readonly type: 'max-prefix-exceeded'; readonly data?: Uint8Array }
  /** The speaker sends an UPDATE (or End-of-RIB) on the Established session. */
  | { readonly type: 'send'; readonly message: UpdateMessage }
  /**
   * Implied periodic traffic (DESIGN "steady-state periodic traffic is implied"): while on, both
   * ends are alive and the link is up, so KEEPALIVEs flow both ways without being stepped; the
   * session arms neither its keepalive nor its hold timer. Turning it off, the driver says when the
   * peer's last KEEPALIVE arrived and when ours is next due (from each process's phase and period
   * index), and the explicit timers resume from there.
   */
  | { readonly type: 'implied-keepalives'; readonly on: true }
  | {
      readonly type: 'implied-keepalives';
      readonly on: false;
      readonly lastReceivedAt: Time;
      readonly nextSendAt: Time;
    }
  /**
   * The daemon's main loop woke now (a packet or event elsewhere in the process): route work that
   * BIRD ≤ 2.13 keeps for the next wake-up runs now (session/wake-up-lag.ts).
   */
  | { readonly type: 'main-loop-woke' }
  /** Time passed: fire every deadline ≤ now. */
  | { readonly type: 'tick' };

export type SessionOutput =
  | { readonly type: 'send'; readonly conn: ConnId; readonly message: Message }
  | { readonly type: 'tcp-connect' }
  | { readonly type: 'tcp-close'; readonly conn: ConnId; readonly reason: string }
  | {
      readonly type: 'state-change';
      readonly from: FsmState;
      readonly to: FsmState;
      readonly event: FsmEvent;
      readonly reason: string;
      readonly clause: string;
    }
  /** The session reached Established: the speaker sends its initial updates and End-of-RIB. */
  | {
      readonly type: 'established';
      readonly negotiation: GrNegotiation;
      readonly peerOpen: OpenMessage;
      readonly localOpen: OpenMessage;
    }
  /** An Established session ended; `gr` says whether the helper retained the peer's routes. */
  | { readonly type: 'session-down'; readonly reason: string; readonly gr: boolean; readonly clause: string }
  | { readonly type: 'update-received'; readonly update: UpdateMessage }
  | { readonly type: 'eor-received'; readonly afiSafi: AfiSafi }
  | { readonly type: 'explain'; readonly clause: string; readonly text: string }
  | RouteAction;

/** Stable kebab-case reasons used in state changes, the trace, metrics and the UI. */
export type DownReason =
  | 'admin-stop'
  | 'admin-reset'
  | 'process-stop'
  | 'hold-timer-expired'
  | 'notification-received'
  | 'tcp-closed'
  | 'bfd-down'
  | 'max-prefix'
  | 'open-error'
  | 'update-error'
  | 'fsm-error'
  | 'new-connection'
  | 'connection-collision'
  | 'notification-sent';

/** Stable reasons on route-state actions and GR phase changes (helper.ts). */
export type GrReason =
  | 'consecutive-restart'
  | 'restart-timer-expired'
  | 'stale-path-timer-expired'
  | 'llst-expired'
  | 'end-of-rib'
  | 'f-bit-clear'
  | 'af-missing'
  | 'no-gr-capability'
  | 'no-llgr-capability'
  | 'session-established'
  | DownReason;
