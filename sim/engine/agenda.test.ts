import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Agenda } from './agenda.js';

/** Naive reference: a sorted array by (time, priority, seq), as ns-3 tests every scheduler against one. */
class ReferenceAgenda {
  private items: { time: number; prio: number; seq: number; id: number; live: boolean }[] = [];
  private seq = 0;
  push(time: number, id: number, prio: number) {
    const e = { time, prio, seq: this.seq++, id, live: true };
    this.items.push(e);
    return e;
  }
  pop(): number | undefined {
    const live = this.items.filter((e) => e.live);
    live.sort((a, b) => a.time - b.time || a.prio - b.prio || a.seq - b.seq);
    const top = live[0];
    if (!top) return undefined;
    top.live = false;
    return top.id;
  }
}

describe('Agenda', () => {
  it('fires same-time events in insertion order (FIFO ties)', () => {
    const a = new Agenda(4);
    for (let i = 0; i < 100; i++) a.push(5, 0, i, 0);
    const order: number[] = [];
    while (a.pop() >= 0) order.push(a.lastArg);
    expect(order).toEqual([...Array(100).keys()]);
  });

  it('orders by priority before insertion sequence at equal times', () => {
    const a = new Agenda();
    a.push(1, 0, 10, 2);
    a.push(1, 0, 11, 0);
    a.push(0, 0, 12, 9);
    const order: number[] = [];
    while (a.pop() >= 0) order.push(a.lastArg);
    expect(order).toEqual([12, 11, 10]);
  });

  it('cancels a pending event, and cancelling a fired or cancelled one is a no-op', () => {
    const a = new Agenda();
    const h1 = a.push(1, 0, 1, 0);
    const h2 = a.push(2, 0, 2, 0);
    expect(a.cancel(h2)).toBe(true);
    expect(a.cancel(h2)).toBe(false);
    expect(a.pending).toBe(1);
    expect(a.pop()).toBe(0);
    expect(a.lastArg).toBe(1);
    expect(a.cancel(h1)).toBe(false);
    expect(a.pop()).toBe(-1);
  });

  it('does not let a stale handle cancel the event that reused its slot', () => {
    const a = new Agenda();
    const old = a.push(1, 0, 1, 0);
    a.pop();
    const fresh = a.push(2, 0, 2, 0);
    expect(a.cancel(old)).toBe(false);
    expect(a.isPending(fresh)).toBe(true);
  });

  it('matches a sorted-array reference under random pushes, pops and cancels', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              op: fc.constant('push' as const),
              t: fc.integer({ min: 0, max: 20 }),
              p: fc.integer({ min: 0, max: 3 }),
            }),
            fc.record({ op: fc.constant('pop' as const) }),
            fc.record({ op: fc.constant('cancel' as const), k: fc.nat() }),
          ),
          { maxLength: 300 },
        ),
        (ops) => {
          const a = new Agenda(2);
          const ref = new ReferenceAgenda();
          const handles: { h: number; e: { live: boolean } }[] = [];
          let id = 0;
          let floor = 0;
          for (const o of ops) {
            if (o.op === 'push') {
              const t = floor + o.t;
              handles.push({ h: a.push(t, 0, id, o.p), e: ref.push(t, id, o.p) });
              id++;
            } else if (o.op === 'pop') {
              const popped = a.pop() >= 0;
              const got = popped ? a.lastArg : undefined;
              if (popped) floor = a.lastPoppedTime;
              expect(got).toBe(ref.pop());
            } else if (handles.length > 0) {
              const x = handles[o.k % handles.length];
              expect(a.cancel(x.h)).toBe(x.e.live);
              x.e.live = false;
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the total order when thousands pend across the near heap and the far list', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(9), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5000 })), {
          minLength: 1000,
          maxLength: 3000,
        }),
        (ops) => {
          const a = new Agenda(16);
          // Reference: live events kept sorted by (time, priority, seq).
          const ref: { t: number; p: number; id: number; live: boolean }[] = [];
          const handles: { h: number; e: { live: boolean } }[] = [];
          let floor = 0;
          let id = 0;
          const prefill = ops.length >> 1;
          for (let i = 0; i < ops.length; i++) {
            const [op, p, dt] = ops[i];
            if (i < prefill || op < 5) {
              const e = { t: floor + (op === 0 ? 0 : dt), p, id: id++, live: true };
              let j = ref.length;
              while (j > 0 && (ref[j - 1].t > e.t || (ref[j - 1].t === e.t && ref[j - 1].p > e.p))) j--;
              ref.splice(j, 0, e);
              handles.push({ h: a.push(e.t, 0, e.id, p), e });
            } else if (op < 8) {
              const k = ref.findIndex((e) => e.live);
              const want = k < 0 ? undefined : ref[k].id;
              if (k >= 0) {
                ref[k].live = false;
                ref.splice(0, k + 1);
              }
              const got = a.pop() >= 0 ? a.lastArg : undefined;
              expect(got).toBe(want);
              if (got !== undefined) floor = a.lastPoppedTime;
            } else {
              const x = handles[dt % handles.length];
              expect(a.cancel(x.h)).toBe(x.e.live);
              x.e.live = false;
            }
          }
          for (const e of ref) {
            if (!e.live) continue;
            expect(a.pop() >= 0 ? a.lastArg : undefined).toBe(e.id);
          }
          expect(a.pop()).toBe(-1);
        },
      ),
      { numRuns: 40 },
    );
  });
  it('keeps the total order across bucketings when times span from ties to 2^52 apart', () => {
    const spans = [0, 1, 7, 1_000, 2 ** 20, 2 ** 40, 2 ** 52];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(9), fc.nat(spans.length - 1), fc.integer({ min: 0, max: 3 })), {
          minLength: 200,
          maxLength: 1500,
        }),
        (ops) => {
          const a = new Agenda(4);
          const ref: { t: number; p: number; id: number }[] = [];
          let floor = 0;
          let id = 0;
          for (const [op, span, p] of ops) {
            if (op < 6) {
              const e = { t: floor + spans[span], p, id: id++ };
              let j = ref.length;
              while (j > 0 && (ref[j - 1].t > e.t || (ref[j - 1].t === e.t && ref[j - 1].p > e.p))) j--;
              ref.splice(j, 0, e);
              a.push(e.t, 0, e.id, p);
            } else {
              const want = ref.shift()?.id;
              expect(a.pop() >= 0 ? a.lastArg : undefined).toBe(want);
              if (want !== undefined) floor = a.lastPoppedTime;
            }
          }
          for (const e of ref) expect(a.pop() >= 0 ? a.lastArg : undefined).toBe(e.id);
          expect(a.pop()).toBe(-1);
        },
      ),
      { numRuns: 40 },
    );
  });
  it('keeps the total order when bursts fill the near heap to its capacity before a later event', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(40), fc.integer({ min: 1, max: 50 }), fc.nat(6)), { minLength: 50, maxLength: 200 }),
        (ops) => {
          const a = new Agenda(16);
          const ref: { t: number; id: number }[] = [];
          const add = (t: number): void => {
            const e = { t, id: next++ };
            let j = ref.length;
            while (j > 0 && ref[j - 1].t > e.t) j--;
            ref.splice(j, 0, e);
            a.push(t, 0, e.id, 0);
          };
          let next = 0;
          let floor = 0;
          for (const [burst, dt, pops] of ops) {
            for (let k = 0; k < burst; k++) add(floor);
            add(floor + dt);
            for (let k = 0; k < pops; k++) {
              const want = ref.shift()?.id;
              expect(a.pop() >= 0 ? a.lastArg : undefined).toBe(want);
              if (want !== undefined) floor = a.lastPoppedTime;
            }
          }
          for (const e of ref) expect(a.pop() >= 0 ? a.lastArg : undefined).toBe(e.id);
        },
      ),
      { numRuns: 100 },
    );
  });
});
