import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PathAttributes } from '../wire/message.js';
import {
  AFI_IPV6,
  CEASE_MAX_PREFIXES,
  COMMUNITY_NO_ADVERTISE,
  COMMUNITY_NO_EXPORT,
  ERR_CEASE,
  LLGR_STALE,
  NO_LLGR,
  SAFI_UNICAST,
} from '../wire/message.js';
import { Rib, type RibConfig, type RibResult } from './rib.js';

const V4 = 'ipv4-unicast';
const V6 = 'ipv6-unicast';

const attrs = (as: number[], extra: Partial<PathAttributes> = {}): PathAttributes => ({
  origin: 0,
  asPath: [{ type: 'sequence', asns: as }],
  nextHop: `192.0.2.${as[0] % 256}`,
  ...extra,
});

/**
 * r1 (AS 65001) and r2 (AS 65002) are eBGP neighbours (lim, AS 65010, has a maximum-prefix limit of 3) that may advertise the same prefixes; up1 (AS 65100,
 * LLGR-capable) and up2 (AS 65200, GR only) are upstream eBGP peers; ibgp1 is an iBGP peer.
 */
function world(config: Partial<RibConfig> = {}) {
  const rib = new Rib({ localAs: 65000, routerId: '10.255.0.1', ...config });
  rib.addPeer({ id: 'r1', asn: 65001, address: '192.0.2.1' });
  rib.addPeer({ id: 'lim', asn: 65010, address: '192.0.2.10', maxPrefixes: { [V4]: 3 } });
  rib.addPeer({ id: 'r2', asn: 65002, address: '192.0.2.2' });
  rib.addPeer({ id: 'up1', asn: 65100, address: '198.51.100.1', nextHopSelf: { [V4]: '198.51.100.2' } });
  rib.addPeer({ id: 'up2', asn: 65200, address: '198.51.100.5', nextHopSelf: { [V4]: '198.51.100.6' } });
  rib.addPeer({ id: 'ibgp1', asn: 65000, address: '10.0.0.9' });
  rib.peerUp('r1', { routerId: '10.0.0.1', families: [V4, V6] });
  rib.peerUp('r2', { routerId: '10.0.0.2', families: [V4, V6] });
  rib.peerUp('lim', { routerId: '10.0.0.10', families: [V4] });
  rib.peerUp('up1', { routerId: '10.0.1.1', families: [V4], llgrStaleFamilies: [V4] });
  rib.peerUp('up2', { routerId: '10.0.1.2', families: [V4] });
  rib.peerUp('ibgp1', { routerId: '10.0.2.1', families: [V4] });
  return rib;
}

const sentTo = (r: RibResult, peer: string) => r.updates.find((u) => u.peer === peer);
const announcedTo = (r: RibResult, peer: string) => sentTo(r, peer)?.announced.flatMap((a) => a.nlri) ?? [];
const withdrawnFrom = (r: RibResult, peer: string) => sentTo(r, peer)?.withdrawn ?? [];

describe('Graceful Restart helper operations (RFC 4724 §4.2)', () => {
  it('marking stale keeps routes best, forwarding and advertised, with no churn', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24', '10.2.0.0/24'], attributes: attrs([65001]) });
    const before = rib.counters('up1');
    const r = rib.markStale('r1', V4);
    expect(r.changed).toEqual([]);
    expect(r.fib).toEqual([]);
    expect(r.updates).toEqual([]);
    expect(rib.routeState('r1', V4, '10.1.0.0/24')).toBe('stale');
    expect(rib.bestPath(V4, '10.1.0.0/24')?.peer).toBe('r1');
    expect(rib.nextHops(V4, '10.1.0.0/24')).toEqual(['192.0.2.233']);
    expect(rib.counters('up1')).toEqual(before);
    expect(rib.staleCount('r1', V4)).toBe(2);
  });

  it('a stale route re-advertised unchanged becomes fresh and sends nothing', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    rib.markStale('r1', V4);
    // A new but equal attribute object, as the decoder of a new session would produce.
    const r = rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    expect(rib.routeState('r1', V4, '10.1.0.0/24')).toBe('fresh');
    expect(r.changed).toEqual([]);
    expect(r.updates).toEqual([]);
    expect(rib.staleCount('r1', V4)).toBe(0);
  });

  it('a stale route re-advertised with new attributes becomes fresh and is re-announced', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    rib.markStale('r1', V4);
    const r = rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001, 65009]) });
    expect(rib.routeState('r1', V4, '10.1.0.0/24')).toBe('fresh');
    expect(r.changed).toEqual(['10.1.0.0/24']);
    expect(announcedTo(r, 'up1')).toEqual(['10.1.0.0/24']);
  });

  it('deletes stale routes not refreshed by End-of-RIB', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24', '10.2.0.0/24', '10.3.0.0/24'], attributes: attrs([65001]) });
    rib.markStale('r1', V4);
    rib.update('r1', V4, { nlri: ['10.2.0.0/24'], attributes: attrs([65001]) });
    const r = rib.sweepStale('r1', V4);
    expect(new Set(r.changed)).toEqual(new Set(['10.1.0.0/24', '10.3.0.0/24']));
    expect(rib.adjRibIn('r1', V4).map((x) => x.prefix)).toEqual(['10.2.0.0/24']);
    expect(rib.bestPath(V4, '10.1.0.0/24')).toBeUndefined();
    expect(new Set(withdrawnFrom(r, 'up1'))).toEqual(new Set(['10.1.0.0/24', '10.3.0.0/24']));
    expect(r.fib.map((f) => f.nextHops)).toEqual([[], []]);
  });

  it('sweeping stale routes leaves other peers and other families alone', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    rib.update('r2', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65002]) });
    rib.update('r1', V6, { nlri: ['2001:db8::/32'], attributes: attrs([65001], { mpReach: mp6('2001:db8:ff::1') }) });
    rib.markStale('r1', V4);
    rib.markStale('r1', V6);
    rib.sweepStale('r1', V4);
    expect(rib.routeState('r2', V4, '10.1.0.0/24')).toBe('fresh');
    expect(rib.routeState('r1', V6, '2001:db8::/32')).toBe('stale');
    expect(rib.bestPath(V4, '10.1.0.0/24')?.peer).toBe('r2');
  });

  it('deleteAll removes every route of the peer in that family, fresh or stale', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24', '10.2.0.0/24'], attributes: attrs([65001]) });
    rib.update('r1', V6, { nlri: ['2001:db8::/32'], attributes: attrs([65001], { mpReach: mp6('2001:db8:ff::1') }) });
    rib.markStale('r1', V4);
    rib.update('r1', V4, { nlri: ['10.2.0.0/24'], attributes: attrs([65001]) });
    const r = rib.deleteAll('r1', V4);
    expect(r.changed).toHaveLength(2);
    expect(rib.acceptedPrefixes('r1', V4)).toBe(0);
    expect(rib.acceptedPrefixes('r1', V6)).toBe(1);
  });

  it('a consecutive restart deletes routes still stale from the previous one', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24', '10.2.0.0/24'], attributes: attrs([65001]) });
    rib.markStale('r1', V4);
    rib.update('r1', V4, { nlri: ['10.2.0.0/24'], attributes: attrs([65001]) });
    const r = rib.markStale('r1', V4, { deletePreviouslyStale: true });
    expect(r.changed).toEqual(['10.1.0.0/24']);
    expect(rib.routeState('r1', V4, '10.1.0.0/24')).toBeUndefined();
    expect(rib.routeState('r1', V4, '10.2.0.0/24')).toBe('stale');
  });

  it('a consecutive restart keeps old stale routes when asked to (LLGR, RFC 9494 §4.2)', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    rib.markStale('r1', V4);
    rib.toLlgrStale('r1', V4);
    const r = rib.markStale('r1', V4);
    expect(r.changed).toEqual([]);
    expect(rib.routeState('r1', V4, '10.1.0.0/24')).toBe('llgr-stale');
  });
});

describe('Long-Lived Graceful Restart (RFC 9494 §4.2–§4.3)', () => {
  it('attaches LLGR_STALE exactly once to stale routes', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001], { communities: [100] }) });
    rib.markStale('r1', V4);
    rib.toLlgrStale('r1', V4);
    rib.markStale('r1', V4);
    rib.toLlgrStale('r1', V4);
    const route = rib.adjRibIn('r1', V4)[0];
    expect(route.state).toBe('llgr-stale');
    expect(route.attributes.communities).toEqual([100, LLGR_STALE]);
  });

  it('NO_LLGR routes are deleted rather than made LLGR-stale', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001], { communities: [NO_LLGR] }) });
    rib.update('r1', V4, { nlri: ['10.2.0.0/24'], attributes: attrs([65001]) });
    rib.markStale('r1', V4);
    const r = rib.toLlgrStale('r1', V4);
    expect(rib.routeState('r1', V4, '10.1.0.0/24')).toBeUndefined();
    expect(rib.routeState('r1', V4, '10.2.0.0/24')).toBe('llgr-stale');
    expect(withdrawnFrom(r, 'up1')).toEqual(['10.1.0.0/24']);
  });

  it('leaves routes refreshed since the restart untouched', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24', '10.2.0.0/24'], attributes: attrs([65001]) });
    rib.markStale('r1', V4);
    rib.update('r1', V4, { nlri: ['10.2.0.0/24'], attributes: attrs([65001]) });
    const r = rib.toLlgrStale('r1', V4);
    expect(r.changed).toEqual(['10.1.0.0/24']);
    expect(rib.routeState('r1', V4, '10.2.0.0/24')).toBe('fresh');
  });

  it('an LLGR-stale path loses the best path to another peer and the traffic moves', () => {
    const rib = world();
    // r1 wins on router ID while both are fresh.
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    rib.update('r2', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65002]) });
    expect(rib.bestPath(V4, '10.1.0.0/24')?.peer).toBe('r1');
    rib.markStale('r1', V4);
    expect(rib.bestPath(V4, '10.1.0.0/24')?.peer).toBe('r1');
    const r = rib.toLlgrStale('r1', V4);
    expect(rib.bestPath(V4, '10.1.0.0/24')?.peer).toBe('r2');
    expect(r.fib).toEqual([{ prefix: '10.1.0.0/24', nextHops: ['192.0.2.234'], local: false }]);
  });

  it('an LLGR-stale path with no alternative stays best and is advertised to LLGR peers with LLGR_STALE', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    rib.markStale('r1', V4);
    const r = rib.toLlgrStale('r1', V4);
    expect(rib.bestPath(V4, '10.1.0.0/24')?.state).toBe('llgr-stale');
    expect(r.fib).toEqual([]);
    const toUp1 = sentTo(r, 'up1')!;
    expect(toUp1.announced).toHaveLength(1);
    expect(toUp1.announced[0].attributes.communities).toContain(LLGR_STALE);
  });

  it('explains per peer why the LLGR-stale best path is or is not advertised', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    rib.markStale('r1', V4);
    rib.toLlgrStale('r1', V4);
    expect(rib.exportStatus('up1', V4, '10.1.0.0/24')).toBe('advertised');
    expect(rib.exportStatus('up2', V4, '10.1.0.0/24')).toBe('llgr-stale-to-non-llgr-peer');
    expect(rib.exportStatus('r1', V4, '10.1.0.0/24')).toBe('learned-from-peer');
    expect(rib.exportStatus('up1', V4, '10.99.0.0/24')).toBe('no-route');
    rib.peerDown('up1');
    expect(rib.exportStatus('up1', V4, '10.1.0.0/24')).toBe('not-established');
  });

  it('LLGR-stale route is withdrawn from non-LLGR peers', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    rib.markStale('r1', V4);
    const r = rib.toLlgrStale('r1', V4);
    expect(withdrawnFrom(r, 'up2')).toEqual(['10.1.0.0/24']);
    expect(withdrawnFrom(r, 'ibgp1')).toEqual(['10.1.0.0/24']);
    expect(rib.adjRibOut('up2', V4)).toEqual([]);
    expect(rib.counters('up2').withdrawalsSent).toBe(1);
  });

  it('a route received already carrying LLGR_STALE is least preferred and kept from non-LLGR peers', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001], { communities: [LLGR_STALE] }) });
    rib.update('r2', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65002, 65003, 65004]) });
    expect(rib.bestPath(V4, '10.1.0.0/24')?.peer).toBe('r2');
    rib.deleteAll('r2', V4);
    expect(rib.adjRibOut('up1', V4).map((x) => x.prefix)).toEqual(['10.1.0.0/24']);
    expect(rib.adjRibOut('up2', V4)).toEqual([]);
  });

  it('a re-advertised LLGR-stale route becomes fresh without LLGR_STALE and returns to non-LLGR peers', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    rib.markStale('r1', V4);
    rib.toLlgrStale('r1', V4);
    const r = rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    expect(rib.routeState('r1', V4, '10.1.0.0/24')).toBe('fresh');
    expect(rib.bestPath(V4, '10.1.0.0/24')?.attributes.communities ?? []).not.toContain(LLGR_STALE);
    expect(announcedTo(r, 'up2')).toEqual(['10.1.0.0/24']);
    expect(announcedTo(r, 'up1')).toEqual(['10.1.0.0/24']);
  });

  it('sweepLlgrStale deletes LLGR-stale routes but not GR-stale or fresh ones', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24', '10.2.0.0/24'], attributes: attrs([65001]) });
    rib.markStale('r1', V4);
    rib.toLlgrStale('r1', V4);
    // Session back: 10.2 re-advertised, then it drops again before End-of-RIB.
    rib.update('r1', V4, { nlri: ['10.2.0.0/24', '10.3.0.0/24'], attributes: attrs([65001]) });
    rib.markStale('r1', V4);
    rib.update('r1', V4, { nlri: ['10.3.0.0/24'], attributes: attrs([65001]) });
    const r = rib.sweepLlgrStale('r1', V4);
    expect(r.changed).toEqual(['10.1.0.0/24']);
    expect(rib.routeState('r1', V4, '10.2.0.0/24')).toBe('stale');
    expect(rib.routeState('r1', V4, '10.3.0.0/24')).toBe('fresh');
  });

  it('End-of-RIB during LLGR also deletes the LLGR-stale routes not refreshed', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24', '10.2.0.0/24'], attributes: attrs([65001]) });
    rib.markStale('r1', V4);
    rib.toLlgrStale('r1', V4);
    rib.update('r1', V4, { nlri: ['10.2.0.0/24'], attributes: attrs([65001]) });
    rib.sweepStale('r1', V4);
    expect(rib.adjRibIn('r1', V4).map((x) => [x.prefix, x.state])).toEqual([['10.2.0.0/24', 'fresh']]);
  });
});

describe('multipath and forwarding', () => {
  it('GR-stale paths stay in the multipath set', () => {
    const rib = world({ maximumPaths: 4, multipathRelax: true });
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    rib.update('r2', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65002]) });
    expect(rib.nextHops(V4, '10.1.0.0/24')).toEqual(['192.0.2.233', '192.0.2.234']);
    const r = rib.markStale('r1', V4);
    expect(r.fib).toEqual([]);
    expect(rib.multipath(V4, '10.1.0.0/24').map((p) => [p.peer, p.state])).toEqual([
      ['r1', 'stale'],
      ['r2', 'fresh'],
    ]);
  });

  it('LLGR-stale paths leave the multipath set and the FIB is told', () => {
    const rib = world({ maximumPaths: 4, multipathRelax: true });
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    rib.update('r2', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65002]) });
    rib.markStale('r1', V4);
    const r = rib.toLlgrStale('r1', V4);
    expect(r.fib).toEqual([{ prefix: '10.1.0.0/24', nextHops: ['192.0.2.234'], local: false }]);
  });

  it('the FIB snapshot lists every reachable prefix with its next hops in address order', () => {
    const rib = world({ maximumPaths: 4, multipathRelax: true });
    rib.update('r2', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65002]) });
    rib.update('r1', V4, { nlri: ['10.1.0.0/24', '10.2.0.0/24'], attributes: attrs([65001]) });
    rib.originate(V4, '203.0.113.1/32', { origin: 0, asPath: [], nextHop: '10.0.0.1' });
    expect(rib.fibSnapshot(V4)).toEqual([
      { prefix: '10.1.0.0/24', nextHops: ['192.0.2.233', '192.0.2.234'], local: false },
      { prefix: '10.2.0.0/24', nextHops: ['192.0.2.233'], local: false },
      { prefix: '203.0.113.1/32', nextHops: [], local: true },
    ]);
  });

  it('a multipath change without a best-path change updates the FIB but sends no UPDATE', () => {
    const rib = world({ maximumPaths: 4, multipathRelax: true });
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    const r = rib.update('r2', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65002]) });
    expect(r.changed).toEqual(['10.1.0.0/24']);
    expect(r.fib).toEqual([{ prefix: '10.1.0.0/24', nextHops: ['192.0.2.233', '192.0.2.234'], local: false }]);
    expect(r.updates).toEqual([]);
  });
});

describe('Adj-RIB-Out and churn', () => {
  it('churn: a best-path change sends one update to each other peer', () => {
    const rib = world();
    const first = rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    expect(first.updates.map((u) => u.peer)).toEqual(['lim', 'r2', 'up1', 'up2', 'ibgp1']);
    // An equal path from r2 loses on router ID: nothing is sent.
    expect(rib.update('r2', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65002]) }).updates).toEqual([]);
    const others = ['lim', 'up1', 'up2', 'ibgp1'];
    const before = others.map((p) => rib.counters(p).updatesSent);
    const r = rib.deleteAll('r1', V4);
    // r2's path is best now: one UPDATE to every peer but r2, which is sent a withdrawal of r1's path.
    expect(others.map((p, i) => rib.counters(p).updatesSent - before[i])).toEqual([1, 1, 1, 1]);
    expect(announcedTo(r, 'r1')).toEqual(['10.1.0.0/24']);
    expect(withdrawnFrom(r, 'r2')).toEqual(['10.1.0.0/24']);
    expect(rib.counters('r2')).toEqual({ updatesSent: 1, withdrawalsSent: 1, prefixesAdvertised: 0 });
    expect(r.updates.map((u) => u.peer)).toEqual(['r1', 'lim', 'r2', 'up1', 'up2', 'ibgp1']);
  });

  it('a new path that does not become best sends nothing', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    const r = rib.update('r2', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65002, 65003]) });
    expect(r.changed).toEqual([]);
    expect(r.updates).toEqual([]);
  });

  it('withdraws from every peer it advertised to when the last path goes', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    const r = rib.update('r1', V4, { withdrawn: ['10.1.0.0/24'] });
    expect(r.updates.map((u) => [u.peer, u.withdrawn])).toEqual([
      ['lim', ['10.1.0.0/24']],
      ['r2', ['10.1.0.0/24']],
      ['up1', ['10.1.0.0/24']],
      ['up2', ['10.1.0.0/24']],
      ['ibgp1', ['10.1.0.0/24']],
    ]);
  });

  it('does not advertise a route back to the peer it came from', () => {
    const rib = world();
    const r = rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    expect(sentTo(r, 'r1')).toBeUndefined();
    expect(rib.adjRibOut('r1', V4)).toEqual([]);
  });

  it('does not advertise to an eBGP peer whose AS is already in the AS_PATH', () => {
    const rib = world();
    const r = rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001, 65100]) });
    expect(sentTo(r, 'up1')).toBeUndefined();
    expect(announcedTo(r, 'up2')).toEqual(['10.1.0.0/24']);
  });

  it('does not advertise iBGP-learned routes to iBGP peers', () => {
    const rib = world();
    rib.addPeer({ id: 'ibgp2', asn: 65000, address: '10.0.0.10' });
    rib.peerUp('ibgp2', { routerId: '10.0.2.2', families: [V4] });
    const r = rib.update('ibgp1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001], { localPref: 200 }) });
    expect(sentTo(r, 'ibgp2')).toBeUndefined();
    expect(announcedTo(r, 'up1')).toEqual(['10.1.0.0/24']);
  });

  it('does not export NO_EXPORT routes to eBGP peers but does to iBGP peers', () => {
    const rib = world();
    const r = rib.update('r1', V4, {
      nlri: ['10.1.0.0/24'],
      attributes: attrs([65001], { communities: [COMMUNITY_NO_EXPORT] }),
    });
    expect(r.updates.map((u) => u.peer)).toEqual(['ibgp1']);
  });

  it('does not advertise NO_ADVERTISE routes to any peer', () => {
    const rib = world();
    const r = rib.update('r1', V4, {
      nlri: ['10.1.0.0/24'],
      attributes: attrs([65001], { communities: [COMMUNITY_NO_ADVERTISE] }),
    });
    expect(rib.bestPath(V4, '10.1.0.0/24')?.peer).toBe('r1');
    expect(r.updates).toEqual([]);
  });

  it('eBGP export prepends our AS, sets our next hop and drops LOCAL_PREF and MED', () => {
    const rib = world();
    rib.update('ibgp1', V4, {
      nlri: ['10.1.0.0/24'],
      attributes: attrs([65001], { localPref: 200, med: 7, nextHop: '10.0.0.9' }),
    });
    const [sent] = rib.adjRibOut('up1', V4);
    expect(sent.attributes.asPath).toEqual([{ type: 'sequence', asns: [65000, 65001] }]);
    expect(sent.attributes.nextHop).toBe('198.51.100.2');
    expect(sent.attributes.localPref).toBeUndefined();
    expect(sent.attributes.med).toBeUndefined();
  });

  it('iBGP export carries LOCAL_PREF and leaves the AS_PATH and next hop', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001], { localPref: 999 }) });
    const [sent] = rib.adjRibOut('ibgp1', V4);
    expect(sent.attributes.localPref).toBe(100);
    expect(sent.attributes.asPath).toEqual([{ type: 'sequence', asns: [65001] }]);
    expect(sent.attributes.nextHop).toBe('192.0.2.233');
  });

  it('a session coming up is sent the whole Loc-RIB, counted', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24', '10.2.0.0/24'], attributes: attrs([65001]) });
    rib.addPeer({ id: 'late', asn: 65300, address: '203.0.113.1' });
    const [r] = rib.peerUp('late', { routerId: '10.0.3.1', families: [V4] });
    expect(announcedTo(r, 'late')).toEqual(['10.1.0.0/24', '10.2.0.0/24']);
    expect(rib.counters('late')).toEqual({ updatesSent: 2, withdrawalsSent: 0, prefixesAdvertised: 2 });
  });

  it("a peer's new BGP identifier re-runs the tie-break for the routes it kept", () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    rib.update('r2', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65002]) });
    rib.peerDown('r1');
    rib.markStale('r1', V4);
    const results = rib.peerUp('r1', { routerId: '10.9.9.9', families: [V4] });
    expect(rib.bestPath(V4, '10.1.0.0/24')?.peer).toBe('r2');
    expect(results.flatMap((r) => r.changed)).toEqual(['10.1.0.0/24']);
  });

  it('a session going down forgets what was sent without counting withdrawals, and resends on return', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    rib.peerDown('up1');
    expect(rib.adjRibOut('up1', V4)).toEqual([]);
    expect(rib.counters('up1')).toEqual({ updatesSent: 1, withdrawalsSent: 0, prefixesAdvertised: 0 });
    const r = rib.update('r1', V4, { withdrawn: ['10.1.0.0/24'] });
    expect(sentTo(r, 'up1')).toBeUndefined();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    rib.peerUp('up1', { routerId: '10.0.1.1', families: [V4] });
    expect(rib.counters('up1').updatesSent).toBe(2);
  });

  it('originated routes go to eBGP peers with our AS and our next hop, and to the FIB as local', () => {
    const rib = world();
    const r = rib.originate(V4, '203.0.113.10/32', { origin: 0, asPath: [], nextHop: '10.0.0.1' });
    expect(r.fib).toEqual([{ prefix: '203.0.113.10/32', nextHops: [], local: true }]);
    const [sent] = rib.adjRibOut('up1', V4);
    expect(sent.attributes.asPath).toEqual([{ type: 'sequence', asns: [65000] }]);
    expect(sent.attributes.nextHop).toBe('198.51.100.2');
    const w = rib.withdrawOriginated(V4, '203.0.113.10/32');
    expect(withdrawnFrom(w, 'up1')).toEqual(['203.0.113.10/32']);
  });
});

describe('UPDATE handling', () => {
  it('treats a path containing our own AS as a withdrawal (RFC 4271 §9.1.2)', () => {
    const rib = world();
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001]) });
    rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: attrs([65001, 65000]) });
    expect(rib.routeState('r1', V4, '10.1.0.0/24')).toBeUndefined();
  });

  it('applies MP_REACH_NLRI to IPv6 unicast with its next hop', () => {
    const rib = world();
    const results = rib.applyUpdate('r1', {
      type: 'update',
      withdrawn: [],
      nlri: [],
      attributes: {
        ...attrs([65001]),
        nextHop: undefined,
        mpReach: { ...mp6('2001:db8:ff::1'), nlri: ['2001:db8::/32'] },
      },
    });
    expect(results.map((r) => r.family)).toEqual([V6]);
    expect(rib.nextHops(V6, '2001:db8::/32')).toEqual(['2001:db8:ff::1']);
    expect(rib.bestPath(V6, '2001:db8::/32')?.attributes.mpReach?.nlri).toEqual([]);
    const [w] = rib.applyUpdate('r1', {
      type: 'update',
      withdrawn: [],
      nlri: [],
      attributes: { mpUnreach: { afi: AFI_IPV6, safi: SAFI_UNICAST, withdrawn: ['2001:db8::/32'] } },
    });
    expect(w.changed).toEqual(['2001:db8::/32']);
  });
});

describe('mixed UPDATEs', () => {
  it('splits one UPDATE carrying IPv4 NLRI and MP_REACH_NLRI into two families with their own next hops', () => {
    const rib = world();
    const results = rib.applyUpdate('r1', {
      type: 'update',
      withdrawn: [],
      nlri: ['10.1.0.0/24'],
      attributes: { ...attrs([65001]), mpReach: { ...mp6('2001:db8:ff::1'), nlri: ['2001:db8::/32'] } },
    });
    expect(results.map((r) => r.family).sort()).toEqual([V4, V6]);
    expect(rib.nextHops(V4, '10.1.0.0/24')).toEqual(['192.0.2.233']);
    expect(rib.nextHops(V6, '2001:db8::/32')).toEqual(['2001:db8:ff::1']);
    expect(rib.bestPath(V4, '10.1.0.0/24')?.attributes.mpReach).toBeUndefined();
    expect(rib.bestPath(V6, '2001:db8::/32')?.attributes.nextHop).toBeUndefined();
  });
});

describe('maximum prefixes (RFC 4486 §4)', () => {
  it('reports Cease / Maximum Number of Prefixes Reached with AFI, SAFI and the limit when exceeded', () => {
    const rib = world();
    const ok = rib.update('lim', V4, {
      nlri: ['10.1.0.0/24', '10.2.0.0/24', '10.3.0.0/24'],
      attributes: attrs([65010]),
    });
    expect(ok.maxPrefixExceeded).toBeUndefined();
    const r = rib.update('lim', V4, { nlri: ['10.4.0.0/24'], attributes: attrs([65010]) });
    expect(r.maxPrefixExceeded?.reason).toBe('max-prefix');
    const n = r.maxPrefixExceeded!.notification;
    expect([n.code, n.subcode]).toEqual([ERR_CEASE, CEASE_MAX_PREFIXES]);
    expect([...n.data]).toEqual([0, 1, 1, 0, 0, 0, 3]);
    expect(rib.acceptedPrefixes('lim', V4)).toBe(3);
  });

  it('re-advertising known prefixes at the limit does not exceed it', () => {
    const rib = world();
    rib.update('lim', V4, { nlri: ['10.1.0.0/24', '10.2.0.0/24', '10.3.0.0/24'], attributes: attrs([65010]) });
    rib.markStale('lim', V4);
    const r = rib.update('lim', V4, {
      nlri: ['10.1.0.0/24', '10.2.0.0/24', '10.3.0.0/24'],
      attributes: attrs([65010]),
    });
    expect(r.maxPrefixExceeded).toBeUndefined();
  });

  it('counts stale routes toward the limit', () => {
    const rib = world();
    rib.update('lim', V4, { nlri: ['10.1.0.0/24', '10.2.0.0/24', '10.3.0.0/24'], attributes: attrs([65010]) });
    rib.markStale('lim', V4);
    const r = rib.update('lim', V4, { nlri: ['10.9.0.0/24'], attributes: attrs([65010]) });
    expect(r.maxPrefixExceeded?.limit).toBe(3);
  });
});

describe('properties', () => {
  it('sweeping after refreshing a random subset leaves exactly that subset, fresh', () => {
    const all = Array.from({ length: 40 }, (_, i) => `10.${i}.0.0/16`);
    fc.assert(
      fc.property(fc.subarray(all), fc.subarray(all), (held, refreshed) => {
        const rib = world();
        rib.update('r1', V4, { nlri: held, attributes: attrs([65001]) });
        rib.update('r2', V4, { nlri: all, attributes: attrs([65002, 65003]) });
        rib.markStale('r1', V4);
        rib.update('r1', V4, { nlri: refreshed, attributes: attrs([65001]) });
        rib.sweepStale('r1', V4);
        const left = rib.adjRibIn('r1', V4);
        expect(new Set(left.map((x) => x.prefix))).toEqual(new Set(refreshed));
        expect(left.every((x) => x.state === 'fresh')).toBe(true);
        expect(rib.acceptedPrefixes('r2', V4)).toBe(all.length);
        // Every prefix is still reachable (via r2 at least), and r1's path is best wherever it remains.
        for (const p of all) expect(rib.bestPath(V4, p)?.peer).toBe(refreshed.includes(p) ? 'r1' : 'r2');
      }),
      { numRuns: 60 },
    );
  });

  it("the Adj-RIB-Out always equals the export of the current best path, whatever the GR operations' order", () => {
    const ops = fc.array(
      fc.oneof(
        fc.record({
          op: fc.constant('announce' as const),
          peer: fc.constantFrom('r1', 'r2'),
          i: fc.nat(5),
          len: fc.nat(2),
        }),
        fc.record({ op: fc.constant('withdraw' as const), peer: fc.constantFrom('r1', 'r2'), i: fc.nat(5) }),
        fc.record({
          op: fc.constantFrom(
            'markStale' as const,
            'sweepStale' as const,
            'toLlgrStale' as const,
            'sweepLlgrStale' as const,
            'deleteAll' as const,
          ),
          peer: fc.constantFrom('r1', 'r2'),
        }),
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(ops, (list) => {
        const rib = world({ maximumPaths: 2, multipathRelax: true });
        let updates = 0;
        let withdrawals = 0;
        const tally = (r: RibResult) => {
          for (const u of r.updates) {
            if (u.peer !== 'up2') continue;
            updates += u.announced.reduce((n, a) => n + a.nlri.length, 0);
            withdrawals += u.withdrawn.length;
          }
        };
        for (const o of list) {
          const asn = o.peer === 'r1' ? 65001 : 65002;
          if (o.op === 'announce') {
            const as = [asn, ...Array<number>(o.len).fill(64512)];
            tally(rib.update(o.peer, V4, { nlri: [`10.${o.i}.0.0/16`], attributes: attrs(as) }));
          } else if (o.op === 'withdraw') tally(rib.update(o.peer, V4, { withdrawn: [`10.${o.i}.0.0/16`] }));
          else tally(rib[o.op](o.peer, V4));
        }
        const expected = rib
          .locRibPrefixes(V4)
          .filter((p) => !(rib.bestPath(V4, p)!.attributes.communities ?? []).includes(LLGR_STALE));
        expect(rib.adjRibOut('up2', V4).map((x) => x.prefix)).toEqual(expected);
        const c = rib.counters('up2');
        expect([c.updatesSent, c.withdrawalsSent, c.prefixesAdvertised]).toEqual([
          updates,
          withdrawals,
          expected.length,
        ]);
      }),
      { numRuns: 150 },
    );
  });
});

function mp6(nextHop: string) {
  return { afi: AFI_IPV6, safi: SAFI_UNICAST, nextHop, nlri: [] as string[] };
}
