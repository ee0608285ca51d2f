import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, PROFILE_NAMES, runScenario, type Scenario } from '../sim/index.js';
import { runPayload, sum } from './run-payload.js';

function load(name: string): Scenario {
  const r = loadScenarioText(readFileSync(`scenarios/${name}.json`, 'utf8'), name, { profiles: PROFILE_NAMES });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

describe('run payload', () => {
  it('sums the traffic series to the run’s packet and reset totals', () => {
    const sc = load('metallb-speaker-restart-gr-off');
    const p = runPayload(sc, runScenario(sc, { keepTrace: true }));
    expect(Math.round(sum(p.series.delivered))).toBe(p.metrics.packets.delivered);
    expect(Math.round(sum(p.series.lost))).toBe(p.metrics.packets.lost);
    expect(sum(p.series.resets)).toBe(p.metrics.connections.reset);
    expect(p.metrics.connections.reset).toBeGreaterThan(0);
  });

  it('carries the whole trace and survives a structured clone', () => {
    const sc = load('metallb-speaker-restart');
    const r = runScenario(sc, { keepTrace: true });
    const p = structuredClone(runPayload(sc, r));
    expect(p.records.length).toBe(r.world.sim.trace.length);
    expect(p.series.delivered).toBeInstanceOf(Float64Array);
    expect(p.routers).toEqual(['tor-1', 'tor-2']);
  });

  it('carries each router’s ECMP spec and hash seed, and the service prefix the grid shows', () => {
    const sc = load('ecmp-maglev-node-loss');
    const r = runScenario(sc, { keepTrace: true });
    const p = structuredClone(runPayload(sc, r));
    expect(p.ecmp.map((x) => x.router)).toEqual(['tor-1', 'tor-2']);
    expect(p.ecmp[0]?.ecmp.type).toBe('maglev');
    expect(p.ecmp[0]?.hashSeed).toBe(r.world.spec.routers[0]?.hashSeed);
    expect(p.servicePrefix).toBe(r.world.spec.services[0]?.prefix);
    expect(p.nodes).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('carries both prefixes of a dual-stack workload, the IPv4 one first', () => {
    const sc = load('dual-stack-f-bit-per-family');
    const p = runPayload(sc, runScenario(sc, { keepTrace: true }));
    expect(p.servicePrefixes).toEqual(['10.100.0.10/32', 'fd00:100::10/128']);
    expect(p.servicePrefix).toBe('10.100.0.10/32');
  });
});
