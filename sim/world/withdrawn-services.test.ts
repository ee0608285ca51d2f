import { describe, expect, it } from 'vitest';
import { WithdrawnServices } from './withdrawn-services.js';

describe('WithdrawnServices', () => {
  it('answers as the set of every other service would, before and after policy edits', () => {
    const all = new Set(['a', 'b', 'c']);
    const w = new WithdrawnServices(all, ['b']);
    const set = new Set(['a', 'c']);
    const same = () => {
      for (const x of ['a', 'b', 'c', 'z']) expect(w.has(x)).toBe(set.has(x));
    };
    same();
    for (const [op, x] of [
      ['add', 'b'],
      ['delete', 'a'],
      ['add', 'z'],
      ['delete', 'b'],
      ['add', 'a'],
      ['delete', 'z'],
    ] as const) {
      w[op](x);
      set[op](x);
      same();
    }
  });
});
