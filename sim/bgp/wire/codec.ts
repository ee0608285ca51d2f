/**
 * BGP message codec: `encode(msg)` → octets and `decode(octets)` → message or the NOTIFICATION the
 * RFC prescribes. Decode never throws on any input; encode throws only on a message that breaks our
 * own model (a bad prefix string, an out-of-range field), which is a bug in the caller.
 *
 * Header (RFC 4271 §4.1, §6.1): 16-octet all-ones marker, 2-octet length in 19..4096, 1-octet type.
 * Bodies: OPEN (open.ts), UPDATE (update.ts), KEEPALIVE (empty, RFC 4271 §4.4), NOTIFICATION
 * (RFC 4271 §4.5), ROUTE-REFRESH (RFC 2918 §3, subtypes of RFC 7313 §3.2).
 */
import { assertNever, invariant } from '../../base/assert.js';
import {
  type DecodeOptions,
  type DecodeResult,
  type EncodeOptions,
  type WireError,
  wireError,
} from './decode-result.js';
import {
  ERR_MESSAGE_HEADER,
  ERR_ROUTE_REFRESH,
  HDR_BAD_MESSAGE_LENGTH,
  HDR_BAD_MESSAGE_TYPE,
  HDR_CONNECTION_NOT_SYNCHRONIZED,
  HEADER_LENGTH,
  MAX_MESSAGE_LENGTH,
  type Message,
  MSG_KEEPALIVE,
  MSG_NOTIFICATION,
  MSG_OPEN,
  MSG_ROUTE_REFRESH,
  MSG_UPDATE,
  ROUTE_REFRESH_INVALID_MESSAGE_LENGTH,
} from './message.js';
import { readOpenBody, writeOpenBody } from './open.js';
import { readUpdateBody, writeUpdateBody } from './update.js';
import { readU16, u16Bytes, Writer } from './writer.js';

/** RFC 4271 §4 (and RFC 2918 §3): the minimum total length of each message type. */
export const MIN_LENGTH_BY_TYPE: Readonly<Record<number, number>> = {
  [MSG_OPEN]: 29,
  [MSG_UPDATE]: 23,
  [MSG_NOTIFICATION]: 21,
  [MSG_KEEPALIVE]: 19,
  [MSG_ROUTE_REFRESH]: 23,
};

const TYPE_CODE: Record<Message['type'], number> = {
  open: MSG_OPEN,
  update: MSG_UPDATE,
  notification: MSG_NOTIFICATION,
  keepalive: MSG_KEEPALIVE,
  'route-refresh': MSG_ROUTE_REFRESH,
};

/**
 * Encodes one message. An UPDATE over 4096 octets is a caller bug here: pass it through
 * `splitUpdate`/`encodeAll` first (RFC 4271 §4.1).
 */
export function encode(msg: Message, opts: EncodeOptions = {}): Uint8Array {
  const w = build(msg, opts);
  // RFC 4271 §4.1: no message may exceed 4096 octets.
  invariant(
    w.pos <= MAX_MESSAGE_LENGTH,
    () => `${msg.type} of ${w.pos} octets exceeds ${MAX_MESSAGE_LENGTH}: split it`,
  );
  return w.finish();
}

/** The message's octets when they fit in one message (RFC 4271 §4.1), else null: one build either way. */
export function encodeIfFits(msg: Message, opts: EncodeOptions = {}): Uint8Array | null {
  const w = build(msg, opts);
  return w.pos <= MAX_MESSAGE_LENGTH ? w.finish() : null;
}

/** The octets `msg` takes on the wire, with no limit check (used to decide how to split). */
export function encodedLength(msg: Message, opts: EncodeOptions = {}): number {
  return build(msg, opts).pos;
}

// Encoding is synchronous and never re-enters itself, so one growable buffer serves every call;
// `finish()` copies the result out.
const shared = new Writer(MAX_MESSAGE_LENGTH);

function build(msg: Message, opts: EncodeOptions): Writer {
  const w = shared;
  w.reset();
  for (let i = 0; i < 16; i++) w.u8(0xff);
  const lenAt = w.reserve(2);
  w.u8(TYPE_CODE[msg.type]);
  switch (msg.type) {
    case 'open':
      writeOpenBody(w, msg);
      break;
    case 'update':
      writeUpdateBody(w, msg, opts);
      break;
    case 'keepalive':
      break;
    case 'notification':
      w.u8(msg.code);
      w.u8(msg.subcode);
      w.bytes(msg.data);
      break;
    case 'route-refresh':
      w.u16(msg.afi);
      w.u8(msg.subtype ?? 0);
      w.u8(msg.safi);
      break;
    default:
      assertNever(msg, 'message');
  }
  // The length field is 16 bits; the 4096 limit is checked by `encode`.
  w.setU16(lenAt, Math.min(w.pos, 0xffff));
  return w;
}

/**
 * Checks the 19-octet header at b[at]. Returns the message length, or the Message Header Error that
 * RFC 4271 §6.1 prescribes. Shared with the Framer.
 */
export function checkHeader(
  b: Uint8Array,
  at = 0,
): { ok: true; length: number; type: number } | { ok: false; error: WireError } {
  // RFC 4271 §6.1: a marker that is not all ones → Connection Not Synchronized.
  for (let i = 0; i < 16; i++) {
    if (b[at + i] !== 0xff) {
      return {
        ok: false,
        error: wireError(ERR_MESSAGE_HEADER, HDR_CONNECTION_NOT_SYNCHRONIZED, 'marker-not-all-ones'),
      };
    }
  }
  const length = readU16(b, at + 16);
  const type = b[at + 18];
  const badLength = (reason: string) => ({
    ok: false as const,
    // RFC 4271 §6.1: Bad Message Length carries the erroneous Length field.
    error: wireError(ERR_MESSAGE_HEADER, HDR_BAD_MESSAGE_LENGTH, reason, u16Bytes(length)),
  });
  if (length < HEADER_LENGTH || length > MAX_MESSAGE_LENGTH) return badLength('length-out-of-range');
  const min = MIN_LENGTH_BY_TYPE[type];
  if (min === undefined) {
    // RFC 4271 §6.1: Bad Message Type carries the erroneous Type field.
    return {
      ok: false,
      error: wireError(ERR_MESSAGE_HEADER, HDR_BAD_MESSAGE_TYPE, 'unknown-message-type', new Uint8Array([type])),
    };
  }
  if (length < min) return badLength('length-below-type-minimum');
  // RFC 4271 §4.4: a KEEPALIVE is exactly the header.
  if (type === MSG_KEEPALIVE && length !== HEADER_LENGTH) return badLength('keepalive-length');
  return { ok: true, length, type };
}

/** Decodes exactly one whole message (as the Framer yields). Never throws. */
export function decode(bytes: Uint8Array, opts: DecodeOptions = {}): DecodeResult {
  if (bytes.length < HEADER_LENGTH) {
    // Not a whole header: report as Bad Message Length with what length there is (RFC 4271 §6.1).
    return {
      ok: false,
      error: wireError(ERR_MESSAGE_HEADER, HDR_BAD_MESSAGE_LENGTH, 'truncated-header', u16Bytes(bytes.length)),
    };
  }
  const h = checkHeader(bytes, 0);
  if (!h.ok) return h;
  if (h.length !== bytes.length) {
    return {
      ok: false,
      error: wireError(ERR_MESSAGE_HEADER, HDR_BAD_MESSAGE_LENGTH, 'length-disagrees-with-octets', u16Bytes(h.length)),
    };
  }
  const start = HEADER_LENGTH;
  const end = h.length;
  switch (h.type) {
    case MSG_OPEN:
      return readOpenBody(bytes, start, end);
    case MSG_UPDATE:
      return readUpdateBody(bytes, start, end, opts);
    case MSG_KEEPALIVE:
      return { ok: true, msg: { type: 'keepalive' } };
    case MSG_NOTIFICATION:
      return {
        ok: true,
        msg: { type: 'notification', code: bytes[start], subcode: bytes[start + 1], data: bytes.slice(start + 2, end) },
      };
    case MSG_ROUTE_REFRESH: {
      const subtype = bytes[start + 2];
      if (end !== start + 4) {
        // RFC 7313 §5: a BoRR/EoRR of the wrong length → ROUTE-REFRESH Message Error, data = the message.
        if (subtype === 1 || subtype === 2) {
          return {
            ok: false,
            error: wireError(
              ERR_ROUTE_REFRESH,
              ROUTE_REFRESH_INVALID_MESSAGE_LENGTH,
              'route-refresh-length',
              bytes.slice(),
            ),
          };
        }
        // RFC 2918 §3 fixes the length; ORF entries (RFC 5291) are not supported.
        return {
          ok: false,
          error: wireError(ERR_MESSAGE_HEADER, HDR_BAD_MESSAGE_LENGTH, 'route-refresh-length', u16Bytes(h.length)),
        };
      }
      const afi = readU16(bytes, start);
      const safi = bytes[start + 3];
      return {
        ok: true,
        msg: subtype === 0 ? { type: 'route-refresh', afi, safi } : { type: 'route-refresh', afi, safi, subtype },
      };
    }
    default:
      // checkHeader admitted only the five known types.
      return {
        ok: false,
        error: wireError(ERR_MESSAGE_HEADER, HDR_BAD_MESSAGE_TYPE, 'unknown-message-type', new Uint8Array([h.type])),
      };
  }
}
