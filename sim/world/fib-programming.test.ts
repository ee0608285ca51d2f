// FIB programming as FRR does it: decisions pass bgpd's 50 ms route-processing queue and zebra's
// 10 ms RIB queue; the end of selection deferral goes straight to zebra (bgp_do_deferred_path_selection).
import { describe, expect, it } from 'vitest';
import { runScenario, type ScenarioInput, validateScenario, type WorldRecord } from '../index.js';

const S = 1_000_000;

function scenario(routerProfile: string, faults: NonNullable<ScenarioInput['faults']>): ScenarioInput {
  return {
    name: 'fib',
    title: 'fib',
    description: 'FIB programming',
    seed: 2,
    duration: '400s',
    speaker: {
      profile: 'frr-10.5',
      gracefulRestart: { mode: 'restart', restartTime: 120, preserveForwarding: true, notification: false },
    },
    nodes: [1, 2, 3].map((i) => ({ name: `node-${i}`, asn: 64513, address: `10.0.1.${10 + i}` })),
    routers: [
      {
        name: 'tor-1',
        asn: 64512,
        address: '10.0.0.1',
        bgp: {
          profile: routerProfile,
          gracefulRestart: { mode: 'restart', restartTime: 120, preserveForwarding: true },
        },
      },
    ],
    services: [{ name: 'web', prefix: '10.100.0.10/32' }],
    workload: {
      clients: 2000,
      arrivalRate: 5,
      initialConnections: 1000,
      connectionDuration: { type: 'fixed', value: '1h' },
    },
    faults,
  };
}

function fibChanges(input: ScenarioInput) {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.errors.join('\n'));
  const r = runScenario(v.scenario, { keepTrace: true });
  const recs = r.world.sim.trace.records;
  const of = <T extends WorldRecord['type']>(type: T) =>
    recs.filter((x): x is Extract<WorldRecord, { type: T }> => x.type === type);
  return { fib: of('fib').filter((f) => f.t > 0), gr: of('gr'), down: of('bgp-down') };
}

describe('FIB programming', () => {
  it('a route decision reaches an FRR router’s FIB 60 ms later: bgpd’s 50 ms queue, then zebra’s 10 ms', () => {
    const { fib, down } = fibChanges(
      scenario('frr', [{ type: 'peer-reset', at: '60s', node: 'node-2', router: 'tor-1' }]),
    );
    const reset = down.find((d) => d.subject === 'tor-1>node-2')!;
    expect(fib[0]).toMatchObject({ t: reset.t + 60_000, nextHops: ['node-1', 'node-3'] });
  });

  it('the end of selection deferral reaches the FIB after zebra’s 10 ms only (deferred selection bypasses bgpd’s queue)', () => {
    // node-2 dies while tor-1 restarts: tor-1 waits for it until the Selection_Deferral_Timer
    // (120 s from the first peer up), then drops it from its preserved FIB.
    const { fib, gr } = fibChanges(
      scenario('frr', [
        { type: 'router-restart', at: '60s', router: 'tor-1', downtime: '20s' },
        { type: 'node-crash', at: '70s', node: 'node-2' },
      ]),
    );
    const done = gr.find((g) => g.action === 'selection-complete')!;
    expect(done.reason).toBe('deferral-timer-expired');
    expect(fib[0]).toMatchObject({ t: done.t + 10_000, nextHops: ['node-1', 'node-3'] });
  });

  it('an rfc router programs at the instant of the decision, once per instant', () => {
    const { fib, down } = fibChanges(
      scenario('rfc', [{ type: 'peer-reset', at: '60s', node: 'node-2', router: 'tor-1' }]),
    );
    const reset = down.find((d) => d.subject === 'tor-1>node-2')!;
    expect(fib[0]).toMatchObject({ t: reset.t, nextHops: ['node-1', 'node-3'] });
    expect(new Set(fib.map((f) => f.t)).size).toBe(fib.length);
    expect(fib.at(-1)!.t).toBeGreaterThan(61 * S);
  });
});
