/**
 * A growable big-endian octet writer (network byte order, RFC 4271 §4). Length fields are written as
 * placeholders and patched once the body is known, so a message is built in one pass.
 */
import { SimInvariantError } from '../../base/assert.js';

// Range checks throw directly rather than through invariant(): a message closure per octet written
// would dominate the cost of encoding.
function outOfRange(what: string, v: number): never {
  throw new SimInvariantError(`${what} out of range: ${v}`);
}

export class Writer {
  buf: Uint8Array;
  pos = 0;

  constructor(initial = 256) {
    this.buf = new Uint8Array(initial);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  u8(v: number): void {
    if (!(v >= 0 && v <= 0xff && (v | 0) === v)) outOfRange('u8', v);
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  u16(v: number): void {
    if (!(v >= 0 && v <= 0xffff && (v | 0) === v)) outOfRange('u16', v);
    this.ensure(2);
    this.buf[this.pos++] = v >>> 8;
    this.buf[this.pos++] = v & 0xff;
  }

  u24(v: number): void {
    if (!(v >= 0 && v <= 0xffffff && (v | 0) === v)) outOfRange('u24', v);
    this.ensure(3);
    this.buf[this.pos++] = v >>> 16;
    this.buf[this.pos++] = (v >>> 8) & 0xff;
    this.buf[this.pos++] = v & 0xff;
  }

  u32(v: number): void {
    if (!(v >= 0 && v <= 0xffffffff && Math.floor(v) === v)) outOfRange('u32', v);
    this.ensure(4);
    this.buf[this.pos++] = v >>> 24;
    this.buf[this.pos++] = (v >>> 16) & 0xff;
    this.buf[this.pos++] = (v >>> 8) & 0xff;
    this.buf[this.pos++] = v & 0xff;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Copies src[0, n) without making a view of it. */
  copy(src: Uint8Array, n: number): void {
    this.ensure(n);
    for (let i = 0; i < n; i++) this.buf[this.pos + i] = src[i];
    this.pos += n;
  }

  /** Starts over, keeping the buffer (one shared writer serves every top-level encode). */
  reset(): void {
    this.pos = 0;
  }

  /** Reserves `n` octets (zeroed) and returns their offset, for a length patched later. */
  reserve(n: number): number {
    this.ensure(n);
    const at = this.pos;
    this.buf.fill(0, at, at + n);
    this.pos += n;
    return at;
  }

  setU8(at: number, v: number): void {
    if (!(v >= 0 && v <= 0xff)) outOfRange('one-octet length', v);
    this.buf[at] = v;
  }

  setU16(at: number, v: number): void {
    if (!(v >= 0 && v <= 0xffff)) outOfRange('two-octet length', v);
    this.buf[at] = v >>> 8;
    this.buf[at + 1] = v & 0xff;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

export function readU16(b: Uint8Array, at: number): number {
  return (b[at] << 8) | b[at + 1];
}

export function readU24(b: Uint8Array, at: number): number {
  return (b[at] << 16) | (b[at + 1] << 8) | b[at + 2];
}

export function readU32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

export function u16Bytes(v: number): Uint8Array {
  return new Uint8Array([(v >>> 8) & 0xff, v & 0xff]);
}
