import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerHeap } from './timer-heap.js';

describe('TimerHeap', () => {
  it('pops entries in time order with their ids and generations, growing as needed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 300 }), (times) => {
        const h = new TimerHeap(4);
        times.forEach((t, i) => {
          h.push(t, 0, i, i * 3);
        });
        const out: number[] = [];
        while (h.size > 0) {
          expect(h.topGen()).toBe(h.topId() * 3);
          expect(times[h.topId()]).toBe(h.topTime());
          out.push(h.topTime());
          h.pop();
        }
        expect(out).toEqual([...times].sort((a, b) => a - b));
        expect(h.topTime()).toBe(Number.POSITIVE_INFINITY);
      }),
      { seed: 3 },
    );
  });

  it('pops entries due in the same µs in key order, whatever order they were pushed in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1000 })), { maxLength: 200 }),
        (entries) => {
          const h = new TimerHeap(4);
          entries.forEach(([t, k], i) => {
            h.push(t, k, i, 0);
          });
          const out: [number, number][] = [];
          while (h.size > 0) {
            out.push(entries[h.topId()]!);
            h.pop();
          }
          expect(out).toEqual([...entries].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
        },
      ),
      { seed: 5 },
    );
  });
});
