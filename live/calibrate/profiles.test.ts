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

  it('a speaker with a 0.5 s idle hold reaches FRR 8.4 in Idle, before FRR dials after its 10 ms Clearing and 1 s start timer', () => {
    const file = 'scenarios/calibration/frr-new-connection-while-established.json';
    const r = loadScenarioText(readFileSync(file, 'utf8'), file);
    if (!r.ok) throw new Error(`${file} does not load`);
    const back = (sc: typeof r.scenario) =>
      runScenario(sc, { keepTrace: true })
        .world.sim.trace.records.filter(
          (x) => x.type === 'bgp-state' && x.subject === 'node-1>tor-1' && x.to === 'Connect' && x.t > 5_500_000,
        )
        .map((x) => x.t)[0];
    // The speaker's Cease/7 arrives at 5.5004 s; it dials again an idle hold later.
    expect(back(r.scenario)).toBe(6_000_400);
    const oneSecond = { ...r.scenario, speaker: { ...r.scenario.speaker, idleHoldTime: undefined } };
    expect(back(oneSecond)).toBe(6_500_400);
    // As calibrate simulates it (the router up 10 s at t = 0, as the real daemon): fresh with the
    // speaker's UPDATE on the new session, real FRR 8.4.4 at 6.011–6.020 s (2026-12-04, 3 runs).
    const routers = r.scenario.routers.map((x) => ({ ...x, uptime: 10_000_000 as typeof x.uptime }));
    const recs = runScenario({ ...r.scenario, routers }, { keepTrace: true }).world.sim.trace.records;
    const seq = simRouteStates(recs, 'tor-1', 'node-1', ['10.100.0.10/32'])['10.100.0.10/32'] ?? [];
    expect(seq.find(([st, t]) => st === 'fresh' && t > 5.5)?.[1]).toBeCloseTo(6.001, 3);
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
