// The yardstick for the agenda: the same hold model on a bare 4-ary min-heap over two typed arrays
// (time, payload), with no priority, no insertion order, no cancel, no handler dispatch. Same draws
// as hold.ts (the 'hold' stream of the same seed), so the two differ only in the event set. The
// agenda target (issue 13): the hold model through the public API at >= 0.9x this, at N = 1e3, 1e5, 1e6.
//
// A class, not closures over local arrays: V8 specialises a closure's code to its context only
// while a single closure exists, so the closure version ran 15-40 % faster in the first round of a
// process than in every later one, and "best of rounds" compared against that one lucky round.
// The class runs at that best speed in every round.
import { RandomStreams } from '../../sim/engine/rng.js';

class BareHeap {
  private readonly time: Float64Array;
  private readonly item: Int32Array;
  private size = 0;

  constructor(capacity: number) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.time = new Float64Array(cap);
    this.item = new Int32Array(cap);
  }

  push(t: number, x: number): void {
    const time = this.time;
    const item = this.item;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      if (time[p] <= t) break;
      time[i] = time[p];
      item[i] = item[p];
      i = p;
    }
    time[i] = t;
    item[i] = x;
  }

  /** Pops the top and returns its time; the payload is read and discarded as a handler id would be. */
  pop(): number {
    const time = this.time;
    const item = this.item;
    const top = time[0];
    const last = --this.size;
    const t = time[last];
    const x = item[last];
    let i = 0;
    for (;;) {
      const c0 = 4 * i + 1;
      if (c0 >= last) break;
      let c = c0;
      let ct = time[c0];
      const end = c0 + 4 < last ? c0 + 4 : last;
      for (let k = c0 + 1; k < end; k++) {
        if (time[k] < ct) {
          c = k;
          ct = time[k];
        }
      }
      if (t <= ct) break;
      time[i] = ct;
      item[i] = item[c];
      i = c;
    }
    time[i] = t;
    item[i] = x;
    return top;
  }
}

export function bareHold(n: number, events: number, seed: number): number {
  const heap = new BareHeap(n + 1);
  const rng = new RandomStreams(seed).stream('hold');
  const mean = 1_000_000;
  for (let i = 0; i < n; i++) heap.push(Math.round(rng.exponential(mean)), 0);
  const step = (k: number): void => {
    for (let j = 0; j < k; j++) {
      const now = heap.pop();
      heap.push(now + Math.round(rng.exponential(mean)), 0);
    }
  };
  step(Math.max(1_000_000, 2 * n));
  const c0 = process.cpuUsage();
  step(events);
  const c = process.cpuUsage(c0);
  return events / ((c.user + c.system) / 1e6);
}
