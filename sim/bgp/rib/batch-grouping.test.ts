import { describe, expect, it } from 'vitest';
import type { PathAttributes, UpdateMessage } from '../wire/message.js';
import { Rib } from './rib.js';

const V4 = 'ipv4-unicast';

const attrs = (as: number[]): PathAttributes => ({
  origin: 0,
  asPath: [{ type: 'sequence', asns: as }],
  nextHop: `192.0.2.${as[0] % 256}`,
});

/** A route server's shape: `n` members, each its own AS, all Established. */
function routeServer(n: number): Rib {
  const rib = new Rib({ localAs: 65000, routerId: '10.255.0.1' });
  for (let i = 1; i <= n; i++) {
    rib.addPeer({ id: `m${i}`, asn: 65000 + i, address: `192.0.2.${i}` });
    rib.peerUp(`m${i}`, { routerId: `10.0.0.${i}`, families: [V4] });
  }
  return rib;
}

const summary = (r: ReturnType<Rib['update']>) =>
  r.updates.map((u) => [u.peer, u.withdrawn, u.announced.map((a) => a.nlri)]);

describe('one operation’s UPDATEs, grouped per peer', () => {
  it('sends one prefix to every other member, in peer order', () => {
    const r = routeServer(4).update('m2', V4, { nlri: ['10.2.0.0/24'], attributes: attrs([65002]) });
    expect(summary(r)).toEqual([
      ['m1', [], [['10.2.0.0/24']]],
      ['m3', [], [['10.2.0.0/24']]],
      ['m4', [], [['10.2.0.0/24']]],
    ]);
  });

  it('gathers the prefixes of a multi-prefix UPDATE into one announcement per peer', () => {
    const r = routeServer(3).update('m1', V4, {
      nlri: ['10.1.0.0/24', '10.1.1.0/24', '10.1.2.0/24'],
      attributes: attrs([65001]),
    });
    expect(summary(r)).toEqual([
      ['m2', [], [['10.1.0.0/24', '10.1.1.0/24', '10.1.2.0/24']]],
      ['m3', [], [['10.1.0.0/24', '10.1.1.0/24', '10.1.2.0/24']]],
    ]);
  });

  it('keeps withdrawals and announcements of the same peer together when peers repeat out of order', () => {
    const rib = routeServer(3);
    rib.update('m1', V4, { nlri: ['10.9.0.0/24'], attributes: attrs([65001]) });
    rib.update('m3', V4, { nlri: ['10.8.0.0/24'], attributes: attrs([65003]) });
    // The withdrawal goes along the lanes (m2, m3), then the announcement along them again (m2 after m3).
    const r = rib.update('m1', V4, { withdrawn: ['10.9.0.0/24'], nlri: ['10.7.0.0/24'], attributes: attrs([65001]) });
    expect(summary(r)).toEqual([
      ['m2', ['10.9.0.0/24'], [['10.7.0.0/24']]],
      ['m3', ['10.9.0.0/24'], [['10.7.0.0/24']]],
    ]);
  });

  it('applies a frozen UPDATE (as an update group delivers it) like a fresh one', () => {
    const msg: UpdateMessage = {
      type: 'update',
      withdrawn: [],
      attributes: attrs([65001]),
      nlri: ['10.1.0.0/24', '10.1.1.0/24'],
    };
    const frozen = Object.freeze({
      ...msg,
      withdrawn: Object.freeze([]) as unknown as string[],
      nlri: Object.freeze([...msg.nlri]) as unknown as string[],
    });
    const a = routeServer(3).applyUpdate('m1', msg);
    const b = routeServer(3).applyUpdate('m1', frozen);
    expect(b.map(summary)).toEqual(a.map(summary));
    expect(b.map((x) => x.changed)).toEqual([['10.1.0.0/24', '10.1.1.0/24']]);
  });

  it('groups a peer’s announcements by attribute set, in the order the sets were first met', () => {
    const rib = routeServer(4);
    rib.update('m1', V4, { nlri: ['10.1.0.0/24', '10.2.0.0/24', '10.3.0.0/24'], attributes: attrs([65001]) });
    rib.update('m2', V4, { nlri: ['10.1.0.0/24', '10.3.0.0/24'], attributes: attrs([65002, 65009]) });
    rib.update('m3', V4, { nlri: ['10.2.0.0/24'], attributes: attrs([65003, 65009]) });
    const r = rib.update('m1', V4, { withdrawn: ['10.1.0.0/24', '10.2.0.0/24', '10.3.0.0/24'] });
    // The RIB prepends its own AS on export (eBGP): the path's second AS is the member that sent it.
    const m4 = r.updates.find((u) => u.peer === 'm4')!;
    expect(m4.withdrawn).toEqual([]);
    expect(m4.announced.map((a) => [a.attributes.asPath?.[0].asns[1], a.nlri])).toEqual([
      [65002, ['10.1.0.0/24', '10.3.0.0/24']],
      [65003, ['10.2.0.0/24']],
    ]);
    expect(summary(r).map((u) => u[0])).toEqual(['m1', 'm2', 'm3', 'm4']);
  });
});
