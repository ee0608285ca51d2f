import { describe, expect, it } from 'vitest';
import { DeadlineIndex } from './deadline-index.js';

describe('DeadlineIndex', () => {
  it('keeps the minimum of keys set in any order and finds the due sessions in index order', () => {
    const ix = new DeadlineIndex(6, Number.POSITIVE_INFINITY);
    const keys = [50, 10, 70, 10, 30, 90];
    for (const [i, k] of keys.entries()) ix.set(i, k);
    expect(ix.min(-1)).toBe(10);
    ix.set(1, 100);
    ix.set(3, 100);
    expect(ix.min(-1)).toBe(30);
    const due: number[] = [];
    for (let i = ix.firstDueAfter(60, -1); i >= 0; i = ix.firstDueAfter(60, i)) due.push(i);
    expect(due).toEqual([0, 4]);
    expect(new DeadlineIndex(0, 5).min(-1)).toBe(-1);
  });
});
