/**
 * gr-reference §3 A: basic Graceful Restart (RFC 4724), cases C1–C15, each run for the profiles it
 * names. Times are relative to the stimulus at t = 0. DISAGREE cases assert each profile's own outcome.
 */
import { describe, expect, it } from 'vitest';
import { ms, s, type Time } from '../../base/time.js';
import { mustResolve } from '../profile/registry.js';
import { FRR_FAST, grNet, H, R, T } from '../testing/fixtures.js';
import { Net } from '../testing/net.js';
import { CEASE_CONNECTION_COLLISION, ERR_CEASE } from '../wire/message.js';

const P1 = '172.16.255.1/32';
const P2 = '172.16.255.2/32';
const at = (net: Net, t0: Time, seconds: number) => net.runUntil((t0 + s(seconds)) as Time);

/** FRR `bgp graceful-restart` + `preserve-fw-state` (Restart mode, F = 1). */
const frrRestart = (profile: string, extra: object = {}) => ({
  profile,
  ...FRR_FAST,
  gr: { mode: 'restart' as const, preserveForwarding: true },
  ...extra,
});

describe('C1: helper retains routes and FIB entries when the restarter closes TCP', () => {
  for (const profile of ['frr-10.5', 'frr-10.7', 'frr-master']) {
    it(`C1 [${profile}]: the route stays stale and forwarded until the 120 s Restart Time`, () => {
      const net = grNet({ r: frrRestart(profile), h: frrRestart(profile), rOriginate: [P1] });
      expect(net.route('h', 'r', P1)).toBe('fresh');
      const t0 = net.now;
      // FRR ≥ 8.5 bgp_terminate: TCP closed without NOTIFICATION because GR was exchanged.
      net.stopProcess('r');
      at(net, t0, 0.5);
      expect(net.notificationsSent('r', 'h').filter((n) => n.at >= t0)).toEqual([]);
      expect(net.route('h', 'r', P1)).toBe('stale');
      expect(net.bestFrom('h', P1)).toBe('r');
      expect(net.fib('h', P1)).toEqual([R.address]);
      at(net, t0, 119.9);
      expect(net.route('h', 'r', P1)).toBe('stale');
      at(net, t0, 120.1);
      expect(net.route('h', 'r', P1)).toBeUndefined();
      expect(net.fib('h', P1)).toBeUndefined();
    });
  }
  it('C1 [frr-8.4]: before 8.5 SIGTERM sends Cease/Peer De-configured, as a Hard Reset with N, so nothing is kept', () => {
    const net = grNet({ r: frrRestart('frr-8.4'), h: frrRestart('frr-8.4'), rOriginate: [P1] });
    const t0 = net.now;
    net.stopProcess('r');
    at(net, t0, 0.5);
    const sent = net.notificationsSent('r', 'h').filter((n) => n.at >= t0);
    expect(sent.map((n) => [n.code, n.subcode, n.data[0], n.data[1]])).toEqual([[6, 9, 6, 3]]);
    expect(net.route('h', 'r', P1)).toBeUndefined();
  });
});

describe('C2: MetalLB-shaped config (global Helper + per-neighbor Restart) retains', () => {
  it('C2 [frr-10.5]: defaults are restart 120 / stalepath 360 / select-defer 120, Helper mode; R keeps the route stale', () => {
    const helperDefaults = mustResolve({ profile: 'frr-10.5' });
    expect([
      helperDefaults.gr.restartTime,
      helperDefaults.gr.stalePathTime,
      helperDefaults.gr.selectionDeferralTime,
      helperDefaults.gr.mode,
    ]).toEqual([120, 360, 120, 'helper']);
    const metallb = { profile: 'frr-10.5', gr: { mode: 'restart' as const, preserveForwarding: true } };
    const net = grNet({ r: metallb, h: metallb, rOriginate: [P1] });
    const t0 = net.now;
    net.stopProcess('r');
    at(net, t0, 1);
    expect(net.route('h', 'r', P1)).toBe('stale');
    expect(net.fib('h', P1)).toEqual([R.address]);
  });
});

describe('C3: both sides helper-only ⇒ nothing is retained', () => {
  const cases: [string, object][] = [
    ['frr', { profile: 'frr', gr: { mode: 'helper' } }],
    ['bird', { profile: 'bird', gr: { mode: 'helper' } }],
    ['gobgp', { profile: 'gobgp', gr: { mode: 'helper' } }],
    ['rfc', { profile: 'rfc', gr: { mode: 'helper' } }],
  ];
  for (const [name, cfg] of cases) {
    it(`C3 [${name}]: the peer's routes are removed as soon as its process dies`, () => {
      const net = grNet({ r: cfg, h: cfg, rOriginate: [P1] });
      expect(net.route('h', 'r', P1)).toBe('fresh');
      const t0 = net.now;
      net.crashProcess('r');
      at(net, t0, 0.1);
      expect(net.route('h', 'r', P1)).toBeUndefined();
      expect(net.fib('h', P1)).toBeUndefined();
    });
  }
});

describe('C4: restart-timer expiry deletes stale routes', () => {
  const cases: [string, object, number][] = [
    ['frr', frrRestart('frr', { gr: { mode: 'restart', preserveForwarding: true, restartTime: 5 } }), 5],
    ['gobgp', { profile: 'gobgp', gr: { mode: 'restart', restartTime: 30 } }, 30],
    ['bird', { profile: 'bird', gr: { mode: 'restart' } }, 120],
  ];
  for (const [name, cfg, rt] of cases) {
    it(`C4 [${name}]: stale until ${rt} s, gone after`, () => {
      const net = grNet({ r: cfg, h: cfg, rOriginate: [P1] });
      const t0 = net.now;
      net.crashProcess('r');
      at(net, t0, rt - 0.1);
      expect(net.route('h', 'r', P1)).toBe('stale');
      at(net, t0, rt + 0.1);
      expect(net.route('h', 'r', P1)).toBeUndefined();
    });
  }
  it('C4 [bird-2.13]: the flush lands after the 120 s restart timer fires, at the next main-loop wake-up (≤ 3 s)', () => {
    const cfg = { profile: 'bird-2.13', gr: { mode: 'restart' as const } };
    const net = grNet({ r: cfg, h: cfg, rOriginate: [P1] });
    const t0 = net.now;
    net.crashProcess('r');
    at(net, t0, 120.01);
    expect(net.route('h', 'r', P1)).toBe('stale');
    at(net, t0, 123.1);
    expect(net.route('h', 'r', P1)).toBeUndefined();
  });
});

describe('C5: re-established session + End-of-RIB: re-advertised routes fresh, missing ones deleted', () => {
  const cases: [string, object][] = [
    ['gobgp', { profile: 'gobgp', gr: { mode: 'restart', restartTime: 30 } }],
    ['frr', frrRestart('frr')],
    ['bird', { profile: 'bird', gr: { mode: 'restart' } }],
  ];
  for (const [name, cfg] of cases) {
    it(`C5 [${name}]: 10.10.20.0/24 fresh and 10.10.10.0/24 gone after EoR, before the restart timer`, () => {
      const net = grNet({ r: cfg, h: cfg, rOriginate: ['10.10.10.0/24', '10.10.20.0/24'] });
      const t0 = net.now;
      net.stopProcess('r');
      at(net, t0, 3);
      expect(net.route('h', 'r', '10.10.10.0/24')).toBe('stale');
      expect(net.route('h', 'r', '10.10.20.0/24')).toBe('stale');
      net.restart('r', { restarting: true, spec: { originate: [{ prefix: '10.10.20.0/24' }] } });
      at(net, t0, 20);
      expect(net.fsm('h', 'r')).toBe('Established');
      expect(net.speaker('h').sessions.get('r')!.eorReceived.size).toBe(1);
      expect(net.route('h', 'r', '10.10.20.0/24')).toBe('fresh');
      expect(net.route('h', 'r', '10.10.10.0/24')).toBeUndefined();
      const expired = net.log.some(
        (e) =>
          e.node === 'h' &&
          e.out.type === 'peer' &&
          e.out.output.type === 'gr-phase' &&
          e.out.output.reason === 'restart-timer-expired',
      );
      expect(expired).toBe(false);
    });
  }
});

/** R restarts without End-of-RIB (`disable-eor`) re-advertising only P1. */
function restartWithoutEor(net: Net, overrides: object = {}, restarting = true): void {
  const rt = net.node('r');
  const peers = { h: { ...(rt.spec.peers.h as object), sendEndOfRib: false, ...overrides } };
  net.restart('r', { restarting, spec: { peers, originate: [{ prefix: P1 }] } });
}

describe('C6: stale-path timer bounds retention when the restarter never sends EoR (DISAGREE)', () => {
  it('C6 [frr]: at 5 s after the drop the routes not re-advertised are deleted, re-advertised ones remain', () => {
    const h = frrRestart('frr', { gr: { mode: 'restart', preserveForwarding: true, stalePathTime: 5 } });
    const net = grNet({ r: frrRestart('frr'), h, rOriginate: [P1, P2] });
    const t0 = net.now;
    net.crashProcess('r');
    at(net, t0, 1);
    restartWithoutEor(net);
    at(net, t0, 4.9);
    expect(net.fsm('h', 'r')).toBe('Established');
    expect(net.route('h', 'r', P1)).toBe('fresh');
    expect(net.route('h', 'r', P2)).toBe('stale');
    at(net, t0, 5.1);
    expect(net.route('h', 'r', P2)).toBeUndefined();
    expect(net.route('h', 'r', P1)).toBe('fresh');
  });
  const noTimer: [string, object][] = [
    ['bird', { profile: 'bird', gr: { mode: 'restart' } }],
    ['gobgp', { profile: 'gobgp', gr: { mode: 'restart' } }],
  ];
  for (const [name, cfg] of noTimer) {
    it(`C6 [${name}]: no stale-path timer, the unrefreshed route stays stale while no EoR comes`, () => {
      const net = grNet({ r: cfg, h: cfg, rOriginate: [P1, P2] });
      const t0 = net.now;
      net.crashProcess('r');
      at(net, t0, 1);
      restartWithoutEor(net);
      at(net, t0, 1000);
      expect(net.fsm('h', 'r')).toBe('Established');
      expect(net.route('h', 'r', P2)).toBe('stale');
      expect(net.route('h', 'r', P1)).toBe('fresh');
    });
  }
});

describe('C7: re-establishment without a GR capability flushes stale at once (DISAGREE)', () => {
  const flushers: [string, object][] = [
    ['frr', frrRestart('frr')],
    ['bird', { profile: 'bird', gr: { mode: 'restart' } }],
    ['rfc', { profile: 'rfc' }],
  ];
  for (const [name, cfg] of flushers) {
    it(`C7 [${name}]: stale routes removed when the session comes up, without EoR or timers`, () => {
      const net = grNet({ r: cfg, h: cfg, rOriginate: [P1, P2] });
      const t0 = net.now;
      net.crashProcess('r');
      at(net, t0, 1);
      expect(net.route('h', 'r', P2)).toBe('stale');
      restartWithoutEor(net, { gr: { mode: 'disable' } });
      at(net, t0, 9);
      const up = net.enteredAt('h', 'r', 'Established', t0)!;
      expect(up).toBeDefined();
      expect(net.route('h', 'r', P2)).toBeUndefined();
      // Swept at the moment of establishment, not later.
      const sweep = net.log.find(
        (e) => e.node === 'h' && e.at >= t0 && e.out.type === 'peer' && e.out.output.type === 'routes-sweep-stale',
      );
      expect(sweep?.at).toBe(up);
      expect(
        sweep?.out.type === 'peer' && sweep.out.output.type === 'routes-sweep-stale' && sweep.out.output.reason,
      ).toBe('no-gr-capability');
    });
  }
  it('C7 [gobgp]: the capability is not checked; stale routes wait for an EoR that never comes', () => {
    const cfg = { profile: 'gobgp', gr: { mode: 'restart' as const } };
    const net = grNet({ r: cfg, h: cfg, rOriginate: [P1, P2] });
    const t0 = net.now;
    net.crashProcess('r');
    at(net, t0, 1);
    restartWithoutEor(net, { gr: { mode: 'disable' } });
    at(net, t0, 200);
    expect(net.fsm('h', 'r')).toBe('Established');
    expect(net.route('h', 'r', P2)).toBe('stale');
  });
});

describe('C8: re-establishment with F = 0 flushes stale at once (DISAGREE)', () => {
  const flushers: [string, object, boolean][] = [
    ['frr-10.5', frrRestart('frr-10.5'), true],
    ['bird', { profile: 'bird', gr: { mode: 'restart' } }, false],
  ];
  for (const [name, cfg, restarting] of flushers) {
    it(`C8 [${name}]: F = 0 in the new OPEN removes the stale routes as the session comes up`, () => {
      const net = grNet({ r: cfg, h: cfg, rOriginate: [P1, P2] });
      const t0 = net.now;
      net.crashProcess('r');
      at(net, t0, 1);
      // FRR: preserve-fw-state removed; BIRD: restarted without -R. Either way F = 0.
      restartWithoutEor(net, { gr: { mode: 'restart', preserveForwarding: false } }, restarting);
      at(net, t0, 9);
      const neg = net.speaker('h').sessions.get('r')!.negotiation!;
      expect(neg.afs.get('ipv4-unicast')!.grForwarding).toBe(false);
      expect(net.route('h', 'r', P2)).toBeUndefined();
      expect(net.route('h', 'r', P1)).toBe('fresh');
    });
  }
  it('C8 [gobgp]: the F bit is ignored; stale routes stay until EoR', () => {
    const cfg = { profile: 'gobgp', gr: { mode: 'restart' as const } };
    const net = grNet({ r: cfg, h: cfg, rOriginate: [P1, P2] });
    const t0 = net.now;
    net.crashProcess('r');
    at(net, t0, 1);
    restartWithoutEor(net, {}, false);
    at(net, t0, 9);
    expect(net.speaker('h').sessions.get('r')!.negotiation!.afs.get('ipv4-unicast')!.grForwarding).toBe(false);
    expect(net.route('h', 'r', P2)).toBe('stale');
  });
  for (const [profile, reason] of [
    ['frr-10.7', 'f-bit-clear'],
    ['frr-10.5', 'end-of-rib'],
  ] as const) {
    it(`C8 [${profile}]: after a link flap on a long-running speaker the stale routes go by ${reason}`, () => {
      // Version note: FRR ≥ 10.7.0 sets F only in a real restart window, so a flap that ran GR (hold
      // timer expiry with N) comes back with F = 0 and the helper flushes what GR kept.
      const cfg = frrRestart(profile);
      const net = grNet({ r: cfg, h: cfg, rOriginate: [P1], settle: s(200) });
      const t0 = net.now;
      net.blackhole('r', 'h');
      at(net, t0, 5);
      expect(net.route('h', 'r', P1)).toBe('stale');
      net.blackhole('r', 'h', false);
      net.runUntilTrue(() => net.fsm('h', 'r') === 'Established', s(30));
      // FRR sends its initial update after its update-group coalesce timer (1 s + 50 ms per peer).
      net.runFor(s(2));
      const sweeps = net.log.filter(
        (e) => e.node === 'h' && e.at >= t0 && e.out.type === 'peer' && e.out.output.type === 'routes-sweep-stale',
      );
      expect(
        sweeps.map((e) => e.out.type === 'peer' && e.out.output.type === 'routes-sweep-stale' && e.out.output.reason),
      ).toEqual([reason]);
      expect(net.route('h', 'r', P1)).toBe('fresh');
    });
  }
});

describe('C9: F = 0 configured and the restarter stays down: routes go at the Restart Time', () => {
  it('C9 [frr]: the F bit of the previous OPEN does not stop retention', () => {
    const cfg = {
      profile: 'frr',
      ...FRR_FAST,
      gr: { mode: 'restart' as const, preserveForwarding: false, restartTime: 5 },
    };
    const net = grNet({ r: cfg, h: cfg, rOriginate: [P1] });
    expect(net.speaker('h').sessions.get('r')!.negotiation!.afs.get('ipv4-unicast')!.grForwarding).toBe(false);
    const t0 = net.now;
    net.crashProcess('r');
    at(net, t0, 4.9);
    expect(net.route('h', 'r', P1)).toBe('stale');
    at(net, t0, 5.1);
    expect(net.route('h', 'r', P1)).toBeUndefined();
  });
});

describe('C10: selection deferral on the restarting speaker when the helper withholds EoR', () => {
  it('C10 [frr]: the restarter installs the helper routes only when select-defer-time (5 s) expires', () => {
    const h = { ...frrRestart('frr'), sendEndOfRib: false };
    const r = frrRestart('frr', { gr: { mode: 'restart', preserveForwarding: true, selectionDeferralTime: 5 } });
    // Settle past FRR's 120 s startup window, in which the helper's own OPEN would carry R = 1 (C11).
    const net = grNet({ r, h, rOriginate: [P1], hOriginate: [P2], settle: s(200) });
    const t0 = net.now;
    net.crashProcess('r');
    net.restart('r', { restarting: true, spec: { peers: { h: r } } });
    at(net, t0, 3);
    const up = net.enteredAt('r', 'h', 'Established', t0)!;
    expect(up).toBeDefined();
    expect(net.speaker('r').sessions.get('h')!.eorReceived.size).toBe(0);
    expect(net.route('r', 'h', P2)).toBe('fresh');
    // Forwarding kept from before the restart; the new process installs nothing until selection ends.
    expect(net.fib('r', P2)).toEqual([H.address]);
    const installs = () => net.outputs('r', (o) => o.type === 'fib' || o.type === 'fib-sync').filter((e) => e.at >= t0);
    net.runUntil((up + s(5) - ms(10)) as Time);
    expect(installs()).toEqual([]);
    net.runUntil((up + s(5) + ms(10)) as Time);
    const sync = installs().find((e) => e.out.type === 'fib-sync');
    expect(sync?.at).toBe(up + s(5));
    expect(sync?.out.type === 'fib-sync' && sync.out.entries.find((x) => x.prefix === P2)?.nextHops).toEqual([
      H.address,
    ]);
    const done = net.outputs('r', (o) => o.type === 'selection-complete');
    expect(done.map((d) => [d.at, d.out.type === 'selection-complete' && d.out.reason])).toEqual([
      [up + s(5), 'deferral-timer-expired'],
    ]);
  });
});

describe('C11: the restarting speaker does not wait for a peer whose OPEN has R set', () => {
  it('C11 [frr]: both restarted; selection completes on End-of-RIB, long before the deferral timer', () => {
    const cfg = frrRestart('frr');
    const net = grNet({ r: cfg, h: cfg, rOriginate: [P1], hOriginate: [P2] });
    const t0 = net.now;
    net.crashProcess('r');
    net.crashProcess('h');
    net.restart('r', { restarting: true });
    net.restart('h', { restarting: true });
    at(net, t0, 5);
    const neg = net.speaker('r').sessions.get('h')!.negotiation!;
    expect(neg.peerRestartState).toBe(true);
    const why = net.outputs(
      'r',
      (o) => o.type === 'peer' && o.output.type === 'explain' && o.output.clause === 'RFC 4724 §4.1',
    );
    expect(why.length).toBeGreaterThan(0);
    const done = net.outputs('r', (o) => o.type === 'selection-complete');
    expect(done).toHaveLength(1);
    expect(done[0].at).toBeLessThan(t0 + s(1));
    expect(net.fib('r', P2)).toEqual([H.address]);
    expect(net.fib('h', P1)).toEqual([R.address]);
  });
});

describe('C11: GoBGP marks End-of-RIB as received from a peer with R set', () => {
  it('C11 [gobgp]: two restarted speakers (-r) select at once instead of waiting 360 s', () => {
    const cfg = { profile: 'gobgp', gr: { mode: 'restart' as const } };
    const net = grNet({ r: cfg, h: cfg, rOriginate: [P1], hOriginate: [P2] });
    const t0 = net.now;
    net.crashProcess('r');
    net.crashProcess('h');
    net.restart('r', { restarting: true });
    net.restart('h', { restarting: true });
    at(net, t0, 10);
    const done = net.outputs('r', (o) => o.type === 'selection-complete');
    // No End-of-RIB arrived: GoBGP counts the R-bit peer's as received; the simulator names what happened.
    expect(done.map((d) => d.out.type === 'selection-complete' && d.out.reason)).toEqual(['no-end-of-rib-awaited']);
    expect(done[0].at).toBeLessThan(t0 + s(10));
    expect(net.route('r', 'h', P2)).toBe('fresh');
    expect(net.route('h', 'r', P1)).toBe('fresh');
  });
});

describe('C12: same prefix from a GR restarter and a non-GR peer: only the GR path is kept', () => {
  it('C12 [frr]: the ECMP set shrinks to the restarter next hop at once', () => {
    const net = new Net();
    net.declare('h', H.asn, H.address).declare('t', T.asn, T.address);
    const gr = frrRestart('frr');
    const nogr = { profile: 'frr', ...FRR_FAST, gr: { mode: 'disable' as const } };
    net.add({ ...R, peers: { h: gr }, originate: [{ prefix: P1 }] });
    net.add({ ...T, peers: { h: nogr }, originate: [{ prefix: P1 }] });
    net.add({ ...H, peers: { r: gr, t: nogr }, maximumPaths: 4, multipathRelax: true });
    net.runFor(s(5));
    expect(net.fib('h', P1)).toEqual([R.address, T.address]);
    const t0 = net.now;
    net.crashProcess('r');
    net.crashProcess('t');
    at(net, t0, 0.1);
    expect(net.route('h', 'r', P1)).toBe('stale');
    expect(net.route('h', 't', P1)).toBeUndefined();
    expect(net.fib('h', P1)).toEqual([R.address]);
  });
});

describe('C13: stale paths stay multipath until the Restart Time, then disappear', () => {
  it('C13 [frr]: both stale paths keep forwarding until 10 s, then the prefix is gone', () => {
    const net = new Net();
    net.declare('h', H.asn, H.address).declare('t', T.asn, T.address);
    const gr = frrRestart('frr', { gr: { mode: 'restart', preserveForwarding: true, restartTime: 10 } });
    net.add({ ...R, peers: { h: gr }, originate: [{ prefix: '10.0.0.1/32' }] });
    net.add({ ...T, peers: { h: gr }, originate: [{ prefix: '10.0.0.1/32' }] });
    net.add({ ...H, peers: { r: gr, t: gr }, maximumPaths: 4, multipathRelax: true });
    net.runFor(s(5));
    const t0 = net.now;
    net.crashProcess('r');
    net.crashProcess('t');
    at(net, t0, 9.9);
    expect([net.route('h', 'r', '10.0.0.1/32'), net.route('h', 't', '10.0.0.1/32')]).toEqual(['stale', 'stale']);
    expect(net.speaker('h').rib.multipath('ipv4-unicast', '10.0.0.1/32')).toHaveLength(2);
    expect(net.fib('h', '10.0.0.1/32')).toEqual([R.address, T.address]);
    at(net, t0, 10.1);
    expect(net.fib('h', '10.0.0.1/32')).toBeUndefined();
    expect(net.speaker('h').rib.bestPath('ipv4-unicast', '10.0.0.1/32')).toBeUndefined();
  });
});

describe('C14: consecutive restart before End-of-RIB (DISAGREE, FRR version-dependent)', () => {
  const cases: [string, object, 'deleted' | 'kept'][] = [
    ['rfc', { profile: 'rfc' }, 'deleted'],
    ['bird', { profile: 'bird', gr: { mode: 'restart' } }, 'deleted'],
    ['frr-10.5.1', frrRestart('frr-10.5.1'), 'deleted'],
    ['frr-8.4', frrRestart('frr-8.4'), 'deleted'],
    ['frr-10.5', frrRestart('frr-10.5'), 'kept'],
    ['frr-10.7', frrRestart('frr-10.7'), 'kept'],
    ['gobgp', { profile: 'gobgp', gr: { mode: 'restart' } }, 'kept'],
  ];
  for (const [name, cfg, p2] of cases) {
    it(`C14 [${name}]: at the second drop P2 (still stale) is ${p2}, P1 is re-marked stale and the restart timer restarts`, () => {
      const net = grNet({ r: cfg, h: cfg, rOriginate: [P1, P2] });
      const restartTime = net.speaker('h').sessions.get('r')!.negotiation!.peerRestartTime;
      const t0 = net.now;
      net.crashProcess('r');
      at(net, t0, 10);
      restartWithoutEor(net);
      // The re-advertised P1 is fresh; P2, not re-advertised and without EoR, is still stale.
      net.runUntilTrue(() => net.route('h', 'r', P1) === 'fresh', s(30));
      expect(net.fsm('h', 'r')).toBe('Established');
      expect(net.route('h', 'r', P2)).toBe('stale');
      const t1 = (net.now + s(2)) as Time;
      net.runUntil(t1);
      net.crashProcess('r');
      at(net, t1, 0.1);
      expect(net.route('h', 'r', P1)).toBe('stale');
      expect(net.route('h', 'r', P2)).toBe(p2 === 'deleted' ? undefined : 'stale');
      at(net, t1, restartTime - 0.1);
      expect(net.route('h', 'r', P1)).toBe('stale');
      at(net, t1, restartTime + 0.1);
      expect(net.route('h', 'r', P1)).toBeUndefined();
    });
  }
  it('C14 [frr]: the stale-path timer restarts from 360 s at the second drop', () => {
    const net = grNet({ r: frrRestart('frr'), h: frrRestart('frr'), rOriginate: [P1, P2] });
    const t0 = net.now;
    net.crashProcess('r');
    at(net, t0, 10);
    restartWithoutEor(net);
    at(net, t0, 12);
    net.crashProcess('r');
    at(net, t0, 12.1);
    expect(net.speaker('h').sessions.get('r')!.helper.stalePathDeadline).toBe(t0 + s(12) + ms(1) + s(360));
  });
});

describe('C15: new TCP connection while the old session still looks Established (DISAGREE)', () => {
  /** R's node dies silently and comes straight back: H has heard nothing when the new connection arrives. */
  function setup(cfg: object) {
    const net = grNet({ r: cfg, h: cfg, rOriginate: [P1, P2] });
    const t0 = net.now;
    net.crashNode('r');
    net.restart('r', { restarting: true, spec: { originate: [{ prefix: P1 }] } });
    return { net, t0 };
  }
  for (const name of ['rfc', 'bird']) {
    const cfg = name === 'rfc' ? { profile: 'rfc' } : { profile: 'bird', gr: { mode: 'restart' } };
    it(`C15 [${name}]: the old session closes without NOTIFICATION, GR starts, the new connection carries on`, () => {
      const { net, t0 } = setup(cfg);
      const grAt = net.runUntilTrue(() => net.route('h', 'r', P2) === 'stale', s(10));
      const down = net.outputs('h', (o) => o.type === 'peer' && o.output.type === 'session-down');
      expect(
        down.map((d) => d.out.type === 'peer' && d.out.output.type === 'session-down' && d.out.output.reason),
      ).toEqual(['new-connection']);
      at(net, t0, (grAt - t0) / 1e6 + 1);
      expect(net.notificationsSent('h', 'r').filter((n) => n.at >= t0)).toEqual([]);
      expect(net.fsm('h', 'r')).toBe('Established');
      expect(net.route('h', 'r', P1)).toBe('fresh');
      expect(net.route('h', 'r', P2)).toBeUndefined();
    });
  }
  it('C15 [frr]: GR starts but the new OPEN is refused with Cease/7; the session returns on a later attempt', () => {
    const { net, t0 } = setup(frrRestart('frr'));
    at(net, t0, 0.01);
    expect(net.route('h', 'r', P2)).toBe('stale');
    const sent = net.notificationsSent('h', 'r').filter((n) => n.at >= t0);
    expect(sent.map((n) => [n.code, n.subcode])).toEqual([[ERR_CEASE, CEASE_CONNECTION_COLLISION]]);
    expect(net.fsm('h', 'r')).not.toBe('Established');
    at(net, t0, 10);
    expect(net.fsm('h', 'r')).toBe('Established');
    expect(net.route('h', 'r', P1)).toBe('fresh');
    expect(net.route('h', 'r', P2)).toBeUndefined();
  });
  for (const name of ['rfc', 'frr']) {
    const cfg = { profile: name, gr: { mode: 'disable' as const } };
    it(`C15 [${name}] without GR: the new connection is refused and the old session stays up (RFC 4271 §6.8)`, () => {
      const { net, t0 } = setup(cfg);
      at(net, t0, 0.5);
      expect(net.outputs('h', (o) => o.type === 'peer' && o.output.type === 'session-down')).toEqual([]);
      expect(net.fsm('h', 'r')).toBe('Established');
      expect(net.route('h', 'r', P2)).toBe('fresh');
      const why = net.outputs('h', (o) => o.type === 'peer' && o.output.type === 'explain');
      expect(
        why.some(
          (w) => w.out.type === 'peer' && w.out.output.type === 'explain' && w.out.output.clause === 'RFC 4271 §6.8',
        ),
      ).toBe(true);
    });
  }
  it('C15 [gobgp]: the new connection is closed and the old session stays Established', () => {
    const { net, t0 } = setup({ profile: 'gobgp', gr: { mode: 'restart' } });
    at(net, t0, 2.5);
    expect(net.fsm('h', 'r')).toBe('Established');
    expect(net.route('h', 'r', P2)).toBe('fresh');
    const closed = net.outputs('h', (o) => o.type === 'peer' && o.output.type === 'tcp-close');
    expect(
      closed.some(
        (c) =>
          c.at >= t0 &&
          c.out.type === 'peer' &&
          c.out.output.type === 'tcp-close' &&
          c.out.output.reason === 'connection-collision',
      ),
    ).toBe(true);
  });
});
