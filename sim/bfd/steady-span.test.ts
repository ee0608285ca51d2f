import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, type Time, us } from '../base/time.js';
import { jitterGrid, jitterOffset } from './jitter.js';
import type { BfdControlPacket } from './packet.js';
import { type SteadySpan, sendsBefore, sendsBetween, sendTimeOf } from './steady-span.js';
import { hashedUniform } from './testing/pair-harness.js';

function span(firstIndex: number, anchor: number, seed: number): SteadySpan {
  const grid = jitterGrid(ms(300), 3);
  const uniformAt = hashedUniform(seed);
  const firstSend = (anchor + jitterOffset(grid, uniformAt(firstIndex))) as Time;
  return {
    firstIndex,
    firstSend,
    grid,
    anchor: anchor as Time,
    anchorIndex: firstIndex,
    packet: {} as BfdControlPacket,
    uniformAt,
  };
}

describe('steady span arithmetic (DESIGN.md implied periodic traffic, RFC 5880 §6.8.7)', () => {
  it('puts send k at its grid point plus the offset drawn for k', () => {
    const sp = span(40, 1_000_000, 9);
    for (let k = 40; k < 60; k++) {
      const offset = jitterOffset(sp.grid, sp.uniformAt(k));
      expect(sendTimeOf(sp, k)).toBe(1_000_000 + (k - 40) * sp.grid.step + offset);
    }
  });

  it('finds a send a day away as cheaply as the next one: no walk over the periods between', () => {
    let draws = 0;
    const sp = span(0, 0, 3);
    const counted = {
      ...sp,
      uniformAt: (k: number) => {
        draws++;
        return sp.uniformAt(k);
      },
    };
    const day = 86_400_000_000 as Time;
    const n = sendsBefore(counted, day);
    expect(n).toBeGreaterThan(86_400 / 0.3);
    expect(draws).toBeLessThan(5);
  });

  it('counts exactly the sends strictly before a time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000_000 }), fc.integer({ min: 0, max: 1000 }), (t, seed) => {
        const sp = span(7, 123, seed);
        const n = sendsBefore(sp, t as Time);
        if (n > 0) expect(sendTimeOf(sp, sp.firstIndex + n - 1)).toBeLessThan(t);
        expect(sendTimeOf(sp, sp.firstIndex + n)).toBeGreaterThanOrEqual(t);
      }),
      { numRuns: 500, seed: 0x5eed },
    );
  });

  it('expands a window into the sends inside it, in order', () => {
    const sp = span(5, 100, 2);
    const t7 = sendTimeOf(sp, 7);
    expect(sendsBetween(sp, us(0), t7).map((x) => x.index)).toEqual([5, 6]);
    expect(sendsBetween(sp, t7, (t7 + 1) as Time)).toEqual([{ index: 7, time: t7 }]);
  });

  it('refuses an index before the span began: that is a driver bug', () => {
    expect(() => sendTimeOf(span(5, 100, 2), 4)).toThrow(/precedes/);
  });
});
