// Route states read from BIRD 2.0.12's own log (`debug { states, routes, events }`), on logs captured in
// calibration runs that did not touch the daemon while it ran (bird-restart-timer-expiry, bird-llgr-no-alternate).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { birdLogRouteChanges } from './bird-routes.js';

const td = (f: string) => readFileSync(new URL(`../testdata/${f}`, import.meta.url), 'utf8');
const PROTO = 'speaker_10_0_1_11';
const PFX = '10.100.0.10/32';
const seq = (text: string) => {
  const ch = birdLogRouteChanges(text, PROTO).get(PFX) ?? [];
  const t0 = ch[0]?.t ?? 0;
  return ch.map((c) => [c.state, c.t - t0]);
};

describe('BIRD 2.0.12 route states from its log', () => {
  it('shows the flush after the restart timeout at the next main-loop wake-up, 3 s later, not at the timeout', () => {
    // 54.711 `Neighbor graceful restart timeout`, 57.713 `> removed [sole]` (io_loop's 3000 ms poll).
    expect(seq(td('bird-routes-restart-expiry.log'))).toEqual([
      ['fresh', 0],
      ['stale', 5026],
      ['absent', 14030],
    ]);
  });
  it('reads the LLGR re-marking (an `added` while no session is up) as llgr-stale and the LLST flush as absent', () => {
    expect(seq(td('bird-routes-llgr.log'))).toEqual([
      ['fresh', 0],
      ['stale', 5022],
      ['llgr-stale', 11053],
      ['absent', 31057],
    ]);
  });
  it('reads a route received again after the restart as stale until End-of-RIB ends GR, then fresh', () => {
    const L = (t: string, m: string) => `2026-12-03 10:00:${t} <TRACE> ${m}`;
    const text = [
      L('00.000', `${PROTO}: State changed to up`),
      L('00.010', `${PROTO}.ipv4 > added [best] ${PFX} 0L 2G unreachable`),
      L('00.020', `${PROTO}.ipv4 > added [best] 10.100.0.11/32 0L 2G unreachable`),
      L('01.000', `${PROTO}: Neighbor graceful restart detected`),
      L('01.000', `${PROTO}: State changed to start`),
      L('03.000', `${PROTO}: State changed to up`),
      L('03.010', `${PROTO}.ipv4 > ignored ${PFX} 0L 2G unreachable`),
      L('03.020', `${PROTO}: Neighbor graceful restart done`),
      L('03.021', `${PROTO}.ipv4 > removed [sole] 10.100.0.11/32 0L 2G unreachable`),
    ].join('\n');
    const m = birdLogRouteChanges(text, PROTO);
    const states = (p: string) => (m.get(p) ?? []).map((c) => c.state);
    expect(states(PFX)).toEqual(['fresh', 'stale', 'fresh']);
    // Not received again: stale until the prune after `done` removes it, never fresh in between.
    expect(states('10.100.0.11/32')).toEqual(['fresh', 'stale', 'absent']);
  });
  it("ignores another protocol's routes", () => {
    expect(birdLogRouteChanges(td('bird-routes-llgr.log'), 'speaker_10_0_1_12').size).toBe(0);
  });
});
