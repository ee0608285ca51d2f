/**
 * The replay fold rebuilds route states from the trace alone; here it must agree with what the
 * simulator's own RIBs showed at the moments the scenarios' route expectations look at.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReplay, loadScenarioText, PROFILE_NAMES, runScenario, type Time } from '../sim/index.js';

/** Every bundled scenario that expects a path state somewhere. */
const SCENARIOS = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .filter((name) => {
    const json = JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8')) as {
      expect?: { node?: string; state?: string }[];
    };
    return (json.expect ?? []).some((e) => e.node !== undefined && e.state !== undefined);
  });

describe('replay agrees with the simulator', () => {
  for (const name of SCENARIOS) {
    it(`gives each path state the scenario ${name} expects where the run saw it`, () => {
      const loaded = loadScenarioText(readFileSync(`scenarios/${name}.json`, 'utf8'), name, {
        profiles: PROFILE_NAMES,
      });
      if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
      const sc = loaded.scenario;
      const run = runScenario(sc, { keepTrace: true });
      const replay = buildReplay(run.world.sim.trace.records);
      let checked = 0;
      sc.expect.forEach((e, i) => {
        if (!('at' in e) || e.node === undefined || e.state === undefined || !run.expectations[i]!.passed) return;
        const prefix = sc.services.find((s) => s.name === e.service)!.prefix;
        const seen = replay.stateAt(e.at as Time).routes[e.router]?.[prefix]?.paths[e.node] ?? 'absent';
        expect(seen, `${e.name}`).toBe(e.state);
        checked++;
      });
      expect(checked).toBeGreaterThan(0);
    });
  }
});
