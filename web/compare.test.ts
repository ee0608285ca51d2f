import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, PROFILE_NAMES, runScenario } from '../sim/index.js';
import { compareMetrics, runNames } from './compare.js';

const run = (name: string) => {
  const r = loadScenarioText(readFileSync(`scenarios/${name}.json`, 'utf8'), name, { profiles: PROFILE_NAMES });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return runScenario(r.scenario).metrics;
};

describe('compare', () => {
  it('shows GR off resetting connections that GR on keeps, and calls that worse', () => {
    const rows = compareMetrics(run('metallb-speaker-restart'), run('metallb-speaker-restart-gr-off'));
    const resets = rows.find((r) => r.key === 'resets')!;
    expect(resets.a).toBe(0);
    expect(resets.delta).toBe(resets.b);
    expect(resets.b).toBeGreaterThan(0);
    expect(resets.verdict).toBe('worse');
    // Reset clients reconnect at once (Linux TCP model) and carry the rest of their data: the same
    // packets are delivered up to sampling (each run draws its untouched connections afresh), and
    // the row says so rather than colouring a change that is not there.
    const delivered = rows.find((r) => r.key === 'delivered')!;
    expect(Math.abs(delivered.delta) / delivered.a).toBeLessThan(0.02);
    expect(delivered.verdict).toBe('same');
  });

  it('calls a difference in delivered packets beyond sampling noise a difference', () => {
    const a = run('metallb-speaker-restart');
    const fewer = { ...a, packets: { ...a.packets, delivered: Math.round(a.packets.delivered * 0.9) } };
    expect(compareMetrics(a, fewer).find((r) => r.key === 'delivered')!.verdict).toBe('worse');
    const within = { ...a, packets: { ...a.packets, delivered: Math.round(a.packets.delivered * 0.995) } };
    expect(compareMetrics(a, within).find((r) => r.key === 'delivered')!.verdict).toBe('same');
  });

  it('names two runs by the setting that differs', () => {
    const a = JSON.parse(readFileSync('scenarios/metallb-speaker-restart.json', 'utf8'));
    const b = structuredClone(a);
    b.speaker.gracefulRestart.mode = 'helper';
    expect(runNames({ scenario: a.name, input: a }, { scenario: a.name, input: b })).toEqual([
      'GR restart',
      'GR helper',
    ]);
    b.speaker.gracefulRestart.mode = 'disable';
    expect(runNames({ scenario: a.name, input: a }, { scenario: a.name, input: b })[1]).toBe('GR disabled');
    expect(runNames({ scenario: 'x', input: { n: 1 } }, { scenario: 'y', input: { m: 1, n: 2, o: 3 } })).toEqual([
      'x',
      'y',
    ]);
  });
});
