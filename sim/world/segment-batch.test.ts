import { describe, expect, it } from 'vitest';
import type { Duration, Time } from '../base/time.js';
import { WorldContext } from './context.js';
import type { WorldSpec } from './spec.js';
import { WorldSimulator } from './world-simulator.js';

const spec = { links: [], nodes: [] } as unknown as WorldSpec;

function setup() {
  const sim = new WorldSimulator({ start: 0 as Time });
  const ctx = new WorldContext(sim, spec);
  const got: string[] = [];
  const sink = (name: string) => ({
    deliverSegment: (_fromA: boolean, conn: number) => got.push(`${name}${conn}`),
  });
  return { sim, ctx, got, sink };
}

describe('segments in flight', () => {
  it('segments due at one instant with nothing scheduled between them travel as one agenda event, in send order', () => {
    const { sim, ctx, got, sink } = setup();
    const a = sink('a');
    for (let i = 1; i <= 5; i++) ctx.segmentLater(100 as Duration, a, true, i, new Uint8Array(), true);
    expect(sim.run()).toBe(1);
    expect(got).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('an event scheduled between two segments keeps its place: the later segment starts a new agenda event', () => {
    const { sim, ctx, got, sink } = setup();
    const a = sink('a');
    ctx.segmentLater(100 as Duration, a, true, 1, new Uint8Array(), true);
    ctx.later(100 as Duration, () => got.push('later'));
    ctx.segmentLater(100 as Duration, a, true, 2, new Uint8Array(), true);
    ctx.segmentLater(200 as Duration, a, true, 3, new Uint8Array(), true);
    expect(sim.run()).toBe(4);
    expect(got).toEqual(['a1', 'later', 'a2', 'a3']);
  });

  it('a segment sent while a batch is being delivered goes after it, as a new event', () => {
    const { sim, ctx, got } = setup();
    const b = { deliverSegment: (_f: boolean, conn: number) => got.push(`b${conn}`) };
    const a = {
      deliverSegment: (_f: boolean, conn: number) => {
        got.push(`a${conn}`);
        if (conn === 1) ctx.segmentLater(0 as Duration, b, true, 9, new Uint8Array(), true);
      },
    };
    ctx.segmentLater(100 as Duration, a, true, 1, new Uint8Array(), true);
    ctx.segmentLater(100 as Duration, a, true, 2, new Uint8Array(), true);
    expect(sim.run()).toBe(2);
    expect(got).toEqual(['a1', 'a2', 'b9']);
  });

  it('keeps each segment’s end, connection, octets and AS width through slot growth and reuse', () => {
    const { sim, ctx } = setup();
    const got: string[] = [];
    const sink = {
      deliverSegment: (fromA: boolean, conn: number, bytes: Uint8Array, four: boolean) =>
        got.push(`${fromA ? 'a' : 'b'}${conn}:${bytes[0]}:${four ? 4 : 2}`),
    };
    const want: string[] = [];
    // Two waves of 300 segments (past the first slot sizes); the second reuses the first's slots.
    for (const wave of [0, 1]) {
      for (let i = 0; i < 300; i++) {
        const fromA = (i + wave) % 2 === 0;
        const four = i % 3 !== 0;
        const conn = 1000 * wave + i;
        ctx.segmentLater((100 + (i % 7)) as Duration, sink, fromA, conn, Uint8Array.of(i % 251), four);
        want.push(`${fromA ? 'a' : 'b'}${conn}:${i % 251}:${four ? 4 : 2}`);
      }
      sim.run();
    }
    expect([...got].sort()).toEqual([...want].sort());
    expect(got.slice(0, 3)).toEqual([want[0], want[7], want[14]]);
  });
});
