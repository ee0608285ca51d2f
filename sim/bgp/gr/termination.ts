/**
 * Does a session's end start Graceful Restart or flush the peer's routes? And which NOTIFICATION
 * goes out (plain, or wrapped as a Hard Reset)?
 *
 * RFC 4724 §4: a termination caused by sending or receiving a NOTIFICATION follows normal BGP
 * procedures (flush). RFC 8538 (N bit exchanged both ways): any NOTIFICATION other than Hard Reset,
 * and hold-timer expiry, trigger the receiving-speaker procedures on both ends; Hard Reset never
 * does. Where implementations differ the profile's behaviour switches decide (gr-reference §2.4).
 */
import { assertNever } from '../../base/assert.js';
import type { GrBehaviour, ResolvedPeerConfig } from '../profile/profile.js';
import {
  CEASE_ADMIN_RESET,
  CEASE_ADMIN_SHUTDOWN,
  CEASE_BFD_DOWN,
  CEASE_HARD_RESET,
  CEASE_MAX_PREFIXES,
  CEASE_PEER_DECONFIGURED,
  ERR_CEASE,
  type NotificationMessage,
} from '../wire/message.js';

export type TerminationCause =
  /** FIN/RST without NOTIFICATION: the peer's process died on a live kernel. */
  | { readonly kind: 'tcp-closed' }
  /** RFC 4724 §4.2: a new connection from the peer while the old session is Established. */
  | { readonly kind: 'new-connection' }
  /** Our hold timer expired; `notified` says whether we sent the NOTIFICATION 4. */
  | { readonly kind: 'hold-timer-expired'; readonly notified: boolean }
  | { readonly kind: 'notification-received'; readonly message: NotificationMessage }
  | { readonly kind: 'notification-sent'; readonly message: NotificationMessage }
  /** BFD Down handled gracefully (BIRD `bfd graceful`): no NOTIFICATION. */
  | { readonly kind: 'bfd-down-graceful' };

export interface TerminationDecision {
  readonly gr: boolean;
  readonly clause: string;
  readonly text: string;
}

export function isHardReset(m: NotificationMessage): boolean {
  return m.code === ERR_CEASE && m.subcode === CEASE_HARD_RESET;
}

/** Decide GR vs flush for a session that was Established. */
export function decideTermination(
  cause: TerminationCause,
  nExchanged: boolean,
  llgrNegotiated: boolean,
  b: GrBehaviour,
): TerminationDecision {
  switch (cause.kind) {
    case 'tcp-closed':
      return { gr: true, clause: 'RFC 4724 §4.2', text: 'TCP session terminated without NOTIFICATION: GR helper' };
    case 'new-connection':
      return {
        gr: true,
        clause: 'RFC 4724 §4.2',
        text: 'new connection while Established: previous session closed without NOTIFICATION, GR helper',
      };
    case 'bfd-down-graceful':
      // BIRD's own option (proto/bgp/bgp.c bgp_bfd_notify with `bfd graceful`), not the RFC's: RFC 5882
      // §10.2 says BGP GR does not signal planned restarts, so §4.3.2.2 applies (signal a topology change).
      return {
        gr: true,
        clause: 'BIRD bfd graceful',
        text: "BFD down with BIRD's `bfd graceful`: GR helper instead of a reset (RFC 5882 §10.2 would reset)",
      };
    case 'hold-timer-expired':
      if (nExchanged) {
        return { gr: true, clause: 'RFC 8538 §4', text: 'hold timer expired with N bit exchanged: GR helper' };
      }
      switch (b.holdExpiryWithoutN) {
        case 'flush':
          return { gr: false, clause: 'RFC 4724 §4', text: 'hold timer expired without N bit: routes flushed' };
        case 'gr':
          return { gr: true, clause: 'GoBGP #2174', text: 'hold timer expired without N bit: GoBGP keeps GR' };
        case 'gr-if-llgr-silent':
          return llgrNegotiated && !cause.notified
            ? {
                gr: true,
                clause: 'BIRD bgp_hold_timeout',
                text: 'hold timer expired, LLGR negotiated: GR, no NOTIFICATION',
              }
            : { gr: false, clause: 'RFC 4724 §4', text: 'hold timer expired without N bit: routes flushed' };
        default:
          assertNever(b.holdExpiryWithoutN);
      }
      break;
    case 'notification-received':
      if (isHardReset(cause.message)) {
        return { gr: false, clause: 'RFC 8538 §3', text: 'Hard Reset received: routes flushed' };
      }
      return nExchanged
        ? { gr: true, clause: 'RFC 8538 §4', text: 'NOTIFICATION received with N bit exchanged: GR helper' }
        : { gr: false, clause: 'RFC 4724 §4', text: 'NOTIFICATION received without N bit: routes flushed' };
    case 'notification-sent':
      if (isHardReset(cause.message)) {
        return { gr: false, clause: 'RFC 8538 §3', text: 'Hard Reset sent: routes flushed' };
      }
      if (!nExchanged) {
        return { gr: false, clause: 'RFC 4724 §4', text: 'NOTIFICATION sent without N bit: routes flushed' };
      }
      return b.notificationSentWithN === 'gr'
        ? { gr: true, clause: 'RFC 8538 §4', text: 'NOTIFICATION sent with N bit exchanged: GR helper' }
        : { gr: false, clause: 'GoBGP fsm.go', text: 'NOTIFICATION sent with N bit: GoBGP flushes' };
    default:
      assertNever(cause, 'termination cause');
  }
}

/**
 * RFC 8538 §5.1 (as FRR `bgp_notify_send_hard_reset` and GoBGP `ShouldHardReset`): the Cease
 * subcodes sent as a Hard Reset when N was exchanged. Admin Reset only under user control.
 */
export function shouldHardReset(code: number, subcode: number, cfg: ResolvedPeerConfig): boolean {
  if (code !== ERR_CEASE) return false;
  switch (subcode) {
    case CEASE_MAX_PREFIXES:
    case CEASE_ADMIN_SHUTDOWN:
    case CEASE_PEER_DECONFIGURED:
    case CEASE_BFD_DOWN:
      return true;
    case CEASE_ADMIN_RESET:
      return cfg.gr.hardAdminReset;
    default:
      return false;
  }
}

/**
 * The NOTIFICATION to send for (code, subcode, data): RFC 8538 §3.1 wraps it as Cease/Hard Reset
 * carrying the inner code and subcode, only toward a peer that sent N ("SHOULD NOT send a Hard
 * Reset to a peer from which it has not received the N bit").
 */
export function outgoingNotification(
  code: number,
  subcode: number,
  data: Uint8Array,
  nExchanged: boolean,
  cfg: ResolvedPeerConfig,
): NotificationMessage {
  if (!nExchanged || !shouldHardReset(code, subcode, cfg)) return { type: 'notification', code, subcode, data };
  switch (cfg.behaviour.hardReset) {
    case 'never':
      return { type: 'notification', code, subcode, data };
    case 'no-inner':
      // GoBGP ≥ 3.26 sends Cease/9 with the original data only (gr-reference §1.4).
      return { type: 'notification', code: ERR_CEASE, subcode: CEASE_HARD_RESET, data };
    case 'encapsulated': {
      const inner = new Uint8Array(2 + data.length);
      inner[0] = code;
      inner[1] = subcode;
      inner.set(data, 2);
      return { type: 'notification', code: ERR_CEASE, subcode: CEASE_HARD_RESET, data: inner };
    }
    default:
      assertNever(cfg.behaviour.hardReset);
  }
}

/** The inner (code, subcode) of a Hard Reset, as FRR decapsulates it; undefined if not a Hard Reset. */
export function hardResetInner(m: NotificationMessage): { code: number; subcode: number } | undefined {
  if (!isHardReset(m) || m.data.length < 2) return undefined;
  return { code: m.data[0], subcode: m.data[1] };
}

/** Wrap `m` as a Hard Reset in the implementation's encoding, whatever RFC 8538 §5.1 would say (fault scripts). */
export function forcedHardReset(m: NotificationMessage, cfg: ResolvedPeerConfig): NotificationMessage {
  if (cfg.behaviour.hardReset === 'never') return m;
  const all: ResolvedPeerConfig = { ...cfg, gr: { ...cfg.gr, hardAdminReset: true } };
  if (shouldHardReset(m.code, m.subcode, all)) return outgoingNotification(m.code, m.subcode, m.data, true, all);
  if (cfg.behaviour.hardReset === 'no-inner')
    return { type: 'notification', code: ERR_CEASE, subcode: CEASE_HARD_RESET, data: m.data };
  const inner = new Uint8Array(2 + m.data.length);
  inner[0] = m.code;
  inner[1] = m.subcode;
  inner.set(m.data, 2);
  return { type: 'notification', code: ERR_CEASE, subcode: CEASE_HARD_RESET, data: inner };
}
