import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AsPathSegment, PathAttributes } from '../wire/message.js';
import { LLGR_STALE } from '../wire/message.js';
import { addressKey } from './address.js';
import { type Candidate, comparePaths, DEFAULT_DECISION, type DecisionOptions, selectPaths } from './decision.js';

const LOCAL_AS = 65000;
const opts = (o: Partial<DecisionOptions> = {}): DecisionOptions => ({ ...DEFAULT_DECISION, localAs: LOCAL_AS, ...o });

let nextId = 1;
function path(
  attrs: PathAttributes & { as?: number[] },
  o: { ibgp?: boolean; local?: boolean; routerId?: number; address?: string } = {},
): Candidate {
  const id = nextId++;
  const { as, ...rest } = attrs;
  const asPath: AsPathSegment[] | undefined = as ? [{ type: 'sequence', asns: as }] : rest.asPath;
  return {
    attrs: { origin: 0, nextHop: `192.0.2.${id}`, ...rest, asPath },
    local: o.local ?? false,
    ibgp: o.ibgp ?? false,
    routerId: o.routerId ?? id,
    addressKey: addressKey(o.address ?? `192.0.2.${id}`),
  };
}

const best = (c: Candidate[], o = opts()) => c[selectPaths(c, o).best];

describe('decision process (RFC 4271 §9.1.2)', () => {
  it('an LLGR-stale path loses to any non-stale path even with higher LOCAL_PREF', () => {
    const stale = path({ as: [65001], localPref: 500, communities: [LLGR_STALE] }, { ibgp: true });
    const plain = path({ as: [65002, 65003, 65004], localPref: 50 }, { ibgp: true });
    expect(best([stale, plain])).toBe(plain);
    expect(best([plain, stale])).toBe(plain);
  });

  it('an LLGR-stale path is still chosen when it is the only path', () => {
    const stale = path({ as: [65001], communities: [LLGR_STALE] });
    expect(selectPaths([stale], opts()).best).toBe(0);
  });

  it('between two LLGR-stale paths the normal rules decide', () => {
    const long = path({ as: [65001, 65009], communities: [LLGR_STALE] });
    const short = path({ as: [65002], communities: [LLGR_STALE] });
    expect(best([long, short])).toBe(short);
  });

  it('prefers the highest LOCAL_PREF among iBGP-learned paths', () => {
    const low = path({ as: [65001], localPref: 100 }, { ibgp: true });
    const high = path({ as: [65001, 65002, 65003], localPref: 200 }, { ibgp: true });
    expect(best([low, high])).toBe(high);
  });

  it('ignores LOCAL_PREF received from an eBGP peer and uses the default', () => {
    const ebgpWithLp = path({ as: [65001, 65002], localPref: 900 });
    const ibgpShort = path({ as: [65003], localPref: 100 }, { ibgp: true });
    // Both rank at LOCAL_PREF 100, so the shorter AS_PATH wins.
    expect(best([ebgpWithLp, ibgpShort])).toBe(ibgpShort);
    const ibgpDefaultHigher = path({ as: [65003, 65004, 65005], localPref: 101 }, { ibgp: true });
    expect(best([ebgpWithLp, ibgpDefaultHigher])).toBe(ibgpDefaultHigher);
  });

  it('prefers a locally originated path over learned ones', () => {
    const learned = path({ as: [], localPref: 300 }, { ibgp: true });
    const local = path({ as: [] }, { local: true });
    expect(best([learned, local])).toBe(local);
  });

  it('prefers the shortest AS_PATH, counting an AS_SET as one', () => {
    const withSet = path({
      asPath: [
        { type: 'sequence', asns: [65001] },
        { type: 'set', asns: [1, 2, 3, 4, 5] },
      ],
    });
    const three = path({ as: [65002, 65003, 65004] });
    expect(best([three, withSet])).toBe(withSet);
    const one = path({ as: [65005] });
    expect(best([withSet, one])).toBe(one);
  });

  it('prefers the lowest ORIGIN', () => {
    const incomplete = path({ as: [65001], origin: 2 });
    const egp = path({ as: [65002], origin: 1 });
    const igp = path({ as: [65003], origin: 0 });
    expect(best([incomplete, egp, igp])).toBe(igp);
    expect(best([incomplete, egp])).toBe(egp);
  });

  it('MED is compared only between paths from the same neighbour AS', () => {
    // Lower router ID on the high-MED path: it wins unless MED is compared.
    const a = path({ as: [65001], med: 50 }, { routerId: 1 });
    const b = path({ as: [65002], med: 10 }, { routerId: 2 });
    expect(best([a, b])).toBe(a);
    const c = path({ as: [65001], med: 10 }, { routerId: 3 });
    expect(best([a, c])).toBe(c);
  });

  it('always-compare-med compares MED across neighbour ASes', () => {
    const a = path({ as: [65001], med: 50 }, { routerId: 1 });
    const b = path({ as: [65002], med: 10 }, { routerId: 2 });
    expect(best([a, b], opts({ alwaysCompareMed: true }))).toBe(b);
  });

  it('treats a missing MED as the lowest value', () => {
    const none = path({ as: [65001] }, { routerId: 9 });
    const some = path({ as: [65001], med: 1 }, { routerId: 1 });
    expect(best([some, none])).toBe(none);
  });

  it('MED elimination does not depend on arrival order (the non-transitive case)', () => {
    // a beats c on MED (same AS), c beats b on router ID, b beats a on router ID.
    const a = path({ as: [65001], med: 0 }, { routerId: 30 });
    const b = path({ as: [65002], med: 0 }, { routerId: 20 });
    const c = path({ as: [65001], med: 5 }, { routerId: 10 });
    const winners = [
      [a, b, c],
      [a, c, b],
      [b, a, c],
      [b, c, a],
      [c, a, b],
      [c, b, a],
    ].map((order) => best(order));
    // RFC: c is eliminated by a (same AS, higher MED); then b (router ID 20) beats a (30).
    expect(new Set(winners)).toEqual(new Set([b]));
  });

  it('prefers eBGP-learned over iBGP-learned paths', () => {
    const ibgp = path({ as: [65001] }, { ibgp: true, routerId: 1 });
    const ebgp = path({ as: [65001] }, { routerId: 2 });
    expect(best([ibgp, ebgp])).toBe(ebgp);
  });

  it('breaks ties by the lowest BGP identifier, then the lowest peer address', () => {
    const hiId = path({ as: [65001] }, { routerId: 0x0a000002, address: '10.0.0.1' });
    const loId = path({ as: [65001] }, { routerId: 0x0a000001, address: '10.0.0.9' });
    expect(best([hiId, loId])).toBe(loId);
    const addr9 = path({ as: [65001] }, { routerId: 7, address: '10.0.0.9' });
    const addr10 = path({ as: [65001] }, { routerId: 7, address: '10.0.0.10' });
    // Numeric, not textual: 10.0.0.9 < 10.0.0.10.
    expect(best([addr10, addr9])).toBe(addr9);
  });
});

describe('multipath', () => {
  const mp = (c: Candidate[], o: Partial<DecisionOptions> = {}) =>
    selectPaths(c, opts({ maximumPaths: 8, ...o })).multipath.map((i) => c[i]);

  it('multipath includes paths equal through AS_PATH length from the same neighbour AS', () => {
    const a = path({ as: [65001, 65100] }, { routerId: 1 });
    const b = path({ as: [65001, 65200] }, { routerId: 2 });
    const longer = path({ as: [65001, 65100, 65300] }, { routerId: 3 });
    expect(mp([longer, b, a])).toEqual([a, b]);
  });

  it('multipath excludes paths that differ in ORIGIN, MED or eBGP/iBGP', () => {
    const a = path({ as: [65001], med: 5 }, { routerId: 1 });
    const origin = path({ as: [65001], med: 5, origin: 2 }, { routerId: 2 });
    const medHigher = path({ as: [65001], med: 6 }, { routerId: 3 });
    const ibgp = path({ as: [65001], med: 5 }, { routerId: 4, ibgp: true });
    expect(mp([a, origin, medHigher, ibgp])).toEqual([a]);
  });

  it('multipath needs the same neighbour AS unless multipath-relax is set', () => {
    const a = path({ as: [65001] }, { routerId: 1 });
    const b = path({ as: [65002] }, { routerId: 2 });
    expect(mp([a, b])).toEqual([a]);
    expect(mp([b, a], { multipathRelax: true })).toEqual([a, b]);
  });

  it('multipath is capped at maximumPaths, keeping the best first', () => {
    const c = [1, 2, 3, 4, 5].map((id) => path({ as: [65001] }, { routerId: 10 - id }));
    const set = mp(c, { maximumPaths: 3 });
    expect(set).toHaveLength(3);
    expect(set[0]).toBe(best(c));
    expect(set).toEqual([c[4], c[3], c[2]]);
  });

  it('maximumPaths 1 gives the best path alone', () => {
    const a = path({ as: [65001] });
    const b = path({ as: [65001] });
    expect(selectPaths([a, b], opts({ maximumPaths: 1 })).multipath).toHaveLength(1);
  });

  it('LLGR-stale paths leave the multipath set while a non-stale path remains', () => {
    const fresh = path({ as: [65001] }, { routerId: 5 });
    const stale = path({ as: [65001], communities: [LLGR_STALE] }, { routerId: 1 });
    expect(mp([stale, fresh])).toEqual([fresh]);
    const stale2 = path({ as: [65001], communities: [LLGR_STALE] }, { routerId: 2 });
    expect(mp([stale2, stale])).toEqual([stale, stale2]);
  });
  it('FRR installs a single next hop once every path is LLGR-stale (no multipath across LLGR-stale paths)', () => {
    // FRR bgpd/bgp_route.c bgp_path_info_cmp returns on LLGR_STALE before paths_eq is set.
    const a = path({ as: [65001], communities: [LLGR_STALE] }, { routerId: 1 });
    const b = path({ as: [65001], communities: [LLGR_STALE] }, { routerId: 2 });
    const c = path({ as: [65001], communities: [LLGR_STALE] }, { routerId: 3 });
    const frr = opts({ maximumPaths: 8, llgrStaleMultipath: false });
    expect(selectPaths([c, a, b], frr).multipath.map((i) => [c, a, b][i])).toEqual([a]);
    // Non-stale paths still share as before.
    const x = path({ as: [65001] }, { routerId: 4 });
    const y = path({ as: [65001] }, { routerId: 5 });
    expect(selectPaths([x, y, a], frr).multipath.map((i) => [x, y, a][i])).toEqual([x, y]);
  });
});

describe('decision properties', () => {
  const arbCandidate = fc
    .record({
      llgr: fc.boolean(),
      local: fc.boolean(),
      ibgp: fc.boolean(),
      lp: fc.integer({ min: 90, max: 110 }),
      len: fc.integer({ min: 0, max: 3 }),
      nas: fc.integer({ min: 65001, max: 65003 }),
      origin: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
      med: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      routerId: fc.integer({ min: 1, max: 1000 }),
    })
    .map(
      (r): Candidate => ({
        attrs: {
          origin: r.origin,
          localPref: r.lp,
          med: r.med,
          communities: r.llgr ? [LLGR_STALE] : [],
          asPath: r.len === 0 ? [] : [{ type: 'sequence', asns: [r.nas, ...Array<number>(r.len - 1).fill(64512)] }],
        },
        local: r.local,
        ibgp: r.ibgp,
        routerId: r.routerId,
        addressKey: addressKey(`10.0.${r.routerId >> 8}.${r.routerId & 255}`),
      }),
    );
  // Distinct peers: unique router IDs (so the tie-break is total).
  const arbSet = fc.uniqueArray(arbCandidate, { minLength: 1, maxLength: 7, selector: (c) => c.routerId });

  it('with always-compare-med the decision order is a total order and the best is its minimum', () => {
    const o = opts({ alwaysCompareMed: true });
    fc.assert(
      fc.property(arbSet, (cs) => {
        for (const a of cs) {
          expect(comparePaths(a, a, o)).toBe(0);
          for (const b of cs) {
            if (a === b) continue;
            expect(Math.sign(comparePaths(a, b, o))).toBe(-Math.sign(comparePaths(b, a, o)));
            expect(comparePaths(a, b, o)).not.toBe(0);
            for (const c of cs) {
              if (comparePaths(a, b, o) < 0 && comparePaths(b, c, o) < 0) expect(comparePaths(a, c, o)).toBeLessThan(0);
            }
          }
        }
        const min = [...cs].sort((a, b) => comparePaths(a, b, o))[0];
        expect(best(cs, o)).toBe(min);
      }),
    );
  });

  it('the best path and multipath set do not depend on the order paths arrived in', () => {
    fc.assert(
      fc.property(arbSet, fc.boolean(), fc.boolean(), (cs, relax, always) => {
        const o = opts({ maximumPaths: 4, multipathRelax: relax, alwaysCompareMed: always });
        const pick = (list: Candidate[]) => {
          const s = selectPaths(list, o);
          return { best: list[s.best], mp: s.multipath.map((i) => list[i]) };
        };
        const forward = pick(cs);
        const backward = pick([...cs].reverse());
        expect(backward.best).toBe(forward.best);
        expect(backward.mp).toEqual(forward.mp);
        expect(forward.mp[0]).toBe(forward.best);
      }),
    );
  });

  it('the best path is never beaten by another path on the first differing step', () => {
    // Without MED (no neighbour-AS subtlety) the elimination equals the lexicographic order.
    fc.assert(
      fc.property(arbSet, (cs) => {
        const noMed = cs.map((c) => ({ ...c, attrs: { ...c.attrs, med: undefined } }));
        const b = best(noMed);
        for (const c of noMed) if (c !== b) expect(comparePaths(b, c, opts())).toBeLessThan(0);
      }),
    );
  });
});
