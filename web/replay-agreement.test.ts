/**
 * The replay fold rebuilds route states from the trace alone; here it must agree with what the
 * simulator's own RIBs showed at the moments the scenarios' route expectations look at.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReplay, loadScenarioText, PROFILE_NAMES, runScenario, type Time } from '../sim/index.js';

/**
 * One scenario per way a path changes state: GR helper stale and refresh, GR off, LLGR, BFD
 * tear-down, the router's own restart, a restart timer that expires, and a policy change.
 */
const SCENARIOS = [
  'metallb-speaker-restart',
  'metallb-speaker-restart-gr-off',
  'llgr-long-outage-alternate',
  'node-crash-bfd',
  'dual-restart',
  'speaker-restart-slower-than-restart-time',
  'policy-change-during-restart',
];

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
