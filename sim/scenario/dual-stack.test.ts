import { describe, expect, it } from 'vitest';
import { s } from '../base/time.js';
import { validateScenario } from './load.js';
import { neighborsAt, neighborsStatusAt } from './neighbors.js';
import { runScenario } from './run.js';
import type { Scenario } from './schema.js';
import { formatSummary } from './summary.js';

function dualStack(over: { transport?: 'ipv4' | 'ipv6'; families?: string[]; hash?: '3-tuple' | '5-tuple' } = {}) {
  return {
    name: 'dual',
    title: 'dual',
    description: 'dual-stack service, no faults',
    seed: 3,
    duration: '60s',
    speaker: { profile: 'frr-10.5' },
    nodes: [1, 2, 3].map((i) => ({ name: `node-${i}`, asn: 64513, address6: `fd00::1:${i}` })),
    routers: [
      {
        name: 'tor-1',
        asn: 64512,
        address6: 'fd00::a',
        bgp: { profile: 'frr' },
        ...(over.transport ? { transport: over.transport } : {}),
        ...(over.families ? { families: over.families } : {}),
        hash: { fields: over.hash ?? '5-tuple', seed: 7 },
      },
    ],
    services: [
      { name: 'web', prefix: '10.100.0.10/32' },
      { name: 'web6', prefix: 'FD00:100:0::10/128' },
    ],
    workload: {
      clients: 4,
      arrivalRate: 20,
      initialConnections: 300,
      connectionDuration: { type: 'exponential', mean: '30s' },
      service: ['web', 'web6'],
    },
  };
}

function load(json: unknown): Scenario {
  const v = validateScenario(json);
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return v.scenario;
}

describe('dual stack through the world', () => {
  it('keeps IPv6 service prefixes in RFC 5952 text and routes them to every node', () => {
    const sc = load(dualStack());
    expect(sc.services[1].prefix).toBe('fd00:100::10/128');
    const r = runScenario(sc);
    expect(r.world.traffic.nextHopsOf('tor-1', 'fd00:100::10/128')).toEqual(['node-1', 'node-2', 'node-3']);
    expect(r.world.traffic.nextHopsOf('tor-1', '10.100.0.10/32')).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('accounts clients per family when the workload names an IPv4 and an IPv6 service', () => {
    const sc = load(dualStack());
    const r = runScenario(sc);
    const f = r.metrics.byFamily;
    expect(f.ipv4.connections.started).toBeGreaterThan(0);
    expect(f.ipv6.connections.started).toBeGreaterThan(0);
    expect(f.ipv4.connections.started + f.ipv6.connections.started).toBe(r.metrics.connections.started);
    expect(f.ipv4.packets.delivered + f.ipv6.packets.delivered).toBe(r.metrics.packets.delivered);
    const text = formatSummary(r, sc);
    expect(text).toMatch(/\n {2}IPv4 {7}\d+ started/);
    expect(text).toMatch(/\n {2}IPv6 {7}\d+ started/);
  });

  it('runs the sessions over IPv6 when the router says so, carrying both families', () => {
    const sc = load(dualStack({ transport: 'ipv6' }));
    const st = neighborsStatusAt(sc, { at: s(10) });
    expect(st.map((n) => n.address)).toEqual(['fd00::1:1', 'fd00::1:2', 'fd00::1:3']);
    const text = neighborsAt(sc, { at: s(10) });
    expect(text).toContain('BGP neighbor is fd00::1:1 (node-1)');
    expect(text).toContain(' For address family: IPv6 Unicast\n  1 accepted prefixes');
    expect(text).toContain(' For address family: IPv4 Unicast\n  1 accepted prefixes');
  });

  it('carries only the families the router activates: an IPv4-only peering drops the IPv6 service', () => {
    const sc = load(dualStack({ families: ['ipv4-unicast'] }));
    const r = runScenario(sc, { until: s(10) });
    expect(r.world.traffic.nextHopsOf('tor-1', 'fd00:100::10/128')).toEqual([]);
    expect(r.world.traffic.nextHopsOf('tor-1', '10.100.0.10/32')).toHaveLength(3);
  });

  it('an IPv6 3-tuple hash spreads one client over the nodes, an IPv4 one does not (flow label)', () => {
    const nodesUsed = (service: string) => {
      const json = dualStack({ hash: '3-tuple' });
      json.workload = { ...json.workload, clients: 1, service: [service] };
      const r = runScenario(load(json));
      return r.metrics.balance.packetsByNode;
    };
    // One client, one service address: IPv4 L3 hashing pins every connection to one node; IPv6 adds
    // each connection's flow label (rt6_multipath_hash policy 0), so the connections spread.
    expect(Object.values(nodesUsed('web')).filter((p) => p > 0)).toHaveLength(1);
    expect(Object.values(nodesUsed('web6')).filter((p) => p > 0)).toHaveLength(3);
  });

  it("a router's bgpd restart keeps the FIB only of the families its F bit covers (RFC 4724 §3, §4.1)", () => {
    const json = dualStack();
    const router = json.routers[0] as Record<string, unknown>;
    router.bgp = {
      profile: 'rfc',
      gracefulRestart: { mode: 'restart', preserveForwarding: ['ipv4-unicast'] },
    };
    const withFault = { ...json, faults: [{ type: 'router-restart', at: '20s', router: 'tor-1', downtime: '10s' }] };
    const r = runScenario(load(withFault), { until: s(25) });
    expect(r.world.traffic.nextHopsOf('tor-1', '10.100.0.10/32')).toHaveLength(3);
    expect(r.world.traffic.nextHopsOf('tor-1', 'fd00:100::10/128')).toEqual([]);
  });

  it('refuses a per-family F list for an FRR speaker, naming the field (FRR has one preserve-fw-state)', () => {
    const json = {
      ...dualStack(),
      speaker: { profile: 'frr-10.5', gracefulRestart: { mode: 'restart', preserveForwarding: ['ipv4-unicast'] } },
    };
    const v = validateScenario(json, 'bad.json');
    expect(v.ok ? [] : v.errors).toEqual([
      'bad.json: speaker.gracefulRestart.preserveForwarding: frr-10.5 sets one F bit for every address family; a per-family list needs a profile with per-family forwarding (e.g. "rfc")',
    ]);
  });
});
