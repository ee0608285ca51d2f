import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, PROFILE_NAMES, runScenario } from '../sim/index.js';
import { compareMetrics } from './compare.js';

const run = (name: string) => {
  const r = loadScenarioText(readFileSync(`scenarios/${name}.json`, 'utf8'), name, { profiles: PROFILE_NAMES });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return runScenario(r.scenario).metrics;
};

describe('compare', () => {
  it('shows GR off resetting connections that GR on keeps', () => {
    const rows = compareMetrics(run('metallb-speaker-restart'), run('metallb-speaker-restart-gr-off'));
    const resets = rows.find((r) => r.key === 'resets')!;
    expect(resets.a).toBe(0);
    expect(resets.delta).toBe(resets.b);
    expect(resets.b).toBeGreaterThan(0);
  });
});
