// The connections open at the start are a steady population (schema: `initialConnections`), not a
// cohort born at t = 0: each one's remaining life is the equilibrium residual of the duration law
// (density S(r)/E[D]; renewal theory's forward recurrence time). With fixed 60 s lifetimes and
// arrivals at 1000/60 per second, 1000 connections stay open throughout; a cohort born at t = 0
// would double the load at 59 s and end all at once at 60 s.
// The same for any law: arrivals at 1000 / mean life keep 1000 open.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, PROFILE_NAMES, runScenario, type Scenario, trafficSeries } from '../index.js';

function scenario(duration: object, meanS: number): Scenario {
  const file = new URL('../../scenarios/metallb-speaker-restart.json', import.meta.url);
  const o = JSON.parse(readFileSync(file, 'utf8'));
  o.duration = '3m';
  o.faults = [];
  o.expect = [];
  o.workload = { ...o.workload, initialConnections: 1000, arrivalRate: 1000 / meanS, connectionDuration: duration };
  const r = loadScenarioText(JSON.stringify(o), 'steady-population.json', { profiles: PROFILE_NAMES });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

describe('the initial connections are a steady population', () => {
  // Each law with its mean life (s): arrivals at 1000 / mean keep 1000 open in the steady state.
  const laws = [
    [{ type: 'fixed', value: '60s' }, 60],
    [{ type: 'uniform', min: '30s', max: '90s' }, 60],
    [{ type: 'lognormal', median: '40s', sigma: 0.6 }, 40 * Math.exp(0.18)],
  ] as const;
  for (const [law, meanS] of laws) {
    for (const traffic of ['bulk', 'per-connection'] as const) {
      it(`${law.type} lifetimes (${traffic}): the open connections stay at arrivals × mean life`, () => {
        const sc = scenario(law, meanS);
        const run = runScenario(sc, { keepTrace: true, traffic });
        const series = trafficSeries(run.world);
        const perBin = sc.workload.packetRate * 1000; // packets a second from 1000 open connections
        for (let k = 1; k < 179; k++) {
          // Poisson noise on ~1000 connections is ~3 %; a cohort born at t = 0 is off by up to 100 %.
          expect(Math.abs(series.delivered[k]! / perBin - 1), `bin ${k}`).toBeLessThan(0.12);
        }
      });
    }
  }
});
