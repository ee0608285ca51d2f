/**
 * The Adj-RIBs-In of one address family, for every peer at once (RFC 4271 §3.2), with the per-route
 * Graceful Restart state of RFC 4724 §4.2 and RFC 9494 §4.3.
 *
 * Layout. Routes live in one pool indexed by a route slot: one Int32Array holding each route's
 * integer fields side by side (peer, prefix, next, position, stamp, flags: one cache line per route,
 * not one per field, which is what a route server's members pay for each UPDATE), and its attributes
 * in a parallel array; freed slots are reused. Each route is threaded on two lists: the routes of its prefix (a
 * singly linked chain from `head[prefixId]`, which is how the decision process finds its candidates
 * without any map), and the routes of its peer (a dense array with each route's position, so a GR
 * operation walks exactly that peer's routes and removal is swap-with-last).
 *
 * Staleness is an epoch stamp, not a flag: each peer has an epoch, each route the epoch it was last
 * (re)advertised in, and a route is stale exactly when its stamp is older than its peer's epoch. So
 * marking a million routes stale (RFC 4724 §4.2) is one increment, and a re-advertisement makes a route
 * fresh by writing one number. LLGR-stale (RFC 9494 §4.3) is a flag bit on top, because the route's
 * attributes change too (LLGR_STALE attached). No route has a timer: the GR machines own the timers
 * and call the sweeps.
 */
import { invariant } from '../../base/assert.js';
import type { RibAttributes } from './attributes.js';

export type RouteState = 'fresh' | 'stale' | 'llgr-stale';

const NONE = -1;
const FLAG_LLGR = 1;
/** Fields of a route slot in `pool`, at `slot * STRIDE + field`. */
const STRIDE = 6;
const PEER = 0;
const PREFIX = 1;
const NEXT = 2;
const POS = 3;
/** The peer epoch the route was last (re)advertised in, as int32 (`epoch | 0`). */
const STAMP = 4;
const FLAGS = 5;

interface PeerRoutes {
  /** Route slots of this peer, dense in [0, size). */
  routes: Int32Array;
  size: number;
  /** Routes stamped with an older epoch are stale. */
  epoch: number;
  /** How many of this peer's routes are stale (so a sweep with nothing stale costs nothing). */
  staleCount: number;
}

function grow<T extends Int32Array | Uint32Array | Uint8Array>(a: T, min: number, fill?: number): T {
  let n = Math.max(16, a.length);
  while (n < min) n *= 2;
  if (n === a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  if (fill !== undefined) b.fill(fill, a.length);
  return b;
}

export class AdjRibIn {
  /**
   * Per slot: peer, prefix id, next route of the same prefix (or the next free slot while on the free
   * list), position in its peer's `routes`, stamp, flags.
   */
  private pool = new Int32Array(0);
  private attrsOf: (RibAttributes | undefined)[] = [];
  private highWater = 0;
  private freeHead = NONE;
  private live = 0;
  /** First route of each prefix id, NONE when no peer has one. */
  private head = new Int32Array(0);
  private readonly peers: PeerRoutes[] = [];

  /** Number of routes of all peers. */
  get size(): number {
    return this.live;
  }

  private peerRoutes(peer: number): PeerRoutes {
    let p = this.peers[peer];
    if (!p) {
      for (let i = this.peers.length; i <= peer; i++) {
        this.peers[i] = { routes: new Int32Array(0), size: 0, epoch: 0, staleCount: 0 };
      }
      p = this.peers[peer];
    }
    return p;
  }

  /** How many routes `peer` has (its accepted prefix count). */
  count(peer: number): number {
    return this.peers[peer]?.size ?? 0;
  }

  staleCount(peer: number): number {
    return this.peers[peer]?.staleCount ?? 0;
  }

  /** The route of `peer` for `prefixId`, or -1. Walks the prefix's chain: as long as its number of paths. */
  find(peer: number, prefixId: number): number {
    if (prefixId >= this.head.length) return NONE;
    const pool = this.pool;
    for (let r = this.head[prefixId]; r !== NONE; r = pool[r * STRIDE + NEXT])
      if (pool[r * STRIDE + PEER] === peer) return r;
    return NONE;
  }

  /** First route of a prefix's chain (-1 when none); continue with `next`. */
  first(prefixId: number): number {
    return prefixId < this.head.length ? this.head[prefixId] : NONE;
  }

  next(route: number): number {
    return this.pool[route * STRIDE + NEXT];
  }

  peer(route: number): number {
    return this.pool[route * STRIDE + PEER];
  }

  prefixId(route: number): number {
    return this.pool[route * STRIDE + PREFIX];
  }

  attrs(route: number): RibAttributes {
    return this.attrsOf[route]!;
  }

  isStale(route: number): boolean {
    const at = route * STRIDE;
    return this.pool[at + STAMP] !== (this.peers[this.pool[at + PEER]].epoch | 0);
  }

  isLlgrStale(route: number): boolean {
    return (this.pool[route * STRIDE + FLAGS] & FLAG_LLGR) !== 0;
  }

  state(route: number): RouteState {
    if (this.pool[route * STRIDE + FLAGS] & FLAG_LLGR) return 'llgr-stale';
    return this.isStale(route) ? 'stale' : 'fresh';
  }

  /** Adds a fresh route; the caller has checked that `peer` has none for `prefixId`. */
  insert(peer: number, prefixId: number, attrs: RibAttributes): number {
    let r = this.freeHead;
    if (r !== NONE) {
      this.freeHead = this.pool[r * STRIDE + NEXT];
    } else {
      r = this.highWater++;
      if ((r + 1) * STRIDE > this.pool.length) this.pool = grow(this.pool, (r + 1) * STRIDE);
    }
    if (prefixId >= this.head.length) this.head = grow(this.head, prefixId + 1, NONE);
    const p = this.peerRoutes(peer);
    if (p.size >= p.routes.length) p.routes = grow(p.routes, p.size + 1);
    const pool = this.pool;
    const at = r * STRIDE;
    pool[at + PEER] = peer;
    pool[at + PREFIX] = prefixId;
    pool[at + NEXT] = this.head[prefixId];
    this.head[prefixId] = r;
    pool[at + POS] = p.size;
    p.routes[p.size++] = r;
    pool[at + STAMP] = p.epoch | 0;
    pool[at + FLAGS] = 0;
    this.attrsOf[r] = attrs;
    this.live++;
    return r;
  }

  /**
   * RFC 4724 §4.2: a route re-advertised by the peer replaces the stale one and is fresh again; RFC 9494:
   * a re-advertised LLGR-stale route loses its LLGR-stale mark with its old attributes.
   */
  refresh(route: number, attrs: RibAttributes): void {
    const pool = this.pool;
    const at = route * STRIDE;
    const p = this.peers[pool[at + PEER]];
    if (pool[at + STAMP] !== (p.epoch | 0)) {
      pool[at + STAMP] = p.epoch | 0;
      p.staleCount--;
    }
    pool[at + FLAGS] = 0;
    this.attrsOf[route] = attrs;
  }

  /** RFC 9494 §4.3: the route keeps being used, least preferred, with LLGR_STALE attached. */
  setLlgrStale(route: number, attrs: RibAttributes): void {
    invariant(this.isStale(route), 'only a stale route becomes LLGR-stale');
    this.pool[route * STRIDE + FLAGS] |= FLAG_LLGR;
    this.attrsOf[route] = attrs;
  }

  remove(route: number): void {
    const pool = this.pool;
    const at = route * STRIDE;
    const peer = pool[at + PEER];
    const p = this.peers[peer];
    if (pool[at + STAMP] !== (p.epoch | 0)) p.staleCount--;
    // Unlink from the prefix chain.
    const pid = pool[at + PREFIX];
    let prev = NONE;
    let r = this.head[pid];
    while (r !== route) {
      invariant(r !== NONE, 'route not on its prefix chain');
      prev = r;
      r = pool[r * STRIDE + NEXT];
    }
    if (prev === NONE) this.head[pid] = pool[at + NEXT];
    else pool[prev * STRIDE + NEXT] = pool[at + NEXT];
    // Swap-remove from the peer list.
    const pos = pool[at + POS];
    const last = p.routes[--p.size];
    p.routes[pos] = last;
    pool[last * STRIDE + POS] = pos;
    // To the free list.
    this.attrsOf[route] = undefined;
    pool[at + PEER] = NONE;
    pool[at + NEXT] = this.freeHead;
    this.freeHead = route;
    this.live--;
  }

  /** RFC 4724 §4.2: every route `peer` has now is stale. O(1): the peer's epoch moves on. */
  markAllStale(peer: number): void {
    const p = this.peerRoutes(peer);
    p.epoch = (p.epoch + 1) >>> 0;
    p.staleCount = p.size;
  }

  /**
   * Visits `peer`'s routes from the last to the first, so `visit` may remove the route it is given
   * (swap-remove only moves already-visited routes).
   */
  forEachOfPeer(peer: number, visit: (route: number) => void): void {
    const p = this.peers[peer];
    if (!p) return;
    for (let i = p.size - 1; i >= 0; i--) visit(p.routes[i]);
  }
}
