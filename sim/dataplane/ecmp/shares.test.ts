import { describe, expect, it } from 'vitest';
import { s } from '../../base/time.js';
import { createEcmpGroup, type EcmpConfig } from './config.js';
import { moduloShares, thresholdShares } from './shares.js';

const CONFIGS: readonly EcmpConfig[] = [
  { scheme: 'modulo' },
  { scheme: 'hash-threshold' },
  { scheme: 'resilient', buckets: 64 },
  { scheme: 'maglev', tableSize: 251 },
  { scheme: 'rendezvous', tableSize: 97 },
];

describe('hash-space shares', () => {
  it('count hash values exactly: h mod 3 gives slot 0 one value more', () => {
    const sh = moduloShares(Int16Array.of(0, 1, 2));
    expect(Array.from(sh, (x) => x * 2 ** 32)).toEqual([1431655766, 1431655765, 1431655765]);
    // ⌊h·3 / 2³²⌋: the boundaries are ⌈2³²/3⌉ and ⌈2·2³²/3⌉.
    const th = thresholdShares(Int16Array.of(0, 1, 2));
    expect(Array.from(th, (x) => x * 2 ** 32)).toEqual([1431655766, 1431655765, 1431655765]);
    expect(moduloShares(Int16Array.of(1, -1, 1, 0))).toEqual(Float64Array.of(0.25, 0.5));
  });

  for (const config of CONFIGS) {
    it(`${config.scheme}: each slot's share is the share of flows lookup sends it (a fine scan of the space)`, () => {
      const g = createEcmpGroup(config, 11, s(0));
      for (const hops of [
        ['a', 'b', 'c'],
        ['a', 'b', 'c', 'd', 'e'],
        ['b', 'e'],
      ]) {
        g.setNextHops(hops, s(1));
        const shares = g.hashShares();
        // K evenly spaced hashes over the whole space (K prime, so table indexes are visited evenly).
        const K = 1_000_003;
        const seen = new Float64Array(shares.length);
        for (let k = 0; k < K; k++) seen[g.lookup(Math.floor(((k + 0.5) * 2 ** 32) / K))]! += 1 / K;
        let sum = 0;
        for (let slot = 0; slot < shares.length; slot++) {
          expect(Math.abs(shares[slot]! - seen[slot]!), `${hops.join(',')} slot ${slot}`).toBeLessThan(2e-4);
          sum += shares[slot]!;
        }
        expect(sum).toBeCloseTo(1, 12);
        for (const name of ['a', 'b', 'c', 'd', 'e']) {
          if (!hops.includes(name) && g.slotOf(name) >= 0 && g.slotOf(name) < shares.length)
            expect(shares[g.slotOf(name)]).toBe(0);
        }
      }
    });
  }
});
