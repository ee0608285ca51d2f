/**
 * Sans-IO message framing over a byte stream (RFC 4271 §4.1): feed arbitrary chunks as the transport
 * delivers them, get back whole messages. The header is checked as soon as its 19 octets are in, so a
 * desynchronised or oversized stream is reported without waiting for a body that may never come
 * (RFC 4271 §6.1). After a header error the stream is unusable and the framer stays failed.
 */
import { checkHeader } from './codec.js';
import type { WireError } from './decode-result.js';
import { HEADER_LENGTH } from './message.js';

export type FrameOutput = { type: 'frame'; bytes: Uint8Array } | { type: 'error'; error: WireError };

export class Framer {
  private buf = new Uint8Array(4096);
  private start = 0;
  private end = 0;
  private failed: WireError | undefined;

  /** The header error that stopped this framer, if any. */
  get error(): WireError | undefined {
    return this.failed;
  }

  /** Octets buffered towards an incomplete message. */
  get pending(): number {
    return this.end - this.start;
  }

  /** Appends a chunk and returns every message it completes, then at most one error (which is final). */
  push(chunk: Uint8Array): FrameOutput[] {
    if (this.failed) return [];
    this.append(chunk);
    const out: FrameOutput[] = [];
    while (this.end - this.start >= HEADER_LENGTH) {
      const h = checkHeader(this.buf, this.start);
      if (!h.ok) {
        this.failed = h.error;
        this.start = this.end = 0;
        out.push({ type: 'error', error: h.error });
        break;
      }
      if (this.end - this.start < h.length) break;
      out.push({ type: 'frame', bytes: this.buf.slice(this.start, this.start + h.length) });
      this.start += h.length;
    }
    if (this.start === this.end) this.start = this.end = 0;
    return out;
  }

  private append(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.buf.length) {
      const live = this.end - this.start;
      let size = this.buf.length;
      while (size < live + chunk.length) size *= 2;
      if (size === this.buf.length) {
        this.buf.copyWithin(0, this.start, this.end);
      } else {
        const next = new Uint8Array(size);
        next.set(this.buf.subarray(this.start, this.end));
        this.buf = next;
      }
      this.start = 0;
      this.end = live;
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
  }
}
