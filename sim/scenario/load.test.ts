import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from './load.js';

const text = readFileSync(new URL('../../scenarios/metallb-speaker-restart.json', import.meta.url), 'utf8');
const profiles = ['frr', 'frr-10.5', 'bird'];
const errorsOf = (mutate: (j: Record<string, any>) => void) => {
  const j = JSON.parse(text);
  mutate(j);
  const r = loadScenarioText(JSON.stringify(j), 'bad.json', { profiles });
  return r.ok ? [] : r.errors;
};

describe('loadScenarioText', () => {
  it('accepts the default scenario and parses durations to integer microseconds', () => {
    const r = loadScenarioText(text, 'default.json', { profiles });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario.duration).toBe(600_000_000);
      expect(r.scenario.faults[0]).toMatchObject({ at: 60_000_000, downtime: 20_000_000 });
    }
  });

  it('names the field, the value and the rule for protocol limits (RFC 4724 §3, RFC 9494 §3.1, RFC 4271 §4.2)', () => {
    const errors = errorsOf((j) => {
      j.speaker.gracefulRestart.restartTime = 5000;
      j.speaker.llgr = { staleTime: 16_777_216 };
      j.speaker.holdTime = 2;
      j.speaker.keepaliveTime = '1 fortnight';
    });
    expect(errors).toEqual([
      'bad.json: speaker.holdTime: 2 must be 0 or at least 3 s (RFC 4271 §4.2)',
      'bad.json: speaker.keepaliveTime: "1 fortnight" is not a duration such as "90s", "300ms", "2h" or a number of seconds',
      'bad.json: speaker.gracefulRestart.restartTime: 5000 exceeds the 12-bit field of RFC 4724 (max 4095 s)',
      'bad.json: speaker.llgr.staleTime: 16777216 exceeds the 24-bit field of RFC 9494 §3.1 (max 16777215 s)',
    ]);
  });

  it('reports every problem at once: wrong types, unknown fields, bad durations, unknown names, duplicates', () => {
    const errors = errorsOf((j) => {
      j.seed = 'one';
      j.bogus = true;
      j.nodes[1].name = 'node-1';
      j.faults[0].node = 'node-9';
      j.faults[0].downtime = '20 parsecs';
      j.routers[0].ecmp = { type: 'resilient' };
      j.routers[0].bgp.profile = 'quagga';
    });
    expect(errors).toEqual([
      'bad.json: seed: "one" is not a number',
      'bad.json: routers[0].ecmp.buckets: is required for a resilient group (the kernel has no default: "Number of buckets not specified")',
      'bad.json: faults[0].downtime: "20 parsecs" is not a duration such as "90s", "300ms", "2h" or a number of seconds',
      'bad.json: bogus: unknown field',
      'bad.json: nodes[1].name: duplicate name "node-1" (also nodes[0])',
      'bad.json: faults[0].node: no node named "node-9" (known: node-1, node-3)',
      'bad.json: expect[2].node: no node named "node-2" (known: node-1, node-3)',
      'bad.json: expect[3].node: no node named "node-2" (known: node-1, node-3)',
    ]);
  });

  it('reports an unknown profile with the list of known ones', () => {
    expect(errorsOf((j) => (j.routers[1].bgp.profile = 'quagga'))).toEqual([
      'bad.json: routers[1].bgp.profile: "quagga" is not a known profile (known: frr, frr-10.5, bird)',
    ]);
  });

  it('refuses a keepalive not below the hold time and faults after the end of the run', () => {
    expect(
      errorsOf((j) => {
        j.speaker.holdTime = 9;
        j.speaker.keepaliveTime = 9;
        j.faults[0].at = '11m';
      }),
    ).toEqual([
      'bad.json: faults[0].at: "11m" is after the end of the run (duration 600 s)',
      'bad.json: speaker.keepaliveTime: 9 must be less than the hold time 9 (RFC 4271 §4.4)',
    ]);
  });

  it('gives one clear line for unreadable text: empty, not JSON, binary, absurdly nested, not an object', () => {
    expect(loadScenarioText('', 'a.json')).toEqual({
      ok: false,
      errors: ['a.json: is empty; expected a JSON scenario object'],
    });
    expect(loadScenarioText('{"name":', 'b.json')).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^b\.json: is not valid JSON \(/)],
    });
    expect(loadScenarioText('\u0000\u0001ELF', 'c.json')).toEqual({
      ok: false,
      errors: ['c.json: is binary, not a JSON scenario'],
    });
    expect(loadScenarioText(`${'['.repeat(5000)}${']'.repeat(5000)}`, 'd.json')).toEqual({
      ok: false,
      errors: ['d.json: nests 5000 levels deep; the limit is 64'],
    });
    expect(loadScenarioText('[1, 2]', 'e.json')).toEqual({
      ok: false,
      errors: ['e.json: expected a JSON object at the top level, got an array'],
    });
  });
});
