// The README quotes `stalepath explain`; every quoted line must be a line the command prints now.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainRun, loadScenarioText, PROFILE_NAMES } from '../sim/index.js';

function readmeBlockAfter(heading: string): string[] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const from = readme.indexOf(heading);
  expect(from).toBeGreaterThanOrEqual(0);
  const open = readme.indexOf('```\n', from) + 4;
  return readme.slice(open, readme.indexOf('```', open)).trimEnd().split('\n');
}

describe('README', () => {
  it('quotes explain lines that metallb-speaker-restart prints today', () => {
    const text = readFileSync(new URL('../scenarios/metallb-speaker-restart.json', import.meta.url), 'utf8');
    const r = loadScenarioText(text, 'metallb-speaker-restart.json', { profiles: PROFILE_NAMES });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const printed = new Set(explainRun(r.scenario));
    const quoted = readmeBlockAfter('`explain` narrates a run');
    expect(quoted.length).toBeGreaterThan(0);
    expect(quoted.filter((l) => !printed.has(l))).toEqual([]);
  });
});
