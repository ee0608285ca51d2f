// A scenario starts in steady state (DESIGN.md): processes alive at t = 0 have been up for their
// uptime, so no startup window is open (RFC 4724 §4.2, FRR t_startup) and no metric sees a boot;
// a cold start still shows the boot; the timing a user can state (start-up, initial update delay).
import { describe, expect, it } from 'vitest';
import { runScenario, type ScenarioInput, validateScenario, type WorldRecord } from '../index.js';

const S = 1_000_000;
type Mutable = ScenarioInput & Record<string, unknown>;

function base(): Mutable {
  return {
    name: 'steady',
    title: 'steady',
    description: 'steady-state world',
    seed: 5,
    duration: '200s',
    speaker: {
      profile: 'frr-10.5',
      gracefulRestart: { mode: 'restart', restartTime: 120, preserveForwarding: true, notification: false },
    },
    nodes: [1, 2, 3].map((i) => ({ name: `node-${i}`, asn: 64513, address: `10.0.1.${10 + i}` })),
    routers: [1, 2].map((i) => ({
      name: `tor-${i}`,
      asn: 64512,
      address: `10.0.0.${i}`,
      upstreams: 2,
      bgp: { profile: 'frr', gracefulRestart: { mode: 'restart', restartTime: 120, preserveForwarding: true } },
    })),
    services: [{ name: 'web', prefix: '10.100.0.10/32' }],
    workload: {
      clients: 5000,
      arrivalRate: 20,
      initialConnections: 3000,
      connectionDuration: { type: 'exponential', mean: '150s' },
    },
    faults: [],
  };
}

function run(mutate: (s: Mutable) => void = () => {}) {
  const s = base();
  mutate(s);
  const v = validateScenario(s);
  if (!v.ok) throw new Error(v.errors.join('\n'));
  const r = runScenario(v.scenario, { keepTrace: true });
  return { ...r, records: r.world.sim.trace.records };
}

const of = <T extends WorldRecord['type']>(recs: readonly WorldRecord[], type: T) =>
  recs.filter((r): r is Extract<WorldRecord, { type: T }> => r.type === type);

const opens = (recs: readonly WorldRecord[], subject: string) =>
  of(recs, 'bgp-message').filter((m) => m.subject === subject && m.dir === 'sent' && m.message === 'OPEN');

describe('steady state at t = 0', () => {
  it('starts converged: sessions Established, every router forwarding to every node, clients live', () => {
    const r = run();
    expect(r.records[0].t).toBe(0);
    const established = of(r.records, 'bgp-state').filter((x) => x.t === 0 && x.to === 'Established');
    expect(established.length).toBe(12);
    const fib = of(r.records, 'fib').filter((f) => f.t === 0);
    expect(fib.map((f) => [f.subject, f.nextHops])).toEqual([
      ['tor-1', ['node-1', 'node-2', 'node-3']],
      ['tor-2', ['node-1', 'node-2', 'node-3']],
    ]);
    const start = of(r.records, 'fault').find((f) => f.fault === 'traffic-start')!;
    expect(start).toMatchObject({ t: 0, detail: 'steady-state' });
  });

  it('leaves no boot in any metric: no churn, no flap, no reset, no loss, no OPEN in the trace', () => {
    const r = run();
    expect(r.metrics.routeChurn).toEqual({ updates: 0, withdrawals: 0 });
    expect(r.metrics.sessionFlaps).toBe(0);
    expect(r.metrics.connections.reset).toBe(0);
    expect(r.metrics.packets.lost).toBe(0);
    expect(r.metrics.noRouteSeconds).toBe(0);
    expect(of(r.records, 'bgp-message').filter((m) => m.message === 'OPEN')).toEqual([]);
  });

  it('a router restart finds long-running speakers with R = 0, so it waits for their End-of-RIB (RFC 4724 §4.1, §4.2)', () => {
    const r = run((s) => {
      s.faults = [{ type: 'router-restart', at: '60s', router: 'tor-1', downtime: '20s' }];
    });
    for (const n of ['node-1', 'node-2', 'node-3']) {
      const open = opens(r.records, `${n}>tor-1`).find((m) => m.t > 60 * S)!;
      expect(open.detail).toContain('R=0');
    }
    expect(r.metrics.connections.reset).toBe(0);
    expect(r.metrics.noRouteSeconds).toBe(0);
  });

  it('a cold start boots at t = 0: FRR speakers then still send R = 1 inside their startup window', () => {
    const r = run((s) => {
      s.start = 'cold';
      s.faults = [{ type: 'router-restart', at: '60s', router: 'tor-1', downtime: '20s' }];
    });
    expect(opens(r.records, 'node-1>tor-1')[0]).toMatchObject({ t: expect.any(Number) });
    expect(opens(r.records, 'node-1>tor-1')[0].t).toBeLessThan(S);
    const reopen = opens(r.records, 'node-1>tor-1').find((m) => m.t > 60 * S)!;
    expect(reopen.detail).toContain('R=1');
    expect(r.metrics.routeChurn.updates).toBeGreaterThan(0);
  });

  it('a per-process uptime shorter than the Restart Time leaves FRR’s startup window open (R = 1 until it closes)', () => {
    const restart = (s: Mutable) => {
      s.faults = [{ type: 'speaker-restart', at: '60s', node: 'node-2', downtime: '20s' }];
    };
    const young = run((s) => {
      restart(s);
      (s.routers as Record<string, unknown>[])[0].uptime = '30s';
    });
    // tor-1 started 30 s before t = 0: t_startup (120 s) runs until t = 90 s, past node-2's return at 80 s.
    expect(opens(young.records, 'tor-1>node-2').find((m) => m.t > 60 * S)!.detail).toContain('R=1');
    expect(opens(young.records, 'tor-2>node-2').find((m) => m.t > 60 * S)!.detail).toContain('R=0');
    const old = run(restart);
    expect(opens(old.records, 'tor-1>node-2').find((m) => m.t > 60 * S)!.detail).toContain('R=0');
  });

  it('a speaker’s start-up time delays its first OPEN after the pod starts', () => {
    const r = run((s) => {
      s.faults = [{ type: 'speaker-restart', at: '60s', node: 'node-2', downtime: '20s' }];
      (s.speaker as Record<string, unknown>).startupTime = '7s';
    });
    const up = of(r.records, 'process').find((p) => p.subject === 'node-2' && p.state === 'up')!;
    expect(up.t).toBe(80 * S);
    const first = opens(r.records, 'node-2>tor-1')[0];
    expect(first.t).toBeGreaterThanOrEqual(87 * S);
    expect(first.t).toBeLessThan(87 * S + 1000);
  });

  it('an initial update delay holds the speaker’s UPDATEs and End-of-RIB that long after Established', () => {
    const r = run((s) => {
      s.faults = [{ type: 'speaker-restart', at: '60s', node: 'node-2', downtime: '20s' }];
      (s.speaker as Record<string, unknown>).initialUpdateDelay = '4s';
      (s.speaker as Record<string, unknown>).gracefulRestart = { mode: 'helper' };
    });
    const est = of(r.records, 'bgp-state').find(
      (x) => x.subject === 'node-2>tor-1' && x.to === 'Established' && x.t > 60 * S,
    )!;
    const update = of(r.records, 'bgp-message').find(
      (m) => m.subject === 'node-2>tor-1' && m.dir === 'sent' && m.message === 'UPDATE',
    )!;
    expect(update.t - est.t).toBe(4 * S);
  });
});
