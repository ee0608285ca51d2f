import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, PROFILE_NAMES } from '../../sim/index.js';
import { durationUnit, errorsByField, fieldsFor, getIn, parseInput, setIn } from './scenario-fields.js';

const text = readFileSync('scenarios/metallb-speaker-restart.json', 'utf8');
const json = JSON.parse(text) as Record<string, unknown>;

describe('scenario form fields', () => {
  it('offers GR, LLGR and BFD per side, ECMP per router and the fault times', () => {
    const paths = fieldsFor(json).map((f) => f.path);
    expect(paths).toContain('speaker.gracefulRestart.restartTime');
    expect(paths).toContain('routers[1].bgp.gracefulRestart.stalePathTime');
    expect(paths).toContain('routers[0].bgp.bfd.detectMultiplier');
    expect(paths).toContain('routers[0].ecmp.type');
    expect(paths).toContain('faults[0].at');
    expect(paths).toContain('faults[0].downtime');
    expect(paths).toContain('nodes[1].speaker.gracefulRestart.mode');
  });

  it('writes a value without touching the original and removes it when emptied', () => {
    const keys = ['speaker', 'llgr', 'staleTime'];
    const edited = setIn(json, keys, parseInput('text', '86400'));
    expect(getIn(edited, keys)).toBe(86400);
    expect(getIn(json, keys)).toBeUndefined();
    expect(getIn(setIn(edited, keys, parseInput('text', '')), keys)).toBeUndefined();
  });

  it('puts the loader’s error for a too-large restart time next to that field', () => {
    const keys = ['speaker', 'gracefulRestart', 'restartTime'];
    const bad = setIn(json, keys, parseInput('text', '5000'));
    const r = loadScenarioText(JSON.stringify(bad), 'scenario', { profiles: PROFILE_NAMES });
    expect(r.ok).toBe(false);
    const { byField, general } = errorsByField(r.ok ? [] : r.errors, fieldsFor(bad));
    expect(byField.get('speaker.gracefulRestart.restartTime')?.[0]).toMatch(/4095/);
    expect(general).toEqual([]);
  });

  it('keeps errors about fields the form does not show as general errors', () => {
    const { byField, general } = errorsByField(['scenario: nodes[0].name: must be lowercase'], fieldsFor(json));
    expect(byField.size).toBe(0);
    expect(general).toEqual(['nodes[0].name: must be lowercase']);
  });

  it('marks every duration field, and says beside it which unit its text is in', () => {
    const durations = fieldsFor(json)
      .filter((f) => f.duration)
      .map((f) => f.path);
    for (const p of [
      'speaker.bfd.transmitInterval',
      'speaker.gracefulRestart.restartTime',
      'speaker.gracefulRestart.stalePathTime',
      'speaker.llgr.staleTime',
      'faults[0].at',
      'faults[0].downtime',
      'duration',
    ])
      expect(durations).toContain(p);
    expect(durations).not.toContain('speaker.bfd.detectMultiplier');
    expect(durationUnit('')).toBe('s');
    expect(durationUnit('300')).toBe('s');
    expect(durationUnit('300ms')).toBe('= 0.3 s');
    expect(durationUnit('2h')).toBe('= 7200 s');
    expect(durationUnit('90s')).toBe('');
    expect(durationUnit('abc')).toBe('');
  });

  it('takes "300ms" for a BFD interval: the loader reads it as 300 ms, not 300 s', () => {
    const keys = ['speaker', 'bfd', 'transmitInterval'];
    const edited = setIn(json, keys, parseInput('text', '300ms'));
    expect(getIn(edited, keys)).toBe('300ms');
    const r = loadScenarioText(JSON.stringify(edited), 'scenario', { profiles: PROFILE_NAMES });
    expect(r.ok).toBe(true);
  });
});
