import { describe, expect, it } from 'vitest';
import type { WorldRecord } from '../world/index.js';
import { validateScenario } from './load.js';
import { createWorld, prepareScenario, runScenario } from './run.js';

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

/**
 * Every arrival drawn ('bulk'): in quiet windows (the default) untouched connections are counts
 * split by the next hops' shares of the hash space, which a router's hash salt does not change.
 */
function run(routerHashSeed: number) {
  const v = validateScenario(quiet(routerHashSeed));
  if (!v.ok) throw new Error(v.errors.join('\n'));
  const r = runScenario(v.scenario, { keepTrace: true, traffic: 'bulk' });
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

describe('a prepared scenario', () => {
  /** One router with its hash salt drawn from the seed, one with a fixed salt. */
  function mixed() {
    const q = quiet(100);
    const v = validateScenario({ ...q, routers: [{ ...q.routers[0], hash: {} }, q.routers[1]] });
    if (!v.ok) throw new Error(v.errors.join('\n'));
    return v.scenario;
  }
  const summary = ({ world, ...rest }: ReturnType<typeof runScenario>) => JSON.stringify(rest);

  it('runs to the numbers of the bare scenario at every seed', () => {
    const sc = mixed();
    const prepared = prepareScenario(sc);
    const hashes = new Set<string>();
    for (const seed of [1, 2, 3]) {
      const bare = runScenario(sc, { seed, keepTrace: true });
      const shared = runScenario(prepared, { seed, keepTrace: true });
      expect(summary(shared)).toBe(summary(bare));
      hashes.add(shared.traceHash);
    }
    // The seed reaches the drawn salt: each seed's run differs from the others.
    expect(hashes.size).toBe(3);
  });

  it('shares one frozen spec: a run neither changes it nor copies it when no salt is drawn', () => {
    const sc = mixed();
    const prepared = prepareScenario(sc);
    expect(Object.isFrozen(prepared.seedFree.spec.routers[1])).toBe(true);
    const a = createWorld(prepared, { seed: 1 });
    const b = createWorld(prepared, { seed: 2 });
    expect(a.spec.routers[0].hashSeed).not.toBe(b.spec.routers[0].hashSeed);
    expect(a.spec.routers[1]).toBe(prepared.seedFree.spec.routers[1]);
    expect(prepared.seedFree.seeded).toEqual([0]);
    const v = validateScenario(quiet(100));
    if (!v.ok) throw new Error(v.errors.join('\n'));
    const fixed = prepareScenario(v.scenario);
    expect(createWorld(fixed, { seed: 9 }).spec).toBe(fixed.seedFree.spec);
  });

  it('uses the scenario seed when none is given', () => {
    const sc = mixed();
    expect(runScenario(prepareScenario(sc)).traceHash).toBe(runScenario(sc, { seed: sc.seed }).traceHash);
  });
});
