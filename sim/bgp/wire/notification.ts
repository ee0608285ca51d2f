/**
 * NOTIFICATION helpers (RFC 4271 §4.5): the Hard Reset wrapper of RFC 8538 §3 and the Shutdown
 * Communication of RFC 9003 §2 carried in Cease/Administrative Shutdown and Administrative Reset.
 */
import { invariant } from '../../base/assert.js';
import {
  CEASE_ADMIN_RESET,
  CEASE_ADMIN_SHUTDOWN,
  CEASE_HARD_RESET,
  ERR_CEASE,
  type NotificationMessage,
} from './message.js';

/**
 * RFC 8538 §3.1: a Hard Reset is Cease/9 whose data is the NOTIFICATION it stands for:
 * inner Error Code (1), inner Subcode (1), inner Data.
 */
export function hardReset(inner: { code: number; subcode: number; data?: Uint8Array }): NotificationMessage {
  const innerData = inner.data ?? new Uint8Array(0);
  const data = new Uint8Array(2 + innerData.length);
  data[0] = inner.code;
  data[1] = inner.subcode;
  data.set(innerData, 2);
  return { type: 'notification', code: ERR_CEASE, subcode: CEASE_HARD_RESET, data };
}

/** The NOTIFICATION a Hard Reset encapsulates (RFC 8538 §3.1), or undefined if `n` is not a well-formed one. */
export function unwrapHardReset(n: NotificationMessage): NotificationMessage | undefined {
  if (n.code !== ERR_CEASE || n.subcode !== CEASE_HARD_RESET || n.data.length < 2) return undefined;
  return { type: 'notification', code: n.data[0], subcode: n.data[1], data: n.data.slice(2) };
}

/** RFC 9003 §2: the shutdown communication is at most 255 octets of UTF-8. */
export const MAX_SHUTDOWN_COMMUNICATION = 255;

/**
 * Cease/Administrative Shutdown (or Administrative Reset) with an optional RFC 9003 §2 message:
 * data = length octet + UTF-8. Longer text is cut at a character boundary to fit 255 octets.
 */
export function adminShutdown(message?: string, subcode = CEASE_ADMIN_SHUTDOWN): NotificationMessage {
  invariant(subcode === CEASE_ADMIN_SHUTDOWN || subcode === CEASE_ADMIN_RESET, 'RFC 9003 applies to subcodes 2 and 4');
  if (message === undefined || message === '') {
    return {
      type: 'notification',
      code: ERR_CEASE,
      subcode,
      data: message === '' ? new Uint8Array([0]) : new Uint8Array(0),
    };
  }
  const utf8 = utf8Encode(message, MAX_SHUTDOWN_COMMUNICATION);
  const data = new Uint8Array(1 + utf8.length);
  data[0] = utf8.length;
  data.set(utf8, 1);
  return { type: 'notification', code: ERR_CEASE, subcode, data };
}

/**
 * The RFC 9003 shutdown communication of a Cease/2 or Cease/4, or undefined when there is none or it is
 * malformed (RFC 9003 §2: a bad length or invalid UTF-8 is ignored, not an error).
 */
export function shutdownCommunication(n: NotificationMessage): string | undefined {
  if (n.code !== ERR_CEASE || (n.subcode !== CEASE_ADMIN_SHUTDOWN && n.subcode !== CEASE_ADMIN_RESET)) return undefined;
  if (n.data.length < 1) return undefined;
  const len = n.data[0];
  if (len + 1 > n.data.length) return undefined;
  return utf8Decode(n.data.subarray(1, 1 + len));
}

/** UTF-8 without TextEncoder (sim/ has no DOM or Node typings), truncated to whole characters. */
export function utf8Encode(s: string, maxBytes = Number.POSITIVE_INFINITY): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // lone surrogate
    const bytes =
      cp < 0x80
        ? [cp]
        : cp < 0x800
          ? [0xc0 | (cp >> 6), 0x80 | (cp & 63)]
          : cp < 0x10000
            ? [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)]
            : [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
    if (out.length + bytes.length > maxBytes) break;
    out.push(...bytes);
  }
  return new Uint8Array(out);
}

/** Strict UTF-8 decode; undefined on any invalid sequence (overlong, surrogate, truncated). */
export function utf8Decode(b: Uint8Array): string | undefined {
  let s = '';
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    let cp: number;
    let n: number;
    if (c < 0x80) {
      cp = c;
      n = 0;
    } else if (c >= 0xc2 && c < 0xe0) {
      cp = c & 0x1f;
      n = 1;
    } else if (c >= 0xe0 && c < 0xf0) {
      cp = c & 0x0f;
      n = 2;
    } else if (c >= 0xf0 && c < 0xf5) {
      cp = c & 0x07;
      n = 3;
    } else return undefined;
    if (i + n >= b.length && n > 0) return undefined;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if ((d & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (d & 0x3f);
    }
    if ((n === 2 && cp < 0x800) || (n === 3 && (cp < 0x10000 || cp > 0x10ffff))) return undefined;
    if (cp >= 0xd800 && cp <= 0xdfff) return undefined;
    s += String.fromCodePoint(cp);
    i += n + 1;
  }
  return s;
}
