/**
 * Live connections as a struct of typed arrays with a free list: about 80 bytes a connection and no
 * per-connection objects for the garbage collector. Each connection sits on two intrusive
 * doubly-linked lists of its group: by hash *region* (to find the flows a next-hop change moved)
 * and by current next-hop *lane* (to find the flows a node's forwarding change affects).
 */
import { invariant } from '../base/assert.js';

/** Where a connection's packets go now. */
export const DELIVERING = 0;
export const BLACKHOLED = 1;
export const NO_ROUTE = 2;
/** Not yet placed / slot free. */
export const UNPLACED = 3;
/** Flag: its planned end came while it was stalled; it closes as soon as delivery resumes. */
export const END_PENDING = 0x80;
/** Flag: a next-hop change moved it; its next packet decides its fate (status is its last packet's). */
export const MOVE_PENDING = 0x40;
export const STATUS_MASK = 0x3f;

export type ConnStatus = typeof DELIVERING | typeof BLACKHOLED | typeof NO_ROUTE;

const NIL = -1;

export class ConnectionTable {
  capacity: number;
  live = 0;
  hash!: Uint32Array;
  /** The connection's region in its group's ECMP partition (region-index.ts). */
  region!: Int32Array;
  group!: Uint32Array;
  slot!: Int16Array;
  node!: Int32Array;
  epoch!: Uint32Array;
  status!: Uint8Array;
  packetBytes!: Uint16Array;
  pps!: Float32Array;
  born!: Float64Array;
  stallSince!: Float64Array;
  /** Packet phase in [0, 1): its packets are at (k + phase) / pps seconds (see packet-clock.ts). */
  phase!: Float32Array;
  gen!: Uint32Array;
  /** Its open ordinal in its group (the g-th connection opened there): with the group, its canonical key. */
  ordinal!: Uint32Array;
  /** The connection's two 32-bit names in the traffic digest (traffic-digest.ts), set at open. */
  digestA!: Uint32Array;
  digestB!: Uint32Array;
  regionPrev!: Int32Array;
  regionNext!: Int32Array;
  lanePrev!: Int32Array;
  laneNext!: Int32Array;
  private freeHead = NIL;
  private highWater = 0;

  /**
   * The arrays are allocated at the first `alloc`, at `capacity`: a bulk run whose
   * connections all stay in closed form or latent never takes a slot and needs none. `capacity`
   * (and `bytes`, the memory report) is the same either way; nothing reads an array before a slot
   * exists (`isLive` checks the high-water mark first).
   */
  private allocated = false;

  constructor(capacity = 1024) {
    this.capacity = Math.max(16, capacity);
  }

  /** Bytes of typed-array storage per connection slot. */
  static readonly BYTES_PER_SLOT = 4 + 4 + 4 + 2 + 4 + 4 + 1 + 2 + 4 + 8 + 8 + 4 + 4 + 4 + 4 * 4 + 2 * 4;

  bytes(): number {
    return this.capacity * ConnectionTable.BYTES_PER_SLOT;
  }

  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    if (this.allocated) this.resize(capacity);
    else this.capacity = capacity;
  }

  alloc(): number {
    let id: number;
    if (this.freeHead !== NIL) {
      id = this.freeHead;
      this.freeHead = this.regionNext[id]!;
    } else {
      if (!this.allocated) this.resize(this.capacity);
      else if (this.highWater === this.capacity) this.resize(Math.ceil(this.capacity * 1.5));
      id = this.highWater++;
    }
    this.gen[id] = (this.gen[id]! + 1) >>> 0;
    this.status[id] = UNPLACED;
    this.live++;
    return id;
  }

  free(id: number): void {
    this.status[id] = UNPLACED;
    this.regionNext[id] = this.freeHead;
    this.freeHead = id;
    this.live--;
  }

  isLive(id: number, gen: number): boolean {
    return id >= 0 && id < this.highWater && this.gen[id] === gen && this.status[id] !== UNPLACED;
  }

  // Intrusive lists; `head` arrays belong to the group.
  linkRegion(head: Int32Array, r: number, id: number): void {
    const h = head[r]!;
    this.regionPrev[id] = NIL;
    this.regionNext[id] = h;
    if (h !== NIL) this.regionPrev[h] = id;
    head[r] = id;
  }

  unlinkRegion(head: Int32Array, r: number, id: number): void {
    const p = this.regionPrev[id]!;
    const n = this.regionNext[id]!;
    if (p !== NIL) this.regionNext[p] = n;
    else head[r] = n;
    if (n !== NIL) this.regionPrev[n] = p;
  }

  linkLane(head: Int32Array, lane: number, id: number): void {
    const h = head[lane]!;
    this.lanePrev[id] = NIL;
    this.laneNext[id] = h;
    if (h !== NIL) this.lanePrev[h] = id;
    head[lane] = id;
  }

  unlinkLane(head: Int32Array, lane: number, id: number): void {
    const p = this.lanePrev[id]!;
    const n = this.laneNext[id]!;
    if (p !== NIL) this.laneNext[p] = n;
    else head[lane] = n;
    if (n !== NIL) this.lanePrev[n] = p;
  }

  private resize(cap: number): void {
    invariant(cap <= 0x2000000, 'at most 2^25 live connections');
    const grow = <
      T extends Uint32Array | Uint16Array | Int16Array | Int32Array | Uint8Array | Float32Array | Float64Array,
    >(
      old: T | undefined,
      make: (n: number) => T,
    ): T => {
      const a = make(cap);
      if (old) a.set(old as never);
      return a;
    };
    this.hash = grow(this.hash, (n) => new Uint32Array(n));
    this.region = grow(this.region, (n) => new Int32Array(n));
    this.group = grow(this.group, (n) => new Uint32Array(n));
    this.slot = grow(this.slot, (n) => new Int16Array(n));
    this.node = grow(this.node, (n) => new Int32Array(n));
    this.epoch = grow(this.epoch, (n) => new Uint32Array(n));
    this.status = grow(this.status, (n) => new Uint8Array(n).fill(UNPLACED));
    this.packetBytes = grow(this.packetBytes, (n) => new Uint16Array(n));
    this.pps = grow(this.pps, (n) => new Float32Array(n));
    this.born = grow(this.born, (n) => new Float64Array(n));
    this.stallSince = grow(this.stallSince, (n) => new Float64Array(n));
    this.phase = grow(this.phase, (n) => new Float32Array(n));
    this.gen = grow(this.gen, (n) => new Uint32Array(n));
    this.ordinal = grow(this.ordinal, (n) => new Uint32Array(n));
    this.digestA = grow(this.digestA, (n) => new Uint32Array(n));
    this.digestB = grow(this.digestB, (n) => new Uint32Array(n));
    this.regionPrev = grow(this.regionPrev, (n) => new Int32Array(n));
    this.regionNext = grow(this.regionNext, (n) => new Int32Array(n));
    this.lanePrev = grow(this.lanePrev, (n) => new Int32Array(n));
    this.laneNext = grow(this.laneNext, (n) => new Int32Array(n));
    this.capacity = cap;
    this.allocated = true;
  }
}
