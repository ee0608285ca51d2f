/**
 * One real TCP connection of a BGP session: bytes in through the wire framer and decoder (RFC 4271
 * §4.1 header checks), messages out through the encoder (an UPDATE over 4096 octets split, §4).
 * Stimuli: close with FIN (`socket.end()`), RST (`socket.resetAndDestroy()`), freeze (stop reading
 * and sending: writes are held, as TCP would retransmit them once the path is back), and the dead
 * kernel of a crashed host (answers the peer's next segment with RST).
 */
import type { Socket } from 'node:net';
import { type ConnId, decode, encodeAll, Framer, type Message, type NotificationMessage } from '../sim/index.js';

export interface ConnectionEvents {
  message(m: Message): void;
  decodeError(n: NotificationMessage): void;
  /** FIN or RST from the peer, or a socket error: RFC 4271 Event 18. Called once. */
  closed(): void;
}

export class Connection {
  private readonly framer = new Framer();
  private frozen = false;
  private held: Uint8Array[] = [];
  private done = false;
  private deadKernel = false;

  constructor(
    readonly id: ConnId,
    readonly socket: Socket,
    /** eBGP: the decoder drops a received LOCAL_PREF (RFC 4271 §5.1.5). */
    private readonly external: boolean,
    private events: ConnectionEvents,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.onClosed());
    socket.on('close', () => this.onClosed());
    socket.on('error', () => this.onClosed());
  }

  get open(): boolean {
    return !this.done;
  }

  private onData(chunk: Buffer): void {
    if (this.deadKernel) {
      // A rebooted host has no such connection: its kernel answers with RST (RFC 793 §3.4).
      this.reset();
      return;
    }
    if (this.done) return;
    for (const f of this.framer.push(new Uint8Array(chunk))) {
      if (f.type === 'error') {
        this.events.decodeError({
          type: 'notification',
          code: f.error.code,
          subcode: f.error.subcode,
          data: f.error.data,
        });
        return;
      }
      // The 4-octet AS capability decides AS_PATH width; both sides of these sessions announce it.
      const r = decode(f.bytes, { fourOctetAs: this.fourOctetAs, external: this.external });
      if (r.ok) this.events.message(r.msg);
      else
        this.events.decodeError({
          type: 'notification',
          code: r.error.code,
          subcode: r.error.subcode,
          data: r.error.data,
        });
      if (this.done) return;
    }
  }

  /** Set from the session's OPENs before each send and receive (RFC 6793). */
  fourOctetAs = true;

  private onClosed(): void {
    if (this.done) return;
    this.done = true;
    if (!this.deadKernel) this.events.closed();
  }

  send(m: Message, fourOctetAs: boolean): void {
    if (this.done) return;
    for (const bytes of encodeAll(m, { fourOctetAs })) {
      if (this.frozen) this.held.push(bytes);
      else this.socket.write(bytes);
    }
  }

  /** Our side closes: FIN after what was written. */
  close(): void {
    if (this.done) return;
    this.done = true;
    this.socket.end();
  }

  /** RST at once, unsent data discarded. */
  reset(): void {
    this.done = true;
    if (!this.socket.destroyed) this.socket.resetAndDestroy();
  }

  /** Stop reading and sending (a hung process, a link down): the peer hears nothing. */
  freeze(): void {
    this.frozen = true;
    this.socket.pause();
  }

  thaw(): void {
    this.frozen = false;
    for (const b of this.held) this.socket.write(b);
    this.held = [];
    this.socket.resume();
  }

  /**
   * The host crashed and came back: this connection is unknown to the new kernel, so nothing is
   * reported to anyone, and the peer's next segment is answered with RST.
   */
  orphan(): void {
    this.deadKernel = true;
    this.done = true;
    this.held = [];
    this.events = { message() {}, decodeError() {}, closed() {} };
    this.frozen = false;
    this.socket.resume();
  }
}
