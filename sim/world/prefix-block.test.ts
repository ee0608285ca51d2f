// "N prefixes per node" (issue 13, deliverable 3): a block expands to N originated prefixes that
// reach every router's FIB, cost no traffic group and no trace record while nothing changes.
import { describe, expect, it } from 'vitest';
import { runScenario, type ScenarioInput, validateScenario } from '../index.js';
import { blockPrefix } from './prefix-block.js';

function scenario(extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: 'blocks',
    title: 'blocks',
    description: 'prefix blocks',
    seed: 3,
    duration: '30s',
    speaker: { profile: 'frr-10.5' },
    nodes: [1, 2].map((i) => ({ name: `node-${i}`, asn: 64513, address: `10.0.1.${10 + i}` })),
    routers: [{ name: 'tor-1', asn: 64512, address: '10.0.0.1', bgp: { profile: 'frr' } }],
    services: [
      { name: 'web', prefix: '10.100.0.10/32' },
      { name: 'idle', prefix: '10.100.0.11/32' },
    ],
    workload: {
      clients: 100,
      arrivalRate: 1,
      initialConnections: 10,
      connectionDuration: { type: 'exponential', mean: '20s' },
    },
    ...extra,
  } as ScenarioInput;
}

describe('prefix blocks', () => {
  it('gives each node its own block of N prefixes under prefixesPerNode, each in the router FIB', () => {
    const v = validateScenario(scenario({ prefixesPerNode: { from: '172.16.0.0/24', count: 2000 } }));
    if (!v.ok) throw new Error(v.errors.join('\n'));
    const r = runScenario(v.scenario, { keepTrace: true });
    const w = r.world;
    expect(w.fibNextHops('tor-1', '172.16.0.0/24')).toEqual(['node-1']);
    expect(w.fibNextHops('tor-1', '172.23.207.0/24')).toEqual(['node-1']);
    expect(w.fibNextHops('tor-1', '172.23.208.0/24')).toEqual(['node-2']);
    expect(w.fibNextHops('tor-1', '172.31.159.0/24')).toEqual(['node-2']);
    expect(w.fibNextHops('tor-1', '172.31.160.0/24')).toEqual([]);
    // Only the workload's prefix has a traffic group; no record names a block prefix.
    expect(w.traffic.dp.metrics(w.sim.now()).groups.map((g) => g.prefix)).toEqual(['10.100.0.10/32']);
    const named = w.sim.trace.records.filter((x) => JSON.stringify(x).includes('172.'));
    expect(named.slice(0, 3)).toEqual([]);
  });

  it('lets a node state its own block, which overrides prefixesPerNode', () => {
    const sc = scenario({ prefixesPerNode: { from: '172.16.0.0/24', count: 10 } });
    (sc.nodes[1] as { prefixes?: unknown }).prefixes = { from: '192.168.0.0/30', count: 3 };
    const v = validateScenario(sc);
    if (!v.ok) throw new Error(v.errors.join('\n'));
    const w = runScenario(v.scenario).world;
    expect(w.fibNextHops('tor-1', '192.168.0.8/30')).toEqual(['node-2']);
    expect(w.fibNextHops('tor-1', '172.16.10.0/24')).toEqual([]);
  });

  it('refuses a block that runs past 255.255.255.255, naming the field', () => {
    const v = validateScenario(scenario({ prefixesPerNode: { from: '255.255.255.0/24', count: 2 } }));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.join('\n')).toMatch(/prefixesPerNode\.count.*255\.255\.255\.255/);
    const big = validateScenario(scenario({ prefixesPerNode: { from: '10.0.0.0/32', count: 2 ** 21 } }));
    expect(big.ok).toBe(false);
  });

  it('names the k-th prefix of a block by arithmetic, not a list', () => {
    expect(blockPrefix({ first: 0xac100000, length: 24, count: 5 }, 4)).toBe('172.16.4.0/24');
    expect(blockPrefix({ first: 0xfffffffe, length: 32, count: 2 }, 1)).toBe('255.255.255.255/32');
  });
});
