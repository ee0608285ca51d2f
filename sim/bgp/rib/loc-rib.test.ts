import { describe, expect, it } from 'vitest';
import type { RibAttributes } from './attributes.js';
import { LocRib } from './loc-rib.js';

const a1: RibAttributes = { origin: 0, nextHop: '192.0.2.1' };
const a2: RibAttributes = { origin: 0, nextHop: '192.0.2.2' };

describe('LocRib', () => {
  it('holds a multipath set only where one was stored, and forgets it when the prefix gets a single path', () => {
    const loc = new LocRib();
    loc.set(3, 1, a1, undefined);
    expect(loc.extraPaths(3)).toBeUndefined();
    expect(loc.multipath(3)).toEqual([{ peer: 1, attrs: a1 }]);
    const both = [
      { peer: 1, attrs: a1 },
      { peer: 2, attrs: a2 },
    ];
    loc.set(5, 1, a1, both);
    expect(loc.extraPaths(5)).toBe(both);
    expect(loc.multipath(5)).toBe(both);
    expect(loc.extraPaths(3)).toBeUndefined();
    loc.set(5, 2, a2, undefined);
    expect(loc.extraPaths(5)).toBeUndefined();
    expect(loc.multipath(5)).toEqual([{ peer: 2, attrs: a2 }]);
    loc.set(5, -1, undefined, undefined);
    expect(loc.multipath(5)).toEqual([]);
    expect(loc.size).toBe(1);
    expect(loc.extraPaths(40)).toBeUndefined();
  });
});
