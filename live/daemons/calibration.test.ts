// The calibration suite (scenarios/calibration/, not covered by scenarios/scenarios.test.ts, which
// reads only the top folder): every case loads, runs in simulation and meets its expectations, and
// each daemon has at least 12 cases.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, PROFILE_NAMES, runScenario } from '../../sim/index.js';
import { CASES, scenarioFor } from './calibration-cases.js';

const dir = new URL('../../scenarios/calibration/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('calibration suite', () => {
  it('has at least 12 cases for each of frr, bird and gobgp', () => {
    for (const d of ['frr', 'bird', 'gobgp'])
      expect(files.filter((f) => f.startsWith(`${d}-`)).length).toBeGreaterThanOrEqual(12);
  });
  it('holds exactly the files calibration-cases.ts writes (edit CASES there, then `npx tsx live/daemons/calibration-cases.ts`)', () => {
    const written = (['frr', 'bird', 'gobgp'] as const).flatMap((d) =>
      CASES.map((c) => [`${d}-${c.id}.json`, `${JSON.stringify(scenarioFor(d, c), null, 2)}\n`] as const),
    );
    expect(files).toEqual(written.map(([f]) => f).sort());
    for (const [f, text] of written) expect(readFileSync(new URL(f, dir), 'utf8'), f).toBe(text);
  });
  for (const f of files) {
    it(`${f} runs in simulation and meets its expectations`, () => {
      const r0 = loadScenarioText(readFileSync(new URL(f, dir), 'utf8'), f, { profiles: PROFILE_NAMES });
      if (!r0.ok) throw new Error(r0.errors.join('\n'));
      expect(`${r0.scenario.name}.json`).toBe(f);
      const r = runScenario(r0.scenario);
      expect(r.expectations.filter((e) => !e.passed).map((e) => `${e.name}: ${e.actual}`)).toEqual([]);
    });
  }
});
