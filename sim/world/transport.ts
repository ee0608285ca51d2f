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
import { type DecodeResult, decode, encodeAll, type Message } from '../bgp/wire/index.js';
import type { BgpEndpoint } from './bgp-endpoint.js';

export interface TransportEnv {
  /** Runs `fn` after `delay`. */
  later(delay: Duration, fn: () => void): void;
  /** Calls `pipe.deliverSegment(fromA, conn, bytes, fourOctetAs)` after `delay` (in order with `later`). */
  segmentLater(
    delay: Duration,
    pipe: Pipe,
    fromA: boolean,
    conn: ConnId,
    bytes: Uint8Array,
    fourOctetAs: boolean,
  ): void;
  onSent(from: BgpEndpoint, message: Message): void;
}

/** The link a pipe runs over (mutated in place by faults, never replaced). */
export interface PipeLink {
  readonly up: boolean;
  readonly latency: Duration;
}

/** What holds an owner's kernel state (a node); an owner without one (a router) is always up. */
export interface Kernel {
  readonly kernelUp: boolean;
}

/**
 * The octets of a message, per AS_PATH width (RFC 6793), built once per message object: a message
 * the speaker sends to a whole update group (FRR bgpd/bgp_updgrp_packet.c: one packet, queued to
 * every peer of the subgroup) is encoded once and every peer is delivered the same bytes.
 */
const encoded: readonly [WeakMap<Message, Uint8Array[]>, WeakMap<Message, Uint8Array[]>] = [
  new WeakMap(),
  new WeakMap(),
];

/** `wireOf`'s last UPDATE and AS width and their octets: an update group's message goes to each member in turn. */
let lastWireMessage: Message | undefined;
let lastWireFour = false;
let lastWire: readonly Uint8Array[] = [];

/** A KEEPALIVE is a bare header (RFC 4271 §4.4): every one is these octets, decoded once per lane. */
const KEEPALIVE_WIRE: readonly Uint8Array[] = encodeAll({ type: 'keepalive' });

function wireOf(message: Message, fourOctetAs: boolean): readonly Uint8Array[] {
  if (message.type === 'keepalive') return KEEPALIVE_WIRE;
  if (message.type !== 'update') return encodeAll(message, { fourOctetAs });
  if (message === lastWireMessage && fourOctetAs === lastWireFour) return lastWire;
  const memo = encoded[fourOctetAs ? 1 : 0];
  let bytes = memo.get(message);
  if (!bytes) {
    bytes = encodeAll(message, { fourOctetAs });
    memo.set(message, bytes);
  }
  lastWireMessage = message;
  lastWireFour = fourOctetAs;
  lastWire = bytes;
  return bytes;
}

/**
 * What the same octets decode to, per decoder options, decoded once: the peers of an update group
 * receive the same bytes, and decoding is a pure function of them. The shared result is frozen
 * (nobody may alter what another receiver also holds), which also lets the attribute store
 * remember it (rib/attributes.ts).
 */
const decoded: WeakMap<Uint8Array, DecodeResult>[] = [new WeakMap(), new WeakMap(), new WeakMap(), new WeakMap()];

/** `decodeShared`'s last octets, decoder lane and result: the members of an update group receive the same octets in turn. */
let lastDecodedBytes: Uint8Array | undefined;
let lastDecodedLane = -1;
let lastDecoded: DecodeResult | undefined;

export function decodeShared(bytes: Uint8Array, fourOctetAs: boolean, external: boolean): DecodeResult {
  const lane = (fourOctetAs ? 1 : 0) + (external ? 2 : 0);
  if (bytes === lastDecodedBytes && lane === lastDecodedLane) return lastDecoded!;
  let r: DecodeResult | undefined;
  // An OPEN's octets are new per connection: its memo is by content (decodeOpen), not by object.
  if (bytes[OPEN_TYPE_AT] === OPEN_TYPE) r = decodeOpen(bytes, lane);
  else {
    const memo = decoded[lane];
    r = memo.get(bytes);
    if (!r) {
      r = decodeFrozen(bytes, lane);
      memo.set(bytes, r);
    }
  }
  lastDecodedBytes = bytes;
  lastDecodedLane = lane;
  lastDecoded = r;
  return r;
}

const decodeFrozen = (bytes: Uint8Array, lane: number): DecodeResult => {
  const r = decode(bytes, { fourOctetAs: (lane & 1) !== 0, external: (lane & 2) !== 0 });
  if (r.ok) deepFreeze(r.msg);
  return r;
};

/** The type octet follows the 16-octet marker and the 2-octet length (RFC 4271 §4.1). */
const OPEN_TYPE_AT = 18;
const OPEN_TYPE = 1;

/**
 * OPENs by their octets: each connection's OPEN is a new message object (its own bytes), but a
 * speaker sends the same octets on every connection of every run, so they are decoded once. Bounded:
 * a long-lived page or sweep worker sees as many distinct OPENs as configurations it ran.
 */
const openByOctets: Map<string, DecodeResult>[] = [new Map(), new Map(), new Map(), new Map()];
const OPEN_MEMO_LIMIT = 4096;

function decodeOpen(bytes: Uint8Array, lane: number): DecodeResult {
  const memo = openByOctets[lane];
  const key = String.fromCharCode.apply(null, bytes as unknown as number[]);
  let r = memo.get(key);
  if (!r) {
    r = decodeFrozen(bytes, lane);
    if (memo.size >= OPEN_MEMO_LIMIT) memo.clear();
    memo.set(key, r);
  }
  return r;
}

// Recurses only into objects, and walks arrays by index: a decoded UPDATE is mostly strings.
function deepFreeze(o: object): void {
  if (Object.isFrozen(o) || o instanceof Uint8Array) return;
  Object.freeze(o);
  if (Array.isArray(o)) {
    for (const v of o) if (typeof v === 'object' && v !== null) deepFreeze(v);
  } else {
    for (const k in o) {
      const v = (o as Record<string, unknown>)[k];
      if (typeof v === 'object' && v !== null) deepFreeze(v);
    }
  }
}

export class Pipe {
  private nextConn = 1;

  constructor(
    readonly a: BgpEndpoint,
    readonly b: BgpEndpoint,
    private readonly env: TransportEnv,
    /** eBGP session (different ASes): the decoder drops a received LOCAL_PREF (RFC 4271 §5.1.5). */
    private readonly external: boolean,
    /** The link between the two owners, held here: no lookup per segment. */
    private readonly link: PipeLink,
    /** The kernels of `a`'s and `b`'s owners (undefined: a router, always up). */
    private readonly kernelA: Kernel | undefined,
    private readonly kernelB: Kernel | undefined,
  ) {}

  /** Whether the kernel under `ep` (one of the two ends) is up. */
  private kernelUp(ep: BgpEndpoint): boolean {
    const k = ep === this.a ? this.kernelA : this.kernelB;
    return k === undefined || k.kernelUp;
  }

  other(ep: BgpEndpoint): BgpEndpoint {
    return ep === this.a ? this.b : this.a;
  }

  private path(from: BgpEndpoint): { up: boolean; latency: Duration } {
    const to = this.other(from);
    return { up: this.link.up && this.kernelUp(to), latency: this.link.latency };
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
      from.addConn(conn);
      from.input({ type: 'tcp-established', conn, outbound: true });
    });
    this.env.later((3 * latency) as Duration, () => {
      if (to.incarnation !== toIncarnation || !to.running || !this.path(from).up) return;
      to.addConn(conn);
      to.input({ type: 'tcp-established', conn, outbound: false });
    });
  }

  send(from: BgpEndpoint, conn: ConnId, message: Message, fourOctetAs: boolean): void {
    this.env.onSent(from, message);
    if (!from.hasConn(conn)) return;
    const link = this.link;
    if (!link.up || !this.kernelUp(this.other(from))) return;
    const latency = link.latency;
    // An UPDATE larger than 4096 octets goes out as several messages (RFC 4271 §4).
    const fromA = from === this.a;
    for (const bytes of wireOf(message, fourOctetAs))
      this.env.segmentLater(latency, this, fromA, conn, bytes, fourOctetAs);
  }

  /** A segment sent by `a` (fromA) or `b` arrives (scheduled by `send`). */
  deliverSegment(fromA: boolean, conn: ConnId, bytes: Uint8Array, fourOctetAs: boolean): void {
    if (fromA) this.deliver(this.a, this.b, conn, bytes, fourOctetAs);
    else this.deliver(this.b, this.a, conn, bytes, fourOctetAs);
  }

  /**
   * A message sent earlier (already in the trace) still on the wire: it arrives after `delay`, as
   * `send` would have delivered it (an implied KEEPALIVE in flight when its pair resumes).
   */
  inject(from: BgpEndpoint, conn: ConnId, message: Message, fourOctetAs: boolean, delay: Duration): void {
    const to = this.other(from);
    for (const bytes of wireOf(message, fourOctetAs)) {
      this.env.later(delay, () => this.deliver(from, to, conn, bytes, fourOctetAs));
    }
  }

  private deliver(from: BgpEndpoint, to: BgpEndpoint, conn: ConnId, bytes: Uint8Array, fourOctetAs: boolean): void {
    if (!this.link.up || !this.kernelUp(to)) return;
    if (!to.hasConn(conn) || !to.running) {
      // The receiving kernel no longer has this connection: it answers with RST.
      this.reset(from, conn);
      return;
    }
    const r = decodeShared(bytes, fourOctetAs, this.external);
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
    if (!from.deleteConn(conn)) return;
    const to = this.other(from);
    const { up, latency } = this.path(from);
    if (!up) return;
    this.env.later(latency, () => {
      if (!this.link.up || !this.kernelUp(to)) return;
      if (to.deleteConn(conn)) to.input({ type: 'tcp-closed', conn });
    });
  }

  private reset(to: BgpEndpoint, conn: ConnId): void {
    const latency = this.link.latency;
    this.env.later(latency, () => {
      if (!this.link.up || !this.kernelUp(to)) return;
      if (to.deleteConn(conn)) to.input({ type: 'tcp-closed', conn });
    });
  }

  /** The process of `ep` died on a live kernel: the kernel closes every connection it held. */
  processDied(ep: BgpEndpoint): void {
    for (const conn of ep.conns()) this.close(ep, conn);
  }

  /** The kernel of `ep` died: its connections vanish without a word. */
  kernelDied(ep: BgpEndpoint): void {
    ep.clearConns();
  }
}
