/**
 * What the world's rooms share, below all of them: the simulator (clock, agenda, streams, trace),
 * the resolved spec, the entities by name, and the few services every room needs (`record`,
 * `later`, whether a kernel is up, which node owns an address). The rooms (processes, session
 * pairs, BFD pairs, FIB programming, faults) import this and never each other; the composition
 * root (`world.ts`) wires them together with callbacks.
 */
import type { Duration, Time } from '../base/time.js';
import type { Family } from '../bgp/rib/index.js';
import type { HandlerId, Simulator } from '../engine/index.js';
import type { BfdEnd } from './bfd-end.js';
import type { BgpEndpoint, BgpProcess } from './bgp-endpoint.js';
import { linkKey } from './link-key.js';
import type { WorldRecord } from './records.js';
import type { NodeSpec, RouterSpec, SessionSpec, WorldSpec } from './spec.js';
import type { Pipe } from './transport.js';
import type { WithdrawnServices } from './withdrawn-services.js';
import { WorldSimulator } from './world-simulator.js';

export interface NodeState {
  readonly spec: NodeSpec;
  kernelUp: boolean;
  /** Services this speaker does not advertise (policy); policy changes edit the set. */
  readonly withdrawn: WithdrawnServices;
  readonly process: BgpProcess;
  readonly bfd: BfdEnd[];
}

export interface RouterState {
  readonly spec: RouterSpec;
  readonly process: BgpProcess;
  readonly bfd: Map<string, BfdEnd>;
  readonly upstreamIds: string[];
  /** Forwarding kept across a bgpd restart (F bit source, RFC 4724 §4.1). */
  readonly preserveForwarding: boolean;
  /** The families whose forwarding is kept across a bgpd restart (RFC 4724 §3: one F bit per AFI/SAFI). */
  readonly keptFamilies: ReadonlySet<Family>;
  /** Churn sent upstream: totals over every bgpd incarnation, and this incarnation's counters at the last look. */
  readonly churn: { updates: number; withdrawals: number; seenUpdates: number; seenWithdrawals: number };
}

export interface SessionPair {
  readonly spec: SessionSpec;
  readonly speaker: BgpEndpoint;
  readonly router: BgpEndpoint;
  readonly pipe: Pipe;
  readonly speakerBfd: BfdEnd | null;
  readonly routerBfd: BfdEnd | null;
  /** Both BFD ends implied (steady, nothing on the agenda for them). */
  bfdImplied: boolean;
}

/** `WorldContext.segFlags` bits: sent by the pipe's `a` end; 4-octet AS_PATHs (RFC 6793). */
const SEG_FROM_A = 1;
const SEG_FOUR = 2;

/** Where a delayed segment is handed over (the pipe it travels on). */
export interface SegmentSink {
  deliverSegment(fromA: boolean, conn: number, bytes: Uint8Array, fourOctetAs: boolean): void;
}

export interface Link {
  up: boolean;
  latency: Duration;
}

export { familyOfPrefix } from '../bgp/rib/index.js';

export class WorldContext {
  readonly nodes = new Map<string, NodeState>();
  readonly routers = new Map<string, RouterState>();
  readonly pairs: SessionPair[] = [];
  readonly links = new Map<string, Link>();
  /** Each endpoint's session pair: a field of the endpoint (read per output, no map lookup). */
  readonly byEndpoint = {
    get: (ep: BgpEndpoint): SessionPair | undefined => ep.pair ?? undefined,
    set: (ep: BgpEndpoint, pair: SessionPair): void => {
      ep.pair = pair;
    },
  };
  readonly byBfd = new Map<BfdEnd, SessionPair>();
  private readonly addressToNode = new Map<string, string>();
  /** Pending `later` callbacks by slot (the event's argument); freed slots are reused, no map entry per event. */
  private readonly laterFns: ((() => void) | null)[] = [];
  private readonly laterFree: number[] = [];
  /** `link(a, b)` without building the key string per message: found links by (a, b). */
  private readonly linkMemo = new Map<string, Map<string, Link>>();
  private readonly hLater: HandlerId;
  /**
   * Segments in flight by slot, as columns (no closure or record per message): the sink, which end
   * sent it, connection, octets, AS width. Freed slots are reused. A route server's start has a
   * million segments in flight at once: the numeric columns and the free list are typed arrays,
   * outside the garbage-collected heap, so growing them copies no list through the young generation.
   */
  private readonly segSink: (SegmentSink | null)[] = [];
  private readonly segBytes: (Uint8Array | null)[] = [];
  /** Per slot: SEG_FROM_A | SEG_FOUR. */
  private segFlags = new Uint8Array(0);
  private segConn = new Int32Array(0);
  /** The next segment of the same agenda event, or -1: one event carries a run of segments. */
  private segNext = new Int32Array(0);
  /** Freed slots, a stack of `segFreeTop` entries. */
  private segFree = new Int32Array(0);
  private segFreeTop = 0;
  private readonly hSegment: HandlerId;
  /**
   * The last segment event pushed: its last segment, its time, and the simulator's insertion and
   * fired counts right after the push. A segment due at the same time while both counts are
   * unchanged would have been the very next entry of the agenda (same time, same priority, next
   * sequence number), so it joins that event instead: an update group's UPDATE sent to all its
   * members is one agenda event per instant, delivered in the order it was sent.
   */
  private segTail = -1;
  private segAt = 0;
  private segMark = -1;
  private segFired = -1;
  /**
   * Records before this time are not kept: the warm-up that brings a steady-state scenario to its
   * t = 0 is the world's history, not part of the run (DESIGN.md "a scenario starts in steady state").
   */
  recordFrom: Time;

  constructor(
    readonly sim: Simulator<WorldRecord>,
    readonly spec: WorldSpec,
  ) {
    this.recordFrom = sim.now();
    this.hLater = sim.handler((id) => {
      const fn = this.laterFns[id];
      this.laterFns[id] = null;
      this.laterFree.push(id);
      fn?.();
    });
    this.hSegment = sim.handler((head) => {
      this.segTail = -1;
      for (let id = head; id >= 0; ) {
        const sink = this.segSink[id]!;
        const bytes = this.segBytes[id]!;
        const next = this.segNext[id];
        const flags = this.segFlags[id];
        this.segSink[id] = null;
        this.segBytes[id] = null;
        this.segFree[this.segFreeTop++] = id;
        sink.deliverSegment((flags & SEG_FROM_A) !== 0, this.segConn[id], bytes, (flags & SEG_FOUR) !== 0);
        id = next;
      }
    });
    for (const l of spec.links) this.links.set(linkKey(l.a, l.b), { up: true, latency: l.latency });
    for (const n of spec.nodes) {
      this.addressToNode.set(n.address, n.name);
      // RFC 2545 §3: IPv6 unicast routes carry the node's global IPv6 address as next hop.
      this.addressToNode.set(n.address6, n.name);
    }
  }

  now(): Time {
    return this.sim.now();
  }

  record(r: WorldRecord): void {
    if (r.t >= this.recordFrom) this.sim.record(r);
  }

  later(delay: Duration, fn: () => void): void {
    const id = this.laterFree.length > 0 ? this.laterFree.pop()! : this.laterFns.length;
    this.laterFns[id] = fn;
    this.sim.scheduleAfter(delay, this.hLater, id);
  }

  /** Hands `bytes` to `sink` after `delay`: a BGP segment in flight, ordered with `later` callbacks. */
  segmentLater(
    delay: Duration,
    sink: SegmentSink,
    fromA: boolean,
    conn: number,
    bytes: Uint8Array,
    fourOctetAs: boolean,
  ): void {
    let id: number;
    if (this.segFreeTop > 0) id = this.segFree[--this.segFreeTop];
    else {
      id = this.segSink.length;
      if (id >= this.segConn.length) this.growSegments(id + 1);
    }
    this.segSink[id] = sink;
    this.segBytes[id] = bytes;
    this.segFlags[id] = (fromA ? SEG_FROM_A : 0) | (fourOctetAs ? SEG_FOUR : 0);
    this.segConn[id] = conn;
    this.segNext[id] = -1;
    const sim = this.sim;
    const at = sim.now() + delay;
    if (
      this.segTail >= 0 &&
      at === this.segAt &&
      sim instanceof WorldSimulator &&
      sim.scheduled === this.segMark &&
      sim.eventCount === this.segFired
    ) {
      this.segNext[this.segTail] = id;
      this.segTail = id;
      return;
    }
    sim.scheduleAfter(delay, this.hSegment, id);
    this.segTail = id;
    this.segAt = at;
    this.segMark = sim instanceof WorldSimulator ? sim.scheduled : -1;
    this.segFired = sim.eventCount;
  }

  /** Room for `n` segment slots in the numeric columns and the free list (every slot may be free at once). */
  private growSegments(n: number): void {
    let size = Math.max(64, this.segConn.length);
    while (size < n) size *= 2;
    const flags = new Uint8Array(size);
    flags.set(this.segFlags);
    this.segFlags = flags;
    const conn = new Int32Array(size);
    conn.set(this.segConn);
    this.segConn = conn;
    const next = new Int32Array(size);
    next.set(this.segNext);
    this.segNext = next;
    const free = new Int32Array(size);
    free.set(this.segFree.subarray(0, this.segFreeTop));
    this.segFree = free;
  }

  kernelUp(owner: string): boolean {
    return this.nodes.get(owner)?.kernelUp ?? true;
  }

  link(a: string, b: string): Link | undefined {
    let byB = this.linkMemo.get(a);
    const hit = byB?.get(b);
    if (hit) return hit;
    const l = this.links.get(linkKey(a, b));
    // Only found links are remembered: a link added later is still found. Links are mutated in place, never replaced.
    if (l) {
      if (!byB) this.linkMemo.set(a, (byB = new Map()));
      byB.set(b, l);
    }
    return l;
  }

  /** The node that owns an address (IPv4-mapped IPv6 next hops included), or the address itself. */
  nodeOf(address: string): string {
    return this.addressToNode.get(address.replace(/^::ffff:/, '')) ?? address;
  }
}
