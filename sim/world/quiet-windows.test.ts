// Quiet windows in the world (issue 13): the default traffic path against every arrival drawn in
// bulk, over many seeds, on bundled scenarios that exercise what the world adds to the data
// plane's windows: two services (lanes) and two entry routers per connection, the steady population
// split over them, a 3-tuple hash of three clients, and faults that touch the traffic mid-run.
// The same means within their sampling error: counts, resets by cause, packets, per node and per
// family. (sim/dataplane/quiet-arrivals.test.ts checks the window itself, series bins included.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { meansThatDiffer } from '../dataplane/testing/same-means.js';
import { loadScenarioText, PROFILE_NAMES, prepareScenario, runScenario } from '../index.js';

const load = (name: string) => {
  const file = new URL(`../../scenarios/${name}.json`, import.meta.url);
  const r = loadScenarioText(readFileSync(file, 'utf8'), `${name}.json`, { profiles: PROFILE_NAMES });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
};

function figures(m: ReturnType<typeof runScenario>['metrics']): Record<string, number> {
  return {
    started: m.connections.started,
    ...Object.fromEntries(Object.entries(m.connections.resetByCause).map(([k, v]) => [`reset ${k}`, v])),
    stalled: m.connections.stalled,
    delivered: m.packets.delivered,
    lost: m.packets.lost,
    ...Object.fromEntries(Object.entries(m.balance.packetsByNode).map(([k, v]) => [`packets ${k}`, v])),
    'ipv4 started': m.byFamily.ipv4.connections.started,
    'ipv6 started': m.byFamily.ipv6.connections.started,
    'ipv6 delivered': m.byFamily.ipv6.packets.delivered,
  };
}

describe('quiet windows in the world', () => {
  for (const [name, K] of [
    ['dual-stack-f-bit-per-family', 24],
    ['hash-3-tuple-few-clients', 24],
    ['ecmp-maglev-node-loss', 12],
  ] as const) {
    it(`${name}: the same means as every arrival drawn, within their sampling error`, () => {
      const sc = prepareScenario(load(name));
      const bulk = Array.from({ length: K }, (_, i) =>
        figures(runScenario(sc, { seed: 100 + i, traffic: 'bulk' }).metrics),
      );
      const quiet = Array.from({ length: K }, (_, i) => figures(runScenario(sc, { seed: 500 + i }).metrics));
      expect(meansThatDiffer(bulk, quiet, 4.5)).toEqual([]);
    });
  }

  it('costs its routing events, not its connections: the default scenario draws none of them one by one', () => {
    const sc = load('metallb-speaker-restart');
    const r = runScenario(sc);
    // No routing event touches the traffic (graceful restart keeps the stale path): the steady
    // population and the arrivals are counts to the end, and no connection takes a slot or record.
    expect(r.metrics.connections.started).toBeGreaterThan(9000);
    expect(r.world.traffic.dp.memory().liveConnections).toBe(0);
  });
});
