import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, runScenario, type Scenario } from '../../sim/index.js';
import { simRouteStates } from '../sim-states.js';
import { drawsConnectDelays, SEED_DRAWS } from './seed-draws.js';

function load(name: string): Scenario {
  const file = `scenarios/calibration/${name}.json`;
  const r = loadScenarioText(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(`${file} does not load`);
  return r.scenario;
}

describe('comparing a clock-seeded daemon with several simulated draws', () => {
  it('GoBGP 3.10 draws its connect delays; FRR 8.4 does not', () => {
    expect(drawsConnectDelays(load('gobgp-notification-without-n'))).toBe(true);
    expect(drawsConnectDelays(load('frr-notification-without-n'))).toBe(false);
  });

  it("the draws cover GoBGP's whole-second connect delays after its idle hold: back at 15, 16, 17, 18 and 19 s", () => {
    const sc = load('gobgp-notification-without-n');
    const back = new Set<number>();
    for (let k = 0; k < SEED_DRAWS; k++) {
      const recs = runScenario({ ...sc, seed: k + 1 }, { keepTrace: true }).world.sim.trace.records;
      const seq = simRouteStates(recs, 'tor-1', 'node-1', ['10.100.0.10/32'])['10.100.0.10/32'] ?? [];
      const t = seq.find(([st, at]) => st === 'fresh' && at > 5)?.[1];
      if (t !== undefined) back.add(Math.floor(t));
    }
    expect([...back].sort()).toEqual([15, 16, 17, 18, 19]);
  });
});
