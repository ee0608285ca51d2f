/**
 * gr-reference §3 B: NOTIFICATION, N bit, Hard Reset and the hold timer (RFC 8538), cases C16–C20,
 * run for each profile they name. Times are relative to the stimulus at t = 0.
 */
import { describe, expect, it } from 'vitest';
import { s, type Time } from '../../base/time.js';
import { FRR_FAST, grNet, T } from '../testing/fixtures.js';
import { Net } from '../testing/net.js';
import { encode } from '../wire/codec.js';
import { CEASE_ADMIN_RESET, CEASE_HARD_RESET, ERR_CEASE, ERR_HOLD_TIMER_EXPIRED } from '../wire/message.js';

const P1 = '172.16.255.1/32';
const P2 = '172.16.255.2/32';
const at = (net: Net, t0: Time, seconds: number) => net.runUntil((t0 + s(seconds)) as Time);

const frr = (profile: string, extra: object = {}) => ({
  profile,
  ...FRR_FAST,
  gr: { mode: 'restart' as const, preserveForwarding: true },
  ...extra,
});

describe('C16: hold-timer expiry with N exchanged ⇒ GR', () => {
  it('C16 [frr]: at 3 s the helper sends NOTIFICATION 4 and keeps the route stale', () => {
    const net = grNet({ r: frr('frr'), h: frr('frr'), rOriginate: [P1] });
    expect(net.speaker('h').sessions.get('r')!.negotiation!.nExchanged).toBe(true);
    const t0 = net.now;
    net.blackhole('r', 'h');
    at(net, t0, 3.5);
    const sent = net.notificationsSent('h', 'r').filter((n) => n.at >= t0);
    expect(sent.map((n) => n.code)).toEqual([ERR_HOLD_TIMER_EXPIRED]);
    // Hold 3 s from the last KEEPALIVE received (sent every 1 s).
    expect(sent[0].at - t0).toBeLessThanOrEqual(s(3));
    expect(sent[0].at - t0).toBeGreaterThan(s(2));
    expect(net.route('h', 'r', P1)).toBe('stale');
  });
  const noN: [string, object, 'flush' | 'gr'][] = [
    ['frr', frr('frr', { gr: { mode: 'restart', preserveForwarding: true, notification: false } }), 'flush'],
    ['bird', { profile: 'bird', gr: { mode: 'restart' }, timers: { holdTime: 3 } }, 'flush'],
    ['gobgp', { profile: 'gobgp', gr: { mode: 'restart' }, timers: { holdTime: 3, keepaliveTime: 1 } }, 'gr'],
    ['rfc', { profile: 'rfc', gr: { notification: false }, timers: { holdTime: 3 } }, 'flush'],
  ];
  for (const [name, cfg, outcome] of noN) {
    it(`C16 [${name}] without N: hold-timer expiry sends NOTIFICATION 4 and ${outcome === 'flush' ? 'flushes' : 'keeps GR'}`, () => {
      const net = grNet({ r: cfg, h: cfg, rOriginate: [P1] });
      expect(net.speaker('h').sessions.get('r')!.negotiation!.nExchanged).toBe(false);
      const t0 = net.now;
      net.blackhole('r', 'h');
      at(net, t0, 3.5);
      expect(
        net
          .notificationsSent('h', 'r')
          .filter((n) => n.at >= t0)
          .map((n) => n.code),
      ).toEqual([ERR_HOLD_TIMER_EXPIRED]);
      expect(net.route('h', 'r', P1)).toBe(outcome === 'flush' ? undefined : 'stale');
    });
  }
  it('C16 [bird-2.13] without N: the NOTIFICATION 4 and the flush wait for the next main-loop wake-up after the hold timer', () => {
    const cfg = { profile: 'bird-2.13', gr: { mode: 'restart' as const }, timers: { holdTime: 3 } };
    const net = grNet({ r: cfg, h: cfg, rOriginate: [P1] });
    const t0 = net.now;
    const holdFires = net.speaker('h').sessions.get('r')!.timers.hold;
    net.blackhole('r', 'h');
    // The hold timer fires 3 s after the last KEEPALIVE heard; nothing happens until BIRD wakes up again
    // (here at its own keepalive timer, the next one in its loop).
    net.runUntil((holdFires + s(0.0005)) as Time);
    expect(net.notificationsSent('h', 'r').filter((n) => n.at >= t0)).toEqual([]);
    expect(net.route('h', 'r', P1)).toBe('fresh');
    at(net, t0, 6.5);
    expect(
      net
        .notificationsSent('h', 'r')
        .filter((n) => n.at >= t0)
        .map((n) => n.code),
    ).toEqual([4]);
    expect(net.route('h', 'r', P1)).toBeUndefined();
  });
  it('C16 [bird] without N but with LLGR: GR without sending any NOTIFICATION', () => {
    const cfg = {
      profile: 'bird',
      gr: { mode: 'restart' as const },
      llgr: { advertise: 'tuples' as const, staleTime: 60 },
      timers: { holdTime: 3 },
    };
    const net = grNet({ r: cfg, h: cfg, rOriginate: [P1] });
    const t0 = net.now;
    net.blackhole('r', 'h');
    at(net, t0, 3.5);
    expect(net.notificationsSent('h', 'r').filter((n) => n.at >= t0)).toEqual([]);
    expect(net.route('h', 'r', P1)).toBe('stale');
  });
});

/** R2 = h clears the session (Cease/Administrative Reset); a long idle hold stands in for `timers delayopen 60`. */
function clearBgp(hCfg: object, rCfg: object) {
  const net = grNet({ r: rCfg, h: hCfg, rOriginate: [P1], hOriginate: [P2] });
  const t0 = net.now;
  net.input('h', 'r', { type: 'admin-reset' });
  at(net, t0, 1);
  return { net, t0 };
}
const slow = { idleHoldTime: 60, connectRetryTime: 60 };

describe('C17: clear bgp with N exchanged and hard-admin-reset OFF ⇒ both ends retain (DISAGREE)', () => {
  it('C17 [frr]: R1 gets a plain Cease/4; both R1 and the sender R2 keep the peer routes stale', () => {
    const h = frr('frr', {
      timers: { ...FRR_FAST.timers, ...slow },
      gr: { mode: 'restart', preserveForwarding: true, hardAdminReset: false },
    });
    const r = frr('frr', { timers: { ...FRR_FAST.timers, ...slow } });
    const { net, t0 } = clearBgp(h, r);
    const sent = net.notificationsSent('h', 'r').filter((n) => n.at >= t0);
    expect(sent.map((n) => [n.code, n.subcode])).toEqual([[ERR_CEASE, CEASE_ADMIN_RESET]]);
    expect(net.speaker('r').sessions.get('h')!.lastNotificationReceived?.hardReset).toBe(false);
    expect(net.route('r', 'h', P2)).toBe('stale');
    expect(net.route('h', 'r', P1)).toBe('stale');
  });
  it('C17 [gobgp]: the receiver retains, the sender flushes', () => {
    const cfg = { profile: 'gobgp', gr: { mode: 'restart' as const, notification: true }, timers: slow };
    const { net } = clearBgp(cfg, cfg);
    expect(net.speaker('h').sessions.get('r')!.negotiation!.nExchanged).toBe(true);
    expect(net.route('r', 'h', P2)).toBe('stale');
    expect(net.route('h', 'r', P1)).toBeUndefined();
  });
  it('C17 [bird]: no N support, both ends flush', () => {
    const cfg = { profile: 'bird', gr: { mode: 'restart' as const, notification: true }, timers: slow };
    const { net } = clearBgp(cfg, cfg);
    expect(net.speaker('h').sessions.get('r')!.negotiation!.nExchanged).toBe(false);
    expect(net.route('r', 'h', P2)).toBeUndefined();
    expect(net.route('h', 'r', P1)).toBeUndefined();
  });
});

describe('C18: hold-timer expiry without N (GoBGP keeps GR)', () => {
  function setup(profile: string) {
    // g1 = r originates 10.10.20.0/24; g2 = h (GR, restart 30, no N); g3 = t (no GR) peers with g1.
    const g = (extra: object = {}) => ({
      profile,
      gr: { mode: 'restart' as const, restartTime: 30, notification: false },
      ...extra,
    });
    const net = new Net();
    net.declare('h', 65002, '10.0.0.2').declare('t', T.asn, T.address);
    net.add({
      name: 'r',
      asn: 65001,
      routerId: '1.1.1.1',
      address: '10.0.0.1',
      peers: { h: g(), t: g() },
      originate: [{ prefix: '10.10.20.0/24' }],
    });
    net.add({ name: 'h', asn: 65002, routerId: '2.2.2.2', address: '10.0.0.2', peers: { r: g() } });
    net.add({ ...T, peers: { r: { profile, gr: { mode: 'disable' as const } } } });
    net.runFor(s(10));
    const t0 = net.now;
    net.blackhole('r', 'h');
    net.blackhole('r', 't');
    return { net, t0 };
  }
  it('C18 [gobgp]: within the 90 s hold time g2 keeps the route stale, g3 has lost it; g2 empties at hold + 30 s', () => {
    const { net, t0 } = setup('gobgp');
    at(net, t0, 90.5);
    expect(net.fsm('h', 'r')).not.toBe('Established');
    expect(net.route('h', 'r', '10.10.20.0/24')).toBe('stale');
    expect(net.route('t', 'r', '10.10.20.0/24')).toBeUndefined();
    const down = net.speaker('h').sessions.get('r')!.lastDownAt;
    net.runUntil((down + s(30) - s(0.1)) as Time);
    expect(net.route('h', 'r', '10.10.20.0/24')).toBe('stale');
    net.runUntil((down + s(30) + s(0.1)) as Time);
    expect(net.route('h', 'r', '10.10.20.0/24')).toBeUndefined();
  });
  it('C18 [frr]: the same hold-timer expiry without N flushes (RFC 4724 §4)', () => {
    const { net, t0 } = setup('frr');
    at(net, t0, 181);
    expect(net.fsm('h', 'r')).not.toBe('Established');
    expect(net.route('h', 'r', '10.10.20.0/24')).toBeUndefined();
  });
});

describe('C19: clear bgp with N exchanged and hard-admin-reset ON ⇒ Hard Reset ⇒ flush', () => {
  for (const profile of ['frr', 'frr-8.4', 'rfc']) {
    it(`C19 [${profile}]: R1 receives Cease/9 wrapping Cease/4 and keeps no stale copy`, () => {
      const cfg = frr(profile, {
        timers: { ...FRR_FAST.timers, ...slow },
        gr: { mode: 'restart', preserveForwarding: true, hardAdminReset: true },
      });
      const { net, t0 } = clearBgp(cfg, cfg);
      const sent = net.notificationsSent('h', 'r').filter((n) => n.at >= t0);
      expect(sent.map((n) => [n.code, n.subcode, n.data[0], n.data[1]])).toEqual([
        [ERR_CEASE, CEASE_HARD_RESET, ERR_CEASE, CEASE_ADMIN_RESET],
      ]);
      expect(net.speaker('r').sessions.get('h')!.lastNotificationReceived?.hardReset).toBe(true);
      expect(net.route('r', 'h', P2)).toBeUndefined();
      expect(net.route('h', 'r', P1)).toBeUndefined();
    });
  }
});

describe('C20: Hard Reset wire format (DISAGREE)', () => {
  const msg = 'maintenance';
  const text = [...new TextEncoder().encode(msg)];
  const cases: [string, object, number[]][] = [
    ['frr', frr('frr'), [6, 9, 6, 2, text.length, ...text]],
    ['gobgp', { profile: 'gobgp', gr: { mode: 'restart', notification: true } }, [6, 9, text.length, ...text]],
    [
      'gobgp-3.34',
      { profile: 'gobgp-3.34', gr: { mode: 'restart', notification: true } },
      [6, 9, text.length, ...text],
    ],
    [
      'gobgp-3.25',
      { profile: 'gobgp-3.25', gr: { mode: 'restart', notification: true } },
      [6, 2, text.length, ...text],
    ],
    ['bird', { profile: 'bird', gr: { mode: 'restart' } }, [6, 2, text.length, ...text]],
  ];
  for (const [name, cfg, bytes] of cases) {
    it(`C20 [${name}]: admin shutdown goes on the wire as ${bytes.slice(0, 4).join(' ')} …`, () => {
      // GoBGP ≤ 3.34's first connect comes 5–9 whole seconds after start: let it settle.
      const net = grNet({ r: cfg, h: cfg, rOriginate: [P1], settle: s(20) });
      const t0 = net.now;
      net.input('h', 'r', { type: 'manual-stop', communication: msg });
      at(net, t0, 1);
      const sent = net.log.find(
        (e) => e.node === 'h' && e.at >= t0 && e.out.type === 'peer' && e.out.output.type === 'send',
      );
      const m = sent?.out.type === 'peer' && sent.out.output.type === 'send' ? sent.out.output.message : undefined;
      expect(m?.type).toBe('notification');
      const wire = encode(m!);
      // After the 19-octet header: Error Code, Subcode, Data.
      expect([...wire.slice(19)]).toEqual(bytes);
    });
  }
  it('C20 [frr]: Administrative Reset stays a plain Cease/4 without hard-administrative-reset', () => {
    const cfg = frr('frr', { gr: { mode: 'restart', preserveForwarding: true, hardAdminReset: false } });
    const net = grNet({ r: cfg, h: cfg, rOriginate: [P1] });
    const t0 = net.now;
    net.input('h', 'r', { type: 'admin-reset' });
    at(net, t0, 0.5);
    expect(
      net
        .notificationsSent('h', 'r')
        .filter((n) => n.at >= t0)
        .map((n) => [n.code, n.subcode]),
    ).toEqual([[6, 4]]);
  });
});
