/**
 * gr-reference §3 D: Long-Lived Graceful Restart (RFC 9494), cases C26–C34, run for each profile
 * they name. Times are relative to the stimulus at t = 0.
 */
import { describe, expect, it } from 'vitest';
import { s, type Time } from '../../base/time.js';
import type { PeerConfigInput } from '../profile/profile.js';
import { grNet } from '../testing/fixtures.js';
import { Net } from '../testing/net.js';
import { LLGR_STALE, NO_LLGR } from '../wire/message.js';

const at = (net: Net, t0: Time, seconds: number) => net.runUntil((t0 + s(seconds)) as Time);
const countLlgrStale = (c: readonly number[] | undefined) => (c ?? []).filter((x) => x === LLGR_STALE).length;

/** A profile with GR (Restart mode, F = 1) and LLGR tuples with `llst`. */
function llgr(profile: string, restartTime: number, llst: number, extra: PeerConfigInput = {}): PeerConfigInput {
  const fast = profile.startsWith('frr') ? { timers: { keepaliveTime: 3, holdTime: 10 } } : {};
  return {
    profile,
    ...fast,
    ...extra,
    gr: {
      mode: 'restart',
      preserveForwarding: true,
      restartTime,
      notification: profile.startsWith('frr'),
      ...(extra.gr ?? {}),
    },
    llgr: { advertise: 'tuples', staleTime: llst },
  };
}

/** A line topology: upstreams → h → downstreams, each node its own AS. */
function topo(
  nodes: {
    name: string;
    peers: Record<string, PeerConfigInput>;
    originate?: { prefix: string; communities?: number[]; med?: number }[];
    routerId?: string;
  }[],
): Net {
  const net = new Net();
  nodes.forEach((n, i) => {
    net.declare(n.name, 65000 + i, `10.0.0.${i + 1}`);
  });
  nodes.forEach((n, i) => {
    net.add({
      name: n.name,
      asn: 65000 + i,
      routerId: n.routerId ?? `${i + 1}.${i + 1}.${i + 1}.${i + 1}`,
      address: `10.0.0.${i + 1}`,
      peers: n.peers,
      originate: n.originate,
    });
  });
  net.runFor(s(10));
  return net;
}

describe('C26: Restart Time 0 + LLST: immediate LLGR, depreference, propagation to LLGR peers', () => {
  it('C26 [frr]: the restarter path is at once LLGR-stale and loses to the other path; deleted at 20 s', () => {
    const c = llgr('frr', 0, 20);
    // r1 would win the final tie-break (lower router id), standing in for the test's `weight 100`.
    const net = topo([
      { name: 'r0', peers: { h: c }, originate: [{ prefix: '172.16.1.1/32' }], routerId: '9.9.9.9' },
      { name: 'r1', peers: { h: c }, originate: [{ prefix: '172.16.1.1/32' }], routerId: '1.1.1.1' },
      { name: 'h', peers: { r0: c, r1: c, r3: c, r4: c } },
      { name: 'r3', peers: { h: c } },
      { name: 'r4', peers: { h: llgr('frr', 0, 30) }, originate: [{ prefix: '172.16.1.2/32' }] },
    ]);
    expect(net.bestFrom('h', '172.16.1.1/32')).toBe('r1');
    const t0 = net.now;
    net.crashProcess('r1');
    at(net, t0, 0.01);
    expect(net.route('h', 'r1', '172.16.1.1/32')).toBe('llgr-stale');
    expect(countLlgrStale(net.communities('h', 'r1', '172.16.1.1/32'))).toBe(1);
    expect(net.bestFrom('h', '172.16.1.1/32')).toBe('r0');
    expect(net.route('r3', 'h', '172.16.1.1/32')).toBe('fresh');
    net.crashProcess('r4');
    at(net, t0, 0.02);
    expect(net.route('h', 'r4', '172.16.1.2/32')).toBe('llgr-stale');
    at(net, t0, 19.9);
    expect(net.route('h', 'r1', '172.16.1.1/32')).toBe('llgr-stale');
    at(net, t0, 20.1);
    expect(net.route('h', 'r1', '172.16.1.1/32')).toBeUndefined();
    // r4 advertised LLST 30 but FRR applies MIN(received, local 20).
    expect(net.route('h', 'r4', '172.16.1.2/32')).toBeUndefined();
  });
});

describe('C27: LLGR_STALE not propagated to a non-LLGR peer (FRR version-dependent)', () => {
  // r1 (restart 0, LLST 600) → h → r3 (GR + LLGR), r4 (GR disabled), r5 (GR, no LLGR capability).
  const grOnly: PeerConfigInput = { profile: 'rfc', gr: { mode: 'restart' } };
  const cases: [string, boolean][] = [
    ['frr-10.7', true],
    ['frr-master', false],
    ['gobgp', false],
    ['bird', false],
  ];
  for (const [profile, grOnlyGetsIt] of cases) {
    it(`C27 [${profile}]: r3 keeps the LLGR_STALE route, r4 gets a withdraw, the GR-only peer ${grOnlyGetsIt ? 'still gets it' : 'gets a withdraw'}`, () => {
      const c = llgr(profile, 0, 600);
      const net = topo([
        { name: 'r1', peers: { h: c }, originate: [{ prefix: '172.16.1.1/32' }] },
        { name: 'h', peers: { r1: c, r3: c, r4: c, r5: c } },
        { name: 'r3', peers: { h: c } },
        { name: 'r4', peers: { h: { profile, gr: { mode: 'disable' } } } },
        { name: 'r5', peers: { h: grOnly } },
      ]);
      expect(net.route('r4', 'h', '172.16.1.1/32')).toBe('fresh');
      const t0 = net.now;
      net.crashProcess('r1');
      at(net, t0, 0.1);
      expect(net.route('h', 'r1', '172.16.1.1/32')).toBe('llgr-stale');
      expect(countLlgrStale(net.communities('r3', 'h', '172.16.1.1/32'))).toBe(1);
      expect(net.route('r4', 'h', '172.16.1.1/32')).toBeUndefined();
      expect(net.route('r5', 'h', '172.16.1.1/32')).toBe(grOnlyGetsIt ? 'fresh' : undefined);
    });
  }
});

/** GoBGP C28 topology: g2 → g1 (H) → g3 (GR + LLGR), g4 (GR only). */
function gobgpLlgr(profile = 'gobgp') {
  const c = llgr(profile, 1, 30);
  const grOnly: PeerConfigInput = { profile, gr: { mode: 'restart' } };
  return topo([
    {
      name: 'g2',
      peers: { g1: c },
      originate: [{ prefix: '10.0.0.0/24' }, { prefix: '10.10.0.0/24', communities: [NO_LLGR] }],
    },
    { name: 'g1', peers: { g2: c, g3: c, g4: grOnly } },
    { name: 'g3', peers: { g1: c } },
    { name: 'g4', peers: { g1: grOnly } },
  ]);
}

describe('C28: GoBGP LLGR end to end: NO_LLGR removal, community propagation, withdraw to a non-LLGR peer', () => {
  it('C28 [gobgp]: after the hold timer and 1 s of GR, 10.0.0.0/24 is LLGR-stale, NO_LLGR 10.10.0.0/24 gone', () => {
    const net = gobgpLlgr();
    const t0 = net.now;
    net.blackhole('g2', 'g1');
    const down = net.runUntilTrue(() => net.fsm('g1', 'g2') !== 'Established', s(91), s(0.1));
    expect(net.route('g1', 'g2', '10.0.0.0/24')).toBe('stale');
    expect(net.route('g1', 'g2', '10.10.0.0/24')).toBe('stale');
    at(net, down, 1.1);
    expect(net.route('g1', 'g2', '10.0.0.0/24')).toBe('llgr-stale');
    expect(net.communities('g1', 'g2', '10.0.0.0/24')).toContain(LLGR_STALE);
    expect(net.route('g1', 'g2', '10.10.0.0/24')).toBeUndefined();
    expect(net.communities('g3', 'g1', '10.0.0.0/24')).toContain(LLGR_STALE);
    expect(net.route('g4', 'g1', '10.0.0.0/24')).toBeUndefined();
    void t0;
  });
  it('C28 [gobgp] (test_04): the same after a TCP close instead of the hold timer', () => {
    const net = gobgpLlgr();
    const t0 = net.now;
    net.crashProcess('g2');
    at(net, t0, 1.1);
    expect(net.route('g1', 'g2', '10.0.0.0/24')).toBe('llgr-stale');
    expect(net.route('g1', 'g2', '10.10.0.0/24')).toBeUndefined();
    expect(net.communities('g3', 'g1', '10.0.0.0/24')).toContain(LLGR_STALE);
    expect(net.route('g4', 'g1', '10.0.0.0/24')).toBeUndefined();
  });
});

describe('C29: re-establishment ends LLGR; LLGR_STALE disappears downstream', () => {
  it('C29 [gobgp]: after Established + EoR both prefixes are fresh without LLGR_STALE, at g1 and at g3', () => {
    const net = gobgpLlgr();
    const t0 = net.now;
    net.crashProcess('g2');
    at(net, t0, 2);
    expect(net.route('g1', 'g2', '10.0.0.0/24')).toBe('llgr-stale');
    const t1 = net.now;
    net.restart('g2', { restarting: true });
    net.runUntilTrue(
      () =>
        net.enteredAt('g1', 'g2', 'Established', t1) !== undefined &&
        net.speaker('g1').sessions.get('g2')!.eorReceived.size > 0,
      s(30),
      s(0.1),
    );
    expect(net.route('g1', 'g2', '10.0.0.0/24')).toBe('fresh');
    expect(net.communities('g1', 'g2', '10.0.0.0/24')).not.toContain(LLGR_STALE);
    expect(net.route('g1', 'g2', '10.10.0.0/24')).toBe('fresh');
    net.runFor(s(0.1));
    expect(net.communities('g3', 'g1', '10.0.0.0/24')).not.toContain(LLGR_STALE);
  });
});

describe('C30: depreference with and without an alternative', () => {
  for (const profile of ['gobgp', 'frr', 'bird']) {
    it(`C30 [${profile}]: g3 switches to the path via g4; the only path of 10.10.0.0/24 stays best and advertised`, () => {
      const c = llgr(profile, 1, 30);
      const net = topo([
        {
          name: 'g2',
          peers: { g1: c },
          originate: [{ prefix: '10.0.0.0/24' }, { prefix: '10.10.0.0/24' }],
          routerId: '1.0.0.2',
        },
        { name: 'g1', peers: { g2: c, g3: c, g4: c } },
        { name: 'g3', peers: { g1: c } },
        { name: 'g4', peers: { g1: c }, originate: [{ prefix: '10.0.0.0/24', med: 100 }], routerId: '9.0.0.4' },
      ]);
      expect(net.bestFrom('g1', '10.0.0.0/24')).toBe('g2');
      const t0 = net.now;
      net.stopProcess('g2');
      at(net, t0, 2);
      expect(net.bestFrom('g1', '10.0.0.0/24')).toBe('g4');
      const viaG3 = net.speaker('g3').rib.adjRibIn('g1', 'ipv4-unicast');
      const p = viaG3.find((x) => x.prefix === '10.0.0.0/24')!;
      expect(p.attributes.asPath?.flatMap((seg) => seg.asns)).toContain(65003);
      expect(net.bestFrom('g1', '10.10.0.0/24')).toBe('g2');
      expect(net.route('g3', 'g1', '10.10.0.0/24')).toBe('fresh');
      expect(net.communities('g3', 'g1', '10.10.0.0/24')).toContain(LLGR_STALE);
    });
  }
});

describe('C31: LLST expiry deletes the LLGR-stale routes', () => {
  it('C31 [gobgp]: g3 has no 10.10.0.0/24 after restart time + LLST (1 + 30 s)', () => {
    const c = llgr('gobgp', 1, 30);
    const net = topo([
      { name: 'g2', peers: { g1: c }, originate: [{ prefix: '10.10.0.0/24' }] },
      { name: 'g1', peers: { g2: c, g3: c } },
      { name: 'g3', peers: { g1: c } },
    ]);
    const t0 = net.now;
    net.stopProcess('g2');
    at(net, t0, 30.9);
    expect(net.route('g3', 'g1', '10.10.0.0/24')).toBe('fresh');
    at(net, t0, 31.1);
    expect(net.route('g1', 'g2', '10.10.0.0/24')).toBeUndefined();
    expect(net.route('g3', 'g1', '10.10.0.0/24')).toBeUndefined();
  });
  it('C31 [frr]: restart time 0, LLST 10: LLGR-stale at once, gone at 10 s', () => {
    const net = grNet({ r: llgr('frr', 0, 10), h: llgr('frr', 0, 10), rOriginate: ['10.0.0.1/32'] });
    const t0 = net.now;
    net.crashProcess('r');
    at(net, t0, 0.1);
    expect(net.route('h', 'r', '10.0.0.1/32')).toBe('llgr-stale');
    at(net, t0, 9.9);
    expect(net.route('h', 'r', '10.0.0.1/32')).toBe('llgr-stale');
    at(net, t0, 10.1);
    expect(net.route('h', 'r', '10.0.0.1/32')).toBeUndefined();
  });
});

describe('C32: LLGR_STALE is added only once', () => {
  it('C32 [gobgp]: a downstream re-sync and a second restart cycle leave exactly one LLGR_STALE', () => {
    const net = gobgpLlgr();
    const t0 = net.now;
    net.crashProcess('g2');
    at(net, t0, 2);
    // The downstream session is reset during LLGR (test_09: peer disabled during GR) and re-learns the route.
    net.input('g3', 'g1', { type: 'admin-reset' });
    net.runUntilTrue(
      () => net.route('g3', 'g1', '10.0.0.0/24') !== undefined && net.fsm('g3', 'g1') === 'Established',
      s(60),
      s(0.1),
    );
    expect(countLlgrStale(net.communities('g3', 'g1', '10.0.0.0/24'))).toBe(1);
    expect(net.route('g1', 'g2', '10.10.0.0/24')).toBeUndefined();
    expect(net.route('g4', 'g1', '10.0.0.0/24')).toBeUndefined();
    // g2 comes back without End-of-RIB or re-advertising, then drops again: LLGR applies a second time.
    net.restart('g2', {
      restarting: true,
      spec: { originate: [], peers: { g1: { ...llgr('gobgp', 1, 30), sendEndOfRib: false } } },
    });
    net.runUntilTrue(() => net.fsm('g1', 'g2') === 'Established', s(60), s(0.1));
    net.crashProcess('g2');
    net.runFor(s(2));
    expect(net.route('g1', 'g2', '10.0.0.0/24')).toBe('llgr-stale');
    expect(countLlgrStale(net.communities('g1', 'g2', '10.0.0.0/24'))).toBe(1);
    expect(countLlgrStale(net.communities('g3', 'g1', '10.0.0.0/24'))).toBe(1);
  });
});

describe('C33: LLST across re-establishment and a second drop (DISAGREE)', () => {
  const P1 = '10.1.0.0/24';
  const P2 = '10.2.0.0/24';
  const cases: [string, number, 'kept' | 'deleted'][] = [
    ['rfc', 100, 'kept'],
    ['bird', 100, 'kept'],
    ['gobgp', 100, 'kept'],
    ['frr-10.7', 160, 'kept'],
    ['frr-10.5.1', 160, 'deleted'],
  ];
  for (const [profile, deleteAt, p2At60] of cases) {
    it(`C33 [${profile}]: P2 ${p2At60} at the second drop; P1 deleted at ${deleteAt} s`, () => {
      const c = llgr(profile, 0, 100);
      const net = grNet({ r: c, h: c, rOriginate: [P1, P2] });
      const t0 = net.now;
      net.crashProcess('r');
      at(net, t0, 50);
      expect(net.route('h', 'r', P2)).toBe('llgr-stale');
      const r = net.node('r');
      net.restart('r', {
        restarting: true,
        spec: { originate: [{ prefix: P1 }], peers: { h: { ...(r.spec.peers.h as object), sendEndOfRib: false } } },
      });
      net.runUntilTrue(() => net.route('h', 'r', P1) === 'fresh', s(9), s(0.05));
      at(net, t0, 60);
      expect(net.route('h', 'r', P2)).toBe('llgr-stale');
      net.crashProcess('r');
      at(net, t0, 60.1);
      expect(net.route('h', 'r', P2)).toBe(p2At60 === 'kept' ? 'llgr-stale' : undefined);
      expect(net.route('h', 'r', P1)).toBe('llgr-stale');
      at(net, t0, deleteAt - 0.2);
      expect(net.route('h', 'r', P1)).toBe('llgr-stale');
      at(net, t0, deleteAt + 0.2);
      expect(net.route('h', 'r', P1)).toBeUndefined();
      expect(net.route('h', 'r', P2)).toBeUndefined();
    });
  }
});

describe('C34: FRR stale-path timer shorter than the Restart Time with LLGR (FRR version-dependent)', () => {
  const r = llgr('frr', 120, 600);
  const h = (profile: string) => llgr(profile, 120, 600, { gr: { stalePathTime: 30 } });
  it('C34 [frr-10.7]: stale until 120 s, then LLGR-stale until 720 s', () => {
    const net = grNet({ r, h: h('frr-10.7'), rOriginate: ['10.0.0.1/32'] });
    const t0 = net.now;
    net.crashProcess('r');
    at(net, t0, 119.9);
    expect(net.route('h', 'r', '10.0.0.1/32')).toBe('stale');
    at(net, t0, 120.1);
    expect(net.route('h', 'r', '10.0.0.1/32')).toBe('llgr-stale');
    at(net, t0, 719.9);
    expect(net.route('h', 'r', '10.0.0.1/32')).toBe('llgr-stale');
    at(net, t0, 720.1);
    expect(net.route('h', 'r', '10.0.0.1/32')).toBeUndefined();
  });
  it('C34 [frr-10.5]: the stale-path timer deletes everything at 30 s, so LLGR never starts', () => {
    const net = grNet({ r, h: h('frr-10.5'), rOriginate: ['10.0.0.1/32'] });
    const t0 = net.now;
    net.crashProcess('r');
    at(net, t0, 29.9);
    expect(net.route('h', 'r', '10.0.0.1/32')).toBe('stale');
    at(net, t0, 30.1);
    expect(net.route('h', 'r', '10.0.0.1/32')).toBeUndefined();
    at(net, t0, 121);
    expect(net.route('h', 'r', '10.0.0.1/32')).toBeUndefined();
  });
});
