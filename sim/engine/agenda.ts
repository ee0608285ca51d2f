/**
 * The agenda: pending events ordered by (time, priority, insertion sequence), so same-time events
 * fire FIFO and the order is total (as SimPy's and ns-3's are).
 *
 * Hot path allocates nothing per event: a 4-ary heap (shallower than binary) over parallel typed
 * arrays of times and slot ids, and a slot pool holding each event's order key, numeric argument,
 * handler id and generation side by side in one Float64Array (one cache line per event, which is
 * what a pop at a million pending events pays for). A handle packs (generation, slot); cancelling
 * flips a flag that the pop skips (lazy cancel, as ns-3 does), and a handle whose generation moved
 * on (already fired or cancelled) cancels nothing.
 */
import { invariant } from '../base/assert.js';

const SLOT_BITS = 2 ** 26; // up to 67M pending events
const STRIDE = 4;
const KEY = 0;
const ARG = 1;
const HANDLER = 2;
const GEN_LIVE = 3;
const SEQ_SPAN = 2 ** 44; // order key = priority * SEQ_SPAN + seq, exact below 2^53
export const MAX_PRIORITY = 255;

/** Opaque cancel handle; 0 is never a live handle. */
export type EventHandle = number;

export class Agenda {
  private heapTime: Float64Array;
  private heapSlot: Int32Array;
  private size = 0;

  /** Per slot, STRIDE numbers: order key, argument, handler id, generation × 2 + live. */
  private slots: Float64Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  private seq = 0;

  /** Time of the event most recently returned by `pop`. */
  lastPoppedTime = 0;
  private liveCount = 0;

  constructor(initialCapacity = 1024) {
    const c = Math.max(16, initialCapacity);
    this.heapTime = new Float64Array(c);
    this.heapSlot = new Int32Array(c);
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
    if (this.size === this.heapTime.length) this.growHeap();
    this.siftUp(this.size++, time, slot);
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
    this.dropCancelled();
    return this.size === 0 ? Number.POSITIVE_INFINITY : this.heapTime[0];
  }

  /**
   * Removes the earliest live event; returns its slot (read `handlerOf`/`argOf` before the next push)
   * or -1 when empty. The slot is recycled at the next pop, so reading it right away is safe.
   */
  pop(): number {
    this.dropCancelled();
    if (this.size === 0) return -1;
    this.lastPoppedTime = this.heapTime[0];
    const slot = this.removeTop();
    this.liveCount--;
    this.release(slot);
    return slot;
  }

  handlerOf(slot: number): number {
    return this.slots[slot * STRIDE + HANDLER];
  }
  argOf(slot: number): number {
    return this.slots[slot * STRIDE + ARG];
  }

  private dropCancelled(): void {
    while (this.size > 0 && (this.slots[this.heapSlot[0] * STRIDE + GEN_LIVE] & 1) === 0) {
      this.release(this.removeTop());
    }
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
      const end = Math.min(first + 4, n);
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

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
