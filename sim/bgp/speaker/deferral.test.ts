import { describe, expect, it } from 'vitest';
import { s, type Time } from '../../base/time.js';
import type { PeerConfigInput } from '../profile/profile.js';
import { IPV4_UNICAST, IPV6_UNICAST } from '../profile/rfc.js';
import { H, R, T } from '../testing/fixtures.js';
import { Net } from '../testing/net.js';
import { isEndOfRib } from '../wire/message.js';
import type { SpeakerOutput } from './speaker.js';

const P_R = '10.0.0.0/24';
const P_H = '10.1.0.0/24';
const P_T = '10.2.0.0/24';
const P6_T = { prefix: '2001:db8:2::/48', family: 'ipv6-unicast' as const };
const gr = (o: Partial<PeerConfigInput> = {}): PeerConfigInput => ({
  profile: 'rfc',
  gr: { mode: 'restart', selectionDeferralTime: 60 },
  ...o,
});
const UPSTREAM = {
  id: 'up',
  asn: 65100,
  address: '192.0.2.1',
  routerId: '192.0.2.1',
  families: ['ipv4-unicast'],
} as const;

/** R peers with H and T; each originates a prefix (T an IPv6 one too); R has a RIB-only upstream peer. */
function triangle(o: { r?: PeerConfigInput; rt?: PeerConfigInput; t?: PeerConfigInput; tOriginate?: boolean } = {}) {
  const net = new Net();
  net.declare(H.name, H.asn, H.address).declare(T.name, T.asn, T.address);
  net.add({
    ...R,
    peers: { h: o.r ?? gr(), t: o.rt ?? o.r ?? gr() },
    originate: [{ prefix: P_R }],
    ribOnlyPeers: [UPSTREAM],
  });
  net.add({ ...H, peers: { r: gr() }, originate: [{ prefix: P_H }] });
  net.add({
    ...T,
    peers: { r: o.t ?? gr() },
    originate: o.tOriginate === false ? [] : [{ prefix: P_T }, P6_T],
  });
  net.runFor(s(10));
  return net;
}

const completions = (net: Net, from: Time) =>
  net
    .outputs('r', (o) => o.type === 'selection-complete')
    .filter((e) => e.at >= from)
    .map((e) => {
      const c = e.out as Extract<SpeakerOutput, { type: 'selection-complete' }>;
      return { at: e.at, family: c.family, reason: c.reason, text: c.text };
    });

const updatesSentBy = (net: Net, node: string, from: Time) =>
  net.log.filter(
    (e) =>
      e.node === node &&
      e.at >= from &&
      e.out.type === 'peer' &&
      e.out.output.type === 'send' &&
      e.out.output.message.type === 'update' &&
      !isEndOfRib(e.out.output.message),
  );

describe('selection deferral on the restarting speaker (RFC 4724 §4.1)', () => {
  it('waits for a configured GR peer that has not come up yet, keeping its preserved forwarding', () => {
    const net = triangle();
    expect(net.fib('r', P_T)).toEqual([T.address]);
    const t0 = net.now;
    net.crashNode('t');
    net.crashProcess('r');
    net.restart('r', { restarting: true });
    net.runFor(s(5));
    // H is up and sent End-of-RIB, T is not up: nothing selected yet, T's path still forwarded.
    expect(net.fsm('r', 'h')).toBe('Established');
    expect(net.speaker('r').sessions.get('h')!.eorReceived.size).toBe(1);
    expect(completions(net, t0)).toEqual([]);
    expect(net.fib('r', P_T)).toEqual([T.address]);
    net.restart('t', { restarting: false });
    net.runFor(s(5));
    expect(completions(net, t0).map((c) => [c.family, c.reason])).toEqual([['ipv4-unicast', 'end-of-rib']]);
    expect(net.fib('r', P_T)).toEqual([T.address]);
    expect(net.fib('r', P_H)).toEqual([H.address]);
  });

  it('keeps a dead peer in the preserved FIB until the Selection_Deferral_Timer expires', () => {
    const net = triangle();
    net.crashNode('t');
    net.crashProcess('r');
    net.restart('r', { restarting: true });
    const up = net.runUntilTrue(() => net.fsm('r', 'h') === 'Established', s(5));
    net.runUntil((up + s(59.9)) as Time);
    expect(net.fib('r', P_T)).toEqual([T.address]);
    net.runUntil((up + s(60.1)) as Time);
    expect(completions(net, up)).toEqual([
      {
        at: up + s(60),
        family: 'ipv4-unicast',
        reason: 'deferral-timer-expired',
        text: 'Selection_Deferral_Timer expired; End-of-RIB still missing from t',
      },
    ]);
    expect(net.fib('r', P_T)).toBeUndefined();
    expect(net.fib('r', P_H)).toEqual([H.address]);
  });

  it('completes IPv4 selection without waiting for an IPv6 End-of-RIB', () => {
    const dual = { afiSafis: [IPV4_UNICAST, IPV6_UNICAST] };
    const v6only = { afiSafis: [IPV6_UNICAST] };
    const net = triangle({
      r: gr(dual),
      rt: gr(v6only),
      t: gr({ ...v6only, sendEndOfRib: false }),
    });
    const t0 = net.now;
    net.crashProcess('r');
    net.restart('r', { restarting: true });
    net.runFor(s(5));
    // T negotiated IPv6 only and withholds End-of-RIB: IPv6 waits, IPv4 completed on H's End-of-RIB.
    expect(completions(net, t0).map((c) => [c.family, c.reason])).toEqual([['ipv4-unicast', 'end-of-rib']]);
    expect(net.speaker('r').deferral.active).toBe(true);
    expect(net.route('h', 'r', P_H)).toBeUndefined();
    expect(net.route('t', 'r', '2001:db8:2::/48', 'ipv6-unicast')).toBeUndefined();
    net.runFor(s(60));
    expect(completions(net, t0).map((c) => [c.family, c.reason])).toEqual([
      ['ipv4-unicast', 'end-of-rib'],
      ['ipv6-unicast', 'deferral-timer-expired'],
    ]);
  });

  it('sends no UPDATE to any session or RIB-only peer before selection completes', () => {
    const net = triangle();
    const t0 = net.now;
    net.crashNode('t');
    net.crashProcess('r');
    net.restart('r', { restarting: true });
    net.runFor(s(30));
    expect(net.fsm('r', 'h')).toBe('Established');
    expect(updatesSentBy(net, 'r', t0)).toEqual([]);
    expect(net.speaker('r').rib.counters('up').updatesSent).toBe(0);
    net.runFor(s(40));
    const done = completions(net, t0)[0].at;
    expect(updatesSentBy(net, 'r', t0).every((e) => e.at >= done)).toBe(true);
    expect(net.route('h', 'r', P_R)).toBe('fresh');
    expect(net.speaker('r').rib.counters('up').updatesSent).toBeGreaterThan(0);
  });

  it('brings RIB-only peers up at once on a speaker that did not restart', () => {
    const net = triangle();
    expect(net.speaker('r').rib.counters('up').prefixesAdvertised).toBe(3);
  });

  it('names the completion no-end-of-rib-awaited when every peer restarted too', () => {
    const net = triangle();
    const t0 = net.now;
    for (const n of ['r', 'h', 't']) net.crashProcess(n);
    for (const n of ['r', 'h', 't']) net.restart(n, { restarting: true });
    net.runFor(s(5));
    const done = completions(net, t0);
    expect(done.map((c) => c.reason)).toEqual(['no-end-of-rib-awaited']);
    expect(done[0].text).not.toMatch(/received/);
  });
});
