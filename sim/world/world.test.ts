// Integration tests of the world: small MetalLB worlds (3 nodes, 2 routers, a few thousand
// connections) that reproduce the seeds' claims. Every number asserted is derived from the
// configured timers and latencies, not from a previous run's output.
import { describe, expect, it } from 'vitest';
import {
  type RunResult,
  runScenario,
  type Scenario,
  type ScenarioInput,
  validateScenario,
  type WorldRecord,
} from '../index.js';
import { expandKeepaliveSpans } from '../replay/keepalive-spans.js';

const LATENCY = 100; // µs, the scenarios' default link latency
/** µs: the routers (FRR) program the FIB 60 ms after a decision (bgpd process queue 50 ms + zebra RIB queue 10 ms). */
const FIB_HOLD = 60_000;
const S = 1_000_000;

type Mutable = ScenarioInput & Record<string, unknown>;

function base(): Mutable {
  return {
    name: 'test',
    title: 'test',
    description: 'test world',
    seed: 3,
    duration: '300s',
    // MetalLB's FRR rendering: GR with F set, N off (gr-reference §2.10).
    speaker: {
      profile: 'frr-10.5',
      gracefulRestart: { mode: 'restart', restartTime: 120, preserveForwarding: true, notification: false },
    },
    nodes: [1, 2, 3].map((i) => ({ name: `node-${i}`, asn: 64513, address: `10.0.1.${10 + i}` })),
    routers: [1, 2].map((i) => ({
      name: `tor-${i}`,
      asn: 64512,
      address: `10.0.0.${i}`,
      bgp: { profile: 'frr', gracefulRestart: { mode: 'helper', restartTime: 120, stalePathTime: 360 } },
    })),
    services: [{ name: 'web', prefix: '10.100.0.10/32' }],
    workload: {
      clients: 5000,
      arrivalRate: 20,
      initialConnections: 3000,
      connectionDuration: { type: 'exponential', mean: '150s' },
    },
    faults: [{ type: 'speaker-restart', at: '60s', node: 'node-2', downtime: '20s' }],
  };
}

function run(
  mutate: (s: Mutable) => void = () => {},
  bfd: 'implied' | 'explicit' = 'implied',
): RunResult & { records: readonly WorldRecord[]; sc: Scenario } {
  const s = base();
  mutate(s);
  const v = validateScenario(s);
  if (!v.ok) throw new Error(v.errors.join('\n'));
  const r = runScenario(v.scenario, { keepTrace: true, bfd });
  // Steady KEEPALIVEs are span records (keepalive-pairs.ts); the assertions read them one by one.
  return { ...r, records: expandKeepaliveSpans(r.world.sim.trace.records), sc: v.scenario };
}

const of = <T extends WorldRecord['type']>(recs: readonly WorldRecord[], type: T) =>
  recs.filter((r): r is Extract<WorldRecord, { type: T }> => r.type === type);

/** Times at which `router`'s FIB for the service changed, with the next hops it then had. */
function fibAt(recs: readonly WorldRecord[], router: string) {
  return of(recs, 'fib').filter((r) => r.subject === router);
}

function lastSentBefore(recs: readonly WorldRecord[], subject: string, t: number): number {
  const sent = of(recs, 'bgp-message').filter((r) => r.subject === subject && r.dir === 'sent' && r.t <= t);
  return sent[sent.length - 1].t;
}

const speaker = (s: Mutable) => s.speaker as Record<string, unknown>;
const routers = (s: Mutable) => s.routers as { bgp: Record<string, unknown> }[];

describe('speaker restart (RFC 4724)', () => {
  it('without GR the path is withdrawn one latency after the kill and connections reset twice over', () => {
    const r = run((s) => {
      speaker(s).gracefulRestart = { mode: 'helper' };
    });
    const fib = fibAt(r.records, 'tor-1');
    const withdrawal = fib.find((f) => f.t >= 60 * S && f.nextHops.length === 2)!;
    expect(withdrawal.t).toBe(60 * S + LATENCY + FIB_HOLD);
    expect(withdrawal.nextHops).toEqual(['node-1', 'node-3']);
    const changes = of(r.records, 'ecmp-change').filter((c) => c.subject === 'tor-1');
    // Hash-threshold, removing the middle region of three: exactly 1/3 of the hash space moves (RFC 2992).
    expect(changes[0].movedFraction).toBeCloseTo(1 / 3, 5);
    expect(changes[0].moved).toBeGreaterThan(0);
    // Every moved connection lands on a node without its conntrack entry and is reset, at its next
    // packet (within 1/r = 0.1 s), not at the change; only those that end before it are spared.
    expect(changes[0].reset).toBe(0);
    const first = of(r.records, 'ecmp-change').filter((c) => c.t === changes[0].t);
    const moved = first.reduce((n, c) => n + c.moved, 0);
    const rehashed = of(r.records, 'resets')
      .filter((x) => x.cause === 'rehash' && x.t >= changes[0].t && x.t < changes[0].t + S)
      .reduce((n, x) => n + x.count, 0);
    expect(rehashed).toBeLessThanOrEqual(moved);
    expect(rehashed).toBeGreaterThanOrEqual(moved - 5);
    // The re-add moves the region back: connections opened meanwhile in it reset again.
    expect(changes.length).toBe(2);
    expect(changes[1].t).toBeGreaterThan(80 * S);
    expect(changes[1].moved).toBeGreaterThan(0);
    expect(r.metrics.packets.lost).toBe(0);
  });

  it('with GR (F bit set) nothing resets and nothing is lost; routes go stale, then End-of-RIB refreshes them', () => {
    const r = run();
    expect(r.metrics.connections.reset).toBe(0);
    expect(r.metrics.packets.lost).toBe(0);
    const gr = of(r.records, 'gr').filter((g) => g.subject === 'tor-1>node-2');
    const stale = gr.find((g) => g.action === 'routes-stale')!;
    expect(stale.t).toBe(60 * S + LATENCY);
    expect(stale.clause).toBe('RFC 4724 §4.2');
    const eorSent = of(r.records, 'bgp-message').find(
      (m) => m.subject === 'node-2>tor-1' && m.message === 'End-of-RIB' && m.t > 80 * S,
    )!;
    const sweep = gr.find((g) => g.action === 'routes-sweep-stale' && g.t > 80 * S)!;
    // The sweep happens when that End-of-RIB arrives, one latency after it was sent.
    expect(sweep.t).toBe(eorSent.t + LATENCY);
    expect(of(r.records, 'ecmp-change')).toEqual([]);
  });

  it('a restart slower than the restart time: routes deleted exactly when the restart timer expires', () => {
    const r = run((s) => {
      (s.faults as { downtime: string }[])[0].downtime = '150s';
    });
    const deletion = fibAt(r.records, 'tor-1').find((f) => f.t > 60 * S && f.nextHops.length === 2)!;
    expect(deletion.t).toBe(60 * S + LATENCY + 120 * S + FIB_HOLD);
    expect(r.metrics.connections.resetByCause.rehash).toBeGreaterThan(0);
  });

  it('F bit clear on reconnect: stale routes are deleted at once, and the path is gone until the re-advertisement (RFC 4724 §4.2)', () => {
    const r = run((s) => {
      speaker(s).gracefulRestart = { mode: 'restart', restartTime: 120, preserveForwarding: false };
    });
    const gr = of(r.records, 'gr').filter((g) => g.subject === 'tor-1>node-2' && g.t > 80 * S);
    const del = gr.find((g) => g.action === 'routes-sweep-stale' && g.reason === 'f-bit-clear')!;
    expect(del).toBeDefined();
    const reAdvertised = of(r.records, 'bgp-message').find(
      (m) => m.subject === 'node-2>tor-1' && m.message === 'UPDATE' && m.t > 80 * S,
    )!;
    // The restarting speaker (FRR) sends its locally originated route when its own update-group
    // coalesce timer fires, 1 s + 50 ms for each of its 2 peers after Established (bgpd.c
    // peer_create), without waiting for its selection deferral to end on the routers' End-of-RIBs:
    // FRR defers only destinations with learned paths (bgpd/bgp_route.c bgp_dest_set_defer_flag).
    const established = of(r.records, 'bgp-state').find(
      (x) => x.subject === 'node-2>tor-1' && x.to === 'Established' && x.t > 80 * S,
    )!;
    expect(reAdvertised.t).toBe(established.t + 1_100_000);
    // The deletion reaches tor-1's FIB after its hold; the path returns once the update has.
    const fib = fibAt(r.records, 'tor-1').filter((f) => f.t >= del.t);
    expect(fib.map((f) => [f.t, f.nextHops])).toEqual([
      [del.t + FIB_HOLD, ['node-1', 'node-3']],
      [reAdvertised.t + LATENCY + FIB_HOLD, ['node-1', 'node-2', 'node-3']],
    ]);
    expect(r.metrics.connections.resetByCause.rehash).toBeGreaterThan(0);
  });

  it('a per-router speaker override (one BGPPeer per router) applies only to sessions to that router', () => {
    const r = run((s) => {
      (s.routers as Record<string, unknown>[])[1].speaker = { gracefulRestart: { mode: 'helper' } };
    });
    // tor-1 still holds node-2 stale (GR); tor-2, told "helper only" (no address family) by the
    // speakers, deletes the routes at once (RFC 4724 §4.2).
    const action = (sub: string) => of(r.records, 'gr').find((g) => g.subject === sub && g.t >= 60 * S)!.action;
    expect(action('tor-1>node-2')).toBe('routes-stale');
    expect(action('tor-2>node-2')).toBe('routes-delete');
  });

  it('a rolling restart of all speakers, one node at a time, breaks nothing with GR', () => {
    const r = run((s) => {
      s.faults = [1, 2, 3].map((i) => ({
        type: 'speaker-restart',
        at: `${60 * i}s`,
        node: `node-${i}`,
        downtime: '20s',
      }));
    });
    expect(r.metrics.connections.reset).toBe(0);
    expect(of(r.records, 'gr').filter((g) => g.action === 'routes-stale').length).toBe(6);
  });
});

describe('node crash (silence: only the hold timer or BFD notices)', () => {
  const crash = (s: Mutable) => {
    s.faults = [{ type: 'node-crash', at: '60s', node: 'node-2' }];
  };

  it('without BFD, FRR: detection at hold-timer expiry after the last KEEPALIVE, then withdrawal (no N bit ⇒ no GR)', () => {
    const r = run(crash);
    const down = of(r.records, 'bgp-down').find((d) => d.subject === 'tor-1>node-2')!;
    expect(down.reason).toBe('hold-timer-expired');
    expect(down.gr).toBe(false);
    const lastHeard = lastSentBefore(r.records, 'node-2>tor-1', 60 * S) + LATENCY;
    expect(down.t).toBe(lastHeard + 180 * S);
    // Black-holed from the crash until the withdrawal reaches the FIB.
    const tor1 = r.metrics.groups.find((g) => g.router === 'tor-1')!;
    expect(tor1.blackholeSeconds).toBeCloseTo((down.t + FIB_HOLD - 60 * S) / S, 5);
  });

  it('without BFD, N bit on both ends: hold-timer expiry starts GR, black-holing until the restart timer expires (RFC 8538 §4)', () => {
    const r = run((s) => {
      crash(s);
      s.duration = '600s';
      speaker(s).gracefulRestart = { mode: 'restart', restartTime: 120, preserveForwarding: true, notification: true };
    });
    const down = of(r.records, 'bgp-down').find((d) => d.subject === 'tor-1>node-2')!;
    expect(down.reason).toBe('hold-timer-expired');
    expect(down.gr).toBe(true);
    const deletion = fibAt(r.records, 'tor-1').find((f) => f.t > down.t && f.nextHops.length === 2)!;
    expect(deletion.t).toBe(down.t + 120 * S + FIB_HOLD);
    const tor1 = r.metrics.groups.find((g) => g.router === 'tor-1')!;
    expect(tor1.blackholeSeconds).toBeCloseTo((deletion.t - 60 * S) / S, 5);
  });

  it('with BFD 300 ms × 3: detection within the 900 ms detection time (RFC 5880 §6.8.4), then withdrawal (C21)', () => {
    const r = run((s) => {
      crash(s);
      speaker(s).bfd = { enabled: true };
      for (const rt of routers(s)) rt.bgp.bfd = { enabled: true };
    });
    const bfd = of(r.records, 'bfd-state').find(
      (b) => b.subject === 'tor-1>node-2' && b.to === 'Down' && b.t > 60 * S,
    )!;
    // Detection is 3 × 300 ms after the last packet received; the last one left node-2 at most one
    // (jittered, ≤ 300 ms) interval before the crash.
    expect(bfd.t - 60 * S).toBeLessThanOrEqual(900_000);
    expect(bfd.t - 60 * S).toBeGreaterThanOrEqual(900_000 - 300_000);
    const decision = of(r.records, 'bfd-down-decision').find((d) => d.subject === 'tor-1>node-2')!;
    expect(decision.action).toBe('tear-down');
    const withdrawal = fibAt(r.records, 'tor-1').find((f) => f.t >= 60 * S && f.nextHops.length === 2)!;
    expect(withdrawal.t).toBe(bfd.t + FIB_HOLD);
  });

  it('C22: with the C bit honoured on both ends a forwarding failure (link down) aborts GR despite long timers', () => {
    const r = run((s) => {
      s.faults = [{ type: 'link-down', at: '60s', between: ['node-2', 'tor-1'] }];
      speaker(s).bfd = { enabled: true, checkControlPlaneFailure: true };
      speaker(s).gracefulRestart = { mode: 'restart', restartTime: 900, preserveForwarding: true };
      for (const rt of routers(s)) rt.bgp.bfd = { enabled: true, checkControlPlaneFailure: true };
    });
    const decision = of(r.records, 'bfd-down-decision').find((d) => d.subject === 'tor-1>node-2')!;
    expect(decision.action).toBe('tear-down');
    const withdrawal = fibAt(r.records, 'tor-1').find((f) => f.t >= 60 * S && f.nextHops.length === 2)!;
    expect(withdrawal.t - 60 * S).toBeLessThanOrEqual(900_000);
    // The failed link is silence both ways: tor-1 black-holes node-2's share until the withdrawal;
    // tor-2's own link to node-2 is fine.
    const group = (router: string) => r.metrics.groups.find((g) => g.router === router)!;
    expect(group('tor-1').blackholeSeconds).toBeCloseTo((withdrawal.t - 60 * S) / S, 5);
    expect(group('tor-2').blackholeSeconds).toBe(0);
  });

  it('C23: check-control-plane-failure locally and C = 0 from the peer: BFD down is ignored, BGP stays up', () => {
    const r = run((s) => {
      s.faults = [{ type: 'bfd-down', at: '60s', node: 'node-2', router: 'tor-1' }];
      speaker(s).bfd = { enabled: true, controlPlaneIndependent: false };
      for (const rt of routers(s)) rt.bgp.bfd = { enabled: true, checkControlPlaneFailure: true };
    });
    const decision = of(r.records, 'bfd-down-decision').find((d) => d.subject === 'tor-1>node-2')!;
    expect(decision.action).toBe('ignore');
    expect(decision.reason).toBe('control-plane-independent-clear');
    expect(of(r.records, 'bgp-down').filter((d) => d.subject === 'tor-1>node-2')).toEqual([]);
  });

  it('C24: a speaker restart closes TCP before BFD times out, so GR runs and the later BFD down is ignored', () => {
    const r = run((s) => {
      speaker(s).bfd = { enabled: true };
      for (const rt of routers(s)) rt.bgp.bfd = { enabled: true };
    });
    const down = of(r.records, 'bgp-down').find((d) => d.subject === 'tor-1>node-2')!;
    expect(down.reason).toBe('tcp-closed');
    expect(down.gr).toBe(true);
    const decision = of(r.records, 'bfd-down-decision').find((d) => d.subject === 'tor-1>node-2')!;
    expect(decision.t).toBeGreaterThan(down.t);
    expect(decision.action).toBe('ignore');
    expect(r.metrics.connections.reset).toBe(0);
  });

  it('C24 B: bfdd dies first while BGP is Established: Cease/BFD Down (plain, N = 0) and flush within 0.9 s', () => {
    const r = run((s) => {
      s.faults = [{ type: 'bfd-down', at: '60s', node: 'node-2', router: 'tor-1' }];
      speaker(s).bfd = { enabled: true };
      for (const rt of routers(s)) rt.bgp.bfd = { enabled: true };
    });
    const notif = of(r.records, 'bgp-message').find(
      (m) => m.subject === 'tor-1>node-2' && m.message === 'NOTIFICATION',
    )!;
    expect(notif.detail).toBe('6/10');
    expect(notif.t - 60 * S).toBeLessThanOrEqual(900_000);
    const down = of(r.records, 'bgp-down').find((d) => d.subject === 'tor-1>node-2')!;
    expect(down.gr).toBe(false);
  });

  it('C21: with the N bit exchanged the Cease/BFD Down goes out as a Hard Reset, and routes are flushed', () => {
    const r = run((s) => {
      s.faults = [{ type: 'bfd-down', at: '60s', node: 'node-2', router: 'tor-1' }];
      speaker(s).gracefulRestart = { mode: 'restart', restartTime: 120, preserveForwarding: true, notification: true };
      speaker(s).bfd = { enabled: true };
      for (const rt of routers(s)) rt.bgp.bfd = { enabled: true };
    });
    const notif = of(r.records, 'bgp-message').find(
      (m) => m.subject === 'tor-1>node-2' && m.message === 'NOTIFICATION',
    )!;
    expect(notif.detail).toBe('6/9');
    expect(of(r.records, 'bgp-down').find((d) => d.subject === 'tor-1>node-2')!.gr).toBe(false);
  });

  it('C25: BIRD with `bfd graceful` keeps the routes stale on BFD down; plain `bfd` flushes them', () => {
    const withGraceful = (graceful: boolean) =>
      run((s) => {
        crash(s);
        speaker(s).bfd = { enabled: true };
        for (const rt of routers(s)) {
          rt.bgp.profile = 'bird';
          rt.bgp.bfd = { enabled: true, graceful };
        }
      });
    const g = withGraceful(true);
    const downG = of(g.records, 'bgp-down').find((d) => d.subject === 'tor-1>node-2')!;
    expect(downG.gr).toBe(true);
    const deletion = fibAt(g.records, 'tor-1').find((f) => f.t > downG.t && f.nextHops.length === 2)!;
    expect(deletion.t).toBe(downG.t + 120 * S);
    const p = withGraceful(false);
    expect(of(p.records, 'bgp-down').find((d) => d.subject === 'tor-1>node-2')!.gr).toBe(false);
  });
});

describe('NOTIFICATION and the N bit (RFC 8538)', () => {
  const notify = (hardReset: boolean, n: boolean) =>
    run((s) => {
      s.faults = [{ type: 'notification', at: '60s', from: 'node-2', to: 'tor-1', code: 6, subcode: 4, hardReset }];
      speaker(s).gracefulRestart = { mode: 'restart', restartTime: 120, preserveForwarding: true, notification: n };
    });

  it('without the N bit any NOTIFICATION ends GR: routes flushed', () => {
    const r = notify(false, false);
    const down = of(r.records, 'bgp-down').find((d) => d.subject === 'tor-1>node-2')!;
    expect(down.reason).toBe('notification-received');
    expect(down.gr).toBe(false);
  });

  it('with the N bit on both ends GR also follows a NOTIFICATION', () => {
    const r = notify(false, true);
    const down = of(r.records, 'bgp-down').find((d) => d.subject === 'tor-1>node-2')!;
    expect(down.gr).toBe(true);
    expect(down.clause).toBe('RFC 8538 §4');
  });

  it('a Hard Reset deletes the routes at once even with the N bit (RFC 8538 §3)', () => {
    const r = notify(true, true);
    const down = of(r.records, 'bgp-down').find((d) => d.subject === 'tor-1>node-2')!;
    expect(down.gr).toBe(false);
    expect(down.clause).toBe('RFC 8538 §3');
    const withdrawal = fibAt(r.records, 'tor-1').find((f) => f.t >= 60 * S && f.nextHops.length === 2)!;
    expect(withdrawal.t).toBe(down.t + FIB_HOLD);
  });
});

describe('Long-Lived GR (RFC 9494)', () => {
  const llgr = (alternate: boolean) =>
    run((s) => {
      s.duration = alternate ? '2h' : '3000s';
      speaker(s).gracefulRestart = { mode: 'restart', restartTime: 0, preserveForwarding: true };
      speaker(s).llgr = { enabled: true, staleTime: 3600 };
      for (const rt of routers(s)) rt.bgp.llgr = { enabled: true, staleTime: 3600 };
      s.faults = [{ type: 'speaker-stop', at: '60s', node: 'node-2' }];
      if (!alternate) {
        s.services = [{ name: 'web', prefix: '10.100.0.10/32', externalTrafficPolicy: 'Local', endpoints: ['node-2'] }];
      }
    });

  it('with an alternate path, the LLGR-stale path leaves the ECMP set at once (least preferred) and is deleted after the stale time', () => {
    const r = llgr(true);
    const fib = fibAt(r.records, 'tor-1').filter((f) => f.t >= 60 * S);
    expect(fib[0].t).toBe(60 * S + LATENCY + FIB_HOLD);
    expect(fib[0].nextHops).toEqual(['node-1', 'node-3']);
    const gr = of(r.records, 'gr').filter((g) => g.subject === 'tor-1>node-2');
    const toLlgr = gr.find((g) => g.action === 'routes-llgr-stale')!;
    expect(toLlgr.t).toBe(60 * S + LATENCY);
    const sweep = gr.find((g) => g.action === 'routes-sweep-stale' && g.t > toLlgr.t)!;
    expect(sweep.t).toBe(toLlgr.t + 3600 * S);
  });

  it('without an alternate path the LLGR-stale route is still used (until the stale time): no reset, no loss', () => {
    const r = llgr(false);
    expect(r.metrics.connections.reset).toBe(0);
    expect(r.metrics.packets.lost).toBe(0);
    // The next hop does not change, so the FIB is not touched; the path's state is.
    expect(fibAt(r.records, 'tor-1').filter((f) => f.t >= 60 * S)).toEqual([]);
    const rib = r.world.routers.get('tor-1')!.process.sp!.rib;
    expect(rib.routeState('node-2', 'ipv4-unicast', '10.100.0.10/32')).toBe('llgr-stale');
    expect(r.world.fibNextHops('tor-1', '10.100.0.10/32')).toEqual(['node-2']);
  });
});

describe('MetalLB cases (gr-reference §3 E)', () => {
  it('C35: with GR a speaker restart shows stale routes and no downtime; without GR a downtime and never a stale route', () => {
    const on = run();
    const off = run((s) => {
      speaker(s).gracefulRestart = { mode: 'helper' };
    });
    expect(of(on.records, 'gr').some((g) => g.action === 'routes-stale')).toBe(true);
    expect(on.metrics.connections.reset).toBe(0);
    expect(of(off.records, 'gr').some((g) => g.action === 'routes-stale')).toBe(false);
    // A GR capability without address families (helper only) retains nothing, and says so (RFC 4724 §4.2).
    const down = of(off.records, 'bgp-down').find((d) => d.subject === 'tor-1>node-2')!;
    expect(down.gr).toBe(false);
    const stop = of(off.records, 'explain').find(
      (e) => e.subject === 'node-2>tor-1' && e.text.startsWith('process stop'),
    )!;
    expect(stop.text).toContain('the peer keeps nothing');
    expect(off.metrics.connections.reset).toBeGreaterThan(0);
  });

  it('C36: drain and reboot with GR black-holes the node share until the restart time expires', () => {
    const r = run((s) => {
      s.faults = [{ type: 'node-drain', at: '60s', node: 'node-2', mode: 'reboot', downtime: '200s' }];
    });
    const deletion = fibAt(r.records, 'tor-1').find((f) => f.t > 60 * S && f.nextHops.length === 2)!;
    expect(deletion.t).toBe(60 * S + LATENCY + 120 * S + FIB_HOLD);
    const tor1 = r.metrics.groups.find((g) => g.router === 'tor-1')!;
    expect(tor1.blackholeSeconds).toBeCloseTo((deletion.t - 60 * S) / S, 5);
  });

  it('C37: a speaker sends End-of-RIB only after its initial updates (RFC 4724 §4.1)', () => {
    const r = run((s) => {
      s.start = 'cold';
    });
    for (const node of ['node-1', 'node-2', 'node-3']) {
      const msgs = of(r.records, 'bgp-message').filter(
        (m) =>
          m.subject === `${node}>tor-1` && m.dir === 'sent' && (m.message === 'UPDATE' || m.message === 'End-of-RIB'),
      );
      const firstEor = msgs.findIndex((m) => m.message === 'End-of-RIB');
      expect(firstEor).toBeGreaterThan(0);
      expect(msgs[firstEor - 1].message).toBe('UPDATE');
    }
  });
});

describe('BFD steady state implied, not scheduled (DESIGN.md)', () => {
  type Fault = NonNullable<ScenarioInput['faults']>[number];
  const withBfd = (fault: Fault) => (s: Mutable) => {
    s.faults = [fault];
    speaker(s).bfd = { enabled: true };
    for (const rt of routers(s)) rt.bgp.bfd = { enabled: true };
  };
  const cases: [string, Fault][] = [
    ['node crash', { type: 'node-crash', at: '60s', node: 'node-2' }],
    ['speaker restart', { type: 'speaker-restart', at: '60s', node: 'node-2', downtime: '20s' }],
    ['link down', { type: 'link-down', at: '60s', between: ['node-2', 'tor-1'] }],
    ['bfdd death', { type: 'bfd-down', at: '60s', node: 'node-2', router: 'tor-1' }],
  ];
  for (const [name, fault] of cases) {
    it(`${name}: the implied and the per-packet modes give the same trace, with far fewer events`, () => {
      const explicit = run(withBfd(fault), 'explicit');
      const implied = run(withBfd(fault), 'implied');
      expect(implied.world.sim.trace.toJsonLines()).toBe(explicit.world.sim.trace.toJsonLines());
      expect(implied.metrics).toEqual(explicit.metrics);
      // Per packet, 12 BFD ends sending every 225–300 ms over 300 s are ~14,000 sends and as many
      // arrivals; implied, a steady pair costs nothing until a fault looks at it.
      expect(explicit.world.bfdEvents).toBeGreaterThan(20_000);
      expect(implied.world.bfdEvents).toBeLessThan(explicit.world.bfdEvents / 20);
    });
  }
});

describe('determinism', () => {
  it('observing progress in slices does not change the run', () => {
    const s = base();
    const v = validateScenario(s);
    if (!v.ok) throw new Error(v.errors.join('\n'));
    const seen: number[] = [];
    const sliced = runScenario(v.scenario, { onProgress: (now) => seen.push(now) });
    const whole = runScenario(v.scenario);
    expect(seen.length).toBe(100);
    expect(seen[seen.length - 1]).toBe(300 * S);
    expect(sliced.traceHash).toBe(whole.traceHash);
    expect(sliced.metrics).toEqual(whole.metrics);
  });

  it('the same scenario and seed give a byte-identical trace', () => {
    const a = run();
    const b = run();
    expect(a.traceHash).toBe(b.traceHash);
    expect(a.world.sim.trace.toJsonLines()).toBe(b.world.sim.trace.toJsonLines());
  });
});
