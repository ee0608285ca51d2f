// The cost estimate against real runs, and the refusal of valid but huge scenarios (issue 16).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { profileNames } from '../bgp/profile/index.js';
import { World } from '../world/index.js';
import { COST_CALIBRATION_FACTOR, estimateCost } from './cost.js';
import { COST_BUDGET, checkCost } from './cost-budget.js';
import { loadScenarioText } from './load.js';
import { runScenario } from './run.js';
import type { Scenario } from './schema.js';

const root = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const files = ['', 'review/', 'metallb-from-manifests/'].flatMap((d) =>
  readdirSync(join(root, d))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `${d}${f}`),
);

function loadRaw(raw: unknown, name: string): Scenario {
  const r = loadScenarioText(JSON.stringify(raw), name, { profiles: profileNames() });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}
const raw = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));

describe('cost estimate', () => {
  it('covers the bundled and the review scenarios', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  for (const f of files) {
    it(`${f}: the estimate is within ×${COST_CALIBRATION_FACTOR} of the real event count and well within the budget`, () => {
      const sc = loadRaw(raw(f), f);
      const est = estimateCost(sc);
      // The estimate counts work per connection (an arrival, an end): in bulk (the default) they
      // are no agenda events but still cost their draws and closed-form sums, so it is calibrated
      // against the per-connection reference, whose events are that work one for one.
      const real = runScenario(sc, { traffic: 'per-connection' }).events;
      expect(est.events).toBeLessThanOrEqual(real * COST_CALIBRATION_FACTOR);
      expect(est.events).toBeGreaterThanOrEqual(real / COST_CALIBRATION_FACTOR);
      // "Well within": a fiftieth of the budget at most.
      expect(est.events).toBeLessThan(COST_BUDGET.events / 50);
      expect(est.memoryBytes).toBeLessThan(COST_BUDGET.memoryBytes / 10);
      expect(checkCost(sc, f)).toBeUndefined();
    });
  }

  it('counts a connection table of 160 B per live connection (80 B measured, doubled for growth)', () => {
    const j = raw('dual-restart.json');
    const small = estimateCost(loadRaw(j, 'a'));
    j.workload.initialConnections = 1_000_000;
    const big = estimateCost(loadRaw(j, 'b'));
    expect(big.memoryBytes - small.memoryBytes).toBe(160 * 990_000);
  });
});

describe('valid but huge scenarios are refused before any simulation', () => {
  const base = raw('speaker-restart-with-bfd.json');
  const huge: [string, (j: any) => void, RegExp][] = [
    ['an arrival rate of 10^6/s', (j) => (j.workload.arrivalRate = 1_000_000), /estimated 1\.0e9 events and 29\.8 GiB/],
    [
      'a 30-day run at 1000 arrivals/s',
      (j) => Object.assign(j, { duration: '30d' }) && (j.workload.arrivalRate = 1000),
      /estimated 5\.\de9 events/,
    ],
    [
      'BFD at 1 ms over 1 ms links for 30 days (always a packet on the wire, so never implied steady)',
      (j) => {
        Object.assign(j, { duration: '30d', defaultLatency: '1ms' });
        j.workload.arrivalRate = 0;
        for (const side of [j.speaker, ...j.routers.flatMap((r: any) => [r.bgp, r.speaker])])
          if (side?.bfd) Object.assign(side.bfd, { transmitInterval: '1ms', receiveInterval: '1ms' });
      },
      /estimated \d\.\de\d+ events/,
    ],
  ];
  for (const [what, mutate, estimate] of huge) {
    it(`refuses ${what} at once with the estimate, the budget and --no-limit`, () => {
      const j = structuredClone(base);
      mutate(j);
      const sc = loadRaw(j, 'huge.json');
      const run = vi.spyOn(World.prototype, 'run');
      const line = checkCost(sc, 'huge.json');
      expect(run).not.toHaveBeenCalled();
      run.mockRestore();
      expect(line).toMatch(estimate);
      expect(line).toMatch(
        /^huge\.json: estimated .* exceed the budget of 5\.0e7 events and 1\.00 GiB \(pass --no-limit to run anyway\)$/,
      );
      expect(line).not.toContain('\n');
    });
  }

  it('leaves a 100-year run and BFD at 1 µs to the schema, which refuses them as field errors', () => {
    const century = structuredClone(base);
    century.duration = '36500d';
    const fast = structuredClone(base);
    fast.speaker.bfd = { ...fast.speaker.bfd, transmitInterval: '1us' };
    for (const [j, field] of [
      [century, 'duration'],
      [fast, 'speaker.bfd.transmitInterval'],
    ] as const) {
      const r = loadScenarioText(JSON.stringify(j), 'huge.json');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.some((e) => e.startsWith(`huge.json: ${field}: `))).toBe(true);
    }
  });

  it('keeps BFD at the 300 ms default implied: its cost does not grow with the run', () => {
    const j = structuredClone(base);
    j.duration = '1d';
    j.workload.arrivalRate = 0;
    expect(estimateCost(loadRaw(j, 'day.json')).bfdEvents).toBeLessThan(2_000_000);
  });

  it('counts no KEEPALIVE for a session of fixed-interval senders (implied), every one for a jittered sender', () => {
    const j = structuredClone(base);
    j.duration = '1d';
    j.workload.arrivalRate = 0;
    expect(estimateCost(loadRaw(j, 'frr.json')).bgpEvents).toBeLessThan(1_000);
    j.speaker.profile = 'bird-2.13';
    j.speaker.gracefulRestart = { mode: 'restart', restartTime: 120 };
    // 4 sessions, both ends every 60 s (BIRD's 240 s hold / 3 … jittered: one of the ends suffices).
    expect(estimateCost(loadRaw(j, 'bird.json')).bgpEvents).toBeGreaterThan(10_000);
  });
});
