// The UI's step list and `stalepath explain` tell a run in the same words: one narrator.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainLine, loadScenarioText, PROFILE_NAMES, runScenario, type WorldRecord } from '../../sim/index.js';
import { stepText } from './explain.js';

function records(name: string): readonly WorldRecord[] {
  const text = readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8');
  const r = loadScenarioText(text, name, { profiles: PROFILE_NAMES });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return runScenario(r.scenario, { keepTrace: true }).world.sim.trace.records;
}

/** An explain line without its time column and the padding of its subject column. */
function explainText(line: string): string {
  return line.replace(/^ *\d+\.\d{6} s {2}/, '').replace(/^(\S+) +/, '$1 ');
}

describe('the step list', () => {
  for (const name of ['metallb-speaker-restart', 'node-crash-bfd', 'gr-toggle-recreate-peer']) {
    it(`shows each record of ${name} in the words explain prints for it`, () => {
      const recs = records(name);
      let told = 0;
      for (const r of recs) {
        const line = explainLine(r);
        const step = stepText(r);
        expect(step === null).toBe(line === undefined);
        if (step === null || line === undefined) continue;
        expect(`${step.subject} ${step.text}${step.clause ? ` [${step.clause}]` : ''}`).toBe(explainText(line));
        told++;
      }
      expect(told).toBeGreaterThan(40);
    });
  }
});
