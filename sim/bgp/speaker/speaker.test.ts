import { describe, expect, it } from 'vitest';
import { s } from '../../base/time.js';
import { IPV4_UNICAST, IPV6_UNICAST } from '../profile/rfc.js';
import { grNet, H } from '../testing/fixtures.js';
import { isEndOfRib } from '../wire/message.js';

const eorsSent = (net: ReturnType<typeof grNet>, node: string) =>
  net.log.filter(
    (e) => e.node === node && e.out.type === 'peer' && e.out.output.type === 'send' && isEndOfRib(e.out.output.message),
  ).length;

describe('speaker', () => {
  for (const mode of ['restart', 'helper', 'disable'] as const) {
    it(`sends End-of-RIB after the initial update on a new session with GR ${mode} (RFC 4724 §4)`, () => {
      const cfg = { profile: 'rfc', gr: { mode } };
      const net = grNet({ r: cfg, h: cfg, rOriginate: ['10.0.0.0/24'] });
      expect(eorsSent(net, 'r')).toBe(1);
      expect(eorsSent(net, 'h')).toBe(1);
      // The UPDATE precedes the End-of-RIB.
      const sends = net.log.filter(
        (e) =>
          e.node === 'r' &&
          e.out.type === 'peer' &&
          e.out.output.type === 'send' &&
          e.out.output.message.type === 'update',
      );
      const first =
        sends[0].out.type === 'peer' && sends[0].out.output.type === 'send' ? sends[0].out.output.message : undefined;
      expect(first && isEndOfRib(first)).toBeFalsy();
    });
  }

  it('sends no End-of-RIB with FRR disable-eor', () => {
    const net = grNet({
      r: { profile: 'frr', sendEndOfRib: false },
      h: { profile: 'frr' },
      rOriginate: ['10.0.0.0/24'],
    });
    expect(eorsSent(net, 'r')).toBe(0);
  });

  it('tears the session down with Cease/Maximum Number of Prefixes Reached when the peer exceeds the limit', () => {
    const net = grNet({
      r: { profile: 'rfc' },
      h: { profile: 'rfc', maxPrefix: 1 },
      rOriginate: ['10.0.0.0/24', '10.0.1.0/24'],
    });
    // Both ends connect at once: the losing connection got Cease/7 first (RFC 4271 §6.8).
    const sent = net.notificationsSent('h', 'r').filter((n) => !(n.code === 6 && n.subcode === 7));
    expect(sent[0]).toMatchObject({ code: 6, subcode: 9 });
    // Sent as a Hard Reset (N exchanged, RFC 8538 §5.1) wrapping Cease/1 with AFI/SAFI/limit data (RFC 4486 §4).
    expect([...sent[0].data.slice(0, 5)]).toEqual([6, 1, 0, 1, 1]);
    expect(net.speaker('h').sessions.get('r')!.lastDownReason).toBe('max-prefix');
  });

  it('as a restarting speaker advertises nothing until selection ends, then its routes and End-of-RIB', () => {
    const net = grNet({ r: { profile: 'rfc' }, h: { profile: 'rfc' }, rOriginate: ['10.0.0.0/24'], settle: s(5) });
    net.crashProcess('r');
    net.restart('r', { restarting: true });
    net.runFor(s(5));
    const kinds = net.log
      .filter(
        (e) =>
          e.node === 'r' &&
          e.at >= s(5) &&
          (e.out.type === 'selection-complete' ||
            (e.out.type === 'peer' && e.out.output.type === 'send' && e.out.output.message.type === 'update')),
      )
      .map((e) =>
        e.out.type === 'selection-complete'
          ? 'complete'
          : e.out.type === 'peer' && e.out.output.type === 'send' && isEndOfRib(e.out.output.message)
            ? 'eor'
            : 'update',
      );
    expect(kinds).toEqual(['complete', 'update', 'eor']);
    expect(net.route('h', 'r', '10.0.0.0/24')).toBe('fresh');
    expect(net.fib('r', '10.0.0.0/24')).toEqual([]);
    void H;
  });
});

describe('speaker with IPv6 unicast', () => {
  it('runs GR per family through MP_REACH / MP_UNREACH End-of-RIB markers', () => {
    const cfg = { profile: 'rfc', afiSafis: [IPV4_UNICAST, IPV6_UNICAST] };
    const net = grNet({
      r: cfg,
      h: cfg,
      rOriginate: [
        '10.0.0.0/24',
        { prefix: '2001:db8:1::/48', family: 'ipv6-unicast' },
        { prefix: '2001:db8:2::/48', family: 'ipv6-unicast' },
      ],
    });
    expect(net.route('h', 'r', '2001:db8:1::/48', 'ipv6-unicast')).toBe('fresh');
    expect(net.fib('h', '2001:db8:1::/48')).toEqual(['2001:db8::1']);
    expect(net.speaker('h').sessions.get('r')!.eorReceived).toEqual(new Set(['ipv4-unicast', 'ipv6-unicast']));
    net.crashProcess('r');
    net.runFor(s(1));
    expect(net.route('h', 'r', '2001:db8:2::/48', 'ipv6-unicast')).toBe('stale');
    net.restart('r', {
      restarting: true,
      spec: { originate: [{ prefix: '10.0.0.0/24' }, { prefix: '2001:db8:1::/48', family: 'ipv6-unicast' }] },
    });
    net.runFor(s(5));
    expect(net.route('h', 'r', '2001:db8:1::/48', 'ipv6-unicast')).toBe('fresh');
    expect(net.route('h', 'r', '2001:db8:2::/48', 'ipv6-unicast')).toBeUndefined();
    expect(net.route('h', 'r', '10.0.0.0/24')).toBe('fresh');
  });
});

describe('speaker messages on the wire', () => {
  it('every message of a GR cycle with IPv4, IPv6 and LLGR survives the codec unchanged in meaning', () => {
    const cfg = {
      profile: 'frr',
      afiSafis: [IPV4_UNICAST, IPV6_UNICAST],
      gr: { mode: 'restart' as const, preserveForwarding: true },
      llgr: { staleTime: 60 },
    };
    const net = grNet({
      r: cfg,
      h: cfg,
      wire: true,
      rOriginate: ['10.0.0.0/24', { prefix: '2001:db8:1::/48', family: 'ipv6-unicast' }],
    });
    expect(net.wireBytes).toBeGreaterThan(0);
    expect(net.speaker('h').sessions.get('r')!.negotiation!.afs.get('ipv6-unicast')!.llst).toBe(60);
    expect(net.route('h', 'r', '2001:db8:1::/48', 'ipv6-unicast')).toBe('fresh');
    net.input('h', 'r', { type: 'admin-reset', communication: 'maintenance' });
    net.runFor(s(10));
    expect(net.speaker('r').sessions.get('h')!.lastNotificationReceived).toMatchObject({
      code: 6,
      subcode: 4,
      hardReset: true,
    });
    expect(net.fsm('h', 'r')).toBe('Established');
    expect(net.route('h', 'r', '10.0.0.0/24')).toBe('fresh');
    expect(
      net.log.some(
        (e) => e.out.type === 'peer' && e.out.output.type === 'state-change' && e.out.output.reason === 'update-error',
      ),
    ).toBe(false);
  });
});
