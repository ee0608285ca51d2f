/**
 * What `decode` returns. A peer's malformed message is never an exception: it is the NOTIFICATION
 * (code, subcode, data) RFC 4271 §6 prescribes, or — for UPDATE attribute errors that RFC 7606
 * softens — a successful decode carrying the downgraded handling.
 */
import type { Message } from './message.js';

/** The NOTIFICATION a decode failure implies, with a stable kebab-case reason. */
export interface WireError {
  code: number;
  subcode: number;
  data: Uint8Array;
  reason: string;
}

/** RFC 7606 §2 error-handling approaches, weakest last. */
export type UpdateErrorAction = 'session-reset' | 'treat-as-withdraw' | 'attribute-discard';

/** One UPDATE error with the approach RFC 7606 assigns to it; code/subcode/data are RFC 4271's. */
export interface UpdateError extends WireError {
  action: UpdateErrorAction;
  /** The attribute type code concerned, when there is one. */
  attrType?: number;
}

export type DecodeResult =
  | {
      ok: true;
      msg: Message;
      /**
       * Errors that did not reset the session (RFC 7606): discarded attributes, and the errors that
       * made this UPDATE treat-as-withdraw. Absent when the message was clean.
       */
      warnings?: UpdateError[];
      /**
       * RFC 7606 §2 treat-as-withdraw: `msg` has already been rewritten into the equivalent
       * withdraw-only UPDATE (every announced prefix withdrawn, no attributes).
       */
      treatAsWithdraw?: true;
    }
  | { ok: false; error: WireError };

export interface DecodeOptions {
  /** RFC 6793: both sides advertised the 4-octet AS capability (AS_PATH carries 4-octet ASNs). Default true. */
  fourOctetAs?: boolean;
  /** RFC 7606 revised UPDATE error handling. Default true; false gives plain RFC 4271 §6.3 (every error resets). */
  revisedErrorHandling?: boolean;
  /** The peer is external (eBGP): RFC 7606 §7.5 discards a LOCAL_PREF it sends. Default false. */
  external?: boolean;
}

export interface EncodeOptions {
  /** RFC 6793: write 4-octet ASNs in AS_PATH/AGGREGATOR; otherwise AS_TRANS plus AS4_PATH/AS4_AGGREGATOR. Default true. */
  fourOctetAs?: boolean;
}

export const EMPTY = new Uint8Array(0);

export function wireError(code: number, subcode: number, reason: string, data: Uint8Array = EMPTY): WireError {
  return { code, subcode, data, reason };
}
