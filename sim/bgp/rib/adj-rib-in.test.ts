import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdjRibIn, type RouteState } from './adj-rib-in.js';
import type { RibAttributes } from './attributes.js';

const A: RibAttributes = Object.freeze({ origin: 0 });
const B: RibAttributes = Object.freeze({ origin: 1 });

function routesOf(adj: AdjRibIn, peer: number): Map<number, [RouteState, RibAttributes]> {
  const m = new Map<number, [RouteState, RibAttributes]>();
  adj.forEachOfPeer(peer, (r) => m.set(adj.prefixId(r), [adj.state(r), adj.attrs(r)]));
  return m;
}

describe('Adj-RIB-In storage', () => {
  it('marking stale is a stamp: routes learned afterwards are fresh, earlier ones stale', () => {
    const adj = new AdjRibIn();
    const old = adj.insert(1, 0, A);
    adj.markAllStale(1);
    const young = adj.insert(1, 1, A);
    expect(adj.state(old)).toBe('stale');
    expect(adj.state(young)).toBe('fresh');
    expect(adj.staleCount(1)).toBe(1);
    adj.refresh(old, A);
    expect(adj.state(old)).toBe('fresh');
    expect(adj.staleCount(1)).toBe(0);
  });

  it("one peer's stale mark does not touch another peer's routes on the same prefix", () => {
    const adj = new AdjRibIn();
    const r1 = adj.insert(1, 5, A);
    const r2 = adj.insert(2, 5, A);
    adj.markAllStale(1);
    expect([adj.state(r1), adj.state(r2)]).toEqual(['stale', 'fresh']);
    expect(adj.find(2, 5)).toBe(r2);
  });

  it('matches a simple map model under any sequence of inserts, refreshes, removals and stale marks', () => {
    type Op =
      | { k: 'put'; peer: number; pid: number; b: boolean }
      | { k: 'del'; peer: number; pid: number }
      | { k: 'stale'; peer: number }
      | { k: 'llgr'; peer: number }
      | { k: 'sweep'; peer: number };
    const peer = fc.integer({ min: 1, max: 3 });
    const pid = fc.nat(12);
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ k: fc.constant('put' as const), peer, pid, b: fc.boolean() }),
      fc.record({ k: fc.constant('del' as const), peer, pid }),
      fc.record({ k: fc.constant('stale' as const), peer }),
      fc.record({ k: fc.constant('llgr' as const), peer }),
      fc.record({ k: fc.constant('sweep' as const), peer }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const adj = new AdjRibIn();
        const model = new Map<number, Map<number, [RouteState, RibAttributes]>>();
        const m = (p: number) => model.get(p) ?? model.set(p, new Map()).get(p)!;
        for (const o of ops) {
          if (o.k === 'put') {
            const attrs = o.b ? B : A;
            const r = adj.find(o.peer, o.pid);
            if (r === -1) adj.insert(o.peer, o.pid, attrs);
            else adj.refresh(r, attrs);
            m(o.peer).set(o.pid, ['fresh', attrs]);
          } else if (o.k === 'del') {
            const r = adj.find(o.peer, o.pid);
            if (r !== -1) adj.remove(r);
            m(o.peer).delete(o.pid);
          } else if (o.k === 'stale') {
            adj.markAllStale(o.peer);
            for (const [k, v] of m(o.peer)) if (v[0] === 'fresh') m(o.peer).set(k, ['stale', v[1]]);
          } else if (o.k === 'llgr') {
            adj.forEachOfPeer(o.peer, (r) => {
              if (adj.isStale(r) && !adj.isLlgrStale(r)) adj.setLlgrStale(r, B);
            });
            for (const [k, v] of m(o.peer)) if (v[0] === 'stale') m(o.peer).set(k, ['llgr-stale', B]);
          } else {
            adj.forEachOfPeer(o.peer, (r) => {
              if (adj.isStale(r)) adj.remove(r);
            });
            for (const [k, v] of m(o.peer)) if (v[0] !== 'fresh') m(o.peer).delete(k);
          }
        }
        let total = 0;
        for (const p of [1, 2, 3]) {
          expect(routesOf(adj, p)).toEqual(m(p));
          expect(adj.count(p)).toBe(m(p).size);
          expect(adj.staleCount(p)).toBe([...m(p).values()].filter((v) => v[0] !== 'fresh').length);
          total += m(p).size;
        }
        expect(adj.size).toBe(total);
        // Every prefix chain lists exactly the peers holding that prefix.
        for (let pid = 0; pid <= 12; pid++) {
          const peers: number[] = [];
          for (let r = adj.first(pid); r !== -1; r = adj.next(r)) peers.push(adj.peer(r));
          const expected = [1, 2, 3].filter((p) => m(p).has(pid));
          expect(peers.sort()).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});
