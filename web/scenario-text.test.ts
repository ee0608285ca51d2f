import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, PROFILE_NAMES } from '../sim/index.js';
import { checkScenario, parseScenarioText } from './scenario-text.js';

const dir = new URL('../scenarios/metallb-from-manifests/', import.meta.url);
const read = (f: string) => readFileSync(new URL(f, dir), 'utf8');

describe('scenario panel text', () => {
  it('reads a scenario as JSON', () => {
    const p = parseScenarioText(
      readFileSync(new URL('../scenarios/metallb-speaker-restart.json', import.meta.url), 'utf8'),
      'x',
    );
    expect(p.errors).toEqual([]);
    expect((p.json as { name: string }).name).toBe('metallb-speaker-restart');
  });

  it('turns pasted MetalLB manifests into a valid scenario, with the importer notes', () => {
    const yaml = [read('bgp-peer-graceful.yaml'), read('pool.yaml')].join('\n---\n');
    const p = parseScenarioText(yaml, '(pasted)');
    expect(p.errors).toEqual([]);
    expect(p.notes.some((n) => n.includes('enableGracefulRestart'))).toBe(true);
    expect(loadScenarioText(JSON.stringify(p.json), 'x', { profiles: PROFILE_NAMES }).ok).toBe(true);
  });

  it('reports invalid manifests and broken JSON', () => {
    expect(parseScenarioText('{"name":', 'a.json').errors[0]).toMatch(/^a\.json: is not valid JSON/);
    const bad = parseScenarioText(
      'apiVersion: metallb.io/v1beta2\nkind: BGPPeer\nmetadata: {name: x}\nspec: {peerASN: -1}\n',
      '(pasted)',
    );
    expect(bad.json).toBeNull();
    expect(bad.errors.length).toBeGreaterThan(0);
  });

  it('passes on the loader’s warnings for a valid scenario, and its errors for an invalid one', () => {
    const json = JSON.parse(
      readFileSync(new URL('../scenarios/metallb-speaker-restart.json', import.meta.url), 'utf8'),
    );
    expect(checkScenario(json)).toEqual({ errors: [], warnings: [] });
    json.routers[1].bgp = { profile: 'bird', gracefulRestart: { mode: 'helper', stalePathTime: 30 } };
    const c = checkScenario(json);
    expect(c.errors).toEqual([]);
    expect(c.warnings).toEqual([
      expect.stringMatching(
        /^scenario: routers\[1\]\.bgp\.gracefulRestart\.stalePathTime: 30 is ignored: profile "bird"/,
      ),
    ]);
    json.nodes = 3;
    expect(checkScenario(json).errors.length).toBeGreaterThan(0);
    expect(checkScenario(json).warnings).toEqual([]);
    expect(checkScenario(null).errors).toEqual(['scenario: is not valid JSON']);
  });
});
