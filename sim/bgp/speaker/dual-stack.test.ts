import { describe, expect, it } from 'vitest';
import { s, type Time } from '../../base/time.js';
import { familyName, neighborGrStatus, renderNeighborAfis, renderNeighborGr } from '../status/index.js';
import { grNet } from '../testing/fixtures.js';

const V4 = { afi: 1, safi: 1 };
const V6 = { afi: 2, safi: 1 };
const dual = { profile: 'rfc', afiSafis: [V4, V6] };
const routes = { rOriginate: ['10.100.0.10/32', { prefix: 'fd00:100::10/128', family: 'ipv6-unicast' as const }] };

describe('dual stack: IPv4 and IPv6 unicast on one session, each family with its own GR state', () => {
  it('the helper keeps IPv4 stale and deletes IPv6 at the new OPEN when F is set for IPv4 only (RFC 4724 §4.2)', () => {
    const net = grNet({
      r: { ...dual, gr: { forwardingAfiSafis: [V4] } },
      h: dual,
      ...routes,
    });
    expect(net.route('h', 'r', 'fd00:100::10/128', 'ipv6-unicast')).toBe('fresh');
    net.crashProcess('r');
    net.runFor(s(5));
    expect(net.route('h', 'r', '10.100.0.10/32')).toBe('stale');
    expect(net.route('h', 'r', 'fd00:100::10/128', 'ipv6-unicast')).toBe('stale');
    net.restart('r', { restarting: true });
    net.runUntilTrue(() => net.fsm('h', 'r') === 'Established', (net.now + s(60)) as Time);
    expect(net.route('h', 'r', '10.100.0.10/32')).toBe('stale');
    expect(net.route('h', 'r', 'fd00:100::10/128', 'ipv6-unicast')).toBeUndefined();
    const st = neighborGrStatus(net.speaker('h').sessions.get('r')!, net.now);
    expect(st.addressFamiliesByPeer).toEqual([
      { name: 'IPv4 Unicast', preserved: true },
      { name: 'IPv6 Unicast', preserved: false },
    ]);
  });

  it('defers route selection per family: a family the GR peer does not carry is not waited for (RFC 4724 §4.1)', () => {
    const net = grNet({ r: { ...dual }, h: { profile: 'rfc', afiSafis: [V4] }, ...routes });
    net.crashProcess('r');
    net.runFor(s(5));
    net.restart('r', { restarting: true });
    net.runUntilTrue(() => net.fsm('r', 'h') === 'Established', (net.now + s(60)) as Time);
    const d = net.speaker('r').deferral;
    expect(d.families.get('ipv4-unicast')?.completedBy).toBe('end-of-rib');
    expect(d.families.get('ipv6-unicast')?.completedBy).toBe('no-end-of-rib-awaited');
  });

  it("neighbors lists the Multiprotocol capability and a 'For address family' block per family, as FRR", () => {
    const net = grNet({ r: dual, h: dual, ...routes });
    const st = neighborGrStatus(net.speaker('h').sessions.get('r')!, net.now);
    const text = renderNeighborGr(st);
    expect(text).toContain('    Address Family IPv4 Unicast: advertised and received');
    expect(text).toContain('    Address Family IPv6 Unicast: advertised and received');
    const rib = net.speaker('h').rib;
    const blocks = renderNeighborAfis(
      ['ipv4-unicast', 'ipv6-unicast'].map((f, i) => ({
        name: familyName(i + 1, 1),
        accepted: rib.acceptedPrefixes('r', f as 'ipv4-unicast'),
        stale: rib.staleCount('r', f as 'ipv4-unicast'),
      })),
    );
    expect(blocks).toBe(
      '\n\n For address family: IPv4 Unicast\n  1 accepted prefixes\n\n For address family: IPv6 Unicast\n  1 accepted prefixes',
    );
  });

  it('advertises an IPv6 service with the IPv6 next hop, over an IPv4 session (RFC 2545 §3, RFC 4760)', () => {
    const net = grNet({ r: dual, h: dual, ...routes });
    const path = net
      .speaker('h')
      .rib.adjRibIn('r', 'ipv6-unicast')
      .find((x) => x.prefix === 'fd00:100::10/128');
    // MP_REACH_NLRI carries the IPv6 next hop; no IPv4 NEXT_HOP attribute (RFC 4760 §3).
    expect(path?.attributes.mpReach?.nextHop).toBe('2001:db8::1');
    expect(path?.attributes.nextHop).toBeUndefined();
  });
});
