/**
 * The agenda: pending events ordered by (time, priority, insertion sequence), so same-time events
 * fire FIFO and the order is total (as SimPy's and ns-3's are).
 *
 * Two tiers, after the ladder queue's split of a near, sorted part from a far, unsorted one (Tang,
 * Goh, Thng 2005): events before `horizon` sit in a 4-ary heap (shallower than binary); events at
 * or after it are appended, unsorted, to a far list. When the heap runs dry, a new horizon is drawn
 * (a quantile of a sample of the far times, so about a sixteenth of them come in) and the far list
 * is split once more. The heap stays a fraction of the pending set, small enough to stay in cache,
 * so its entries can carry everything a pop needs (times in one array, so a sift compares four
 * sibling times in one cache line; beside each, the order key priority × 2^44 + seq, read only on
 * time ties, the argument and the packed handler and slot), and the far list has the same layout,
 * read and compacted front to back. A time is never split across the tiers, so the order is
 * exactly the heap's.
 *
 * Hot path allocates nothing per event. The slot is an event's identity for cancelling: one int
 * per slot holds generation × 2 + live. A handle packs (generation, slot); cancelling clears the
 * live bit and the pop skips the entry (lazy cancel, as ns-3 does); a handle whose generation moved
 * on, or whose event already fired or was cancelled, cancels nothing.
 */
import { invariant } from '../base/assert.js';

const SLOT_BITS = 2 ** 26; // up to 67M pending events
const GEN_LIMIT = 2 ** 26; // handle = gen × 2^26 + slot < 2^52
const SEQ_SPAN = 2 ** 44; // order key = priority * SEQ_SPAN + seq, exact below 2^53
const P = 3; // heap payload stride: key, argument, handler × SLOT_BITS + slot
const SAMPLES = 32; // far times sampled per split
const FRACTION = 16; // a split brings in about 1/FRACTION of the far list
const SMALL = 4096; // a far list this short comes in whole
export const MAX_PRIORITY = 255;

/** Opaque cancel handle; 0 is never a live handle. */
export type EventHandle = number;

export class Agenda {
  private heapTime: Float64Array;
  private heapLoad: Float64Array;
  private size = 0;

  /** Events at or after `horizon`, unsorted, with the heap's payload layout. */
  private farTime: Float64Array;
  private farLoad: Float64Array;
  private farCount = 0;
  private horizon = Number.NEGATIVE_INFINITY;
  private readonly sample = new Float64Array(SAMPLES);

  /** Per slot: generation × 2 + live. */
  private state: Int32Array;
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
    this.heapLoad = new Float64Array(c * P);
    this.farTime = new Float64Array(c);
    this.farLoad = new Float64Array(c * P);
    this.state = new Int32Array(c);
    this.freeSlots = new Int32Array(c);
  }

  /** Number of pending (not cancelled) events. */
  get pending(): number {
    return this.liveCount;
  }

  push(time: number, handler: number, arg: number, priority: number): EventHandle {
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.newSlot();
    const st = this.state;
    let gen = (st[slot] >> 1) + 1;
    if (gen >= GEN_LIMIT) gen = 1;
    st[slot] = gen * 2 + 1;
    this.liveCount++;
    const key = priority * SEQ_SPAN + this.seq++;
    const hs = handler * SLOT_BITS + slot;
    if (time < this.horizon) {
      if (this.size === this.heapTime.length) this.growHeap();
      this.siftUp(this.size++, time, key, arg, hs);
    } else {
      const k = this.farCount++;
      if (k === this.farTime.length) this.growFar();
      this.farTime[k] = time;
      const o = k * P;
      const fl = this.farLoad;
      fl[o] = key;
      fl[o + 1] = arg;
      fl[o + 2] = hs;
    }
    return gen * SLOT_BITS + slot;
  }

  /** Returns true if the event was pending and is now cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = handle % SLOT_BITS;
    const live = ((handle - slot) / SLOT_BITS) * 2 + 1;
    if (slot >= this.slotCount || this.state[slot] !== live) return false;
    this.state[slot] = live - 1;
    this.liveCount--;
    return true;
  }

  isPending(handle: EventHandle): boolean {
    const slot = handle % SLOT_BITS;
    const gen = (handle - slot) / SLOT_BITS;
    return slot < this.slotCount && this.state[slot] === gen * 2 + 1;
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
    const load = this.heapLoad;
    const hs = load[2];
    const handler = Math.floor(hs / SLOT_BITS);
    const slot = hs - handler * SLOT_BITS;
    this.lastPoppedTime = this.heapTime[0];
    this.lastArg = load[1];
    this.lastHandler = handler;
    this.state[slot]--; // live → not live; the generation moves on at the slot's next push
    this.freeSlots[this.freeCount++] = slot;
    this.liveCount--;
    this.removeTop();
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
      const slot = this.heapLoad[2] % SLOT_BITS;
      if ((this.state[slot] & 1) === 1) return;
      this.freeSlots[this.freeCount++] = slot;
      this.removeTop();
    }
  }

  /**
   * Moves the far events before a new horizon into the heap (cancelled ones too: the heap's top
   * drops them). The horizon only grows and always takes in the earliest far time, so equal times
   * stay together.
   */
  private split(): void {
    const ft = this.farTime;
    const fl = this.farLoad;
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
      for (let k = 0; k < n; k++) {
        const t = ft[k];
        const o = k * P;
        if (t < h) {
          if (this.size === this.heapTime.length) this.growHeap();
          this.siftUp(this.size++, t, fl[o], fl[o + 1], fl[o + 2]);
        } else {
          if (t < min) min = t;
          if (kept < k) {
            const q = kept * P;
            ft[kept] = t;
            fl[q] = fl[o];
            fl[q + 1] = fl[o + 1];
            fl[q + 2] = fl[o + 2];
          }
          kept++;
        }
      }
      this.farCount = kept;
      if (kept < n || kept === 0) break;
      h = min + 1; // the sample missed the earliest times: take the earliest in now
    }
    this.horizon = h;
  }

  private removeTop(): void {
    const last = --this.size;
    if (last > 0) {
      const load = this.heapLoad;
      const o = last * P;
      this.siftDown(this.heapTime[last], load[o], load[o + 1], load[o + 2]);
    }
  }

  private newSlot(): number {
    if (this.slotCount === this.state.length) this.growSlots();
    invariant(this.slotCount < SLOT_BITS, 'agenda: more than 2^26 pending events');
    return this.slotCount++;
  }

  private siftUp(pos: number, time: number, key: number, arg: number, hs: number): void {
    const ht = this.heapTime;
    const hl = this.heapLoad;
    let i = pos;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = ht[p];
      if (pt < time || (pt === time && hl[p * P] < key)) break;
      ht[i] = pt;
      const o = i * P;
      const q = p * P;
      hl[o] = hl[q];
      hl[o + 1] = hl[q + 1];
      hl[o + 2] = hl[q + 2];
      i = p;
    }
    ht[i] = time;
    const o = i * P;
    hl[o] = key;
    hl[o + 1] = arg;
    hl[o + 2] = hs;
  }

  private siftDown(time: number, key: number, arg: number, hs: number): void {
    const ht = this.heapTime;
    const hl = this.heapLoad;
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
        if (kt < ct || (kt === ct && hl[k * P] < hl[c * P])) {
          c = k;
          ct = kt;
        }
      }
      if (time < ct || (time === ct && key < hl[c * P])) break;
      ht[i] = ct;
      const o = i * P;
      const q = c * P;
      hl[o] = hl[q];
      hl[o + 1] = hl[q + 1];
      hl[o + 2] = hl[q + 2];
      i = c;
    }
    ht[i] = time;
    const o = i * P;
    hl[o] = key;
    hl[o + 1] = arg;
    hl[o + 2] = hs;
  }

  private growHeap(): void {
    const c = this.heapTime.length * 2;
    this.heapTime = grow(this.heapTime, new Float64Array(c));
    this.heapLoad = grow(this.heapLoad, new Float64Array(c * P));
  }

  private growFar(): void {
    const c = this.farTime.length * 2;
    this.farTime = grow(this.farTime, new Float64Array(c));
    this.farLoad = grow(this.farLoad, new Float64Array(c * P));
  }

  private growSlots(): void {
    const c = this.state.length * 2;
    this.state = grow(this.state, new Int32Array(c));
    this.freeSlots = grow(this.freeSlots, new Int32Array(c));
  }
}

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
