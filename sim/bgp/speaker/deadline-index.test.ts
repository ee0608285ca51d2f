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

  it('with one session (the one-key fast path) follows its key both ways and finds it due', () => {
    const ix = new DeadlineIndex(1, Number.POSITIVE_INFINITY);
    expect(ix.min(-1)).toBe(Number.POSITIVE_INFINITY);
    ix.set(0, 40);
    expect(ix.min(-1)).toBe(40);
    ix.set(0, 90);
    expect(ix.min(-1)).toBe(90);
    expect(ix.firstDueAfter(89, -1)).toBe(-1);
    expect(ix.firstDueAfter(90, -1)).toBe(0);
    expect(ix.firstDueAfter(90, 0)).toBe(-1);
    ix.set(0, 20);
    expect(ix.min(-1)).toBe(20);
  });
});
