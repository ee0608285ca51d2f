// How a BFD Down reaches the BGP session in the world: FRR 10.4–10.5's strict hold timer
// (bgpd/bgp_bfd.c), RFC 5882 §4.3.1's GR abort, and the policy read from the profile table.
import { describe, expect, it } from 'vitest';
import { mustResolve } from '../bgp/profile/index.js';
import { type RunResult, runScenario, type ScenarioInput, validateScenario, type WorldRecord } from '../index.js';
import { bfdPolicy } from './bfd-policy.js';
import type { BfdSpec } from './spec.js';

const S = 1_000_000;
type Mutable = ScenarioInput & Record<string, unknown>;
type Side = Record<string, unknown>;

function base(routerProfile: string): Mutable {
  return {
    name: 'test',
    title: 'test',
    description: 'BFD down and BGP',
    seed: 3,
    duration: '200s',
    speaker: {
      profile: 'frr-10.5',
      gracefulRestart: { mode: 'restart', restartTime: 120, preserveForwarding: true, notification: false },
      bfd: { enabled: true },
    },
    nodes: [1, 2, 3].map((i) => ({ name: `node-${i}`, asn: 64513, address: `10.0.1.${10 + i}` })),
    routers: [1, 2].map((i) => ({
      name: `tor-${i}`,
      asn: 64512,
      address: `10.0.0.${i}`,
      bgp: { profile: routerProfile, gracefulRestart: { mode: 'helper', restartTime: 120 }, bfd: { enabled: true } },
    })),
    services: [{ name: 'web', prefix: '10.100.0.10/32' }],
    workload: {
      clients: 2000,
      arrivalRate: 10,
      initialConnections: 1000,
      connectionDuration: { type: 'exponential', mean: '150s' },
    },
    faults: [{ type: 'node-crash', at: '60s', node: 'node-2' }],
  };
}

function run(s: Mutable): RunResult & { records: readonly WorldRecord[] } {
  const v = validateScenario(s);
  if (!v.ok) throw new Error(v.errors.join('\n'));
  const r = runScenario(v.scenario, { keepTrace: true });
  return { ...r, records: r.world.sim.trace.records };
}

const of = <T extends WorldRecord['type']>(recs: readonly WorldRecord[], type: T) =>
  recs.filter((r): r is Extract<WorldRecord, { type: T }> => r.type === type);
const routerBgp = (s: Mutable) => (s.routers as { bgp: Side }[]).map((r) => r.bgp);
const tor1 = 'tor-1>node-2';
const bfdDownAt = (recs: readonly WorldRecord[]) =>
  of(recs, 'bfd-state').find((b) => b.subject === tor1 && b.to === 'Down' && b.t > 60 * S)!.t;
/** µs from an FRR router's RIB decision to its FIB: bgpd's 50 ms process queue and zebra's 10 ms RIB queue. */
const FRR_FIB_HOLD = 60_000;
const withdrawalAt = (recs: readonly WorldRecord[]) =>
  of(recs, 'fib').find((f) => f.subject === 'tor-1' && f.t >= 60 * S && f.nextHops.length === 2)!.t;

describe('FRR 10.4–10.5 BFD strict hold timer (bgpd/bgp_bfd.c, gr-reference §2.8 item 5)', () => {
  it('without neighbor timers a crashed node’s path stays 30 s after BFD Down, then Cease/BFD Down flushes it', () => {
    const r = run(base('frr-10.5'));
    const down = bfdDownAt(r.records);
    const decision = of(r.records, 'bfd-down-decision').find((d) => d.subject === tor1)!;
    expect(decision).toMatchObject({ action: 'strict-hold', reason: 'bfd-strict-hold', t: down });
    const notif = of(r.records, 'bgp-message').find((m) => m.subject === tor1 && m.message === 'NOTIFICATION')!;
    expect(notif).toMatchObject({ dir: 'sent', detail: '6/10', t: down + 30 * S });
    expect(withdrawalAt(r.records)).toBe(down + 30 * S + FRR_FIB_HOLD);
  });

  it('with `neighbor X timers` configured the same BFD Down tears the session down at once', () => {
    const s = base('frr-10.5');
    for (const b of routerBgp(s)) b.holdTime = 180;
    const r = run(s);
    expect(of(r.records, 'bfd-down-decision').find((d) => d.subject === tor1)!.action).toBe('tear-down');
    expect(withdrawalAt(r.records)).toBe(bfdDownAt(r.records) + FRR_FIB_HOLD);
  });

  it('FRR 10.7 tears down at once without neighbor timers (fixed in 10.6.0 by 190756abfb)', () => {
    const r = run(base('frr-10.7'));
    expect(withdrawalAt(r.records)).toBe(bfdDownAt(r.records) + FRR_FIB_HOLD);
  });

  it('the strict hold timer is cancelled when the session goes down otherwise first (bgp_stop)', () => {
    // The speaker's hold time of 9 s is negotiated; the router has no neighbor timers of its own.
    const s = base('frr-10.5');
    (s.speaker as Side).holdTime = 9;
    const r = run(s);
    const downs = of(r.records, 'bgp-down').filter((d) => d.subject === tor1 && d.t > 60 * S);
    expect(downs.map((d) => d.reason)).toEqual(['hold-timer-expired']);
    expect(downs[0].t - 60 * S).toBeLessThan(10 * S);
    expect(of(r.records, 'explain').filter((e) => e.text.startsWith('BFD strict hold'))).toEqual([]);
  });
});

describe('RFC 5882 §4.3.1: C bit set both ways aborts a GR in progress', () => {
  it('a drain+reboot (TCP closed first, then BFD Down) deletes the stale path at BFD detection, not after the restart time', () => {
    const s = base('rfc');
    s.speaker = { ...(s.speaker as Side), profile: 'rfc', bfd: { enabled: true, controlPlaneIndependent: true } };
    for (const b of routerBgp(s)) b.bfd = { enabled: true, controlPlaneIndependent: true };
    s.faults = [{ type: 'node-drain', at: '60s', node: 'node-2', mode: 'reboot', downtime: '100s' }];
    const r = run(s);
    const down = of(r.records, 'bgp-down').find((d) => d.subject === tor1 && d.t >= 60 * S)!;
    expect(down.gr).toBe(true);
    const bfd = bfdDownAt(r.records);
    expect(bfd).toBeGreaterThan(down.t);
    expect(of(r.records, 'bfd-down-decision').find((d) => d.subject === tor1)!).toMatchObject({
      action: 'abort-gr',
      reason: 'forwarding-plane-failure',
    });
    expect(withdrawalAt(r.records)).toBe(bfd);
    // Narrated as an abort, never as a tear-down the session then ignores.
    expect(of(r.records, 'explain').filter((e) => e.subject === tor1 && e.text.includes('ignored'))).toEqual([]);
  });
});

describe('BFD policy from the profile table, not the profile name', () => {
  const spec: BfdSpec = {
    transmitInterval: 300_000 as BfdSpec['transmitInterval'],
    receiveInterval: 300_000 as BfdSpec['receiveInterval'],
    detectMultiplier: 3,
    controlPlaneIndependent: false,
    checkControlPlaneFailure: false,
  };
  const policy = (profile: string) => bfdPolicy(mustResolve({ profile }), spec);

  it('treats the metallb speaker (FRR 10.5.3) as FRR before 10.7: a peer’s AdminDown is a Down', () => {
    expect(policy('metallb')).toMatchObject({ kind: 'frr', ignoresRemoteAdminDown: false });
    expect(policy('frr-10.5')).toMatchObject({ kind: 'frr', ignoresRemoteAdminDown: false });
    expect(policy('frr-8.4')).toMatchObject({ kind: 'frr', ignoresRemoteAdminDown: false, strictHold: null });
    expect(policy('frr-10.7')).toMatchObject({ kind: 'frr', ignoresRemoteAdminDown: true });
    expect(policy('frr-master')).toMatchObject({ kind: 'frr', ignoresRemoteAdminDown: true });
  });

  it('gives BIRD its own policy, the RFC and vendor profiles RFC 5882, and GoBGP none', () => {
    expect(policy('bird')).toMatchObject({ kind: 'bird', graceful: false, ignoresRemoteAdminDown: false });
    for (const p of ['rfc', 'cisco-ios-xe', 'junos', 'arista-eos', 'openbgpd']) {
      expect(policy(p)).toEqual({ kind: 'rfc5882', ignoresRemoteAdminDown: true });
    }
    expect(policy('gobgp')).toBeNull();
  });

  it('FRR check-control-plane-failure does not spare a helper-only peer: without an AF tuple there is no NSF mode', () => {
    const s = base('frr-10.7');
    s.speaker = { ...(s.speaker as Side), gracefulRestart: { mode: 'helper' }, bfd: { enabled: true } };
    for (const b of routerBgp(s)) b.bfd = { enabled: true, checkControlPlaneFailure: true };
    s.faults = [{ type: 'bfd-down', at: '60s', node: 'node-2', router: 'tor-1' }];
    const r = run(s);
    expect(of(r.records, 'bfd-down-decision').find((d) => d.subject === tor1)!.action).toBe('tear-down');
  });
});
