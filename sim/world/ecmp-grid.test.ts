import { describe, expect, it } from 'vitest';
import { s } from '../base/time.js';
import { ecmpGridAt, type FibStep } from './ecmp-grid.js';
import type { EcmpSpec } from './spec.js';

const three = ['node-1', 'node-2', 'node-3'];
const noMiddle = ['node-1', 'node-3'];
const steps = (...lists: string[][]): FibStep[] => lists.map((nextHops, i) => ({ t: s(10 * (i + 1)), nextHops }));
const count = (cells: readonly (string | null)[], name: string | null) => cells.filter((c) => c === name).length;

const hashThreshold: EcmpSpec = { type: 'hash-threshold' };
const maglev: EcmpSpec = { type: 'maglev', tableSize: 65537 };
const resilient = (idleS: number): EcmpSpec => ({
  type: 'resilient',
  buckets: 128,
  idleTimer: s(idleS),
  unbalancedTimer: s(0),
});

describe('ecmpGridAt', () => {
  it('splits hash-threshold into equal regions in FIB order', () => {
    const g = ecmpGridAt(hashThreshold, 1, steps(three), s(100), 255);
    expect(g.cells.slice(0, 85).every((c) => c === 'node-1')).toBe(true);
    expect(g.cells.slice(85, 170).every((c) => c === 'node-2')).toBe(true);
    expect(g.cells.slice(170).every((c) => c === 'node-3')).toBe(true);
  });

  it('moves exactly a third of hash-threshold cells when the middle of three next hops leaves', () => {
    const g = ecmpGridAt(hashThreshold, 1, steps(three, noMiddle), s(100), 255);
    expect(count(g.cells, 'node-2')).toBe(0);
    expect(g.movedCount).toBe(85);
    expect(g.changes).toBe(1);
    expect(g.changedAt).toBe(s(20));
    // Only node-2's old region moved; the survivors kept theirs.
    for (let i = 0; i < 255; i++) expect(g.moved[i]).toBe(i >= 85 && i < 170 ? 1 : 0);
  });

  it('moves a third or more of hash-threshold cells when the first of three leaves (list order matters)', () => {
    const g = ecmpGridAt(hashThreshold, 1, steps(three, ['node-2', 'node-3']), s(100), 255);
    expect(g.movedCount).toBeGreaterThan(85);
  });

  it('shows the grid before a change that is still in the future', () => {
    const g = ecmpGridAt(hashThreshold, 1, steps(three, noMiddle), s(15), 256);
    expect(count(g.cells, 'node-2')).toBeGreaterThan(80);
    expect(g.changedAt).toBe(s(10));
  });

  it('moves about two thirds of modulo cells when one of three next hops leaves, keeping both survivors', () => {
    const g = ecmpGridAt({ type: 'modulo' }, 1, steps(three, noMiddle), s(100), 256);
    expect(count(g.cells, 'node-1')).toBe(128);
    expect(count(g.cells, 'node-3')).toBe(128);
    expect(Math.abs(g.movedCount - (256 * 2) / 3)).toBeLessThanOrEqual(1);
  });

  it('moves about a third of Maglev cells when one of three next hops leaves, only those of the leaver', () => {
    const before = ecmpGridAt(maglev, 7, steps(three), s(100), 256);
    const g = ecmpGridAt(maglev, 7, steps(three, noMiddle), s(100), 256);
    expect(count(g.cells, 'node-2')).toBe(0);
    expect(g.movedCount / 256).toBeGreaterThan(0.25);
    expect(g.movedCount / 256).toBeLessThan(0.42);
    for (let i = 0; i < 256; i++) if (g.moved[i]) expect(before.cells[i]).toBe('node-2');
  });

  it('depends on the hash seed for Maglev and is deterministic for a given one', () => {
    const a = ecmpGridAt(maglev, 7, steps(three), s(100), 256);
    expect(ecmpGridAt(maglev, 7, steps(three), s(100), 256)).toEqual(a);
    expect(ecmpGridAt(maglev, 8, steps(three), s(100), 256).cells).not.toEqual(a.cells);
  });

  it('gives a re-added resilient next hop no bucket before the idle timer, even with idle buckets', () => {
    // Added at 30 s; the buckets were assigned at 10 s or migrated at 20 s, so none is idle before 70 s.
    const g = ecmpGridAt(resilient(60), 1, steps(three, noMiddle, three), s(50), 128);
    expect(count(g.cells, 'node-2')).toBe(0);
    expect(g.movedCount).toBe(0);
    expect(g.assumesIdleBuckets).toBe(true);
  });

  it('migrates idle resilient buckets to a re-added next hop once the idle timer has run (idle assumption)', () => {
    const g = ecmpGridAt(resilient(60), 1, steps(three, noMiddle, three), s(200), 128);
    expect(count(g.cells, 'node-2')).toBeGreaterThan(40);
    expect(g.movedCount).toBe(count(g.cells, 'node-2'));
  });

  it('moves only a removed resilient next hop’s buckets', () => {
    const before = ecmpGridAt(resilient(60), 1, steps(three), s(15), 128);
    const g = ecmpGridAt(resilient(60), 1, steps(three, noMiddle), s(25), 128);
    expect(count(g.cells, 'node-2')).toBe(0);
    expect(g.movedCount).toBe(count(before.cells, 'node-2'));
  });

  it('builds the resilient group from the FIB at traffic start, balanced at once, as the world does', () => {
    const boot = steps(['node-1'], ['node-1', 'node-2'], three);
    // Replayed list by list, node-2 and node-3 only collect buckets once node-1's turn idle.
    expect(count(ecmpGridAt(resilient(60), 1, boot, s(50), 128).cells, 'node-3')).toBe(0);
    const g = ecmpGridAt(resilient(60), 1, boot, s(50), 128, s(40));
    for (const n of three) expect(Math.abs(count(g.cells, n) - 128 / 3)).toBeLessThanOrEqual(1);
    expect(g.changedAt).toBe(s(40));
    // Building the table at traffic start is not a change: nothing is outlined.
    expect(g.changes).toBe(0);
    expect(g.movedCount).toBe(0);
  });

  it('shows an empty grid and nothing moved with no history', () => {
    const g = ecmpGridAt(hashThreshold, 1, [], s(100), 16);
    expect(g.cells.every((c) => c === null)).toBe(true);
    expect(g.movedCount).toBe(0);
    expect(g.changedAt).toBeNull();
  });
});
