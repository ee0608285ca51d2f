import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, PROFILE_NAMES, runScenario, VERSION } from '../sim/index.js';
import { CSV_HEADER, runJson, seriesCsv } from './export.js';
import { type RunPayload, runPayload } from './run-payload.js';
import { parseScenarioText } from './scenario-text.js';

const payload = {
  scenario: 'x',
  seed: 3,
  metrics: { packets: { delivered: 30 } },
  records: [{ t: 0, type: 'fault', subject: 'a', fault: 'f', detail: '' }],
  series: {
    resolution: 1_000_000,
    delivered: Float64Array.from([10, 20]),
    lost: Float64Array.from([0, 1.5]),
    resets: Float64Array.from([0, 2]),
    opened: Float64Array.from([3, 0]),
  },
} as unknown as RunPayload;

/** Runs scenario JSON text as the page's worker does (the loader, then the run). */
function run(text: string, seed?: number) {
  const r = loadScenarioText(text, 'scenario', { profiles: PROFILE_NAMES });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return { scenario: r.scenario, result: runScenario(r.scenario, { keepTrace: true, seed }) };
}

describe('exports', () => {
  it('writes one CSV row per series bin, every header naming its unit', () => {
    expect(seriesCsv(payload)).toBe(`${CSV_HEADER}\n0,1,10,0,0,3\n1,1,20,1.5,2,0\n`);
    for (const h of CSV_HEADER.split(',')) expect(h).toMatch(/_(s|packets|connections)$/);
  });

  it('writes the run as JSON with its trace, its version and its scenario input, without the binary series', () => {
    const j = JSON.parse(runJson(payload, { name: 'x', seed: 1 }));
    expect(j.records).toHaveLength(1);
    expect(j.metrics.packets.delivered).toBe(30);
    expect(j.series).toBeUndefined();
    expect(j.version).toBe(VERSION);
    // The seed the run used, not the scenario's own.
    expect(j.input).toEqual({ name: 'x', seed: 3 });
  });

  it('re-runs an exported run loaded back as a scenario to the same trace hash, with a seed other than the scenario’s', () => {
    const text = readFileSync(new URL('../scenarios/metallb-speaker-restart.json', import.meta.url), 'utf8');
    const first = run(text, 7);
    const file = runJson(runPayload(first.scenario, first.result), JSON.parse(text));
    const back = parseScenarioText(file, 'run.json');
    expect(back.errors).toEqual([]);
    expect(back.notes[0]).toMatch(/run export of metallb-speaker-restart \(seed 7/);
    const again = run(JSON.stringify(back.json));
    expect(again.result.traceHash).toBe(first.result.traceHash);
    expect(run(text).result.traceHash).not.toBe(first.result.traceHash);
  });
});
