// Real BIRD states for a run that did not touch the daemon: from bird.log, with BIRD's own random
// hold-timer draw taken like a late stimulus (real-states.ts).
import { describe, expect, it } from 'vitest';
import { birdLoggedStates, loggedRouteStates } from './real-states.js';
import type { WorkerResult } from './worker.js';

const PFX = '10.100.0.10/32';
const P = 'speaker_10_0_1_11';
const at = (ms: number) => new Date(2026, 11, 3, 10, 0, 0, ms).getTime();
const stamp = (ms: number) => {
  const d = new Date(at(ms));
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `2026-12-03 ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
};
const L = (ms: number, m: string) => `${stamp(ms)} <TRACE> ${m}`;

// t0 at 1.000 s; the last KEEPALIVE heard 4.407 s later; BIRD drew a hold of 8.755 s, flushed 3 s after.
const T0 = at(1000);
const log = [
  L(0, `${P}: State changed to up`),
  L(10, `${P}.ipv4 > added [best] ${PFX} 0L 2G unreachable`),
  `${stamp(1000 + 4407 + 8755)} <RMT> ${P}: Error: Hold timer expired`,
  L(1000 + 4407 + 8755, `${P}: State changed to stop`),
  L(1000 + 4407 + 8755 + 3002, `${P}.ipv4 > removed [sole] ${PFX} 0L 2G unreachable`),
].join('\n');
const result: WorkerResult = {
  t0: T0,
  readings: [],
  after: { start: at(41_000), end: at(41_020), states: { '10.0.1.11': {} } },
  skipped: [],
  faults: [],
};

describe('BIRD states from its log', () => {
  it('starts from the state in force at t0 and times each later change from t0', () => {
    expect(
      loggedRouteStates(
        [
          { t: at(10), state: 'fresh' },
          { t: at(5000), state: 'stale' },
        ],
        T0,
        at(40_000),
      ),
    ).toEqual([
      ['fresh', 0],
      ['stale', 4],
    ]);
  });
  it('says so when the log’s last state differs from the RIB read after the run', () => {
    const r = { ...result, after: { ...result.after!, states: { '10.0.1.11': { [PFX]: 'fresh' as const } } } };
    expect(birdLoggedStates(log, r, '10.0.1.11', PFX, 40_000).mismatch).toMatch(/ends with absent.*says fresh/);
  });
});

describe('BIRD states from its log, checked after the run', () => {
  it('ignores what the log says after the check reading started (the speakers closing)', () => {
    const closing = [
      L(0, `${P}: State changed to up`),
      L(10, `${P}.ipv4 > added [best] ${PFX} 0L 2G unreachable`),
      L(41_000, `${P}: Neighbor graceful restart detected`),
    ].join('\n');
    const r = {
      ...result,
      after: { start: at(41_000), end: at(41_000), states: { '10.0.1.11': { [PFX]: 'fresh' as const } } },
    };
    expect(birdLoggedStates(closing, r, '10.0.1.11', PFX, 40_000).mismatch).toBeUndefined();
  });
});
