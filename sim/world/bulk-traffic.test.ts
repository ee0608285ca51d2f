// Traffic in bulk between routing events (issue 13): the world's default path draws arrivals
// between routing events without agenda events; the per-connection path (one event per arrival
// and end) is the reference. Same trace hash (the traffic digest included) and same metrics.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, PROFILE_NAMES, runScenario } from '../index.js';

const load = (name: string) => {
  const file = new URL(`../../scenarios/${name}.json`, import.meta.url);
  const r = loadScenarioText(readFileSync(file, 'utf8'), `${name}.json`, { profiles: PROFILE_NAMES });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
};

// Every bundled scenario: the order of what happens in one µs is canonical (timer-heap.ts,
// DataPlane.keyOf), so the latent records materialised in bulk meet the same fates in the same order.
const names = readdirSync(new URL('../../scenarios/', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

describe('client traffic in bulk', () => {
  for (const name of names) {
    it(`${name}: the same trace hash and metrics as one event per connection, with fewer events`, () => {
      const sc = load(name);
      const ref = runScenario(sc, { traffic: 'per-connection' });
      const bulk = runScenario(sc, { traffic: 'bulk' });
      expect(bulk.traceHash).toBe(ref.traceHash);
      // bytesPerConnection is the data plane's storage per live connection: in bulk most live
      // connections are compact latent records (sim/dataplane/latent.ts), so it is the one figure
      // that depends on the representation, not on what the traffic did.
      const { bytesPerConnection: _b, ...bulkRest } = bulk.metrics;
      const { bytesPerConnection: _r, ...refRest } = ref.metrics;
      expect(bulkRest).toEqual(refRest);
      expect(bulk.events).toBeLessThan(ref.events);
    });
  }
});
