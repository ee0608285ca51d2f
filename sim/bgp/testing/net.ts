/**
 * A small test network for BGP speakers: nodes with one address each, point-to-point links with
 * latency, loss (as TCP retransmission delay) and blackholing, and a bounded drive loop over virtual
 * time. No engine: a sorted event list and each speaker's `speakerNextDeadline`. TCP is modelled as
 * far as BGP can see it: connect (refused with RST by a live kernel without a listener), in-order
 * delivery, FIN on close, RST for a message that reaches a restarted process, silence from a dead node.
 *
 * Used by the session, GR and conformance tests; `Pair` is the two-speaker case.
 */
import { invariant } from '../../base/assert.js';
import { formatTime, ms, NEVER, type Time } from '../../base/time.js';
import type { PeerConfigInput } from '../profile/profile.js';
import { mustResolve } from '../profile/registry.js';
import type { RouteState } from '../rib/adj-rib-in.js';
import type { Family } from '../rib/family.js';
import type { FsmState } from '../session/fsm-table.js';
import type { SessionInput } from '../session/types.js';
import {
  createSpeaker,
  type SpeakerConfig,
  type SpeakerInput,
  type SpeakerOutput,
  type SpeakerState,
  speakerNextDeadline,
  speakerStep,
} from '../speaker/speaker.js';
import { decode, encode } from '../wire/codec.js';
import type { Message, NotificationMessage, PathAttributes } from '../wire/message.js';

export interface OriginateSpec {
  readonly prefix: string;
  readonly family?: Family;
  readonly communities?: number[];
  readonly med?: number;
}

export interface NodeSpec {
  readonly name: string;
  readonly asn: number;
  readonly routerId: string;
  readonly address: string;
  /** Peer node name → that session's config (profile + overrides). */
  readonly peers: Readonly<Record<string, PeerConfigInput>>;
  readonly originate?: readonly OriginateSpec[];
  readonly maximumPaths?: number;
  readonly multipathRelax?: boolean;
  /** RIB-only peers (no session), e.g. a router's upstream peers. */
  readonly ribOnlyPeers?: SpeakerConfig['ribOnlyPeers'];
}

type Liveness = 'up' | 'process-down' | 'down';

interface NodeRt {
  spec: NodeSpec;
  speaker: SpeakerState;
  gen: number;
  live: Liveness;
  /** Forwarding table kept by the node's kernel (survives a process restart). */
  fib: Map<string, readonly string[]>;
}

interface Conn {
  readonly id: number;
  /** The connecting (active) side and the accepting side. */
  readonly ends: readonly [string, string];
  readonly gens: [number, number];
  open: boolean;
}

type Ev =
  | { kind: 'input'; node: string; gen: number; input: SpeakerInput }
  | { kind: 'syn'; from: string; to: string; gen: number }
  | { kind: 'msg'; conn: number; to: string; message: Message }
  | { kind: 'bad'; conn: number; to: string; notification: NotificationMessage }
  | { kind: 'fin'; conn: number; to: string };

interface Scheduled {
  at: Time;
  seq: number;
  ev: Ev;
}

export interface LogEntry {
  readonly at: Time;
  readonly node: string;
  readonly out: SpeakerOutput;
}

export interface NetOptions {
  /** One-way latency of every link (default 1 ms). */
  readonly latency?: Time;
  /** Probability that a segment is lost once (TCP retransmits after `rto`). */
  readonly loss?: number;
  readonly rto?: Time;
  readonly seed?: number;
  /** Uniform source for RFC 4271 jitter; default a constant 1 (no jitter) for exact expectations. */
  readonly uniform?: () => number;
  /** Send every message through the wire codec (encode, then decode at the receiver). */
  readonly wire?: boolean;
}

/** mulberry32: a tiny deterministic PRNG for the loss knob. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Net {
  now: Time = 0 as Time;
  readonly log: LogEntry[] = [];
  private readonly nodes = new Map<string, NodeRt>();
  private readonly blackholed = new Set<string>();
  private readonly conns = new Map<number, Conn>();
  private nextConn = 1;
  private seq = 0;
  private queue: Scheduled[] = [];
  private readonly latency: Time;
  private readonly loss: number;
  private readonly rto: Time;
  private readonly rand: () => number;
  private readonly uniform: () => number;
  private readonly wire: boolean;
  /** Octets sent through the codec when `wire` is on. */
  wireBytes = 0;

  constructor(o: NetOptions = {}) {
    this.latency = o.latency ?? ms(1);
    this.loss = o.loss ?? 0;
    this.rto = o.rto ?? ms(200);
    this.rand = prng(o.seed ?? 1);
    this.uniform = o.uniform ?? (() => 1 - Number.EPSILON);
    this.wire = o.wire ?? false;
  }

  // -------------------------------------------------------------------------------------------
  // Building and faults

  add(spec: NodeSpec, o: { restarting?: boolean; start?: boolean } = {}): this {
    invariant(!this.nodes.has(spec.name), `duplicate node ${spec.name}`);
    const rt: NodeRt = { spec, speaker: this.build(spec, o.restarting ?? false), gen: 1, live: 'up', fib: new Map() };
    this.nodes.set(spec.name, rt);
    this.originateAll(rt);
    if (o.start !== false) this.startAll(spec.name);
    return this;
  }

  private build(spec: NodeSpec, restarting: boolean): SpeakerState {
    const peers = Object.entries(spec.peers).map(([id, cfg]) => {
      const other = this.nodes.get(id)?.spec;
      return {
        id,
        asn: other?.asn ?? this.pendingAsn(id),
        address: other?.address ?? this.pendingAddress(id),
        localAddress: spec.address,
        localAddress6: v6(spec.address),
        config: mustResolve(cfg),
      };
    });
    return createSpeaker({
      config: {
        name: spec.name,
        localAs: spec.asn,
        routerId: spec.routerId,
        peers,
        maximumPaths: spec.maximumPaths,
        multipathRelax: spec.multipathRelax,
        ribOnlyPeers: spec.ribOnlyPeers,
        restarting,
      },
      now: this.now,
      uniform: () => this.uniform,
    });
  }

  private readonly declared = new Map<string, { asn: number; address: string }>();
  /** Declare node identities up front so speakers can be built in any order. */
  declare(name: string, asn: number, address: string): this {
    this.declared.set(name, { asn, address });
    return this;
  }
  private pendingAsn(id: string): number {
    const d = this.declared.get(id);
    invariant(d, `peer ${id} unknown: add it first or declare() it`);
    return d.asn;
  }
  private pendingAddress(id: string): string {
    return this.declared.get(id)!.address;
  }

  private originateAll(rt: NodeRt): void {
    for (const o of rt.spec.originate ?? []) this.originate(rt.spec.name, o);
  }

  originate(node: string, o: OriginateSpec): void {
    const rt = this.node(node);
    const family = o.family ?? 'ipv4-unicast';
    const attributes: PathAttributes =
      family === 'ipv6-unicast'
        ? { origin: 0, asPath: [], mpReach: { afi: 2, safi: 1, nextHop: v6(rt.spec.address), nlri: [] } }
        : { origin: 0, asPath: [], nextHop: rt.spec.address };
    if (o.communities) attributes.communities = [...o.communities];
    if (o.med !== undefined) attributes.med = o.med;
    this.apply(rt, speakerStep(rt.speaker, { type: 'originate', family, prefix: o.prefix, attributes }, this.now));
  }

  withdraw(node: string, prefix: string, family: Family = 'ipv4-unicast'): void {
    const rt = this.node(node);
    this.apply(rt, speakerStep(rt.speaker, { type: 'withdraw-originated', family, prefix }, this.now));
  }

  startAll(node: string): void {
    const rt = this.node(node);
    for (const peer of rt.speaker.order) this.input(node, peer, { type: 'manual-start' });
  }

  /** Feed a session input (admin action, BFD down) at the current time. */
  input(node: string, peer: string, input: SessionInput): void {
    const rt = this.node(node);
    if (rt.live !== 'up') return;
    this.apply(rt, speakerStep(rt.speaker, { type: 'session', peer, input }, this.now));
  }

  /** The BGP process dies; its kernel closes every connection (FIN/RST to the peers). Forwarding stays. */
  crashProcess(node: string): void {
    const rt = this.node(node);
    rt.live = 'process-down';
    for (const c of this.conns.values()) {
      const i = c.ends.indexOf(node);
      if (i < 0 || !c.open || c.gens[i] !== rt.gen) continue;
      c.open = false;
      const other = c.ends[1 - i];
      this.schedule(this.latency, { kind: 'fin', conn: c.id, to: other }, node, other);
    }
  }

  /** The BGP process stops in an orderly way (SIGTERM): sessions send what their profile sends, then it exits. */
  stopProcess(node: string): void {
    const rt = this.node(node);
    for (const peer of rt.speaker.order) this.input(node, peer, { type: 'process-stop' });
    this.crashProcess(node);
  }

  /** The whole node dies: no FIN, no RST, nothing; its forwarding is gone. */
  crashNode(node: string): void {
    const rt = this.node(node);
    rt.live = 'down';
    rt.fib.clear();
  }

  /**
   * Start a new BGP process on the node (after crashProcess/stopProcess/crashNode). `restarting`
   * makes it a restarting speaker (RFC 4724 §4.1); `spec` overrides the node's config.
   */
  restart(node: string, o: { restarting?: boolean; spec?: Partial<NodeSpec>; start?: boolean } = {}): void {
    const rt = this.node(node);
    if (o.spec) rt.spec = { ...rt.spec, ...o.spec };
    rt.gen++;
    rt.live = 'up';
    rt.speaker = this.build(rt.spec, o.restarting ?? true);
    this.originateAll(rt);
    if (o.start !== false) this.startAll(node);
  }

  /** Silently drop everything between a and b (both directions). */
  blackhole(a: string, b: string, on = true): void {
    const k = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (on) this.blackholed.add(k);
    else this.blackholed.delete(k);
  }

  private isBlackholed(a: string, b: string): boolean {
    return this.blackholed.has(a < b ? `${a}|${b}` : `${b}|${a}`);
  }

  // -------------------------------------------------------------------------------------------
  // Running

  runFor(d: Time, maxEvents = 200_000): void {
    this.runUntil((this.now + d) as Time, maxEvents);
  }

  runUntil(t: Time, maxEvents = 200_000): void {
    for (let n = 0; ; n++) {
      invariant(n < maxEvents, () => `drive loop did not settle by ${formatTime(this.now)}`);
      let best: NodeRt | undefined;
      let bestAt = NEVER;
      for (const rt of this.nodes.values()) {
        if (rt.live !== 'up') continue;
        const d = speakerNextDeadline(rt.speaker);
        if (d < bestAt) {
          bestAt = d;
          best = rt;
        }
      }
      const head = this.queue[0];
      if (head && head.at <= bestAt) {
        if (head.at > t) break;
        this.queue.shift();
        this.now = head.at;
        this.dispatch(head.ev);
      } else if (best && bestAt <= t) {
        this.now = bestAt;
        this.apply(best, speakerStep(best.speaker, { type: 'tick' }, this.now));
      } else break;
    }
    this.now = t;
  }

  /** Run in `step` increments until `pred()` holds; returns the time it first held (bounded by `limit`). */
  runUntilTrue(pred: () => boolean, limit: Time, step: Time = ms(1)): Time {
    const end = this.now + limit;
    while (!pred()) {
      invariant(this.now < end, () => `condition not reached by ${formatTime(this.now)}`);
      this.runFor(step);
    }
    return this.now;
  }

  private schedule(delay: Time, ev: Ev, from?: string, to?: string): void {
    if (from && to && this.isBlackholed(from, to)) return;
    let at = this.now + delay;
    if (this.loss > 0) while (this.rand() < this.loss) at += this.rto;
    const item = { at: at as Time, seq: this.seq++, ev };
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const q = this.queue[mid];
      if (q.at < item.at || (q.at === item.at && q.seq < item.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, item);
  }

  private dispatch(ev: Ev): void {
    switch (ev.kind) {
      case 'input': {
        const rt = this.node(ev.node);
        if (rt.live === 'up' && rt.gen === ev.gen) this.apply(rt, speakerStep(rt.speaker, ev.input, this.now));
        return;
      }
      case 'syn': {
        const to = this.node(ev.to);
        if (to.live === 'down') return;
        const session = to.live === 'up' ? to.speaker.sessions.get(ev.from) : undefined;
        if (!session || session.fsm === 'Idle') {
          // A live kernel without a listener answers RST.
          this.schedule(
            this.latency,
            { kind: 'input', node: ev.from, gen: ev.gen, input: sessionInput(ev.to, { type: 'tcp-connection-fails' }) },
            ev.to,
            ev.from,
          );
          return;
        }
        const c: Conn = { id: this.nextConn++, ends: [ev.from, ev.to], gens: [ev.gen, to.gen], open: true };
        this.conns.set(c.id, c);
        // The SYN-ACK is on its way before the acceptor's OPEN.
        this.schedule(
          this.latency,
          {
            kind: 'input',
            node: ev.from,
            gen: ev.gen,
            input: sessionInput(ev.to, { type: 'tcp-established', conn: c.id, outbound: true }),
          },
          ev.to,
          ev.from,
        );
        this.apply(
          to,
          speakerStep(
            to.speaker,
            { type: 'session', peer: ev.from, input: { type: 'tcp-established', conn: c.id, outbound: false } },
            this.now,
          ),
        );
        return;
      }
      case 'msg': {
        const c = this.conns.get(ev.conn)!;
        const i = c.ends.indexOf(ev.to);
        const rt = this.node(ev.to);
        const from = c.ends[1 - i];
        if (rt.live === 'down') return;
        if (rt.live !== 'up' || rt.gen !== c.gens[i]) {
          // The segment reaches a kernel with no such socket: RST.
          if (c.open) {
            c.open = false;
            this.schedule(this.latency, { kind: 'fin', conn: c.id, to: from }, ev.to, from);
          }
          return;
        }
        this.apply(
          rt,
          speakerStep(
            rt.speaker,
            { type: 'session', peer: from, input: { type: 'message', conn: c.id, message: ev.message } },
            this.now,
          ),
        );
        return;
      }
      case 'bad': {
        const c = this.conns.get(ev.conn)!;
        const i = c.ends.indexOf(ev.to);
        const rt = this.node(ev.to);
        if (rt.live !== 'up' || rt.gen !== c.gens[i]) return;
        const from = c.ends[1 - i];
        const input: SessionInput = { type: 'decode-error', conn: c.id, notification: ev.notification };
        this.apply(rt, speakerStep(rt.speaker, { type: 'session', peer: from, input }, this.now));
        return;
      }
      case 'fin': {
        const c = this.conns.get(ev.conn)!;
        const i = c.ends.indexOf(ev.to);
        const rt = this.node(ev.to);
        c.open = false;
        if (rt.live !== 'up' || rt.gen !== c.gens[i]) return;
        const from = c.ends[1 - i];
        this.apply(
          rt,
          speakerStep(rt.speaker, { type: 'session', peer: from, input: { type: 'tcp-closed', conn: c.id } }, this.now),
        );
        return;
      }
    }
  }

  private apply(rt: NodeRt, outs: SpeakerOutput[]): void {
    const node = rt.spec.name;
    for (const out of outs) {
      this.log.push({ at: this.now, node, out });
      if (out.type === 'fib') {
        if (out.change.nextHops.length === 0 && !out.change.local) rt.fib.delete(out.change.prefix);
        else rt.fib.set(out.change.prefix, out.change.nextHops);
        continue;
      }
      if (out.type === 'fib-sync') {
        const v6 = out.family === 'ipv6-unicast';
        for (const p of [...rt.fib.keys()]) if (p.includes(':') === v6) rt.fib.delete(p);
        for (const e of out.entries) if (e.nextHops.length > 0 || e.local) rt.fib.set(e.prefix, e.nextHops);
        continue;
      }
      if (out.type !== 'peer') continue;
      const o = out.output;
      const peer = out.peer;
      switch (o.type) {
        case 'tcp-connect':
          this.schedule(this.latency, { kind: 'syn', from: node, to: peer, gen: rt.gen }, node, peer);
          break;
        case 'send': {
          const c = this.conns.get(o.conn);
          if (!c?.open) break;
          if (this.wire) {
            const bytes = encode(o.message);
            this.wireBytes += bytes.length;
            const res = decode(bytes, { external: rt.spec.asn !== this.node(peer).spec.asn });
            if (!res.ok) {
              const notification = {
                type: 'notification' as const,
                code: res.error.code,
                subcode: res.error.subcode,
                data: res.error.data,
              };
              this.schedule(this.latency, { kind: 'bad', conn: o.conn, to: peer, notification }, node, peer);
              break;
            }
            this.schedule(this.latency, { kind: 'msg', conn: o.conn, to: peer, message: res.msg }, node, peer);
            break;
          }
          this.schedule(this.latency, { kind: 'msg', conn: o.conn, to: peer, message: o.message }, node, peer);
          break;
        }
        case 'tcp-close': {
          const c = this.conns.get(o.conn);
          if (!c?.open) break;
          c.open = false;
          this.schedule(this.latency, { kind: 'fin', conn: o.conn, to: peer }, node, peer);
          break;
        }
        default:
          break;
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Queries

  node(name: string): NodeRt {
    const rt = this.nodes.get(name);
    invariant(rt, `unknown node ${name}`);
    return rt;
  }

  speaker(name: string): SpeakerState {
    return this.node(name).speaker;
  }

  fsm(node: string, peer: string): FsmState {
    return this.speaker(node).sessions.get(peer)!.fsm;
  }

  /** State of `peer`'s route for `prefix` in `node`'s Adj-RIB-In, or undefined if absent. */
  route(node: string, peer: string, prefix: string, family: Family = 'ipv4-unicast'): RouteState | undefined {
    return this.speaker(node).rib.routeState(peer, family, prefix);
  }

  /** Communities on `peer`'s route for `prefix` in `node`'s Adj-RIB-In. */
  communities(
    node: string,
    peer: string,
    prefix: string,
    family: Family = 'ipv4-unicast',
  ): readonly number[] | undefined {
    const r = this.speaker(node)
      .rib.adjRibIn(peer, family)
      .find((x) => x.prefix === prefix);
    return r ? (r.attributes.communities ?? []) : undefined;
  }

  /** The peer whose path is best for `prefix` at `node` ('' = local), or undefined. */
  bestFrom(node: string, prefix: string, family: Family = 'ipv4-unicast'): string | undefined {
    return this.speaker(node).rib.bestPath(family, prefix)?.peer;
  }

  fib(node: string, prefix: string): readonly string[] | undefined {
    return this.node(node).fib.get(prefix);
  }

  /** Session outputs of `node` toward `peer` (optionally of one type), with their times. */
  outputs(node: string, pred: (o: SpeakerOutput) => boolean): { at: Time; out: SpeakerOutput }[] {
    return this.log.filter((e) => e.node === node && pred(e.out)).map((e) => ({ at: e.at, out: e.out }));
  }

  /** NOTIFICATIONs `node` sent to `peer`. */
  notificationsSent(node: string, peer: string): { at: Time; code: number; subcode: number; data: Uint8Array }[] {
    const r: { at: Time; code: number; subcode: number; data: Uint8Array }[] = [];
    for (const e of this.log) {
      if (e.node !== node || e.out.type !== 'peer' || e.out.peer !== peer) continue;
      const o = e.out.output;
      if (o.type === 'send' && o.message.type === 'notification') {
        r.push({ at: e.at, code: o.message.code, subcode: o.message.subcode, data: o.message.data });
      }
    }
    return r;
  }

  /** The first time at or after `from` that `node`'s session to `peer` entered `state`. */
  enteredAt(node: string, peer: string, state: FsmState, from: Time = 0 as Time): Time | undefined {
    for (const e of this.log) {
      if (e.at < from || e.node !== node || e.out.type !== 'peer' || e.out.peer !== peer) continue;
      const o = e.out.output;
      if (o.type === 'state-change' && o.to === state) return e.at;
    }
    return undefined;
  }
}

/** The node's IPv6 address: 2001:db8:: plus its IPv4 address's last octet. */
function v6(address: string): string {
  return `2001:db8::${address.split('.').at(-1)}`;
}

function sessionInput(peer: string, input: SessionInput): SpeakerInput {
  return { type: 'session', peer, input };
}

/** The two-speaker case: `a` and `b` peer with each other. */
export function pair(
  a: Omit<NodeSpec, 'peers'> & { config: PeerConfigInput },
  b: Omit<NodeSpec, 'peers'> & { config: PeerConfigInput },
  o: NetOptions = {},
): Net {
  const net = new Net(o);
  net.declare(b.name, b.asn, b.address);
  net.add({ ...a, peers: { [b.name]: a.config } });
  net.add({ ...b, peers: { [a.name]: b.config } });
  return net;
}
