/**
 * Wire codec of the BFD Control packet (RFC 5880 §4.1) and the reception checks of §6.8.6 that
 * need no session.
 *
 * `decode` never throws: a malformed or unacceptable packet yields the stable kebab-case reason it
 * is discarded for, which the driver records in the trace. `checkReceived` runs the same
 * stateless checks on a packet object, so a driver that hands packets over as objects (no bytes)
 * still discards exactly what the wire would. `encode` throws only on a packet we could never have
 * built (a field out of its wire range): that is our bug, not the peer's.
 */
import { invariant } from '../base/assert.js';
import { us } from '../base/time.js';
import { BFD_MANDATORY_LENGTH, BFD_STATE_CODE, BFD_STATES, type BfdControlPacket, type BfdState } from './packet.js';

export type BfdDiscardReason =
  | 'truncated'
  | 'bad-version'
  | 'length-too-short'
  | 'length-exceeds-payload'
  | 'detect-mult-zero'
  | 'multipoint-set'
  | 'my-discriminator-zero'
  | 'your-discriminator-zero-not-down'
  // The two below need the session (§6.8.6) and are raised by `session.ts`.
  | 'your-discriminator-unknown'
  | 'authentication-mismatch';

export type BfdDecodeResult =
  | { readonly ok: true; readonly packet: BfdControlPacket }
  | { readonly ok: false; readonly reason: BfdDiscardReason };

const BIT_P = 0x20;
const BIT_F = 0x10;
const BIT_C = 0x08;
const BIT_A = 0x04;
const BIT_D = 0x02;
const BIT_M = 0x01;
const UINT32_MAX = 0xffff_ffff;

export function encode(p: BfdControlPacket): Uint8Array {
  const authLen = p.auth?.length ?? 0;
  const length = BFD_MANDATORY_LENGTH + authLen;
  invariant(p.version >= 0 && p.version <= 7, () => `BFD version ${p.version} does not fit 3 bits`);
  invariant(p.diag >= 0 && p.diag <= 31, () => `BFD diag ${p.diag} does not fit 5 bits`);
  invariant(p.detectMult >= 0 && p.detectMult <= 255, () => `BFD detect mult ${p.detectMult} does not fit 8 bits`);
  invariant(length <= 255, () => `BFD packet length ${length} does not fit 8 bits`);
  for (const [name, v] of [
    ['my discriminator', p.myDiscriminator],
    ['your discriminator', p.yourDiscriminator],
    ['desired min TX', p.desiredMinTx],
    ['required min RX', p.requiredMinRx],
    ['required min echo RX', p.requiredMinEchoRx],
  ] as const) {
    invariant(Number.isInteger(v) && v >= 0 && v <= UINT32_MAX, () => `BFD ${name} ${v} does not fit 32 bits`);
  }
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  out[0] = (p.version << 5) | p.diag;
  out[1] =
    (BFD_STATE_CODE[p.state] << 6) |
    (p.poll ? BIT_P : 0) |
    (p.final ? BIT_F : 0) |
    (p.controlPlaneIndependent ? BIT_C : 0) |
    (p.auth ? BIT_A : 0) |
    (p.demand ? BIT_D : 0) |
    (p.multipoint ? BIT_M : 0);
  out[2] = p.detectMult;
  out[3] = length;
  view.setUint32(4, p.myDiscriminator);
  view.setUint32(8, p.yourDiscriminator);
  view.setUint32(12, p.desiredMinTx);
  view.setUint32(16, p.requiredMinRx);
  view.setUint32(20, p.requiredMinEchoRx);
  if (p.auth) out.set(p.auth, BFD_MANDATORY_LENGTH);
  return out;
}

export function decode(bytes: Uint8Array): BfdDecodeResult {
  if (bytes.length < BFD_MANDATORY_LENGTH) return { ok: false, reason: 'truncated' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[0] >> 5;
  // RFC 5880 §6.8.6: "If the version number is not correct (1), the packet MUST be discarded."
  if (version !== 1) return { ok: false, reason: 'bad-version' };
  const flags = bytes[1];
  const hasAuth = (flags & BIT_A) !== 0;
  const length = bytes[3];
  // RFC 5880 §6.8.6: Length below 24 (A clear) or 26 (A set) is discarded.
  if (length < (hasAuth ? BFD_MANDATORY_LENGTH + 2 : BFD_MANDATORY_LENGTH)) {
    return { ok: false, reason: 'length-too-short' };
  }
  // RFC 5880 §6.8.6: Length larger than the encapsulating payload is discarded.
  if (length > bytes.length) return { ok: false, reason: 'length-exceeds-payload' };
  const packet: BfdControlPacket = {
    version,
    diag: bytes[0] & 0x1f,
    state: BFD_STATES[flags >> 6] as BfdState,
    poll: (flags & BIT_P) !== 0,
    final: (flags & BIT_F) !== 0,
    controlPlaneIndependent: (flags & BIT_C) !== 0,
    demand: (flags & BIT_D) !== 0,
    multipoint: (flags & BIT_M) !== 0,
    detectMult: bytes[2],
    myDiscriminator: view.getUint32(4),
    yourDiscriminator: view.getUint32(8),
    desiredMinTx: us(view.getUint32(12)),
    requiredMinRx: us(view.getUint32(16)),
    requiredMinEchoRx: us(view.getUint32(20)),
    auth: hasAuth ? bytes.slice(BFD_MANDATORY_LENGTH, length) : null,
  };
  const reason = checkReceived(packet);
  return reason === null ? { ok: true, packet } : { ok: false, reason };
}

/**
 * The session-independent reception checks of RFC 5880 §6.8.6, in the RFC's order, on a packet
 * object. Returns why it must be discarded, or null when it may go on to the session.
 */
export function checkReceived(p: BfdControlPacket): BfdDiscardReason | null {
  if (p.version !== 1) return 'bad-version';
  if (p.auth !== null && p.auth.length < 2) return 'length-too-short';
  // RFC 5880 §6.8.6: "If the Detect Mult field is zero, the packet MUST be discarded."
  if (p.detectMult === 0) return 'detect-mult-zero';
  // RFC 5880 §6.8.6: "If the Multipoint (M) bit is nonzero, the packet MUST be discarded."
  if (p.multipoint) return 'multipoint-set';
  // RFC 5880 §6.8.6: "If the My Discriminator field is zero, the packet MUST be discarded."
  if (p.myDiscriminator === 0) return 'my-discriminator-zero';
  // RFC 5880 §6.8.6: Your Discriminator zero is only acceptable while the sender is Down or AdminDown.
  if (p.yourDiscriminator === 0 && p.state !== 'Down' && p.state !== 'AdminDown') {
    return 'your-discriminator-zero-not-down';
  }
  return null;
}
