// A run with a real daemon's logged draws (runScenario loggedDraws, sim/bgp/session/logged-draws.ts):
// the calibrated BIRD router's KEEPALIVEs and connect attempts move to the logged times; without the
// option nothing changes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { s, type Time } from '../base/time.js';
import { profileNames } from '../bgp/profile/index.js';
import type { WorldRecord } from '../world/index.js';
import { loadScenarioText } from './load.js';
import { runScenario } from './run.js';
import type { Scenario } from './schema.js';

function scenario(name: string): Scenario {
  const text = readFileSync(new URL(`../../scenarios/calibration/${name}.json`, import.meta.url), 'utf8');
  const r = loadScenarioText(text, name, { profiles: profileNames() });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

const sent = (records: readonly WorldRecord[], subject: string, message: string) =>
  records.filter((r) => r.type === 'bgp-message' && r.subject === subject && r.dir === 'sent' && r.message === message);
/** When the router's session to node-1 changed state for `reason`, after t = 0. */
const states = (records: readonly WorldRecord[], reason: string) =>
  records
    .filter((r) => r.type === 'bgp-state' && r.subject === 'tor-1>node-1' && r.reason === reason && r.t > 0)
    .map((r) => r.t);

describe('runScenario with loggedDraws', () => {
  const sc = scenario('bird-restart-timer-expiry');
  const plain = runScenario(sc, { keepTrace: true });

  it('moves the router’s KEEPALIVEs to the logged ones (each within 0.75–1 × 3 s of the last)', () => {
    // The trace starts at t = 0: the first send after it is the anchor (and is logged as it is).
    const last = sent(plain.world.sim.trace.records, 'tor-1>node-1', 'KEEPALIVE')[0]!.t;
    // The daemon's next send 2.3 s later, before the crash at 5 s (the simulation's own draw is elsewhere).
    const logged = [last, last + s(2.3)] as Time[];
    const run = runScenario(sc, { keepTrace: true, loggedDraws: { 'tor-1>node-1': { keepalive: logged } } });
    const after = sent(run.world.sim.trace.records, 'tor-1>node-1', 'KEEPALIVE')
      .filter((r) => r.t >= last)
      .map((r) => r.t);
    expect(after.slice(0, 2)).toEqual(logged);
    const plainAfter = sent(plain.world.sim.trace.records, 'tor-1>node-1', 'KEEPALIVE').filter((r) => r.t > last);
    expect(plainAfter[0]!.t).not.toBe(logged[1]);
    expect(run.replayed).toBeDefined();
    expect(plain.replayed).toBeUndefined();
  });

  it('moves the router’s connect attempts after the crash to the logged ones', () => {
    // BIRD: connect delay 5 s × 0.75–1 after the session ends at 5.0001 s, again after each refused
    // attempt (bgp_active) and after the restart timeout at 11 s restarts the protocol; the daemon's
    // attempts 4.2 s after the session ended and 4.2 s after the timeout.
    const logged = [s(9.2001), s(15.2001)] as Time[];
    const run = runScenario(sc, { keepTrace: true, loggedDraws: { 'tor-1>node-1': { connect: logged } } });
    const failed = states(run.world.sim.trace.records, 'tcp-connection-failed');
    expect(failed[0]! - logged[0]!).toBeGreaterThanOrEqual(0);
    expect(failed[0]! - logged[0]!).toBeLessThan(1000);
    expect(states(run.world.sim.trace.records, 'connect-retry-expired')[0]).toBe(logged[1]);
    expect(states(plain.world.sim.trace.records, 'connect-retry-expired')[0]).not.toBe(logged[1]);
  });

  it('leaves a run whose log names no session as it was', () => {
    const run = runScenario(sc, { loggedDraws: { 'x>y': { keepalive: [s(1)] } } });
    expect(run.traceHash).toBe(plain.traceHash);
    expect(run.replayed).toEqual({ misfits: 0 });
  });
});
