/**
 * The agenda: pending events ordered by (time, priority, insertion sequence), so same-time events
 * fire FIFO and the order is total (as SimPy's and ns-3's are).
 *
 * A ladder queue in three tiers (Tang, Goh, Thng 2005, with one rung): a small near 4-ary heap, a
 * rung of equal-width time buckets, and an unsorted overflow list. Every event maps to a position
 * d = (time − base) × invWidth, monotone in time: d < curEnd goes to the heap, d < buckets to
 * bucket ⌊d⌋, anything later to the overflow. When the heap runs dry the next bucket comes in
 * whole; when the buckets run out, the overflow is bucketed once (its earliest half, by a sampled
 * median, into buckets of about PER_BUCKET events) and the rest stays. Since d is
 * monotone, an event in an earlier tier is strictly earlier than any in a later one, and equal
 * times always share a tier, so the order is exactly the heap's. The heap stays bucket-sized and in
 * cache at any pending count; an event is moved a few times in its life (overflow scans, one link,
 * one load) instead of sifting through log₄ N levels of a large heap.
 *
 * Struct of arrays, nothing allocated per event. Each event owns a slot (recycled LIFO, so a pop
 * followed by a push reuses a cache-hot slot): `rec` holds time, order key (priority × 2^44 +
 * seq), argument and handler; `meta` holds generation × 2 + live, and the bucket list link. Heap
 * entries are (time, slot), like a bare heap's; the order key is read through the slot only on
 * time ties. A handle packs (generation, slot); cancelling clears the live bit and the entry is
 * dropped when it reaches the heap (lazy cancel, as ns-3 does); a handle whose generation moved
 * on, or whose event already fired or was cancelled, cancels nothing.
 */
import { invariant } from '../base/assert.js';

const SLOT_LIMIT = 2 ** 26; // up to 67M pending events
const GEN_LIMIT = 2 ** 26; // handle = gen × 2^26 + slot < 2^52
const SEQ_SPAN = 2 ** 44; // order key = priority * SEQ_SPAN + seq, exact below 2^53
const R = 4; // rec stride: time, key, arg, handler
const SAMPLES = 32; // overflow times sampled per bucketing
const SPLIT = SAMPLES / 2; // a bucketing takes in about the earliest half of the overflow
const PER_BUCKET = 2; // events per bucket at a bucketing (hold benchmark: 2 beat 1, 4, 8, 16)
const SMALL = 64; // an overflow this short comes in as one bucket
const NIL = -1;
export const MAX_PRIORITY = 255;

/** Opaque cancel handle; 0 is never a live handle. */
export type EventHandle = number;

export class Agenda {
  /** Near heap: time and slot per entry. */
  private heapTime: Float64Array;
  private heapSlot: Int32Array;
  private size = 0;

  /** Per slot, stride R: time, key, arg, handler. */
  private rec: Float64Array;
  /** Per slot, stride 2: generation × 2 + live, next slot in its bucket. */
  private meta: Int32Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  private seq = 0;

  /** The rung: d = (time − base) × invWidth; d < curEnd → heap; d < buckets → bucket ⌊d⌋. */
  private base = 0;
  private invWidth = 0;
  private curEnd = 0;
  private buckets = 0;
  private head: Int32Array = new Int32Array(16).fill(NIL);

  /** Overflow: events with d ≥ buckets, unsorted. */
  private overTime: Float64Array;
  private overSlot: Int32Array;
  private overCount = 0;
  private readonly sample = new Float64Array(SAMPLES);

  /** Time, handler id and argument of the event most recently returned by `pop`. */
  lastPoppedTime = 0;
  lastHandler = 0;
  lastArg = 0;
  private liveCount = 0;

  // Small by default: a short run's world is built per seed, and the arrays double as they fill.
  constructor(initialCapacity = 64) {
    const c = Math.max(16, initialCapacity);
    this.heapTime = new Float64Array(16);
    this.heapSlot = new Int32Array(16);
    this.rec = new Float64Array(c * R);
    this.meta = new Int32Array(c * 2);
    this.freeSlots = new Int32Array(c);
    this.overTime = new Float64Array(c);
    this.overSlot = new Int32Array(c);
  }

  /** Number of pending (not cancelled) events. */
  get pending(): number {
    return this.liveCount;
  }

  // Kept small so it inlines into the caller: a double (time, handle) crossing a call that is not
  // inlined is boxed, one allocation per event. Hence also the helpers below take the slot alone.
  push(time: number, handler: number, arg: number, priority: number): EventHandle {
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.newSlot();
    const meta = this.meta;
    let gen = (meta[slot * 2] >> 1) + 1;
    if (gen >= GEN_LIMIT) gen = 1;
    meta[slot * 2] = gen * 2 + 1;
    this.liveCount++;
    const rec = this.rec;
    const o = slot * R;
    rec[o] = time;
    rec[o + 1] = priority * SEQ_SPAN + this.seq++;
    rec[o + 2] = arg;
    rec[o + 3] = handler;
    if ((time - this.base) * this.invWidth < this.curEnd && this.size < this.heapTime.length) {
      this.siftUp(this.size++, slot);
    } else {
      this.place(slot);
    }
    return gen * SLOT_LIMIT + slot;
  }

  /** Puts a slot whose record is written into its tier (the heap when it has to grow too). */
  private place(slot: number): void {
    const time = this.rec[slot * R];
    const d = (time - this.base) * this.invWidth;
    if (d < this.curEnd) {
      if (this.size === this.heapTime.length) this.growHeap();
      this.siftUp(this.size++, slot);
    } else if (d < this.buckets) {
      const b = Math.floor(d);
      this.meta[slot * 2 + 1] = this.head[b];
      this.head[b] = slot;
    } else {
      const k = this.overCount++;
      if (k === this.overTime.length) this.growOverflow();
      this.overTime[k] = time;
      this.overSlot[k] = slot;
    }
  }

  /** Returns true if the event was pending and is now cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = handle % SLOT_LIMIT;
    const live = ((handle - slot) / SLOT_LIMIT) * 2 + 1;
    if (slot >= this.slotCount || this.meta[slot * 2] !== live) return false;
    this.meta[slot * 2] = live - 1;
    this.liveCount--;
    return true;
  }

  isPending(handle: EventHandle): boolean {
    const slot = handle % SLOT_LIMIT;
    const gen = (handle - slot) / SLOT_LIMIT;
    return slot < this.slotCount && this.meta[slot * 2] === gen * 2 + 1;
  }

  /** Time of the earliest live event, or Infinity. Drops cancelled entries from the top. */
  peekTime(): number {
    this.settle();
    return this.size === 0 ? Number.POSITIVE_INFINITY : this.heapTime[0];
  }

  /**
   * Removes the earliest live event and returns its handler id (its time and argument are in
   * `lastPoppedTime` and `lastArg`), or -1 when empty.
   */
  pop(): number {
    if (this.size === 0 || (this.meta[this.heapSlot[0] * 2] & 1) === 0) {
      this.settle();
      if (this.size === 0) return -1;
    }
    const slot = this.heapSlot[0];
    const o = slot * R;
    const rec = this.rec;
    const handler = rec[o + 3];
    this.lastPoppedTime = this.heapTime[0];
    this.lastArg = rec[o + 2];
    this.lastHandler = handler;
    this.meta[slot * 2]--; // live → not live; the generation moves on at the slot's next push
    this.freeSlots[this.freeCount++] = slot;
    this.liveCount--;
    this.removeTop();
    return handler;
  }

  /** Drops cancelled entries from the heap's top; refills the heap when it runs dry. */
  private settle(): void {
    for (;;) {
      if (this.size === 0) {
        if (!this.refill()) return;
        continue;
      }
      const slot = this.heapSlot[0];
      if ((this.meta[slot * 2] & 1) === 1) return;
      this.freeSlots[this.freeCount++] = slot;
      this.removeTop();
    }
  }

  /** Loads the next non-empty bucket into the empty heap, bucketing the overflow when none is left. */
  private refill(): boolean {
    for (;;) {
      const head = this.head;
      const nb = this.buckets;
      for (let b = this.curEnd; b < nb; b++) {
        const first = head[b];
        if (first === NIL) continue;
        head[b] = NIL;
        this.curEnd = b + 1;
        this.load(first);
        if (this.size > 0) return true;
      }
      if (this.overCount === 0) return false;
      this.rebucket();
    }
  }

  /** Moves one bucket's list into the heap; cancelled entries free their slots here. */
  private load(first: number): void {
    const meta = this.meta;
    for (let s = first; s !== NIL; ) {
      const m = s * 2;
      const next = meta[m + 1];
      if ((meta[m] & 1) === 0) {
        this.freeSlots[this.freeCount++] = s;
      } else {
        if (this.size === this.heapTime.length) this.growHeap();
        this.siftUp(this.size++, s);
      }
      s = next;
    }
  }

  /**
   * Spreads the overflow's earliest part over a new rung of buckets (the heap and every bucket are
   * empty). The earliest time always lands in bucket 0, so each call makes progress.
   */
  private rebucket(): void {
    const ot = this.overTime;
    const os = this.overSlot;
    const n = this.overCount;
    let min = ot[0];
    let hi: number;
    let nb: number;
    if (n <= SMALL) {
      hi = min;
      for (let k = 1; k < n; k++) {
        const t = ot[k];
        if (t < min) min = t;
        else if (t > hi) hi = t;
      }
      nb = 1;
    } else {
      for (let k = 1; k < n; k++) if (ot[k] < min) min = ot[k];
      const s = this.sample;
      for (let k = 0; k < SAMPLES; k++) {
        const t = ot[Math.floor(((k + 0.5) * n) / SAMPLES)];
        let j = k;
        while (j > 0 && s[j - 1] > t) {
          s[j] = s[j - 1];
          j--;
        }
        s[j] = t;
      }
      hi = s[SPLIT];
      nb = Math.max(1, Math.ceil((n * SPLIT) / (SAMPLES * PER_BUCKET)));
    }
    invariant(Number.isFinite(min), 'agenda: event time is not finite');
    if (!(hi > min)) hi = min;
    const inv = nb / (hi - min + 1);
    if (nb > this.head.length) {
      let c = this.head.length;
      while (c < nb) c *= 2;
      this.head = new Int32Array(c).fill(NIL);
    }
    const head = this.head;
    const meta = this.meta;
    let kept = 0;
    for (let k = 0; k < n; k++) {
      const t = ot[k];
      const d = (t - min) * inv;
      if (d < nb) {
        const slot = os[k];
        const b = Math.floor(d);
        meta[slot * 2 + 1] = head[b];
        head[b] = slot;
      } else {
        if (kept < k) {
          ot[kept] = t;
          os[kept] = os[k];
        }
        kept++;
      }
    }
    this.overCount = kept;
    this.base = min;
    this.invWidth = inv;
    this.buckets = nb;
    this.curEnd = 0;
  }

  private removeTop(): void {
    const last = --this.size;
    if (last > 0) this.siftDown(this.heapSlot[last]);
  }

  private newSlot(): number {
    if (this.slotCount * 2 === this.meta.length) this.growSlots();
    invariant(this.slotCount < SLOT_LIMIT, 'agenda: more than 2^26 pending events');
    return this.slotCount++;
  }

  // Sifts take the slot alone and read its time and key from `rec`: a double passed to a call that
  // is not inlined is boxed, one allocation per event.
  private siftUp(pos: number, slot: number): void {
    const rec = this.rec;
    const time = rec[slot * R];
    const key = rec[slot * R + 1];
    const ht = this.heapTime;
    const hs = this.heapSlot;
    let i = pos;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = ht[p];
      if (pt < time || (pt === time && rec[hs[p] * R + 1] < key)) break;
      ht[i] = pt;
      hs[i] = hs[p];
      i = p;
    }
    ht[i] = time;
    hs[i] = slot;
  }

  private siftDown(slot: number): void {
    const time = this.rec[slot * R];
    const ht = this.heapTime;
    const hs = this.heapSlot;
    const n = this.size;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      const end = first + 4 < n ? first + 4 : n;
      let c = first;
      let ct = ht[first];
      for (let k = first + 1; k < end; k++) {
        const kt = ht[k];
        if (kt < ct || (kt === ct && this.keyOf(hs[k]) < this.keyOf(hs[c]))) {
          c = k;
          ct = kt;
        }
      }
      if (time < ct || (time === ct && this.keyOf(slot) < this.keyOf(hs[c]))) break;
      ht[i] = ct;
      hs[i] = hs[c];
      i = c;
    }
    ht[i] = time;
    hs[i] = slot;
  }

  private keyOf(slot: number): number {
    return this.rec[slot * R + 1];
  }

  private growHeap(): void {
    const c = this.heapTime.length * 2;
    this.heapTime = grow(this.heapTime, new Float64Array(c));
    this.heapSlot = grow(this.heapSlot, new Int32Array(c));
  }

  private growOverflow(): void {
    const c = this.overTime.length * 2;
    this.overTime = grow(this.overTime, new Float64Array(c));
    this.overSlot = grow(this.overSlot, new Int32Array(c));
  }

  private growSlots(): void {
    const c = this.freeSlots.length * 2;
    this.rec = grow(this.rec, new Float64Array(c * R));
    this.meta = grow(this.meta, new Int32Array(c * 2));
    this.freeSlots = grow(this.freeSlots, new Int32Array(c));
  }
}

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
