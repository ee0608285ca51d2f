// What falls due in the same µs happens in a canonical order, the connections' (group, open
// ordinal) (DataPlane.keyOf, timer-heap.ts), not the order of the lists they were found through:
// that keeps the per-connection reference and the bulk path (whose latent records enter those
// lists in another order) equal, reconnect ordinals and packet phases included.
import { describe, expect, it } from 'vitest';
import type { FlowId } from '../base/ids.js';
import { s } from '../base/time.js';
import { DataPlane, type ResetEvent } from './data-plane.js';

describe('the order of connection events in one µs', () => {
  it('resets connections whose retransmissions fall in the same µs in the order they were opened', () => {
    const resets: ResetEvent[] = [];
    const dp = new DataPlane({ onReset: (e) => resets.push(e), reconnect: { mode: 'never' } });
    const g = dp.addGroup(
      { router: 'r', prefix: 'p', ecmp: { scheme: 'modulo' }, hashSeed: 1, hashPolicy: 'l4' },
      s(0),
    );
    dp.setNextHops(g, ['a', 'b'], s(0));
    const opened: FlowId[] = [];
    // Opened in the same µs: each lane list holds them newest first.
    for (let i = 0; i < 64; i++)
      opened.push(dp.openHashed(g, Math.imul(i + 1, 0x9e3779b1) >>> 0, s(600), 10, 100, s(1)));
    // Node a crashes (its connections stall in the same µs, on the same RTO schedule) and is back
    // before their first retransmission: every one of them draws a RST in the same µs.
    dp.failNode('a', s(2));
    dp.setNodeForwarding('a', true, s(2.1));
    dp.advance(s(3));
    expect(resets.length).toBeGreaterThan(10);
    expect(new Set(resets.map((e) => e.at)).size).toBe(1);
    const order = resets.map((e) => opened.indexOf(e.flow));
    expect(order).toEqual([...order].sort((x, y) => x - y));
  });
});
