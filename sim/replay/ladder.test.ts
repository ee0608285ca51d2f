import { describe, expect, it } from 'vitest';
import type { Time } from '../base/time.js';
import type { WorldRecord } from '../world/records.js';
import { buildLadder } from './ladder.js';
import { grEpisode, seconds } from './testing.js';

// Real runs of bundled scenarios through this fold: web/ladder.test.ts.
describe('ladder fold', () => {
  it('puts the helper’s wait for End-of-RIB on the router’s column, from the session’s return to the End-of-RIB', () => {
    const l = buildLadder(grEpisode(), 'node-2', 'tor-1', seconds(600) as Time);
    expect(l.timers.find((x) => x.name === 'stale-path')).toMatchObject({
      column: 'b',
      from: seconds(80.0005),
      to: seconds(80.0007),
    });
    expect(l.points.find((p) => p.kind === 'bgp-down')).toMatchObject({
      column: 'b',
      label: 'session down: tcp-closed (GR)',
    });
  });

  it('labels a NOTIFICATION with its code, subcode and whether N keeps GR', () => {
    const recs: WorldRecord[] = [
      ...grEpisode(),
      {
        t: seconds(300),
        type: 'bgp-message',
        subject: 'tor-1>node-2',
        dir: 'sent',
        message: 'NOTIFICATION',
        detail: '6/9',
        clause: 'RFC 4271 §6.7; RFC 8538 §3',
      },
    ];
    const l = buildLadder(recs, 'node-2', 'tor-1', seconds(600) as Time);
    const n = l.arrows.find((a) => a.kind === 'NOTIFICATION')!;
    expect(n.label).toMatch(/^NOTIFICATION 6\/9 Hard Reset/);
    expect(n.from).toBe('b');
    expect(n.received).toBeNull();
  });
});
