import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, runScenario } from '../sim/index.js';
import { compareSeqs, compareStates } from './compare.js';
import type { RouteState } from './route-states.js';
import { simRouteStates } from './sim-states.js';

function trace(file: string) {
  const r = loadScenarioText(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return runScenario(r.scenario, { keepTrace: true }).world.sim.trace.records;
}

describe('route states of a simulated run, router side', () => {
  it("follows node-2's path at tor-1 through a speaker restart: fresh, stale while down, fresh after End-of-RIB", () => {
    const seq = simRouteStates(trace('scenarios/metallb-speaker-restart.json'), 'tor-1', 'node-2')['10.100.0.10/32']!;
    expect(seq.map(([s]) => s)).toEqual(['fresh', 'stale', 'fresh']);
    expect(seq[0]![1]).toBe(0);
    expect(seq[1]![1]).toBeCloseTo(60, 2);
    expect(seq[2]![1]).toBeGreaterThan(80);
    expect(seq[2]![1]).toBeLessThan(82);
  });

  it('reports a listed prefix never seen as absent from t = 0', () => {
    const st = simRouteStates([], 'tor-1', 'node-2', ['10.9.9.9/32']);
    expect(st).toEqual({ '10.9.9.9/32': [['absent', 0]] });
  });
});

describe('comparing real and simulated route states', () => {
  const sim = [
    ['fresh', 0],
    ['stale', 5],
    ['absent', 11],
  ] as const;
  it('agrees when the states match and each change is within 50 ms', () => {
    const c = compareSeqs(
      [
        ['fresh', 0],
        ['stale', 5.03],
        ['absent', 10.99],
      ],
      sim.map((x) => [...x]),
    );
    expect(c.agree).toBe(true);
    expect(c.maxErrorSeconds).toBeCloseTo(0.03, 6);
  });

  it('disagrees when a change is later than the tolerance, giving the error', () => {
    const c = compareSeqs(
      [
        ['fresh', 0],
        ['stale', 5],
        ['absent', 11.2],
      ],
      sim.map((x) => [...x]),
    );
    expect(c.agree).toBe(false);
    expect(c.maxErrorSeconds).toBeCloseTo(0.2, 6);
    expect(c.reason).toContain('absent');
  });

  it('accepts a wider tolerance', () => {
    const c = compareSeqs(
      [
        ['fresh', 0],
        ['stale', 5],
        ['absent', 11.2],
      ],
      sim.map((x) => [...x]),
      0.5,
    );
    expect(c.agree).toBe(true);
  });

  it('disagrees, with no error figure, when the states differ', () => {
    const c = compareSeqs(
      [
        ['fresh', 0],
        ['absent', 5],
      ],
      sim.map((x) => [...x]),
    );
    expect(c).toMatchObject({ agree: false, maxErrorSeconds: null });
    expect(c.reason).toContain('states differ');
  });

  it('reads a state shorter than the tolerance between two others as part of the change after it', () => {
    // FRR 8.4.4 at LLGR expiry: llgr-stale → stale (25 ms) → absent.
    const real: [RouteState, number][] = [
      ['fresh', 0],
      ['llgr-stale', 11.027],
      ['stale', 31.004],
      ['absent', 31.027],
    ];
    const llgr: [RouteState, number][] = [
      ['fresh', 0],
      ['llgr-stale', 11],
      ['absent', 31],
    ];
    expect(compareSeqs(real, llgr)).toMatchObject({ agree: true });
    expect(compareSeqs(real, llgr).maxErrorSeconds).toBeCloseTo(0.027, 6);
    // A state that lasted longer than the tolerance is a real difference.
    const slow = real.map(([st, at]): [RouteState, number] => [st, st === 'absent' ? at + 0.1 : at]);
    expect(compareSeqs(slow, llgr)).toMatchObject({ agree: false, maxErrorSeconds: null });
  });

  it('treats a prefix one side never had as absent there', () => {
    const c = compareStates({ '10.0.0.1/32': [['fresh', 0]] }, {});
    expect(c.agree).toBe(false);
    expect(c.prefixes['10.0.0.1/32']!.sim).toEqual([['absent', 0]]);
  });
});
