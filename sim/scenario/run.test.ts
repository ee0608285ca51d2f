import { describe, expect, it } from 'vitest';
import type { WorldRecord } from '../world/index.js';
import { validateScenario } from './load.js';
import { runScenario } from './run.js';

/** A quiet world (no faults): the protocol trace does not depend on where the clients' packets go. */
function quiet(routerHashSeed: number) {
  return {
    name: 'quiet',
    title: 'quiet',
    description: 'no faults',
    seed: 5,
    duration: '60s',
    speaker: { profile: 'frr-10.5' },
    nodes: [1, 2, 3].map((i) => ({ name: `node-${i}`, asn: 64513, address: `10.0.1.${10 + i}` })),
    routers: [1, 2].map((i) => ({
      name: `tor-${i}`,
      asn: 64512,
      address: `10.0.0.${i}`,
      bgp: { profile: 'frr' },
      hash: { seed: routerHashSeed + i },
    })),
    services: [{ name: 'web', prefix: '10.100.0.10/32' }],
    workload: {
      clients: 500,
      arrivalRate: 20,
      initialConnections: 300,
      connectionDuration: { type: 'exponential', mean: '30s' },
    },
  };
}

function run(routerHashSeed: number) {
  const v = validateScenario(quiet(routerHashSeed));
  if (!v.ok) throw new Error(v.errors.join('\n'));
  const r = runScenario(v.scenario, { keepTrace: true });
  const records = r.world.sim.trace.records as readonly WorldRecord[];
  const totals = records.at(-1)!;
  if (totals.type !== 'totals') throw new Error(`last record is ${totals.type}`);
  return { r, protocol: records.slice(0, -1), totals };
}

describe('the trace hash covers the traffic', () => {
  it('two runs with the same protocol trace and traffic totals, but packets on other nodes, have different trace hashes', () => {
    const a = run(100);
    const b = run(200);
    expect(JSON.stringify(b.protocol)).toBe(JSON.stringify(a.protocol));
    const { trafficDigest: da, ...ta } = a.totals;
    const { trafficDigest: db, ...tb } = b.totals;
    expect(tb).toEqual(ta);
    expect(b.r.metrics.balance.packetsByNode).not.toEqual(a.r.metrics.balance.packetsByNode);
    expect(db).not.toBe(da);
    expect(b.r.traceHash).not.toBe(a.r.traceHash);
  });

  it('the same seed gives the same traffic digest and trace hash', () => {
    const a = run(100);
    const b = run(100);
    expect(b.totals.trafficDigest).toBe(a.totals.trafficDigest);
    expect(b.r.traceHash).toBe(a.r.traceHash);
  });
});
