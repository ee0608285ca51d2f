import { describe, expect, it } from 'vitest';
import { PrefixNumbers, PrefixTable } from './prefix-table.js';

describe('PrefixTable over shared prefix numbers', () => {
  it('gives each table its own first-seen ids whatever order other tables saw the prefixes in', () => {
    const shared = new PrefixNumbers();
    const a = new PrefixTable(shared);
    const b = new PrefixTable(shared);
    expect([a.intern('10.0.0.0/24'), a.intern('10.0.1.0/24'), a.intern('10.0.2.0/24')]).toEqual([0, 1, 2]);
    expect([b.intern('10.0.2.0/24'), b.intern('10.0.0.0/24')]).toEqual([0, 1]);
    expect(b.idOf('10.0.1.0/24')).toBe(-1);
    expect(b.idOf('192.0.2.0/24')).toBe(-1);
    expect(a.idOf('10.0.2.0/24')).toBe(2);
    expect(b.prefix(0)).toBe('10.0.2.0/24');
    expect(b.size).toBe(2);
  });
});
