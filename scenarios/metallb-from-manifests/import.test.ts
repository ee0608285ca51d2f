// The bundled import: seed 000's own manifests and router lines → metallb-from-manifests.json.
// Re-importing must give the committed scenario, and the scenario must do what GR promises.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importMetallb, loadScenarioText, PROFILE_NAMES, runScenario, type ScenarioInput } from '../../sim/index.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const read = (f: string) => readFileSync(join(dir, f), 'utf8');
const MANIFESTS = [
  'bgp-peer-graceful.yaml',
  'multi-peer-graceful.yaml',
  'peer-with-bfd-and-gr.yaml',
  'bfd-profile-fast-detect.yaml',
  'pool.yaml',
];

function reimport(edit: (text: string) => string = (t) => t) {
  const r = importMetallb({
    manifests: MANIFESTS.map((file) => ({ file, text: edit(read(file)) })),
    routerConfig: { file: 'router-frr.conf', text: read('router-frr.conf') },
    name: 'metallb-from-manifests',
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
}

/** Runs an imported scenario for 150 s with route-state expectations on node-1's path. */
function routeStates(sc: ScenarioInput) {
  const withChecks = {
    ...sc,
    duration: '150s',
    expect: [
      { name: 'during', at: '70s', router: 'upstream-full', service: 'web', node: 'node-1', state: 'stale' },
      { name: 'after', at: '120s', router: 'upstream-full', service: 'web', node: 'node-1', state: 'fresh' },
    ],
  };
  const loaded = loadScenarioText(JSON.stringify(withChecks), 'test', { profiles: PROFILE_NAMES });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const r = runScenario(loaded.scenario);
  return { expectations: r.expectations.map((e) => [e.name, e.passed, e.actual]), metrics: r.metrics };
}

describe('scenarios/metallb-from-manifests', () => {
  it('re-importing the seed manifests gives the committed scenario', () => {
    expect(reimport().scenario).toEqual(JSON.parse(read('metallb-from-manifests.json')));
  });

  it('says what it resolved: the three peers at 10.0.0.1, and BFD the router does not run', () => {
    const warnings = reimport()
      .notes.filter((n) => n.level === 'warning')
      .map((n) => n.message);
    expect(warnings).toEqual([
      expect.stringMatching(/^3 BGPPeers name 10\.0\.0\.1 \(upstream-router, router-a, upstream-full\)/),
      expect.stringMatching(/bfdProfile fast-detect but the router config has no "neighbor … bfd"/),
    ]);
  });

  it('with enableGracefulRestart the router keeps node-1 stale through the restart and no connection resets', () => {
    const r = routeStates(reimport().scenario);
    expect(r.expectations).toEqual([
      ['during', true, expect.anything()],
      ['after', true, expect.anything()],
    ]);
    expect(r.metrics.connections.reset).toBe(0);
  });

  it('the same manifests without enableGracefulRestart: the router drops node-1 at once', () => {
    const r = routeStates(
      reimport((t) => t.replaceAll('enableGracefulRestart: true', 'enableGracefulRestart: false')).scenario,
    );
    expect(r.expectations[0]).toEqual(['during', false, expect.stringMatching(/node-1's path is absent/)]);
  });
});
