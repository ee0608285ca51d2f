// Every bundled scenario is a test: it loads, runs, and meets every expectation it states; and the
// run is reproducible (same seed ⇒ same trace hash).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, PROFILE_NAMES, runScenario } from '../sim/index.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

function load(file: string) {
  const r = loadScenarioText(readFileSync(join(dir, file), 'utf8'), file, { profiles: PROFILE_NAMES });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

describe('bundled scenarios', () => {
  it('there are scenarios, each named after its file', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(`${load(f).name}.json`).toBe(f);
  });

  for (const f of files) {
    it(`${f} meets its expectations`, () => {
      const sc = load(f);
      expect(sc.expect.length).toBeGreaterThan(0);
      const r = runScenario(sc);
      const failed = r.expectations.filter((e) => !e.passed).map((e) => `${e.name}: ${e.actual}`);
      expect(failed).toEqual([]);
    });
  }

  it('the default scenario is deterministic: same seed, same trace hash; another seed, another', () => {
    const sc = load('metallb-speaker-restart.json');
    const a = runScenario(sc, { seed: 7 });
    const b = runScenario(sc, { seed: 7 });
    const c = runScenario(sc, { seed: 8 });
    expect(a.traceHash).toBe(b.traceHash);
    expect(a.metrics).toEqual(b.metrics);
    expect(c.traceHash).not.toBe(a.traceHash);
  });
});
