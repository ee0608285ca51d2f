/**
 * The agenda: pending events ordered by (time, priority, insertion sequence), so same-time events
 * fire FIFO and the order is total (as SimPy's and ns-3's are).
 *
 * Hot path allocates nothing per event: a 4-ary heap (shallower than binary, fewer cache misses) over parallel typed arrays (time,
 * slot) and a slot pool holding each event's handler id, numeric argument and generation. A handle
 * packs (generation, slot); cancelling flips a flag that the pop skips (lazy cancel, as ns-3 does),
 * and a handle whose generation moved on (already fired or cancelled) cancels nothing.
 */
import { invariant } from '../base/assert.js';

const SLOT_BITS = 2 ** 26; // up to 67M pending events
const SEQ_SPAN = 2 ** 44; // order key = priority * SEQ_SPAN + seq, exact below 2^53
export const MAX_PRIORITY = 255;

/** Opaque cancel handle; 0 is never a live handle. */
export type EventHandle = number;

export class Agenda {
  private heapTime: Float64Array;
  private heapSlot: Int32Array;
  private size = 0;

  private slotKey: Float64Array;
  private slotHandler: Int32Array;
  private slotArg: Float64Array;
  private slotGen: Int32Array;
  private slotLive: Uint8Array;
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
    this.slotKey = new Float64Array(c);
    this.slotHandler = new Int32Array(c);
    this.slotArg = new Float64Array(c);
    this.slotGen = new Int32Array(c).fill(1);
    this.slotLive = new Uint8Array(c);
    this.freeSlots = new Int32Array(c);
  }

  /** Number of pending (not cancelled) events. */
  get pending(): number {
    return this.liveCount;
  }

  push(time: number, handler: number, arg: number, priority: number): EventHandle {
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.newSlot();
    this.slotKey[slot] = priority * SEQ_SPAN + this.seq++;
    this.slotHandler[slot] = handler;
    this.slotArg[slot] = arg;
    this.slotLive[slot] = 1;
    this.liveCount++;
    if (this.size === this.heapTime.length) this.growHeap();
    this.siftUp(this.size++, time, slot);
    return this.slotGen[slot] * SLOT_BITS + slot;
  }

  /** Returns true if the event was pending and is now cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = handle % SLOT_BITS;
    const gen = (handle - slot) / SLOT_BITS;
    if (slot >= this.slotCount || this.slotGen[slot] !== gen || this.slotLive[slot] === 0) return false;
    this.slotLive[slot] = 0;
    this.liveCount--;
    return true;
  }

  isPending(handle: EventHandle): boolean {
    const slot = handle % SLOT_BITS;
    const gen = (handle - slot) / SLOT_BITS;
    return slot < this.slotCount && this.slotGen[slot] === gen && this.slotLive[slot] === 1;
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
    return this.slotHandler[slot];
  }
  argOf(slot: number): number {
    return this.slotArg[slot];
  }

  private dropCancelled(): void {
    while (this.size > 0 && this.slotLive[this.heapSlot[0]] === 0) {
      this.release(this.removeTop());
    }
  }

  private removeTop(): number {
    const top = this.heapSlot[0];
    const last = --this.size;
    if (last > 0) this.siftDown(0, this.heapTime[last], this.heapSlot[last]);
    return top;
  }

  private release(slot: number): void {
    this.slotLive[slot] = 0;
    const g = this.slotGen[slot];
    this.slotGen[slot] = g >= SLOT_BITS - 1 ? 1 : g + 1;
    this.freeSlots[this.freeCount++] = slot;
  }

  private newSlot(): number {
    if (this.slotCount === this.slotHandler.length) this.growSlots();
    invariant(this.slotCount < SLOT_BITS, 'agenda: more than 2^26 pending events');
    return this.slotCount++;
  }

  // Order: time, then the slot's (priority, seq) key, read only on time ties so a sift moves two arrays.
  private siftUp(pos: number, time: number, slot: number): void {
    const ht = this.heapTime;
    const hs = this.heapSlot;
    const sk = this.slotKey;
    let i = pos;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = ht[p];
      if (pt < time || (pt === time && sk[hs[p]] < sk[slot])) break;
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
    const sk = this.slotKey;
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
        if (kt < ct || (kt === ct && sk[hs[k]] < sk[hs[c]])) {
          c = k;
          ct = kt;
        }
      }
      if (time < ct || (time === ct && sk[slot] < sk[hs[c]])) break;
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
    const old = this.slotHandler.length;
    const c = old * 2;
    this.slotKey = grow(this.slotKey, new Float64Array(c));
    this.slotHandler = grow(this.slotHandler, new Int32Array(c));
    this.slotArg = grow(this.slotArg, new Float64Array(c));
    this.slotGen = grow(this.slotGen, new Int32Array(c));
    this.slotGen.fill(1, old);
    this.slotLive = grow(this.slotLive, new Uint8Array(c));
    this.freeSlots = grow(this.freeSlots, new Int32Array(c));
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
