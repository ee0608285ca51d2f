// The yardstick for the agenda: the same hold model on a bare 4-ary min-heap over two typed arrays
// (time, payload), with no priority, no insertion order, no cancel, no handler dispatch. Same draws
// as hold.ts (the 'hold' stream of the same seed), so the two differ only in the event set. The
// agenda target (issue 13): the hold model through the public API at >= 0.9x this, at N = 1e3, 1e5, 1e6.
import { RandomStreams } from '../../sim/engine/rng.js';

export function bareHold(n: number, events: number, seed: number): number {
  let cap = 16;
  while (cap < n + 1) cap *= 2;
  const time = new Float64Array(cap);
  const item = new Int32Array(cap);
  let size = 0;
  const rng = new RandomStreams(seed).stream('hold');
  const mean = 1_000_000;
  const push = (t: number, x: number): void => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      if (time[p] <= t) break;
      time[i] = time[p];
      item[i] = item[p];
      i = p;
    }
    time[i] = t;
    item[i] = x;
  };
  // Pops the top and returns its time; the payload is read and discarded as a handler id would be.
  const pop = (): number => {
    const top = time[0];
    const last = --size;
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
  };
  for (let i = 0; i < n; i++) push(Math.round(rng.exponential(mean)), 0);
  const step = (k: number): void => {
    for (let j = 0; j < k; j++) {
      const now = pop();
      push(now + Math.round(rng.exponential(mean)), 0);
    }
  };
  step(Math.max(1_000_000, 2 * n));
  const c0 = process.cpuUsage();
  step(events);
  const c = process.cpuUsage(c0);
  return events / ((c.user + c.system) / 1e6);
}
