// The protocol review's reproductions (shared/review/protocol, one scenario per defect, copied
// unchanged): each states what the RFC or the named implementation does, and each must pass as it
// stands. A copy that drifts from the review's file fails too, when the review is beside the project.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, PROFILE_NAMES, runScenario } from '../../sim/index.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const review = fileURLToPath(new URL('../../../shared/review/protocol', import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('protocol review reproductions', () => {
  it('all seventeen are here', () => {
    expect(files.length).toBe(17);
  });

  it.runIf(existsSync(review) || process.env.CI === 'true')('each is the review’s file, unchanged', () => {
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8')).toBe(readFileSync(join(review, f), 'utf8'));
  });

  for (const f of files) {
    it(`${f} passes its expectations`, () => {
      const r0 = loadScenarioText(readFileSync(join(dir, f), 'utf8'), f, { profiles: PROFILE_NAMES });
      if (!r0.ok) throw new Error(r0.errors.join('\n'));
      const r = runScenario(r0.scenario);
      const failed = r.expectations.filter((e) => !e.passed).map((e) => `${e.name}: ${e.actual}`);
      expect(failed).toEqual([]);
    });
  }
});
