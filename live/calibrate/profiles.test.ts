/**
 * What the real daemons forced on the profiles they are compared with (bird-2.0, gobgp-3.10): each
 * behaviour checked on the calibration case that showed it, in simulation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, runScenario } from '../../sim/index.js';
import { simRouteStates } from '../sim-states.js';

function states(name: string): [string, number][] {
  const file = `scenarios/calibration/${name}.json`;
  const r = loadScenarioText(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(`${file} does not load`);
  const recs = runScenario(r.scenario, { keepTrace: true }).world.sim.trace.records;
  return simRouteStates(recs, 'tor-1', 'node-1', ['10.100.0.10/32'])['10.100.0.10/32'] ?? [];
}

describe('profiles calibrated against the installed daemons', () => {
  it('BIRD 2.0 takes a speaker back as soon as it reconnects after a Cease NOTIFICATION (no idle hold)', () => {
    const seq = states('bird-notification-without-n');
    const back = seq.find(([st, t]) => st === 'fresh' && t > 5);
    expect(back?.[1]).toBeLessThan(7);
  });

  it('GoBGP 3.10 refuses the speaker for its 5 s idle hold after a NOTIFICATION', () => {
    const seq = states('gobgp-notification-without-n');
    const back = seq.find(([st, t]) => st === 'fresh' && t > 5);
    expect(back?.[1]).toBeGreaterThanOrEqual(15);
  });

  it('GoBGP 3.10 goes back to Idle when the restart timer runs out, so the restarted speaker returns only after a new idle hold and connect delay', () => {
    const seq = states('gobgp-eor-sweep');
    expect(seq.find(([st]) => st === 'absent')?.[1]).toBeCloseTo(11, 1);
    const back = seq.find(([st, t]) => st === 'fresh' && t > 5);
    expect(back?.[1]).toBeGreaterThanOrEqual(21);
  });

  it('GoBGP 3.10 sends KEEPALIVEs on a fixed ticker: every interval exactly its keepalive time (fsm.go keepaliveTicker, no jitter)', () => {
    const file = 'scenarios/calibration/gobgp-new-connection-while-established.json';
    const r = loadScenarioText(readFileSync(file, 'utf8'), file);
    if (!r.ok) throw new Error(`${file} does not load`);
    const sent = runScenario(r.scenario, { keepTrace: true })
      .world.sim.trace.records.filter(
        (x) =>
          x.type === 'bgp-message' && x.subject === 'tor-1>node-1' && x.dir === 'sent' && x.message === 'KEEPALIVE',
      )
      .map((x) => x.t)
      .filter((t) => t < 5_000_000);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBe(3_000_000);
  });

  it('BIRD 2.0 restarts the protocol at the restart timeout: no connect attempt wakes its main loop before the 3 s idle poll, at any seed', () => {
    const file = 'scenarios/calibration/bird-restart-timer-expiry.json';
    const r = loadScenarioText(readFileSync(file, 'utf8'), file);
    if (!r.ok) throw new Error(`${file} does not load`);
    for (let seed = 1; seed <= 8; seed++) {
      const recs = runScenario({ ...r.scenario, seed }, { keepTrace: true }).world.sim.trace.records;
      const seq = simRouteStates(recs, 'tor-1', 'node-1', ['10.100.0.10/32'])['10.100.0.10/32'] ?? [];
      // Restart timer out at 11 s (stale at 5 s + 6 s); the flush at the next wake-up, 3 s later.
      expect(seq.find(([st]) => st === 'absent')?.[1]).toBeCloseTo(14, 2);
    }
  });
});
