import { describe, expect, it } from 'vitest';
import { ConnectionTable, UNPLACED } from './connection-table.js';

describe('ConnectionTable storage', () => {
  it('reports its capacity before any slot is taken, and allocates that capacity at the first alloc', () => {
    const t = new ConnectionTable(100);
    expect(t.capacity).toBe(100);
    expect(t.bytes()).toBe(100 * ConnectionTable.BYTES_PER_SLOT);
    expect(t.isLive(0, 0)).toBe(false);
    expect(t.hash).toBeUndefined();
    const id = t.alloc();
    expect(id).toBe(0);
    expect(t.hash.length).toBe(100);
    expect(t.status[1]).toBe(UNPLACED);
    expect(t.gen[id]).toBe(1);
  });

  it('reserves before the first alloc by raising the capacity it will allocate', () => {
    const t = new ConnectionTable(16);
    t.reserve(8);
    expect(t.capacity).toBe(16);
    t.reserve(40);
    expect(t.capacity).toBe(40);
    expect(t.bytes()).toBe(40 * ConnectionTable.BYTES_PER_SLOT);
    t.alloc();
    expect(t.laneNext.length).toBe(40);
    // Past the first alloc, reserve and growth copy what is there.
    t.hash[0] = 7;
    t.reserve(64);
    expect(t.hash.length).toBe(64);
    expect(t.hash[0]).toBe(7);
    for (let i = 1; i <= 64; i++) t.alloc();
    expect(t.capacity).toBe(96);
    expect(t.hash[0]).toBe(7);
  });
});
