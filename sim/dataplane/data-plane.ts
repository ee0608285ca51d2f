/**
 * The data plane of one simulated network: routers' ECMP groups (one per router and prefix), the
 * backend nodes' forwarding planes and conntrack, and every live client connection, with packets
 * as a fluid at a known rate and loss integrated exactly.
 *
 * Theory of operation. A connection hashes (3- or 5-tuple, router seed) into its group, which picks
 * a next hop (a node). Its packets are then, at any moment, in one of three states:
 *   - delivering: the next hop's forwarding plane is up and holds the connection's conntrack entry
 *     (or the connection is new and the node accepts it, creating the entry, as kube-proxy does);
 *   - black-holed: the next hop's forwarding plane is down (crashed node behind a stale route);
 *   - no route: the router's group is empty.
 * A packet of an established connection reaching a live node without its entry is answered with a
 * RST: the connection ends at once. Black-holed or no-route, a connection *stalls* and behaves as
 * Linux TCP (tcp/linux-tcp.ts): it sends only retransmissions, on the RTO back-off schedule from
 * the stall's first lost packet (200 ms doubling to 120 s; a SYN's 1 s five times, then doubling).
 * A path that comes back changes nothing until the next retransmission: that packet meets the
 * state then (delivered: the connection resumes; a live node without its entry: RST; still
 * nowhere: the stall goes on). The kernel gives up at a timer expiry per tcp_retries2 (a time
 * from the first retransmission: 928.7 s from the first loss by default) or tcp_syn_retries (131 s
 * with tcp_syn_linear_timeouts), the application at its optional timeout, whichever is first. After any reset or give-up the client reconnects per its
 * policy (tcp/reconnect.ts): a new connection, its SYN through the forwarding current then.
 *
 * Reset causes (when and which):
 *   - `nodeFailure`: the node holding the connection's conntrack entry (its server side) crashed
 *     (`failNode`). Counted when the client finds out: a RST from a live node (its own node back with
 *     empty conntrack, or another node after a route change) to a packet or retransmission, or a
 *     give-up while its packets vanish into the dead node. These connections are lost under every ECMP scheme.
 *   - `rehash`: the connection's own node is alive, but a next-hop change sent its packets to a
 *     different live node: the loss ECMP schemes differ on.
 *   - `blackhole`: TCP or the application gave up while the packets went to a down forwarding
 *     plane and the connection's own node (if any) is alive, e.g. new connections hashed to a
 *     stale route.
 *   - `noRoute`: TCP or the application gave up while the router had no route.
 * A planned end that falls inside a stall is deferred: the connection closes normally the moment
 * delivery resumes, or fails when it is given up. Packet accounting: a stalled connection's offered
 * rate counts as lost in the state its last packet or retransmission met (black-holed or no route),
 * until the retransmission that resumes it, the same rule as for a move-pending connection: its
 * data waits in the socket meanwhile. Each ended stall also reports the seconds its path was really
 * down (until the path came back) and the seconds its user waited (until that retransmission).
 *
 * A next-hop change acts at each moved connection's next packet, not at the change (review item 3:
 * a packet that never travels through a state cannot be reset by it). Each connection has a packet
 * clock (packet-clock.ts: packets at (k + phase) / pps). A change that gives a connection another
 * next hop marks it *move-pending* until its first packet after the change; that packet meets
 * whatever the state is then (later changes included) and decides as `place` always did: delivered
 * if it is back on its conntrack node (nothing happened: no reset, no stall, no loss), RST from
 * another live node (`rehash` / `nodeFailure`), or a stall from then on (black-holed, no route). So
 * a transient shorter than the gap to a connection's next packet touches it not at all, and one of
 * length T touches the connections whose next packet falls inside it (1 − e^{−rT} of them for
 * Poisson packets; min(1, rT) of them for these evenly spaced ones).
 * Loss accounting between the change and that packet: the connection keeps the state its last packet
 * met (its rate stays delivered, or stalled, as before the change). With evenly spaced packets there
 * is no packet in that gap, so nothing is delivered or lost there for real; the fluid's rate simply
 * continues in the old state, and if the packet finds it moved, it is reset or stalls from that
 * packet on. This keeps a change that is undone before the next packet exactly lossless, and the
 * fluid total unbiased: the new state's share starts at the packet that first meets it.
 * (Each packet carries the fluid up to the next one: a transient that one packet crosses loses
 * exactly that packet.) Forwarding-plane and link changes (`setNodeForwarding`, `setPathUp`,
 * `failNode`) still act on the fluid at once for connections that are not move-pending (node
 * failures are seconds long, not transients of a FIB); a move-pending connection waits for its
 * packet either way. The mix has a cost: a stall begun at a node's failure (at once) and ended by
 * a route change (at the next packet) is on average half a packet gap longer than the packets that
 * really vanished.
 *
 * Cost: rates are summed per group and state and per node, and integrated lazily when a group or
 * node is touched, so an event costs O(1) plus the connections it actually affects: a next-hop
 * change walks only the dirty regions its group reports, a forwarding change only the lane of
 * connections currently sent to that node. Nothing runs per simulated second.
 *
 * Bulk (issue 13): a planned end changes only counters, so a driver wakes only at
 * `nextObservableTime` (moved connections' next packets, retransmissions and give-ups, reconnects, upkeeps) and lets
 * `advance` process ends at their own µs later; while `needsPromptArrivals` is false it may open
 * arrivals after the fact, and `arriveSettled` adds one that ends before the next routing event in
 * closed form (closed-form.ts). Groups index their connections by region in a table that grows
 * with them (region-index.ts); a node's forwarding change visits only the groups it is a member of.
 *
 * Latent records (latent.ts): in bulk, a connection opened through a healthy group that outlives
 * the next routing event is a compact record, added in closed form when it ends or its totals are
 * read, and takes a table slot only when a forwarding change that moves traffic, a node failure or
 * a path change touches its group (`materialise`), as if it had been in the table since its birth.
 *
 * Quiet windows (quiet-window.ts): while `quietWindows` holds, a driver may skip drawing arrivals
 * altogether and close each stretch between two touches with `closeQuiet`: the connections that
 * arrived and ended in it are an exact count times their expected totals and series, split over
 * the next hops by their shares of the flows (`flowShares`); those still open are drawn then as
 * latent records (or kept as a count at the run's end). A steady population at the start is a
 * cohort per group (`openCohort`), closed with the group's first window.
 *
 * Order within a µs: what falls due in the same µs (moved connections' next packets, planned ends,
 * retransmissions and give-ups, reconnects) happens kind by kind in `advance`'s order, and within a
 * kind by the connection's canonical key (`keyOf`: group, open ordinal; timer-heap.ts), never by
 * the order of the region and lane lists it was found through (which depends on their history,
 * and differs once latent records are materialised). Reconnects take their open ordinals, hence
 * their packet phases, in that order: the trace is a pure function of scenario and seed.
 *
 * The world driver calls, at each event time `now` (non-decreasing): `advance(now)` first, then any
 * of `openConnection`/`arrive`, `setNextHops`, `setNodeForwarding`, `failNode`, and re-arms one
 * agenda entry at `nextEventTime()`.
 */
import { invariant } from '../base/assert.js';
import { type FlowId, flowId } from '../base/ids.js';
import { type Duration, NEVER, s, type Time } from '../base/time.js';
import { addDeliveredSpan } from './closed-form.js';
import {
  BLACKHOLED,
  ConnectionTable,
  DELIVERING,
  END_PENDING,
  MOVE_PENDING,
  NO_ROUTE,
  STATUS_MASK,
  UNPLACED,
} from './connection-table.js';
import { binomialDraw, multinomialDraw, poissonDraw } from './count-draws.js';
import { createEcmpGroup, type EcmpConfig } from './ecmp/config.js';
import type { EcmpChange, EcmpGroup, EcmpScheme } from './ecmp/group.js';
import { flowShares } from './ecmp/shares.js';
import { autoFlowLabel, type FlowKey, flowHash, flowHashOf, type HashPolicy, PROTO_TCP } from './flow-key.js';
import { LatentStore } from './latent.js';
import { nextPacketAfter, packetPhase } from './packet-clock.js';
import { WindowBins, type WindowChannels, WindowShape, WindowSum } from './quiet-window.js';
import type { RandomSource } from './random-source.js';
import { RateSeries, type SeriesSnapshot } from './rate-series.js';
import { RegionIndex } from './region-index.js';
import { LINUX_TCP_DEFAULTS, type LinuxTcpParams, timerExpiry, writeTimedOut } from './tcp/linux-tcp.js';
import { DEFAULT_RECONNECT, nextEphemeralPort, type ReconnectPolicy, reconnectDelay } from './tcp/reconnect.js';
import { type StallMetrics, StallStats } from './tcp/stall-stats.js';
import { TcpTable } from './tcp/tcp-table.js';
import { TimerHeap } from './timer-heap.js';
import { TrafficDigest } from './traffic-digest.js';
import {
  type ConnectionScratch,
  drawConnection,
  drawConnectionInto,
  keyOfDraw,
  lawOf,
  meanOf,
  newConnectionScratch,
  type Workload,
} from './workload.js';

export const RESET_CAUSES = ['rehash', 'blackhole', 'nodeFailure', 'noRoute'] as const;
export type ResetCause = (typeof RESET_CAUSES)[number];
const REHASH = 0;
const BLACKHOLE_CAUSE = 1;
const NODE_FAILURE = 2;
const NO_ROUTE_CAUSE = 3;
/** Fates of a packet (`decide`), beside BLACKHOLED and NO_ROUTE. */
const ACCEPT = 16;
const RST_REHASH = 17;
const RST_NODE_FAILURE = 18;

export const DEFAULT_SERIES_RESOLUTION: Duration = s(1);

export const GROUP_SERIES_CHANNELS = [
  'deliveredPackets',
  'blackholedPackets',
  'noRoutePackets',
  'deliveredBytes',
  'blackholedBytes',
  'noRouteBytes',
  'rehash',
  'blackhole',
  'nodeFailure',
  'noRoute',
  'opened',
  'closed',
] as const;
export type GroupSeriesChannel = (typeof GROUP_SERIES_CHANNELS)[number];
const CH_RESET0 = 6;
const CH_OPENED = 10;
const CH_CLOSED = 11;
const WINDOW_CHANNELS: WindowChannels = { packets: 0, bytes: 3, opened: CH_OPENED, closed: CH_CLOSED };

/** Per-node series: packets and bytes delivered, and conntrack entries × seconds (÷ resolution = mean). */
export const NODE_SERIES_CHANNELS = ['packets', 'bytes', 'conntrackSeconds'] as const;
export type NodeSeriesChannel = (typeof NODE_SERIES_CHANNELS)[number];

export interface DataPlaneOptions {
  /** The clients' TCP (Linux's sysctl defaults for whatever is left out) and application timeout. */
  readonly tcp?: Partial<LinuxTcpParams>;
  /** What a client does after a reset or give-up (default: reconnect at once). */
  readonly reconnect?: ReconnectPolicy;
  /** The clients' ephemeral port range, for a reconnect's new source port (Linux: 32768–60999). */
  readonly ephemeralPorts?: readonly [number, number];
  readonly seriesResolution?: Duration;
  /** Connection slots to reserve up front. */
  readonly initialCapacity?: number;
  /** Sink for individual resets (the world turns them into trace records). */
  readonly onReset?: (e: ResetEvent) => void;
  /** Sink for normal closes (planned end, or `closeConnection`). */
  readonly onClose?: (flow: FlowId, at: Time) => void;
}

export interface GroupSpec {
  readonly router: string;
  readonly prefix: string;
  readonly ecmp: EcmpConfig;
  /** The router's hash salt. */
  readonly hashSeed: number;
  readonly hashPolicy: HashPolicy;
}

export interface ResetEvent {
  readonly type: 'connection-reset';
  readonly flow: FlowId;
  readonly group: number;
  readonly cause: ResetCause;
  /** Node holding the connection's conntrack entry, if it was ever accepted. */
  readonly node: string | null;
  readonly born: Time;
  readonly at: Time;
}

export type ResetCounts = Record<ResetCause, number>;

export interface ChangeResult {
  readonly change: EcmpChange;
  /**
   * Live connections whose next hop changed. Their fate is decided at each one's next packet (see
   * the header), so their resets come later, from `advance`, unless a later change undoes the move.
   */
  readonly moved: number;
  /** Live connections re-checked to find them (the cost of the change beyond the table). */
  readonly visited: number;
  /** Resets due up to and including `now` (`advance` first, as the driver contract says): none from the change itself. */
  readonly resets: ResetCounts;
}

export interface TrafficTotals {
  readonly packets: number;
  readonly bytes: number;
  /** ∫ number of connections in this state dt, in seconds. */
  readonly connectionSeconds: number;
}

export interface GroupMetrics {
  readonly group: number;
  readonly router: string;
  readonly prefix: string;
  readonly scheme: EcmpScheme;
  readonly nextHops: readonly string[];
  readonly live: number;
  readonly opened: number;
  readonly closed: number;
  readonly delivered: TrafficTotals;
  readonly blackholed: TrafficTotals;
  readonly noRoute: TrafficTotals;
  /** Seconds during which at least one of the group's next hops had its forwarding plane down. */
  readonly blackholeSeconds: number;
  /** Seconds during which the group had no next hop. */
  readonly noRouteSeconds: number;
  readonly resets: ResetCounts;
  /** Stalls, their outcomes and times, and reconnects (tcp/stall-stats.ts). */
  readonly tcp: StallMetrics;
}

export interface NodeMetrics {
  readonly node: string;
  readonly forwarding: boolean;
  readonly failures: number;
  /** Current conntrack entries (connections accepted and still live). */
  readonly conntrack: number;
  readonly packets: number;
  readonly bytes: number;
  readonly conntrackSeconds: number;
}

export interface MemoryReport {
  readonly liveConnections: number;
  readonly connectionSlots: number;
  readonly connectionBytes: number;
  readonly timerBytes: number;
  readonly tableBytes: number;
  /** (connection + timer storage) / live connections. */
  readonly bytesPerLiveConnection: number;
}

interface GroupState {
  readonly index: number;
  readonly spec: GroupSpec;
  readonly ecmp: EcmpGroup;
  /** Live connections by hash region (region-index.ts): grows with them, not with the ECMP table. */
  readonly regions: RegionIndex;
  /** Nodes currently in the group (their node indexes), for the per-node group index. */
  memberNodes: number[];
  /** Every member reachable and forwarding, and at least one: new connections need no watching. */
  healthy: boolean;
  /** Lane heads by slot + 1 (lane 0 = no next hop). */
  laneHead: Int32Array;
  /** slot → node index (-1 unknown). */
  slotNode: Int32Array;
  /** slot → 1 when a current member. */
  member: Uint8Array;
  downMembers: number;
  /** Nodes this group's router cannot reach (link down): their packets vanish, as into a dead node. */
  readonly pathDown: Set<number>;
  memberCount: number;
  live: number;
  opened: number;
  closed: number;
  lastT: Time;
  /** pps by state (0..2), then bytes/s by state (3..5). */
  readonly rates: Float64Array;
  readonly counts: Int32Array;
  readonly packets: Float64Array;
  readonly bytes: Float64Array;
  readonly connSeconds: Float64Array;
  blackholeSeconds: number;
  noRouteSeconds: number;
  readonly resets: Float64Array;
  readonly series: RateSeries<GroupSeriesChannel>;
  readonly stalls: StallStats;
  /** Connections no forwarding change has touched yet, as compact records (latent.ts). */
  readonly latent: LatentStore;
  /** The µs its latent records were last brought up to in full (`settleLatent` partial), −1: since changed. */
  latentAt: number;
  /** Slot → share of the clients' flows it gets (`flowShares`), null: not computed since the last change. */
  shares: Float64Array | null;
  /** A steady population held as a count until the next quiet window closes (`openCohort`). */
  cohort: { readonly workload: Workload; readonly count: number; readonly at: Time } | null;
  /** Connections live at the end of a final quiet window, kept as a count (never drawn). */
  quietLive: number;
}

interface NodeState {
  readonly index: number;
  readonly name: string;
  up: boolean;
  epoch: number;
  failures: number;
  lastT: Time;
  /** [pps, bytes/s, conntrack entries]. */
  readonly rates: Float64Array;
  packets: number;
  bytes: number;
  conntrackSeconds: number;
  readonly series: RateSeries<NodeSeriesChannel>;
  /** Latent connections delivering to this node (conntrack entries not in `rates[2]`). */
  latent: number;
  /** Connections live at the end of a final quiet window, delivering to this node (a count). */
  quietLive: number;
}

/** What the parts of one group's quiet window closing at t2 share (DataPlane.closeQuiet). */
interface QuietClose {
  readonly rng: RandomSource;
  readonly t2: Time;
  /** The run ends at t2: the connections alive then stay a count. */
  readonly final: boolean;
  readonly sum: WindowSum;
  /** The workload's packet rate, on the rate grid (quantizeRate). */
  readonly pps: number;
}

const HANDLE_SPAN = 0x2000000;
/** Open ordinals per group in a canonical key (keyOf): 2^32 (group × 2^32 + ordinal stays below 2^53). */
const ORDINAL_SPAN = 0x100000000;

/** Rates are kept on a 1/1024 pps grid so per-state sums stay exact through any add/remove order. */
const quantizeRate = (pps: number): number => Math.fround(Math.round(pps * 1024) / 1024);

const zeroCounts = (): ResetCounts => ({ rehash: 0, blackhole: 0, nodeFailure: 0, noRoute: 0 });

/** A client's next connection after a reset or give-up, due at `at` (tcp/reconnect.ts). */
interface PendingReconnect {
  readonly at: Time;
  /** The reset connection's canonical key (keyOf): reconnects due in the same µs run in its order. */
  readonly order: number;
  readonly group: number;
  readonly key: FlowKey | null;
  readonly hash: number;
  readonly duration: Duration;
  readonly pps: number;
  readonly bytes: number;
}

export class DataPlane {
  /** Quiet windows' binned expectations, shared by the groups that close one window (quiet-window.ts). */
  private readonly windowBins = new WindowBins();
  /** The bulk path's per-arrival draws (arriveSettled), reused. */
  private readonly scratch = newConnectionScratch();
  /** Last packet rate quantised by arriveSettled and its result (NaN: none yet). */
  private lastRateIn = Number.NaN;
  private lastRate = 0;
  readonly tcp: LinuxTcpParams;
  readonly reconnect: ReconnectPolicy;
  readonly resolution: Duration;
  private readonly conns: ConnectionTable;
  private readonly tcpState = new TcpTable();
  private readonly ports: readonly [number, number];
  /** Reconnects by (due time, reset connection's key): one policy delay for all, so inserted near the tail. */
  private readonly reconnects: PendingReconnect[] = [];
  private reconnectHead = 0;
  private readonly ends = new TimerHeap();
  private readonly stalls = new TimerHeap();
  /** Move-pending connections by the µs of their next packet (one entry per pending move). */
  private readonly moves = new TimerHeap();
  private readonly groups: GroupState[] = [];
  private readonly nodes: NodeState[] = [];
  private readonly nodeByName = new Map<string, number>();
  /** node index → the groups it is a member of (a node's forwarding change touches only those). */
  private readonly nodeGroups: Set<GroupState>[] = [];
  /** Groups whose scheme has upkeep of its own (resilient): the only ones asked for `nextUpkeep`. */
  private readonly upkeepGroups: GroupState[] = [];
  /** Groups not `healthy`. */
  private unhealthy = 0;
  private readonly onReset: ((e: ResetEvent) => void) | undefined;
  private readonly onClose: ((flow: FlowId, at: Time) => void) | undefined;
  private clock: Time = 0 as Time;
  /** Reset counter of the call in progress (returned by change calls). */
  private tally: ResetCounts = zeroCounts();
  /** Every connection's open, end and µs per forwarding state, as one 64-bit digest (traffic-digest.ts). */
  private readonly digest = new TrafficDigest();
  /** Latent connections held by all groups (latent.ts). */
  private latentLive = 0;

  constructor(opts: DataPlaneOptions = {}) {
    this.tcp = { ...LINUX_TCP_DEFAULTS, ...opts.tcp };
    this.reconnect = opts.reconnect ?? DEFAULT_RECONNECT;
    this.ports = opts.ephemeralPorts ?? [32768, 60999];
    this.resolution = opts.seriesResolution ?? DEFAULT_SERIES_RESOLUTION;
    invariant(this.tcp.rtoMin > 0 && this.tcp.initialRto > 0, 'RTOs must be positive');
    invariant(this.tcp.rtoMax >= this.tcp.rtoMin, 'rtoMax must be ≥ rtoMin');
    invariant((this.tcp.appTimeout ?? 1) > 0, 'application timeout must be positive');
    invariant(this.resolution > 0, 'series resolution must be positive');
    this.conns = new ConnectionTable(opts.initialCapacity ?? 1024);
    this.onReset = opts.onReset;
    this.onClose = opts.onClose;
  }

  // ── set-up ──────────────────────────────────────────────────────────────────────────────────

  /** Registers a node (idempotent); next hops name nodes. Nodes start with forwarding up. */
  addNode(name: string): number {
    let i = this.nodeByName.get(name);
    if (i === undefined) {
      i = this.nodes.length;
      this.nodes.push({
        index: i,
        name,
        up: true,
        epoch: 0,
        failures: 0,
        lastT: this.clock,
        rates: new Float64Array(3),
        packets: 0,
        bytes: 0,
        conntrackSeconds: 0,
        series: new RateSeries(this.resolution, NODE_SERIES_CHANNELS),
        latent: 0,
        quietLive: 0,
      });
      this.nodeByName.set(name, i);
      this.nodeGroups.push(new Set());
    }
    return i;
  }

  /** Creates the ECMP group of one router for one prefix, empty (no route) until `setNextHops`. */
  addGroup(spec: GroupSpec, now: Time): number {
    this.tick(now);
    const ecmp = createEcmpGroup(spec.ecmp, spec.hashSeed, now);
    const g: GroupState = {
      index: this.groups.length,
      spec,
      ecmp,
      regions: new RegionIndex(ecmp.regionCount),
      memberNodes: [],
      healthy: false,
      laneHead: new Int32Array(9).fill(-1),
      slotNode: new Int32Array(8).fill(-1),
      member: new Uint8Array(8),
      downMembers: 0,
      pathDown: new Set(),
      memberCount: 0,
      live: 0,
      opened: 0,
      closed: 0,
      lastT: now,
      rates: new Float64Array(6),
      counts: new Int32Array(3),
      packets: new Float64Array(3),
      bytes: new Float64Array(3),
      connSeconds: new Float64Array(3),
      blackholeSeconds: 0,
      noRouteSeconds: 0,
      resets: new Float64Array(4),
      series: new RateSeries(this.resolution, GROUP_SERIES_CHANNELS),
      stalls: new StallStats(),
      latent: new LatentStore(),
      latentAt: -1,
      shares: null,
      cohort: null,
      quietLive: 0,
    };
    this.groups.push(g);
    this.unhealthy++;
    if (ecmp.scheme === 'resilient') this.upkeepGroups.push(g);
    return g.index;
  }

  reserve(connections: number): void {
    this.conns.reserve(connections);
  }

  // ── connections ─────────────────────────────────────────────────────────────────────────────

  /** Opens a connection through a group: hashes its key, picks its next hop, arms its end. */
  openConnection(
    group: number,
    key: FlowKey,
    duration: Duration,
    packetsPerSecond: number,
    packetBytes: number,
    now: Time,
  ): FlowId {
    this.tick(now);
    const g = this.group(group);
    return this.open(
      g,
      flowHash(g.spec.hashPolicy, g.spec.hashSeed, key),
      duration,
      packetsPerSecond,
      packetBytes,
      now,
      key,
    );
  }

  /** Same as `openConnection` with a precomputed flow hash (benchmarks, hash-level tests). */
  openHashed(group: number, hash: number, duration: Duration, pps: number, packetBytes: number, now: Time): FlowId {
    this.tick(now);
    return this.open(this.group(group), hash >>> 0, duration, pps, packetBytes, now, null);
  }

  /** Draws one connection of `workload` from `rng` and opens it through `group`. */
  arrive(group: number, workload: Workload, rng: RandomSource, now: Time): FlowId {
    const d = drawConnection(workload, rng);
    return this.openConnection(group, d.key, d.duration, d.packetsPerSecond, d.packetBytes, now);
  }

  /**
   * Draws one connection of `workload` and opens it through `group` at `now`, in closed form
   * (closed-form.ts: no slot, no timer) when it is sure to end by `settledUntil` delivered to the
   * node it hashes to: the caller promises no change of forwarding (`setNextHops`,
   * `setNodeForwarding`, `setPathUp`, `failNode`) before `settledUntil`, and reads nothing before
   * then. Otherwise it opens as `arrive` does. Either way the same numbers, digest included.
   */
  arriveSettled(group: number, workload: Workload, rng: RandomSource, now: Time, settledUntil: Time): void {
    // No object per arrival: the draws go to a reused scratch record, the hash is taken from its
    // fields, and the key object is built only for a connection that takes a table slot.
    const d = drawConnectionInto(workload, rng, this.scratch);
    const g = this.group(group);
    const hash = this.hashOfDraw(g, workload, d);
    const end = now + d.duration;
    // Resilient groups count live flows per bucket (their idle timers): those stay in the table.
    if (!g.healthy || this.onClose !== undefined || g.ecmp.scheme === 'resilient') {
      this.tick(now);
      this.open(g, hash, d.duration, d.packetsPerSecond, d.packetBytes, now, keyOfDraw(workload, d));
      return;
    }
    this.tick(now);
    const slot = g.ecmp.lookup(hash);
    const n = this.nodes[g.slotNode[slot]!]!;
    // Fixed-rate workloads: the same rate every time, quantised once.
    if (d.packetsPerSecond !== this.lastRateIn) {
      this.lastRateIn = d.packetsPerSecond;
      this.lastRate = Math.fround(quantizeRate(d.packetsPerSecond));
    }
    const pps = this.lastRate;
    // Alive past the next routing event: a latent record, materialised only if that event touches
    // this group (latent.ts).
    if (end > settledUntil) {
      this.openLatent(g, workload, d, hash, slot, pps, now, end, now);
      return;
    }
    const phase = Math.fround(packetPhase(g.index, g.opened, hash));
    g.opened++;
    g.series.add(now, CH_OPENED, 1);
    g.closed++;
    g.series.add(end as Time, CH_CLOSED, 1);
    addDeliveredSpan(g, DELIVERING, n, now, end as Time, pps, d.packetBytes);
    this.digest.settled(g.index, hash, phase, now, pps, d.packetBytes, n.index, end);
  }

  /** The flow hash of a drawn connection through group `g`. */
  private hashOfDraw(g: GroupState, workload: Workload, d: ConnectionScratch): number {
    const protocol = workload.protocol ?? PROTO_TCP;
    const spec = g.spec;
    const flowLabel =
      workload.ipv6 === true && spec.hashPolicy === 'l3'
        ? autoFlowLabel(protocol, d.src, workload.dstIp, d.srcPort, workload.dstPort)
        : -1;
    return flowHashOf(
      spec.hashPolicy,
      spec.hashSeed,
      protocol,
      d.src,
      workload.dstIp,
      d.srcPort,
      workload.dstPort,
      flowLabel,
    );
  }

  /** A drawn connection opened at `born`, ending at `end`, as a latent record of group `g`; `now` ≥ born is the clock. */
  private openLatent(
    g: GroupState,
    workload: Workload,
    d: ConnectionScratch,
    hash: number,
    slot: number,
    pps: number,
    born: number,
    end: number,
    now: Time,
  ): void {
    const n = this.nodes[g.slotNode[slot]!]!;
    const ordinal = g.opened;
    const phase = Math.fround(packetPhase(g.index, ordinal, hash));
    g.opened++;
    g.series.add(born as Time, CH_OPENED, 1);
    const L = g.latent;
    g.latentAt = -1;
    L.push(
      born,
      end,
      hash,
      phase,
      ordinal,
      pps,
      d.packetBytes,
      n.index,
      slot,
      d.src,
      workload.dstIp,
      d.srcPort,
      workload.dstPort,
      workload.protocol ?? PROTO_TCP,
    );
    n.latent++;
    this.latentLive++;
    if (L.n >= L.sweepAt) {
      this.settleLatent(g, now, false);
      L.sweepAt = Math.max(4096, 2 * L.n);
    }
  }

  /**
   * Whether `arriveQuiet` may stand for `workload`'s arrivals now: every group delivers to live,
   * reachable next hops (needsPromptArrivals false), none keeps per-flow state of its own
   * (resilient groups' bucket idle timers need every flow), no sink wants every close, and each
   * connection's packet rate and size are fixed (the ended ones are added as rate × seconds).
   */
  quietWindows(workload: Workload): boolean {
    return (
      this.unhealthy === 0 &&
      this.upkeepGroups.length === 0 &&
      this.onClose === undefined &&
      workload.packetsPerSecond.type === 'fixed' &&
      workload.packetBytes.type === 'fixed'
    );
  }

  /**
   * Closes a quiet window (t₁, t₂] of `group` (quiet-window.ts): its cohort, if it holds one
   * (`openCohort`), and the arrivals of `workload` at `perSecond`. Of each, those that ended by t₂
   * are their number (an exact draw) times one ended connection's expectations, split over the
   * next hops by their shares of the clients' flows; those alive at t₂ are drawn one by one as
   * latent records (born at their own µs, with their own remaining life), or, when nothing will
   * touch them (`final`: the run ends at t₂), are their number too. The caller has checked
   * `quietWindows`; nothing happened in the group since t₁.
   */
  closeQuiet(
    group: number,
    workload: Workload,
    perSecond: number,
    rng: RandomSource,
    t1: Time,
    t2: Time,
    final: boolean,
  ): void {
    if (t2 <= t1) return;
    this.tick(t2);
    const g = this.group(group);
    const q: QuietClose = {
      rng,
      t2,
      final,
      sum: new WindowSum(t2, this.windowBins),
      pps: Math.fround(quantizeRate(meanOf(workload.packetsPerSecond))),
    };
    if (g.cohort !== null) this.closeCohort(g, g.cohort, q);
    if (perSecond > 0) this.arriveQuiet(g, workload, perSecond, t1, q);
    q.sum.write(
      g,
      DELIVERING,
      WINDOW_CHANNELS,
      q.pps,
      meanOf(workload.packetBytes),
      this.flowShares(g, workload),
      (slot) => this.nodes[g.slotNode[slot]!]!,
    );
  }

  /**
   * A steady population of `count` connections of `workload` open through `group` at `now` (the
   * workload's start), held as a count until the group's next quiet window closes. The caller has
   * checked `quietWindows`.
   */
  openCohort(group: number, workload: Workload, count: number, now: Time): void {
    this.tick(now);
    const g = this.group(group);
    invariant(g.cohort === null, 'one cohort per group');
    if (count > 0) g.cohort = { workload, count, at: now };
  }

  private arriveQuiet(g: GroupState, workload: Workload, perSecond: number, t1: Time, q: QuietClose): void {
    const { rng, t2 } = q;
    const T = (t2 - t1) / 1e6;
    const law = lawOf(workload.durationS);
    // With the law's mean, as the cohort's: one window's parts share their binned expectations.
    const m = meanOf(workload.durationS);
    const alive = new WindowShape(law, T, 'arrivals-alive', m);
    const endedShape = new WindowShape(law, T, 'arrivals-ended', m);
    const survivors = poissonDraw(perSecond * alive.mean, rng);
    const ended = poissonDraw(perSecond * endedShape.mean, rng);
    if (q.final) this.quietPart(g, workload, alive, survivors, t1, q);
    else {
      for (let i = 0; i < survivors; i++) {
        // Its key and size as any arrival's (the drawn duration is not used), then its age and life.
        const d = drawConnectionInto(workload, rng, this.scratch);
        const age = law.survivorAge(T, rng.next());
        const life = law.durationGiven(age, rng.next());
        const born = Math.max(t1 + 1, t2 - Math.round(age * 1e6));
        this.openSurvivor(g, workload, d, born, born + Math.round(life * 1e6), q);
      }
    }
    this.quietPart(g, workload, endedShape, ended, t1, q);
    this.digest.window(g.index, ended, q.final ? survivors : -1, t1, t2);
  }

  /**
   * The cohort at t₂: Binomial(N, G(T)/m) ended; the others opened at the cohort's start, each with
   * its remaining life given it outlived t₂ (or a count when `final`).
   */
  private closeCohort(g: GroupState, c: NonNullable<GroupState['cohort']>, q: QuietClose): void {
    const { rng, t2 } = q;
    g.cohort = null;
    const law = lawOf(c.workload.durationS);
    const m = meanOf(c.workload.durationS);
    const T = (t2 - c.at) / 1e6;
    const endedShape = new WindowShape(law, T, 'cohort-ended', m);
    const alive = new WindowShape(law, T, 'cohort-alive', m);
    const ended = m > 0 ? binomialDraw(c.count, Math.min(1, endedShape.mean / m), rng) : c.count;
    const survivors = c.count - ended;
    if (q.final) this.quietPart(g, c.workload, alive, survivors, c.at, q);
    else {
      const gT = endedShape.mean;
      for (let i = 0; i < survivors; i++) {
        const d = drawConnectionInto(c.workload, rng, this.scratch);
        // R given R > T: memoryless for exponential lives; else G(R) = G(T) + u·(m − G(T)), the
        // steady residual's upper part (workload.ts steadyResidual).
        const u = rng.next();
        const r =
          c.workload.durationS.type === 'exponential'
            ? T - m * Math.log1p(-u)
            : law.survivorAge(Number.POSITIVE_INFINITY, (gT + u * (m - gT)) / m);
        this.openSurvivor(g, c.workload, d, c.at, c.at + Math.round(r * 1e6), q);
      }
    }
    this.quietPart(g, c.workload, endedShape, ended, c.at, q);
    this.digest.window(g.index, ended, q.final ? survivors : -1, c.at, t2);
  }

  /** A window's connection alive at its end, drawn: a latent record from `born` (it ends after t₂). */
  private openSurvivor(
    g: GroupState,
    workload: Workload,
    d: ConnectionScratch,
    born: number,
    end: number,
    q: QuietClose,
  ): void {
    const hash = this.hashOfDraw(g, workload, d);
    this.openLatent(g, workload, d, hash, g.ecmp.lookup(hash), q.pps, born, Math.max(q.t2 + 1, end), q.t2);
  }

  /**
   * Counts `count` connections of one part of a quiet window begun at t1 and adds it to the window's
   * sum: an ended part closed in the window, an alive one is live at its end (at its next hops by
   * the flows' shares); arrivals opened in the window, a cohort at its start.
   */
  private quietPart(
    g: GroupState,
    workload: Workload,
    shape: WindowShape,
    count: number,
    t1: Time,
    q: QuietClose,
  ): void {
    if (count === 0) return;
    g.opened += count;
    if (shape.part === 'cohort-ended' || shape.part === 'cohort-alive') g.series.add(t1, CH_OPENED, count);
    if (shape.part === 'arrivals-ended' || shape.part === 'cohort-ended') g.closed += count;
    else {
      g.quietLive += count;
      // Each one's node: a multinomial split by the shares, slot by slot.
      multinomialDraw(count, this.flowShares(g, workload), q.rng).forEach((k, slot) => {
        if (k > 0) this.nodes[g.slotNode[slot]!]!.quietLive += k;
      });
    }
    q.sum.add(shape, t1, count);
  }

  /** Slot → the share of `workload`'s flows group `g` sends it (ecmp/shares.ts), kept until its next change. */
  private flowShares(g: GroupState, workload: Workload): Float64Array {
    g.shares ??= flowShares(g.ecmp, g.spec.hashPolicy, g.spec.hashSeed, workload);
    return g.shares;
  }

  /**
   * Brings group `g`'s latent connections up to `now`: those ended by then are added in closed
   * form and dropped; with `partial`, the others' totals are brought up to `now` too (before a
   * read). Totals, series and digest end up as the table's would for the same connections.
   */
  private settleLatent(g: GroupState, now: Time, partial: boolean): void {
    // Already brought up to `now` in full, nothing added since (metrics read group by group and
    // node by node at the same µs): nothing to do.
    if (g.latentAt === now) return;
    const L = g.latent;
    let w = 0;
    for (let i = 0; i < L.n; i++) {
      const end = L.end[i]!;
      const n = this.nodes[L.node[i]!]!;
      if (end <= now) {
        g.closed++;
        g.series.add(end as Time, CH_CLOSED, 1);
        addDeliveredSpan(g, DELIVERING, n, L.from[i]! as Time, end as Time, L.pps[i]!, L.bytes[i]!);
        this.digest.settled(g.index, L.hash[i]!, L.phase[i]!, L.born[i]!, L.pps[i]!, L.bytes[i]!, n.index, end);
        n.latent--;
        this.latentLive--;
        continue;
      }
      if (partial && L.from[i]! < now) {
        addDeliveredSpan(g, DELIVERING, n, L.from[i]! as Time, now, L.pps[i]!, L.bytes[i]!);
        L.from[i] = now;
      }
      if (w !== i) L.move(i, w);
      w++;
    }
    L.n = w;
    if (partial) g.latentAt = now;
  }

  private settleAllLatent(now: Time): void {
    if (this.latentLive === 0) return;
    for (const g of this.groups) if (g.latent.n > 0) this.settleLatent(g, now, true);
  }

  /**
   * A forwarding change, node failure or path change touches group `g`: its latent connections
   * take table slots, each exactly as if opened at its birth and delivering since (its totals up
   * to `now` in closed form, its digest from its birth).
   */
  private materialise(g: GroupState, now: Time): void {
    invariant(g.cohort === null, 'a quiet window closes before its group is touched');
    const L = g.latent;
    if (L.n === 0) return;
    this.settleLatent(g, now, false);
    const c = this.conns;
    const tcp = this.tcpState;
    for (let i = 0; i < L.n; i++) {
      const n = this.nodes[L.node[i]!]!;
      const from = L.from[i]!;
      if (from < now) addDeliveredSpan(g, DELIVERING, n, from as Time, now, L.pps[i]!, L.bytes[i]!);
      const id = c.alloc();
      tcp.ensure(c.capacity);
      const born = L.born[i]!;
      const end = L.end[i]!;
      const hash = L.hash[i]!;
      tcp.retx[id] = 0;
      tcp.pathBack[id] = -1;
      tcp.endAt[id] = end;
      tcp.keyed[id] = 1;
      tcp.srcIp[id] = L.src[i]!;
      tcp.dstIp[id] = L.dst[i]!;
      tcp.srcPort[id] = L.srcPort[i]!;
      tcp.dstPort[id] = L.dstPort[i]!;
      tcp.protocol[id] = L.protocol[i]!;
      c.hash[id] = hash;
      c.group[id] = g.index;
      c.node[id] = n.index;
      c.epoch[id] = n.epoch;
      c.packetBytes[id] = L.bytes[i]!;
      c.pps[id] = L.pps[i]!;
      c.born[id] = born;
      c.stallSince[id] = -1;
      c.phase[id] = L.phase[i]!;
      c.ordinal[id] = L.ordinal[i]!;
      this.digest.open(c, id, born);
      this.digest.enteredEarlier(c, id, DELIVERING, n.index, born, now);
      const region = g.ecmp.regionOf(hash);
      c.region[id] = region;
      g.regions.link(c, region, id, g.live);
      g.ecmp.attach(hash, now);
      const slot = L.slot[i]!;
      c.slot[id] = slot;
      c.linkLane(g.laneHead, slot + 1, id);
      g.live++;
      this.ends.push(end, this.keyOf(id), id, c.gen[id]!);
      this.touchNode(n, now);
      n.rates[2]!++;
      n.latent--;
      this.latentLive--;
      this.setStatus(g, id, DELIVERING, now);
    }
    L.clear();
  }

  /** Ends a connection normally before its planned end (e.g. the client closes). False if already gone. */
  closeConnection(flow: FlowId, now: Time): boolean {
    this.tick(now);
    const id = flow % HANDLE_SPAN;
    if (!this.conns.isLive(id, Math.floor(flow / HANDLE_SPAN))) return false;
    this.close(id, now);
    return true;
  }

  isLive(flow: FlowId): boolean {
    return this.conns.isLive(flow % HANDLE_SPAN, Math.floor(flow / HANDLE_SPAN));
  }

  /** The node a live connection's packets currently go to (null: none / dropped). */
  nextHopOf(flow: FlowId): string | null {
    const id = flow % HANDLE_SPAN;
    if (!this.isLive(flow)) return null;
    const slot = this.conns.slot[id]!;
    return slot < 0 ? null : this.group(this.conns.group[id]!).ecmp.nameOf(slot);
  }

  /** A live connection's packet clock (packet-clock.ts) and whether a move awaits its next packet. */
  packetClockOf(flow: FlowId): { phase: number; packetsPerSecond: number; movePending: boolean } | null {
    if (!this.isLive(flow)) return null;
    const id = flow % HANDLE_SPAN;
    const c = this.conns;
    return { phase: c.phase[id]!, packetsPerSecond: c.pps[id]!, movePending: (c.status[id]! & MOVE_PENDING) !== 0 };
  }

  /**
   * The 64-bit digest of every connection's outcome up to `now` (traffic-digest.ts): equal for equal
   * per-connection opens, ends (time, closed or cause, node) and µs delivered (per node) and lost.
   */
  trafficDigest(now: Time): string {
    this.tick(now);
    this.settleAllLatent(now);
    const acc = { a: 0, b: 0 };
    for (const g of this.groups) {
      const L = g.latent;
      for (let i = 0; i < L.n; i++) {
        this.digest.openTerms(
          acc,
          g.index,
          L.hash[i]!,
          L.phase[i]!,
          L.born[i]!,
          L.pps[i]!,
          L.bytes[i]!,
          L.node[i]!,
          now,
        );
      }
    }
    return this.digest.value(now, acc);
  }

  get liveConnections(): number {
    return this.conns.live + this.latentLive;
  }

  // ── routing and node events ─────────────────────────────────────────────────────────────────

  /**
   * The router's next-hop set for the prefix changed (FIB update). Moved connections become
   * move-pending: each one's next packet decides its fate. Anything due up to `now` happens first.
   */
  setNextHops(group: number, nextHops: readonly string[], now: Time): ChangeResult {
    const early = this.advance(now);
    const g = this.group(group);
    this.touchGroup(g, now);
    const change = g.ecmp.setNextHops(nextHops, now);
    // A change that moves any share of the hash space touches the group's latent connections
    // (each keeps its old slot; applyChange then finds the moved ones). One that moves none leaves
    // every one of them on its node.
    if (g.latent.n > 0 && change.movedFraction > 0) this.materialise(g, now);
    this.syncMembers(g);
    const r = this.applyChange(g, change, now);
    addCounts(r.resets as ResetCounts, early);
    return r;
  }

  /** A node's forwarding plane goes down (packets to it vanish) or comes back; conntrack is kept. */
  setNodeForwarding(node: string, up: boolean, now: Time): ResetCounts {
    const early = this.advance(now);
    const n = this.nodes[this.addNode(node)]!;
    this.tally = early;
    if (n.up === up) return this.tally;
    for (const g of this.nodeGroups[n.index]!) this.materialise(g, now);
    this.touchNode(n, now);
    n.up = up;
    for (const g of this.nodeGroups[n.index]!) {
      const slot = g.ecmp.slotOf(node);
      if (slot < 0 || g.member[slot] !== 1) continue;
      this.touchGroup(g, now);
      // Already unreachable over a down link: the member stays down either way.
      if (!g.pathDown.has(n.index)) g.downMembers += up ? -1 : 1;
      this.checkHealth(g);
      this.replaceLane(g, slot, now);
    }
    return this.tally;
  }

  /**
   * The link from the group's router to `node` fails or recovers. A failed link is silence: the
   * packets the router still sends that way vanish (black-holed) until the route changes.
   */
  setPathUp(group: number, node: string, up: boolean, now: Time): ResetCounts {
    const early = this.advance(now);
    const g = this.groups[group]!;
    const n = this.nodes[this.addNode(node)]!;
    this.tally = early;
    if (g.pathDown.has(n.index) !== up) return this.tally;
    this.touchGroup(g, now);
    this.materialise(g, now);
    if (up) g.pathDown.delete(n.index);
    else g.pathDown.add(n.index);
    const slot = g.ecmp.slotOf(node);
    if (slot >= 0 && g.member[slot] === 1) {
      if (n.up) g.downMembers += up ? -1 : 1;
      this.checkHealth(g);
      this.replaceLane(g, slot, now);
    }
    return this.tally;
  }

  /**
   * A node crashes: its forwarding plane goes down and its conntrack and sockets are lost. Its
   * connections fail with `nodeFailure` when their clients notice (see the header).
   */
  failNode(node: string, now: Time): ResetCounts {
    const early = this.advance(now);
    const n = this.nodes[this.addNode(node)]!;
    for (const g of this.nodeGroups[n.index]!) {
      this.touchGroup(g, now);
      this.materialise(g, now);
    }
    this.touchNode(n, now);
    n.epoch++;
    n.failures++;
    n.rates[2] = 0;
    const r = this.setNodeForwarding(node, false, now);
    addCounts(r, early);
    return r;
  }

  // ── time ────────────────────────────────────────────────────────────────────────────────────

  /**
   * The next time something happens on its own: a moved connection's next packet, a connection end,
   * a retransmission or give-up, a reconnect, an upkeep.
   */
  nextEventTime(): Time {
    const t = Math.min(this.topEnd(), this.nextObservableTime());
    return (t === Number.POSITIVE_INFINITY ? NEVER : t) as Time;
  }

  /**
   * The next time something happens that anyone outside can see at its own time: a moved
   * connection's next packet, a retransmission or give-up, a reconnect, an upkeep. Planned ends are left out: an end changes
   * only counters, which `advance` brings up to date at their own µs whenever it is next called,
   * so a driver need not wake for them (Infinity: nothing).
   */
  nextObservableTime(): number {
    let t = Math.min(this.topMove(), this.topStall(), this.topReconnect());
    for (const g of this.upkeepGroups) t = Math.min(t, g.ecmp.nextUpkeep());
    return t;
  }

  /**
   * Whether a connection opened now may need watching before it ends (a group with a member down,
   * unreachable or no route, or an upkeep pending). While false, a driver may open connections
   * after the fact (`advance` to the arrival, then open) and in closed form (`openSettled`).
   */
  needsPromptArrivals(): boolean {
    if (this.unhealthy > 0) return true;
    for (const g of this.upkeepGroups) if (g.ecmp.nextUpkeep() < NEVER) return true;
    return false;
  }

  /**
   * `advance` for a driver that calls it once per arrival: when nothing is due by `now` it only
   * moves the clock and returns null, allocating nothing.
   */
  advanceIfDue(now: Time): ResetCounts | null {
    let t = Math.min(this.topMove(), this.topEnd(), this.topStall(), this.topReconnect());
    for (const g of this.upkeepGroups) t = Math.min(t, g.ecmp.nextUpkeep());
    if (t > now) {
      this.tick(now);
      return null;
    }
    return this.advance(now);
  }

  /** Processes everything due at or before `now`, each at its own time, in time order. */
  advance(now: Time): ResetCounts {
    this.tick(now);
    const total = zeroCounts();
    for (;;) {
      const tMove = this.topMove();
      const tEnd = this.topEnd();
      const tStall = this.topStall();
      const tRe = this.topReconnect();
      let tUp = Number.POSITIVE_INFINITY;
      let up: GroupState | undefined;
      for (const g of this.upkeepGroups) {
        const u = g.ecmp.nextUpkeep();
        if (u < tUp) {
          tUp = u;
          up = g;
        }
      }
      const t = Math.min(tMove, tEnd, tStall, tRe, tUp);
      if (t > now) break;
      const at = t as Time;
      // A packet decided at ⌈p⌉ was sent at p ≤ ⌈p⌉: before an end, a retransmission or an upkeep
      // (a change) due in the same µs.
      if (tMove === t) {
        const id = this.moves.topId();
        this.moves.pop();
        // The hot path of a large move: count straight into the total.
        this.tally = total;
        this.nextPacket(id, at);
      } else if (tEnd === t) {
        const id = this.ends.topId();
        this.ends.pop();
        this.planEnd(id, at);
      } else if (tStall === t) {
        const id = this.stalls.topId();
        this.stalls.pop();
        this.tally = zeroCounts();
        this.stallExpiry(id, at);
        addCounts(total, this.tally);
      } else if (tRe === t) {
        this.tally = zeroCounts();
        this.runReconnect(at);
        addCounts(total, this.tally);
      } else if (up) {
        this.touchGroup(up, at);
        const r = this.applyChange(up, up.ecmp.upkeep(at), at);
        addCounts(total, r.resets);
      }
    }
    return total;
  }

  // ── metrics ─────────────────────────────────────────────────────────────────────────────────

  groupMetrics(group: number, now: Time): GroupMetrics {
    this.tick(now);
    const g = this.group(group);
    this.touchGroup(g, now);
    if (g.latent.n > 0) this.settleLatent(g, now, true);
    const totals = (i: number): TrafficTotals => ({
      packets: g.packets[i]!,
      bytes: g.bytes[i]!,
      connectionSeconds: g.connSeconds[i]!,
    });
    return {
      group: g.index,
      router: g.spec.router,
      prefix: g.spec.prefix,
      scheme: g.ecmp.scheme,
      nextHops: g.ecmp.nextHops(),
      live: g.live + g.latent.n + g.quietLive,
      opened: g.opened,
      closed: g.closed,
      delivered: totals(DELIVERING),
      blackholed: totals(BLACKHOLED),
      noRoute: totals(NO_ROUTE),
      blackholeSeconds: g.blackholeSeconds,
      noRouteSeconds: g.noRouteSeconds,
      resets: countsOf(g.resets),
      tcp: g.stalls.snapshot(),
    };
  }

  nodeMetrics(node: string, now: Time): NodeMetrics {
    this.tick(now);
    this.settleAllLatent(now);
    const n = this.nodes[this.addNode(node)]!;
    this.touchNode(n, now);
    return {
      node: n.name,
      forwarding: n.up,
      failures: n.failures,
      conntrack: n.rates[2]! + n.latent + n.quietLive,
      packets: n.packets,
      bytes: n.bytes,
      conntrackSeconds: n.conntrackSeconds,
    };
  }

  /** Every group's and node's metrics, integrated to `now`. */
  metrics(now: Time): { groups: GroupMetrics[]; nodes: NodeMetrics[]; memory: MemoryReport } {
    return {
      groups: this.groups.map((g) => this.groupMetrics(g.index, now)),
      nodes: this.nodes.map((n) => this.nodeMetrics(n.name, now)),
      memory: this.memory(),
    };
  }

  groupSeries(group: number, now: Time): SeriesSnapshot<GroupSeriesChannel> {
    this.tick(now);
    const g = this.group(group);
    this.touchGroup(g, now);
    if (g.latent.n > 0) this.settleLatent(g, now, true);
    return g.series.snapshot();
  }

  nodeSeries(node: string, now: Time): SeriesSnapshot<NodeSeriesChannel> {
    this.tick(now);
    this.settleAllLatent(now);
    const n = this.nodes[this.addNode(node)]!;
    this.touchNode(n, now);
    return n.series.snapshot();
  }

  memory(): MemoryReport {
    const connectionBytes = this.conns.bytes() + this.groups.reduce((a, g) => a + g.latent.storageBytes(), 0);
    const timerBytes = this.ends.bytes() + this.stalls.bytes() + this.moves.bytes() + this.tcpState.bytes();
    return {
      liveConnections: this.liveConnections,
      connectionSlots: this.conns.capacity,
      connectionBytes,
      timerBytes,
      tableBytes: this.groups.reduce((a, g) => a + g.ecmp.tableBytes() + g.regions.bytes() + g.laneHead.byteLength, 0),
      bytesPerLiveConnection: this.liveConnections === 0 ? 0 : (connectionBytes + timerBytes) / this.liveConnections,
    };
  }

  /** The group's ECMP strategy object (read-only use: lookups, tables for the UI). */
  ecmpOf(group: number): EcmpGroup {
    return this.group(group).ecmp;
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────

  // Per-arrival hot path: the message closures are built only on failure.
  private group(i: number): GroupState {
    const g = this.groups[i];
    if (g === undefined) invariant(false, `no data-plane group ${i}`);
    return g;
  }

  private tick(now: Time): void {
    if (now < this.clock) invariant(false, `data plane time went backwards: ${now} < ${this.clock}`);
    this.clock = now;
  }

  /**
   * A connection's canonical key: its group, then its open ordinal there. Unique, and a function of
   * the connection alone (the same in the per-connection path and in bulk, whatever list it was
   * found through): what is due in the same µs happens in this order (timer-heap.ts), and so do the
   * reconnects it causes (`scheduleReconnect`), hence their open ordinals and packet phases.
   */
  private keyOf(id: number): number {
    return this.conns.group[id]! * ORDINAL_SPAN + this.conns.ordinal[id]!;
  }

  private handle(id: number): FlowId {
    return flowId(this.conns.gen[id]! * HANDLE_SPAN + id);
  }

  private open(
    g: GroupState,
    hash: number,
    duration: Duration,
    pps: number,
    bytes: number,
    now: Time,
    key: FlowKey | null,
  ): FlowId {
    invariant(duration > 0, 'connection duration must be positive');
    this.touchGroup(g, now);
    const c = this.conns;
    const id = c.alloc();
    const tcp = this.tcpState;
    tcp.ensure(c.capacity);
    tcp.retx[id] = 0;
    tcp.pathBack[id] = -1;
    tcp.endAt[id] = now + duration;
    tcp.keyed[id] = key === null ? 0 : 1;
    if (key !== null) {
      tcp.srcIp[id] = key.src;
      tcp.dstIp[id] = key.dst;
      tcp.srcPort[id] = key.srcPort;
      tcp.dstPort[id] = key.dstPort;
      tcp.protocol[id] = key.protocol;
    }
    c.hash[id] = hash;
    c.group[id] = g.index;
    c.node[id] = -1;
    c.epoch[id] = 0;
    c.packetBytes[id] = bytes;
    c.pps[id] = quantizeRate(pps);
    c.born[id] = now;
    c.stallSince[id] = -1;
    c.phase[id] = packetPhase(g.index, g.opened, hash);
    c.ordinal[id] = g.opened;
    this.digest.open(c, id, now);
    const region = g.ecmp.regionOf(hash);
    c.region[id] = region;
    g.regions.link(c, region, id, g.live);
    g.ecmp.attach(hash, now);
    const slot = g.ecmp.lookup(hash);
    c.slot[id] = slot;
    c.linkLane(g.laneHead, slot + 1, id);
    g.live++;
    g.opened++;
    g.series.add(now, CH_OPENED, 1);
    const flow = this.handle(id);
    this.ends.push(now + duration, this.keyOf(id), id, c.gen[id]!);
    this.tally = zeroCounts();
    this.place(g, id, now);
    return flow;
  }

  private checkHealth(g: GroupState): void {
    const healthy = g.downMembers === 0 && g.memberCount > 0;
    if (healthy !== g.healthy) this.unhealthy += healthy ? -1 : 1;
    g.healthy = healthy;
  }

  private syncMembers(g: GroupState): void {
    const names = g.ecmp.nextHops();
    let maxSlot = 0;
    for (const name of names) maxSlot = Math.max(maxSlot, g.ecmp.slotOf(name));
    if (maxSlot + 2 > g.laneHead.length) {
      const cap = Math.max(maxSlot + 2, g.laneHead.length * 2);
      const lanes = new Int32Array(cap).fill(-1);
      lanes.set(g.laneHead);
      g.laneHead = lanes;
      const sn = new Int32Array(cap).fill(-1);
      sn.set(g.slotNode);
      g.slotNode = sn;
      const mem = new Uint8Array(cap);
      mem.set(g.member);
      g.member = mem;
    }
    g.member.fill(0);
    g.downMembers = 0;
    for (const n of g.memberNodes) this.nodeGroups[n]!.delete(g);
    g.memberNodes = [];
    for (const name of names) {
      const slot = g.ecmp.slotOf(name);
      const n = this.addNode(name);
      g.slotNode[slot] = n;
      g.member[slot] = 1;
      g.memberNodes.push(n);
      this.nodeGroups[n]!.add(g);
      if (!this.nodes[n]!.up || g.pathDown.has(n)) g.downMembers++;
    }
    g.memberCount = names.length;
    this.checkHealth(g);
  }

  private applyChange(g: GroupState, change: EcmpChange, now: Time): ChangeResult {
    g.shares = null;
    this.tally = zeroCounts();
    let moved = 0;
    let visited = 0;
    // No live connection in the group (the routers converging before traffic): nothing to re-place.
    if (g.live === 0) return { change, moved, visited, resets: this.tally };
    const c = this.conns;
    g.regions.forEach(c, change.dirtyRegions, (id) => {
      visited++;
      const slot = g.ecmp.lookup(c.hash[id]!);
      const old = c.slot[id]!;
      if (slot !== old) {
        moved++;
        c.unlinkLane(g.laneHead, old + 1, id);
        c.slot[id] = slot;
        c.linkLane(g.laneHead, slot + 1, id);
        // A stalled connection's next packet is its next retransmission (its timer is armed).
        if (c.stallSince[id]! >= 0) this.place(g, id, now);
        else this.movePending(id, now);
      }
    });
    return { change, moved, visited, resets: this.tally };
  }

  /**
   * Re-places every connection currently sent to `slot` (its node's forwarding changed), except
   * move-pending ones: their next packet meets whatever the state is then.
   */
  private replaceLane(g: GroupState, slot: number, now: Time): void {
    const c = this.conns;
    let id = g.laneHead[slot + 1]!;
    while (id !== -1) {
      const next = c.laneNext[id]!;
      if ((c.status[id]! & MOVE_PENDING) === 0) this.place(g, id, now, true);
      id = next;
    }
  }

  /**
   * A change gave connection `id` another next hop: its first packet after `now` decides (the one
   * already pending, if a move is pending). A connection that sends nothing never meets the change.
   */
  private movePending(id: number, now: Time): void {
    const c = this.conns;
    const st = c.status[id]!;
    if (st & MOVE_PENDING) return;
    c.status[id] = st | MOVE_PENDING;
    const at = nextPacketAfter(c.phase[id]!, c.pps[id]!, now);
    if (at !== Number.POSITIVE_INFINITY) this.moves.push(at, this.keyOf(id), id, c.gen[id]!);
  }

  /** The first packet after a move: the state it meets now decides (`place`). */
  private nextPacket(id: number, now: Time): void {
    // `topMove` skipped stale entries: `id` is live and move-pending.
    const c = this.conns;
    c.status[id] = c.status[id]! & ~MOVE_PENDING;
    this.place(this.group(c.group[id]!), id, now);
  }

  /**
   * Where a packet of connection `id` goes now, given its (current) next-hop slot: BLACKHOLED or
   * NO_ROUTE (it vanishes), ACCEPT (delivered; a new connection is accepted where it lands, as
   * kube-proxy does), or a RST from a live node without its conntrack entry (RST_REHASH /
   * RST_NODE_FAILURE: its own node lost it).
   */
  private decide(g: GroupState, id: number): number {
    const c = this.conns;
    const slot = c.slot[id]!;
    if (slot < 0) return NO_ROUTE;
    const n = this.nodes[g.slotNode[slot]!]!;
    if (!n.up || g.pathDown.has(n.index)) return BLACKHOLED;
    const own = c.node[id]!;
    if (own < 0 || (own === n.index && c.epoch[id] === n.epoch)) return ACCEPT;
    return this.nodes[own]!.epoch !== c.epoch[id] ? RST_NODE_FAILURE : RST_REHASH;
  }

  /**
   * A packet of connection `id` meets the state now. A stalled connection sends no packets but
   * its retransmissions: a change only updates which state its unsent data counts against, and
   * notes when the path came back; its next retransmission decides (`stallExpiry`). A `fluid`
   * forwarding change (`replaceLane`) that ends a stall in the µs it began lost no packet (the
   * fluid loses pps × 0 s): the stall is undone, as if neither change happened.
   */
  private place(g: GroupState, id: number, now: Time, fluid = false): void {
    const d = this.decide(g, id);
    const c = this.conns;
    if (fluid && c.stallSince[id] === now && this.tcpState.retx[id] === 0 && d !== BLACKHOLED && d !== NO_ROUTE) {
      g.stalls.stalled--;
      c.stallSince[id] = -1;
    }
    if (c.stallSince[id]! >= 0) {
      if (d === BLACKHOLED || d === NO_ROUTE) {
        this.tcpState.pathBack[id] = -1;
        this.setStatus(g, id, d, now);
      } else if (this.tcpState.pathBack[id]! < 0) this.tcpState.pathBack[id] = now;
      return;
    }
    this.meet(g, id, d, now);
  }

  /** Acts on a packet's fate `d` (from `decide`). */
  private meet(g: GroupState, id: number, d: number, now: Time): void {
    if (d === BLACKHOLED || d === NO_ROUTE) {
      this.stall(g, id, d, now);
      return;
    }
    if (d === RST_REHASH || d === RST_NODE_FAILURE) {
      // A live node without the conntrack entry answers with a RST.
      this.reset(g, id, d === RST_NODE_FAILURE ? NODE_FAILURE : REHASH, now);
      return;
    }
    const c = this.conns;
    if (c.node[id]! < 0) {
      const n = this.nodes[g.slotNode[c.slot[id]!]!]!;
      this.touchNode(n, now);
      c.node[id] = n.index;
      c.epoch[id] = n.epoch;
      n.rates[2]!++;
    }
    this.deliver(g, id, now);
  }

  private stall(g: GroupState, id: number, status: number, now: Time): void {
    const c = this.conns;
    if (c.stallSince[id]! < 0) {
      c.stallSince[id] = now;
      this.tcpState.retx[id] = 0;
      this.tcpState.pathBack[id] = -1;
      g.stalls.stalled++;
      this.stalls.push(this.stallDeadline(id), this.keyOf(id), id, c.gen[id]!);
    }
    this.setStatus(g, id, status, now);
  }

  /** A stalled connection's next deadline: its retransmission timer, or the application's timeout. */
  private stallDeadline(id: number): number {
    const c = this.conns;
    const since = c.stallSince[id]!;
    // A SYN_SENT socket: no server has accepted the connection yet.
    const t = since + timerExpiry(this.tcp, c.node[id]! < 0, this.tcpState.retx[id]! + 1);
    const app = this.tcp.appTimeout;
    return app === undefined ? t : Math.min(t, since + app);
  }

  /**
   * A stalled connection's deadline: the application gives up, or the retransmission timer expires
   * (Linux tcp_retransmit_timer: tcp_write_timeout first, then the retransmission, which meets the
   * state now).
   */
  private stallExpiry(id: number, now: Time): void {
    const c = this.conns;
    const tcp = this.tcpState;
    const g = this.group(c.group[id]!);
    const since = c.stallSince[id]!;
    const app = this.tcp.appTimeout;
    if (app !== undefined && since + app === now) {
      g.stalls.appTimeouts++;
      this.giveUp(g, id, now);
      return;
    }
    const k = tcp.retx[id]! + 1;
    if (writeTimedOut(this.tcp, c.node[id]! < 0, k, (now - since) as Duration)) {
      g.stalls.gaveUp++;
      this.giveUp(g, id, now);
      return;
    }
    tcp.retx[id] = k;
    const d = this.decide(g, id);
    if (d === BLACKHOLED || d === NO_ROUTE) {
      tcp.pathBack[id] = -1;
      this.setStatus(g, id, d, now);
      this.stalls.push(this.stallDeadline(id), this.keyOf(id), id, c.gen[id]!);
      return;
    }
    // The retransmission got through (or drew a RST): the stall ends here.
    g.stalls.ended(since, tcp.pathBack[id]!, now, d === ACCEPT);
    c.stallSince[id] = -1;
    this.meet(g, id, d, now);
  }

  private deliver(g: GroupState, id: number, now: Time): void {
    const c = this.conns;
    c.stallSince[id] = -1;
    if (c.status[id]! & END_PENDING) {
      this.close(id, now);
      return;
    }
    this.setStatus(g, id, DELIVERING, now);
  }

  /** Moves a connection's rate between state sums (both group and node integrated to now first). */
  private setStatus(g: GroupState, id: number, status: number, now: Time): void {
    const c = this.conns;
    const raw = c.status[id]!;
    const old = raw & STATUS_MASK;
    if (old === status) return;
    this.touchGroup(g, now);
    const pps = c.pps[id]!;
    const bps = pps * c.packetBytes[id]!;
    if (old !== UNPLACED) {
      g.rates[old]! -= pps;
      g.rates[old + 3]! -= bps;
      if (--g.counts[old]! === 0) {
        g.rates[old] = 0;
        g.rates[old + 3] = 0;
      }
      if (old === DELIVERING) this.nodeRate(c.node[id]!, -pps, -bps, now);
      this.digest.leave(c, id, old, old === DELIVERING ? c.node[id]! : -1, now);
    }
    if (status !== UNPLACED) {
      g.rates[status]! += pps;
      g.rates[status + 3]! += bps;
      g.counts[status]!++;
      if (status === DELIVERING) this.nodeRate(c.node[id]!, pps, bps, now);
      this.digest.enter(c, id, status, status === DELIVERING ? c.node[id]! : -1, now);
    }
    c.status[id] = status | (raw & (END_PENDING | MOVE_PENDING));
  }

  private nodeRate(node: number, pps: number, bps: number, now: Time): void {
    const n = this.nodes[node]!;
    this.touchNode(n, now);
    n.rates[0]! += pps;
    n.rates[1]! += bps;
  }

  private planEnd(id: number, now: Time): void {
    // `topEnd` skipped stale entries, so `id` is the live connection the entry was armed for.
    const c = this.conns;
    const st = c.status[id]! & STATUS_MASK;
    if (st === DELIVERING) this.close(id, now);
    else c.status[id] = c.status[id]! | END_PENDING;
  }

  /** TCP or the application gives up on a stalled connection: the cause is where its packets went. */
  private giveUp(g: GroupState, id: number, now: Time): void {
    const c = this.conns;
    g.stalls.ended(c.stallSince[id]!, this.tcpState.pathBack[id]!, now, false);
    const st = c.status[id]! & STATUS_MASK;
    const own = c.node[id]!;
    const cause =
      own >= 0 && this.nodes[own]!.epoch !== c.epoch[id]
        ? NODE_FAILURE
        : st === NO_ROUTE
          ? NO_ROUTE_CAUSE
          : BLACKHOLE_CAUSE;
    this.reset(g, id, cause, now);
  }

  private reset(g: GroupState, id: number, cause: number, now: Time): void {
    const c = this.conns;
    const name = RESET_CAUSES[cause]!;
    this.touchGroup(g, now);
    g.resets[cause]!++;
    g.series.add(now, CH_RESET0 + cause, 1);
    this.tally[name]++;
    if (this.onReset) {
      const own = c.node[id]!;
      this.onReset({
        type: 'connection-reset',
        flow: this.handle(id),
        group: g.index,
        cause: name,
        node: own < 0 ? null : this.nodes[own]!.name,
        born: c.born[id]! as Time,
        at: now,
      });
    }
    this.digest.end(c, id, now, 1 + cause, c.node[id]!);
    this.scheduleReconnect(g, id, now);
    this.remove(g, id, now);
  }

  /**
   * The client of a reset connection reconnects per the policy: a new socket from the same client
   * with the next ephemeral port, for what is left of the planned lifetime (all of it again when
   * the planned end has passed: the unfinished exchange is redone).
   */
  private scheduleReconnect(g: GroupState, id: number, now: Time): void {
    const delay = reconnectDelay(this.reconnect);
    if (delay === null) return;
    const c = this.conns;
    const tcp = this.tcpState;
    const endAt = tcp.endAt[id]!;
    const duration = (endAt > now ? endAt - now : endAt - c.born[id]!) as Duration;
    let key: FlowKey | null = null;
    if (tcp.keyed[id] === 1) {
      key = {
        protocol: tcp.protocol[id]!,
        src: tcp.srcIp[id]!,
        dst: tcp.dstIp[id]!,
        srcPort: nextEphemeralPort(tcp.srcPort[id]!, this.ports[0], this.ports[1]),
        dstPort: tcp.dstPort[id]!,
      };
    }
    const r: PendingReconnect = {
      at: (now + delay) as Time,
      order: this.keyOf(id),
      group: g.index,
      key,
      // A connection opened from a bare hash keeps it (benchmarks, hash-level tests).
      hash: key === null ? c.hash[id]! : flowHash(g.spec.hashPolicy, g.spec.hashSeed, key),
      duration,
      pps: c.pps[id]!,
      bytes: c.packetBytes[id]!,
    };
    // One delay for all: due times never decrease, so the queue stays sorted by (at, order) with an
    // insertion that walks back over the reconnects due in the same µs only (usually none).
    const q = this.reconnects;
    let i = q.length;
    while (i > this.reconnectHead) {
      const p = q[i - 1]!;
      if (p.at < r.at || (p.at === r.at && p.order <= r.order)) break;
      i--;
    }
    if (i === q.length) q.push(r);
    else q.splice(i, 0, r);
  }

  private topReconnect(): number {
    const r = this.reconnects[this.reconnectHead];
    return r === undefined ? Number.POSITIVE_INFINITY : r.at;
  }

  private runReconnect(now: Time): void {
    const r = this.reconnects[this.reconnectHead++]!;
    if (this.reconnectHead > 1024 && this.reconnectHead * 2 > this.reconnects.length) {
      this.reconnects.splice(0, this.reconnectHead);
      this.reconnectHead = 0;
    }
    const g = this.group(r.group);
    g.stalls.reconnects++;
    this.open(g, r.hash, r.duration, r.pps, r.bytes, now, r.key);
  }

  private close(id: number, now: Time): void {
    const g = this.group(this.conns.group[id]!);
    const since = this.conns.stallSince[id]!;
    if (since >= 0) g.stalls.ended(since, this.tcpState.pathBack[id]!, now, false);
    this.touchGroup(g, now);
    g.closed++;
    g.series.add(now, CH_CLOSED, 1);
    this.onClose?.(this.handle(id), now);
    this.digest.end(this.conns, id, now, 0, this.conns.node[id]!);
    this.remove(g, id, now);
  }

  private remove(g: GroupState, id: number, now: Time): void {
    const c = this.conns;
    this.setStatus(g, id, UNPLACED, now);
    const own = c.node[id]!;
    if (own >= 0) {
      const n = this.nodes[own]!;
      if (n.epoch === c.epoch[id]) {
        this.touchNode(n, now);
        n.rates[2]!--;
      }
    }
    const hash = c.hash[id]!;
    g.regions.unlink(c, c.region[id]!, id);
    c.unlinkLane(g.laneHead, c.slot[id]! + 1, id);
    g.ecmp.detach(hash, now);
    g.live--;
    c.free(id);
  }

  private topEnd(): number {
    const h = this.ends;
    while (h.size > 0 && !this.conns.isLive(h.topId(), h.topGen())) h.pop();
    return h.topTime();
  }

  private topMove(): number {
    const h = this.moves;
    const c = this.conns;
    while (h.size > 0 && !(c.isLive(h.topId(), h.topGen()) && c.status[h.topId()]! & MOVE_PENDING)) h.pop();
    return h.topTime();
  }

  private topStall(): number {
    const h = this.stalls;
    const c = this.conns;
    while (h.size > 0) {
      const id = h.topId();
      if (c.isLive(id, h.topGen()) && c.stallSince[id]! >= 0 && this.stallDeadline(id) === h.topTime()) break;
      h.pop();
    }
    return h.topTime();
  }

  /** Integrates a group's constant rates from its last touch to `now`. O(1) plus bins spanned. */
  private touchGroup(g: GroupState, now: Time): void {
    const t0 = g.lastT;
    if (now <= t0) return;
    const dt = (now - t0) / 1e6;
    for (let i = 0; i < 3; i++) {
      g.packets[i]! += g.rates[i]! * dt;
      g.bytes[i]! += g.rates[i + 3]! * dt;
      g.connSeconds[i]! += g.counts[i]! * dt;
    }
    if (g.downMembers > 0) g.blackholeSeconds += dt;
    if (g.memberCount === 0) g.noRouteSeconds += dt;
    g.series.integrate(t0, now, g.rates);
    g.lastT = now;
  }

  private touchNode(n: NodeState, now: Time): void {
    const t0 = n.lastT;
    if (now <= t0) return;
    const dt = (now - t0) / 1e6;
    n.packets += n.rates[0]! * dt;
    n.bytes += n.rates[1]! * dt;
    n.conntrackSeconds += n.rates[2]! * dt;
    n.series.integrate(t0, now, n.rates);
    n.lastT = now;
  }
}

function countsOf(a: Float64Array): ResetCounts {
  return {
    rehash: a[REHASH]!,
    blackhole: a[BLACKHOLE_CAUSE]!,
    nodeFailure: a[NODE_FAILURE]!,
    noRoute: a[NO_ROUTE_CAUSE]!,
  };
}

function addCounts(into: ResetCounts, from: ResetCounts): void {
  for (const k of RESET_CAUSES) into[k] += from[k];
}
