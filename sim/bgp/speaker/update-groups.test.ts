import { describe, expect, it } from 'vitest';
import { s } from '../../base/time.js';
import type { PeerConfigInput } from '../profile/profile.js';
import { H, R, T } from '../testing/fixtures.js';
import { Net } from '../testing/net.js';
import { isEndOfRib, type Message } from '../wire/message.js';

const U = { name: 'u', asn: 65004, routerId: '4.4.4.4', address: '10.0.0.4' } as const;
/** Same AS as R: an iBGP peer, whose outbound policy (no AS prepend, LOCAL_PREF) differs from the eBGP peers'. */
const I = { name: 'i', asn: R.asn, routerId: '5.5.5.5', address: '10.0.0.5' } as const;
const rfc: PeerConfigInput = { profile: 'rfc' };

/** R is a hub peering with H, T, U (eBGP) and I (iBGP); H announces `prefix` once all are up. */
function hub(prefix: string): { net: Net; sent: Map<string, Message> } {
  const net = new Net();
  for (const n of [H, T, U, I]) net.declare(n.name, n.asn, n.address);
  net.add({ ...R, peers: { h: rfc, t: rfc, u: rfc, i: rfc } });
  for (const n of [H, T, U, I]) net.add({ ...n, peers: { r: rfc } });
  net.runFor(s(10));
  const from = net.now;
  net.originate('h', { prefix });
  net.runFor(s(1));
  const sent = new Map<string, Message>();
  for (const e of net.log) {
    if (e.node !== 'r' || e.at < from || e.out.type !== 'peer' || e.out.output.type !== 'send') continue;
    const m = e.out.output.message;
    if (m.type === 'update' && !isEndOfRib(m)) sent.set(e.out.peer, m);
  }
  return { net, sent };
}

describe('update groups (FRR bgpd/bgp_updgrp.c)', () => {
  it('sends one UPDATE object to every peer whose outbound policy yields the same route', () => {
    const { sent } = hub('10.9.0.0/24');
    expect([...sent.keys()].sort()).toEqual(['i', 't', 'u']);
    expect(sent.get('t')).toBe(sent.get('u'));
    expect(sent.get('t')).toMatchObject({ type: 'update', nlri: ['10.9.0.0/24'] });
  });

  it('builds a separate UPDATE for a peer whose outbound policy differs (iBGP next to eBGP)', () => {
    const { sent } = hub('10.9.0.0/24');
    expect(sent.get('i')).not.toBe(sent.get('t'));
    const toI = sent.get('i');
    expect(toI?.type === 'update' ? toI.attributes.localPref : undefined).toBe(100);
  });

  it('the members of the group receive and install the route as before', () => {
    const { net } = hub('10.9.0.0/24');
    for (const n of ['t', 'u', 'i']) expect(net.bestFrom(n, '10.9.0.0/24')).toBe('r');
  });
});
