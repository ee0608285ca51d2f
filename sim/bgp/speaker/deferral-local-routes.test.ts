import { describe, expect, it } from 'vitest';
import { s, type Time } from '../../base/time.js';
import type { PeerConfigInput } from '../profile/profile.js';
import { H, R, T } from '../testing/fixtures.js';
import { Net } from '../testing/net.js';
import { isEndOfRib } from '../wire/message.js';

const P_R = '10.0.0.0/24';
const P_R2 = '10.0.9.0/24';
const P_H = '10.1.0.0/24';
const P_T = '10.2.0.0/24';
const P_T2 = '10.2.9.0/24';
const helper: PeerConfigInput = { profile: 'rfc', gr: { mode: 'restart', selectionDeferralTime: 60 } };
const restarter = (profile: string, o: PeerConfigInput = {}): PeerConfigInput => ({
  profile,
  ...o,
  gr: { mode: 'restart', selectionDeferralTime: 60, preserveForwarding: true },
});
const UPSTREAM = {
  id: 'up',
  asn: 65100,
  address: '192.0.2.1',
  routerId: '192.0.2.1',
  families: ['ipv4-unicast'],
} as const;

/**
 * R (profile under test) peers with H and T, both GR helpers on the rfc profile; T withholds
 * End-of-RIB, so R's selection deferral runs to its 60 s timer. R restarts at `t0`.
 */
function restartBehindSilentPeer(r: PeerConfigInput) {
  const net = new Net();
  net.declare(H.name, H.asn, H.address).declare(T.name, T.asn, T.address);
  net.add({ ...R, peers: { h: r, t: r }, originate: [{ prefix: P_R }], ribOnlyPeers: [UPSTREAM] });
  net.add({ ...H, peers: { r: helper }, originate: [{ prefix: P_H }] });
  net.add({ ...T, peers: { r: { ...helper, sendEndOfRib: false } }, originate: [{ prefix: P_T }] });
  net.runFor(s(10));
  const t0 = net.now;
  net.crashProcess('r');
  net.restart('r', { restarting: true });
  return { net, t0 };
}

type Sent = { at: Time; eor: boolean; nlri: string[]; withdrawn: string[] };

/** What R sent H since `from`: UPDATEs (their NLRI) and End-of-RIB, in order. */
function sentToH(net: Net, from: Time): Sent[] {
  const rows: Sent[] = [];
  for (const e of net.log) {
    if (e.node !== 'r' || e.at < from || e.out.type !== 'peer' || e.out.peer !== 'h') continue;
    const o = e.out.output;
    if (o.type !== 'send' || o.message.type !== 'update') continue;
    rows.push({
      at: e.at,
      eor: !!isEndOfRib(o.message),
      nlri: [...o.message.nlri],
      withdrawn: [...o.message.withdrawn],
    });
  }
  return rows;
}

const completedAt = (net: Net, from: Time): Time | undefined =>
  net.outputs('r', (o) => o.type === 'selection-complete').find((e) => e.at >= from)?.at;

const established = (net: Net, from: Time) => net.enteredAt('r', 'h', 'Established', from)!;

describe('a restarting speaker whose profile does not defer local routes (FRR bgp_dest_set_defer_flag)', () => {
  it('announces its own routes at the coalesce timer while a GR peer has not sent End-of-RIB', () => {
    const { net, t0 } = restartBehindSilentPeer(restarter('frr-8.4'));
    net.runFor(s(10));
    const up = established(net, t0);
    expect(completedAt(net, t0)).toBeUndefined();
    // FRR update-group coalesce timer: 1 s + 50 ms × 2 peers after Established.
    expect(sentToH(net, t0)).toEqual([{ at: up + s(1.1), eor: false, nlri: [P_R], withdrawn: [] }]);
    expect(net.route('h', 'r', P_R)).toBe('fresh');
    // Learned routes are not selected yet: not sent to H, nor to the RIB-only upstream.
    expect(net.speaker('r').rib.exportStatus('h', 'ipv4-unicast', P_T)).toBe('selection-deferred');
    expect(
      net
        .speaker('r')
        .rib.adjRibOut('up', 'ipv4-unicast')
        .map((r) => r.prefix),
    ).toEqual([P_R]);
  });

  it('as FRR 8.4 sends End-of-RIB only once selection completes, after the learned routes', () => {
    const { net, t0 } = restartBehindSilentPeer(restarter('frr-8.4'));
    net.runFor(s(70));
    const done = completedAt(net, t0)!;
    expect(done).toBe(established(net, t0) + s(60));
    const after = sentToH(net, t0).filter((x) => x.at >= done);
    expect(after).toEqual([
      { at: done, eor: false, nlri: [P_T], withdrawn: [] },
      { at: done, eor: true, nlri: [], withdrawn: [] },
    ]);
    expect(sentToH(net, t0).filter((x) => x.eor)).toHaveLength(1);
  });

  it('as FRR 10.5 (no -K) sends End-of-RIB right after the local-only update, learned routes later', () => {
    const { net, t0 } = restartBehindSilentPeer(restarter('frr-10.5'));
    net.runFor(s(70));
    const up = established(net, t0);
    const done = completedAt(net, t0)!;
    expect(sentToH(net, t0)).toEqual([
      { at: up + s(1.1), eor: false, nlri: [P_R], withdrawn: [] },
      { at: up + s(1.1), eor: true, nlri: [], withdrawn: [] },
      { at: done, eor: false, nlri: [P_T], withdrawn: [] },
    ]);
  });

  it('exports a learned route changed during the local-only stage once, at completion, and a local one at once', () => {
    const { net, t0 } = restartBehindSilentPeer(restarter('frr-8.4'));
    net.runFor(s(10));
    const mid = net.now;
    net.originate('t', { prefix: P_T2 });
    net.originate('r', { prefix: P_R2 });
    net.runFor(s(1));
    expect(net.route('r', 't', P_T2)).toBe('fresh');
    expect(sentToH(net, mid).flatMap((x) => x.nlri)).toEqual([P_R2]);
    net.runFor(s(60));
    const done = completedAt(net, t0)!;
    const announced = sentToH(net, t0).flatMap((x) => x.nlri);
    // Each prefix once: the local ones not re-announced at completion, the learned ones only then.
    expect(announced.sort()).toEqual([P_R, P_R2, P_T, P_T2].sort());
    expect(
      sentToH(net, done)
        .flatMap((x) => x.nlri)
        .sort(),
    ).toEqual([P_T, P_T2].sort());
    expect(net.speaker('r').rib.counters('h').updatesSent).toBe(4);
    expect(net.speaker('r').rib.counters('up').updatesSent).toBe(5);
  });
});

describe('a restarting speaker on the rfc profile (RFC 4724 §4.1)', () => {
  it('holds its own routes and End-of-RIB with the learned ones until selection completes', () => {
    const { net, t0 } = restartBehindSilentPeer(restarter('rfc'));
    net.runFor(s(70));
    const done = completedAt(net, t0)!;
    expect(done).toBe(established(net, t0) + s(60));
    expect(sentToH(net, t0)).toEqual([
      { at: done, eor: false, nlri: [P_R], withdrawn: [] },
      { at: done, eor: false, nlri: [P_T], withdrawn: [] },
      { at: done, eor: true, nlri: [], withdrawn: [] },
    ]);
  });
});
