// Implied KEEPALIVEs (DESIGN.md "steady-state periodic traffic is implied"): the per-message
// schedule is the reference; the implied mode must give the same hold expiries, metrics and trace
// once its span records are expanded, and a trace that does not grow with simulated time.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario, type Scenario, validateScenario, type WorldRecord } from '../index.js';
import { expandKeepaliveSpans } from '../replay/keepalive-spans.js';
import { buildLadder } from '../replay/ladder.js';

function load(file: string, edit: (s: Record<string, unknown>) => void = () => {}): Scenario {
  const json = JSON.parse(readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8'));
  edit(json);
  const v = validateScenario(json);
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return v.scenario;
}

/**
 * The trace as JSON lines, each instant's lines sorted: records of one instant have no order in
 * the world (two sessions' KEEPALIVEs due at the same µs go out in agenda order either way).
 */
const lines = (recs: readonly WorldRecord[]) =>
  recs
    .map((r) => [r.t, JSON.stringify(r)] as const)
    .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map((x) => x[1])
    .join('\n');

function both(sc: Scenario) {
  const explicit = runScenario(sc, { keepTrace: true, keepalives: 'explicit' });
  const implied = runScenario(sc, { keepTrace: true, keepalives: 'implied' });
  return { explicit, implied, e: explicit.world.sim.trace.records, i: implied.world.sim.trace.records };
}

const holdExpiries = (recs: readonly WorldRecord[]) =>
  recs.filter((r) => r.type === 'bgp-down' && r.reason === 'hold-timer-expired').map((r) => [r.t, r.subject]);

describe('KEEPALIVEs in steady state are implied, not scheduled', () => {
  for (const file of readdirSync(new URL('../../scenarios/', import.meta.url)).filter((f) => f.endsWith('.json'))) {
    it(`${file}: the implied and the per-message modes give the same hold expiries, metrics and expanded trace`, () => {
      const { explicit, implied, e, i } = both(load(file));
      expect(holdExpiries(i)).toEqual(holdExpiries(e));
      expect(implied.metrics).toEqual(explicit.metrics);
      expect(implied.expectations).toEqual(explicit.expectations);
      expect(lines(expandKeepaliveSpans(i))).toBe(lines(e));
      // Spans replace the steady KEEPALIVEs of every session whose both ends send them at a fixed interval.
      if (i.some((r) => r.type === 'bgp-keepalive-span')) expect(i.length).toBeLessThan(e.length);
    });
  }

  it('the ladder draws a span as the KEEPALIVE arrows the per-message trace has', () => {
    const { explicit, e, i } = both(load('node-crash-hold-timer.json'));
    const end = explicit.world.spec.duration;
    const arrows = (recs: readonly WorldRecord[]) =>
      buildLadder(recs, 'node-1', 'tor-1', end, { keepalives: true })
        .arrows.filter((x) => x.kind === 'KEEPALIVE')
        .map((x) => [x.from, x.sent, x.received]);
    expect(arrows(i).length).toBeGreaterThan(10);
    expect(arrows(i)).toEqual(arrows(e));
  });

  it('a session with a jittered KEEPALIVE sender (RFC 4271 §10: BIRD, IOS XE) stays per-message', () => {
    const { i } = both(load('two-routers-ios-xe.json'));
    const spans = new Set(i.filter((r) => r.type === 'bgp-keepalive-span').map((r) => r.subject));
    const xe = i.filter((r) => r.type === 'bgp-message' && r.message === 'KEEPALIVE').map((r) => r.subject);
    expect(xe.length).toBeGreaterThan(0);
    for (const subject of xe) expect(spans.has(subject)).toBe(false);
  });

  it('a day of the default scenario writes a trace of its routing events, not of its KEEPALIVEs', () => {
    const ten = runScenario(load('metallb-speaker-restart.json'), { keepTrace: true });
    const day = runScenario(
      load('metallb-speaker-restart.json', (s) => {
        s.duration = '1d';
        s.expect = [];
      }),
      { keepTrace: true },
    );
    // Per message, a day is 6 sessions × 2 directions × 1,440 KEEPALIVEs = 17,280 records more.
    const keepalives = (recs: readonly WorldRecord[]) =>
      recs.filter((r) => r.type === 'bgp-message' && r.message === 'KEEPALIVE').length;
    expect(keepalives(day.world.sim.trace.records)).toBeLessThan(50);
    expect(day.world.sim.trace.length).toBeLessThan(ten.world.sim.trace.length + 50);
    const expanded = expandKeepaliveSpans(day.world.sim.trace.records);
    expect(keepalives(expanded)).toBeGreaterThan(17_000);
  });
});
