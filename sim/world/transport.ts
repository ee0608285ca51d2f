/**
 * TCP between the two sides of one BGP session, over a link with latency. What matters for GR is
 * what each side's kernel does when the other side fails:
 * - the peer process died on a live kernel → its kernel sends FIN (or RST to later segments), so the
 *   other side sees `tcp-closed` one latency later (RFC 4271 Event 18);
 * - the peer node or the link died → nothing at all arrives; only the hold timer or BFD notices;
 * - a connection attempt to a live kernel with nothing listening is refused (RST) after one RTT.
 * Segments sent while the link is down are lost (we do not model TCP retransmission: the BGP hold
 * timer, which is what GR cares about, is far longer than TCP's retransmission of a few packets).
 */
import type { Duration } from '../base/time.js';
import { acceptsConnection, type ConnId } from '../bgp/session/index.js';
import { decode, encodeAll, type Message } from '../bgp/wire/index.js';
import type { BgpEndpoint } from './bgp-endpoint.js';

export interface TransportEnv {
  /** Whether the kernel of `owner` (a node or router) is up. */
  kernelUp(owner: string): boolean;
  linkUp(a: string, b: string): boolean;
  latency(a: string, b: string): Duration;
  /** Runs `fn` after `delay`. */
  later(delay: Duration, fn: () => void): void;
  onSent(from: BgpEndpoint, message: Message): void;
}

export class Pipe {
  private nextConn = 1;

  constructor(
    readonly a: BgpEndpoint,
    readonly b: BgpEndpoint,
    private readonly env: TransportEnv,
    /** eBGP session (different ASes): the decoder drops a received LOCAL_PREF (RFC 4271 §5.1.5). */
    private readonly external: boolean,
  ) {}

  other(ep: BgpEndpoint): BgpEndpoint {
    return ep === this.a ? this.b : this.a;
  }

  private path(from: BgpEndpoint): { up: boolean; latency: Duration } {
    const to = this.other(from);
    return {
      up: this.env.linkUp(from.owner, to.owner) && this.env.kernelUp(to.owner),
      latency: this.env.latency(from.owner, to.owner),
    };
  }

  /** `tcp-connect` from `from`: SYN, then SYN-ACK/ACK or RST, or silence. */
  connect(from: BgpEndpoint): void {
    const to = this.other(from);
    const { up, latency } = this.path(from);
    if (!up) return; // SYN lost: the FSM's ConnectRetry timer handles it (RFC 4271 §8.2.2)
    const incarnation = from.incarnation;
    const listening = to.state !== null && acceptsConnection(to.state);
    if (!listening) {
      // RST from a live kernel with no BGP listener: Event 18 after one round trip.
      this.env.later((2 * latency) as Duration, () => {
        if (from.incarnation === incarnation) from.input({ type: 'tcp-connection-fails' });
      });
      return;
    }
    const conn = this.nextConn++;
    const toIncarnation = to.incarnation;
    // The passive side completes the handshake at 1.5 RTT (it sees the final ACK), the active at 1 RTT.
    this.env.later((2 * latency) as Duration, () => {
      if (from.incarnation !== incarnation || !this.path(to).up) return;
      from.openConns.add(conn);
      from.input({ type: 'tcp-established', conn, outbound: true });
    });
    this.env.later((3 * latency) as Duration, () => {
      if (to.incarnation !== toIncarnation || !to.running || !this.path(from).up) return;
      to.openConns.add(conn);
      to.input({ type: 'tcp-established', conn, outbound: false });
    });
  }

  send(from: BgpEndpoint, conn: ConnId, message: Message, fourOctetAs: boolean): void {
    this.env.onSent(from, message);
    if (!from.openConns.has(conn)) return;
    const { up, latency } = this.path(from);
    if (!up) return;
    const to = this.other(from);
    // An UPDATE larger than 4096 octets goes out as several messages (RFC 4271 §4).
    for (const bytes of encodeAll(message, { fourOctetAs })) {
      this.env.later(latency, () => this.deliver(from, to, conn, bytes, fourOctetAs));
    }
  }

  private deliver(from: BgpEndpoint, to: BgpEndpoint, conn: ConnId, bytes: Uint8Array, fourOctetAs: boolean): void {
    if (!this.env.linkUp(from.owner, to.owner) || !this.env.kernelUp(to.owner)) return;
    if (!to.openConns.has(conn) || !to.running) {
      // The receiving kernel no longer has this connection: it answers with RST.
      this.reset(to, from, conn);
      return;
    }
    const r = decode(bytes, { fourOctetAs, external: this.external });
    if (r.ok) to.input({ type: 'message', conn, message: r.msg });
    else {
      to.input({
        type: 'decode-error',
        conn,
        notification: { type: 'notification', code: r.error.code, subcode: r.error.subcode, data: r.error.data },
      });
    }
  }

  /** `tcp-close` (or the kernel closing after the process died): FIN to the other side. */
  close(from: BgpEndpoint, conn: ConnId): void {
    if (!from.openConns.delete(conn)) return;
    const to = this.other(from);
    const { up, latency } = this.path(from);
    if (!up) return;
    this.env.later(latency, () => {
      if (!this.env.linkUp(from.owner, to.owner) || !this.env.kernelUp(to.owner)) return;
      if (to.openConns.delete(conn)) to.input({ type: 'tcp-closed', conn });
    });
  }

  private reset(from: BgpEndpoint, to: BgpEndpoint, conn: ConnId): void {
    const latency = this.env.latency(from.owner, to.owner);
    this.env.later(latency, () => {
      if (!this.env.linkUp(from.owner, to.owner) || !this.env.kernelUp(to.owner)) return;
      if (to.openConns.delete(conn)) to.input({ type: 'tcp-closed', conn });
    });
  }

  /** The process of `ep` died on a live kernel: the kernel closes every connection it held. */
  processDied(ep: BgpEndpoint): void {
    for (const conn of [...ep.openConns]) this.close(ep, conn);
  }

  /** The kernel of `ep` died: its connections vanish without a word. */
  kernelDied(ep: BgpEndpoint): void {
    ep.openConns.clear();
  }
}
