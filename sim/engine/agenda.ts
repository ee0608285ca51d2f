/**
 * The agenda: pending events ordered by (time, priority, insertion sequence), so same-time events
 * fire FIFO and the order is total (as SimPy's and ns-3's are).
 *
 * Two tiers, after the ladder queue's split of a near, sorted part from a far, unsorted one (Tang,
 * Goh, Thng 2005): events before `horizon` sit in a 4-ary heap (shallower than binary) over
 * parallel typed arrays of times and slot ids; events at or after it are appended, unsorted, to a
 * far list. When the heap runs dry, a new horizon is drawn (a quantile of a sample of the far
 * times, so about a sixteenth of them come in) and the far list is split once more. The heap stays
 * a fraction of the pending set, small enough to stay in cache, and most pushes are an append; a
 * time is never split across the tiers, so the order is exactly the heap's.
 *
 * Hot path allocates nothing per event: a slot pool holds each event's order key, numeric
 * argument, handler id and generation side by side in one Float64Array. A handle packs
 * (generation, slot); cancelling flips a flag that the pop (or the split) skips (lazy cancel, as
 * ns-3 does), and a handle whose generation moved on (already fired or cancelled) cancels nothing.
 */
import { invariant } from '../base/assert.js';

const SLOT_BITS = 2 ** 26; // up to 67M pending events
const STRIDE = 4;
const KEY = 0;
const ARG = 1;
const HANDLER = 2;
const GEN_LIVE = 3;
const SEQ_SPAN = 2 ** 44; // order key = priority * SEQ_SPAN + seq, exact below 2^53
const SAMPLES = 32; // far times sampled per split
const FRACTION = 16; // a split brings in about 1/FRACTION of the far list
const SMALL = 256; // a far list this short comes in whole
export const MAX_PRIORITY = 255;

/** Opaque cancel handle; 0 is never a live handle. */
export type EventHandle = number;

export class Agenda {
  private heapTime: Float64Array;
  private heapSlot: Int32Array;
  private size = 0;

  /** Events at or after `horizon`, unsorted. */
  private farTime: Float64Array;
  private farSlot: Int32Array;
  private farCount = 0;
  private horizon = Number.NEGATIVE_INFINITY;
  private readonly sample = new Float64Array(SAMPLES);

  /** Per slot, STRIDE numbers: order key, argument, handler id, generation × 2 + live. */
  private slots: Float64Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  private seq = 0;

  /** Time, handler id and argument of the event most recently returned by `pop`. */
  lastPoppedTime = 0;
  lastHandler = 0;
  lastArg = 0;
  private liveCount = 0;

  constructor(initialCapacity = 1024) {
    const c = Math.max(16, initialCapacity);
    this.heapTime = new Float64Array(c);
    this.heapSlot = new Int32Array(c);
    this.farTime = new Float64Array(c);
    this.farSlot = new Int32Array(c);
    this.slots = initSlots(new Float64Array(c * STRIDE), 0);
    this.freeSlots = new Int32Array(c);
  }

  /** Number of pending (not cancelled) events. */
  get pending(): number {
    return this.liveCount;
  }

  push(time: number, handler: number, arg: number, priority: number): EventHandle {
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.newSlot();
    const d = this.slots;
    const o = slot * STRIDE;
    d[o + KEY] = priority * SEQ_SPAN + this.seq++;
    d[o + ARG] = arg;
    d[o + HANDLER] = handler;
    const gen = d[o + GEN_LIVE] >> 1;
    d[o + GEN_LIVE] = gen * 2 + 1;
    this.liveCount++;
    if (time < this.horizon) {
      if (this.size === this.heapTime.length) this.growHeap();
      this.siftUp(this.size++, time, slot);
    } else {
      if (this.farCount === this.farTime.length) this.growFar();
      this.farTime[this.farCount] = time;
      this.farSlot[this.farCount++] = slot;
    }
    return gen * SLOT_BITS + slot;
  }

  /** Returns true if the event was pending and is now cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = handle % SLOT_BITS;
    const gen = (handle - slot) / SLOT_BITS;
    const i = slot * STRIDE + GEN_LIVE;
    if (slot >= this.slotCount || this.slots[i] !== gen * 2 + 1) return false;
    this.slots[i] = gen * 2;
    this.liveCount--;
    return true;
  }

  isPending(handle: EventHandle): boolean {
    const slot = handle % SLOT_BITS;
    const gen = (handle - slot) / SLOT_BITS;
    return slot < this.slotCount && this.slots[slot * STRIDE + GEN_LIVE] === gen * 2 + 1;
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
    this.settle();
    if (this.size === 0) return -1;
    this.lastPoppedTime = this.heapTime[0];
    const slot = this.removeTop();
    const o = slot * STRIDE;
    const d = this.slots;
    const handler = d[o + HANDLER];
    this.lastHandler = handler;
    this.lastArg = d[o + ARG];
    this.liveCount--;
    this.release(slot);
    return handler;
  }

  /** Drops cancelled entries from the heap's top; splits the far list when the heap runs dry. */
  private settle(): void {
    for (;;) {
      if (this.size === 0) {
        if (this.farCount === 0) return;
        this.split();
        continue;
      }
      if ((this.slots[this.heapSlot[0] * STRIDE + GEN_LIVE] & 1) === 1) return;
      this.release(this.removeTop());
    }
  }

  /**
   * Moves the far events before a new horizon into the heap (cancelled ones too: the heap's top
   * drops them, and reading their slots here would cost a cache miss per far event). The
   * horizon only grows and always takes in the earliest far time, so equal times stay together.
   */
  private split(): void {
    const ft = this.farTime;
    const fs = this.farSlot;
    const n = this.farCount;
    let h: number;
    if (n <= SMALL) {
      h = ft[0];
      for (let k = 1; k < n; k++) if (ft[k] > h) h = ft[k];
      h += 1;
    } else {
      const s = this.sample;
      for (let k = 0; k < SAMPLES; k++) {
        const t = ft[Math.floor(((k + 0.5) * n) / SAMPLES)];
        let j = k;
        while (j > 0 && s[j - 1] > t) {
          s[j] = s[j - 1];
          j--;
        }
        s[j] = t;
      }
      h = s[SAMPLES / FRACTION];
    }
    for (;;) {
      let kept = 0;
      let min = Number.POSITIVE_INFINITY;
      let moved = false;
      for (let k = 0; k < n; k++) {
        const t = ft[k];
        const slot = fs[k];
        if (t < h) {
          if (this.size === this.heapTime.length) this.growHeap();
          this.siftUp(this.size++, t, slot);
          moved = true;
        } else {
          if (t < min) min = t;
          ft[kept] = t;
          fs[kept++] = slot;
        }
      }
      this.farCount = kept;
      if (moved || kept === 0) break;
      h = min + 1; // the sample missed the earliest times: take the earliest in now
    }
    this.horizon = h;
  }

  private removeTop(): number {
    const top = this.heapSlot[0];
    const last = --this.size;
    if (last > 0) this.siftDown(0, this.heapTime[last], this.heapSlot[last]);
    return top;
  }

  /** The slot's event is gone (fired or cancelled-and-dropped): next generation, not live. */
  private release(slot: number): void {
    const i = slot * STRIDE + GEN_LIVE;
    const g = this.slots[i] >> 1;
    this.slots[i] = (g >= SLOT_BITS - 1 ? 1 : g + 1) * 2;
    this.freeSlots[this.freeCount++] = slot;
  }

  private newSlot(): number {
    if (this.slotCount * STRIDE === this.slots.length) this.growSlots();
    invariant(this.slotCount < SLOT_BITS, 'agenda: more than 2^26 pending events');
    return this.slotCount++;
  }

  // Order: time, then the slot's (priority, seq) key, read only on time ties so a sift moves two arrays.
  private siftUp(pos: number, time: number, slot: number): void {
    const ht = this.heapTime;
    const hs = this.heapSlot;
    const sk = this.slots;
    let i = pos;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = ht[p];
      if (pt < time || (pt === time && sk[hs[p] * STRIDE] < sk[slot * STRIDE])) break;
      ht[i] = pt;
      hs[i] = hs[p];
      i = p;
    }
    ht[i] = time;
    hs[i] = slot;
  }

  private siftDown(pos: number, time: number, slot: number): void {
    const ht = this.heapTime;
    const hs = this.heapSlot;
    const sk = this.slots;
    const n = this.size;
    let i = pos;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      const end = first + 4 < n ? first + 4 : n;
      let c = first;
      let ct = ht[first];
      for (let k = first + 1; k < end; k++) {
        const kt = ht[k];
        if (kt < ct || (kt === ct && sk[hs[k] * STRIDE] < sk[hs[c] * STRIDE])) {
          c = k;
          ct = kt;
        }
      }
      if (time < ct || (time === ct && sk[slot * STRIDE] < sk[hs[c] * STRIDE])) break;
      ht[i] = ct;
      hs[i] = hs[c];
      i = c;
    }
    ht[i] = time;
    hs[i] = slot;
  }

  private growHeap(): void {
    const c = this.heapTime.length * 2;
    this.heapTime = grow(this.heapTime, new Float64Array(c));
    this.heapSlot = grow(this.heapSlot, new Int32Array(c));
  }

  private growFar(): void {
    const c = this.farTime.length * 2;
    this.farTime = grow(this.farTime, new Float64Array(c));
    this.farSlot = grow(this.farSlot, new Int32Array(c));
  }

  private growSlots(): void {
    const old = this.slots.length / STRIDE;
    this.slots = initSlots(grow(this.slots, new Float64Array(old * 2 * STRIDE)), old);
    this.freeSlots = grow(this.freeSlots, new Int32Array(old * 2));
  }
}

/** New slots start at generation 1, not live. */
function initSlots(d: Float64Array, from: number): Float64Array {
  for (let i = from * STRIDE + GEN_LIVE; i < d.length; i += STRIDE) d[i] = 2;
  return d;
}

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
