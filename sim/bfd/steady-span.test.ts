import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, type Time, us } from '../base/time.js';
import { jitteredInterval } from './jitter.js';
import type { BfdControlPacket } from './packet.js';
import { makeSpan, sendsBefore, sendsBetween, sendTimeOf } from './steady-span.js';
import { hashedUniform } from './testing/pair-harness.js';

const packet = { state: 'Up' } as BfdControlPacket;

describe('steady span arithmetic (DESIGN.md implied periodic traffic, RFC 5880 §6.8.7)', () => {
  it('places each send one jittered interval after the previous, with the draw keyed by the earlier index', () => {
    const u = hashedUniform(9);
    const span = makeSpan(40, us(1_000_000), ms(300), 3, packet, u);
    let t = 1_000_000;
    for (let k = 40; k < 60; k++) {
      expect(sendTimeOf(span, k)).toBe(t);
      t += jitteredInterval(ms(300), u(k), 3);
    }
  });

  it('answers the same whatever order the sends are asked for in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 30 }), (ks) => {
        const fresh = () => makeSpan(0, us(0), ms(300), 3, packet, hashedUniform(1));
        const memo = fresh();
        for (const k of ks) expect(sendTimeOf(memo, k)).toBe(sendTimeOf(fresh(), k));
      }),
      { numRuns: 50 },
    );
  });

  it('counts the sends strictly before a time, and lists those in a window', () => {
    const span = makeSpan(5, us(100), ms(300), 3, packet, hashedUniform(2));
    const t7 = sendTimeOf(span, 7);
    expect(sendsBefore(span, us(100))).toBe(0);
    expect(sendsBefore(span, us(101))).toBe(1);
    expect(sendsBefore(span, t7)).toBe(2);
    expect(sendsBefore(span, (t7 + 1) as Time)).toBe(3);
    const window = sendsBetween(span, us(100), t7);
    expect(window.map((x) => x.index)).toEqual([5, 6]);
    expect(sendsBetween(span, t7, (t7 + 1) as Time)).toEqual([{ index: 7, time: t7 }]);
  });

  it('refuses an index before the span began: that is a driver bug', () => {
    const span = makeSpan(5, us(100), ms(300), 3, packet, hashedUniform(2));
    expect(() => sendTimeOf(span, 4)).toThrow(/precedes/);
  });
});
