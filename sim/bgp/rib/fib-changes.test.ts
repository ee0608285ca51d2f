import { describe, expect, it } from 'vitest';
import type { PathAttributes } from '../wire/message.js';
import { Rib } from './rib.js';

const V4 = 'ipv4-unicast';
const attrs = (as: number): PathAttributes => ({
  origin: 0,
  asPath: [{ type: 'sequence', asns: [as] }],
  nextHop: `192.0.2.${as % 256}`,
});

function rib(fibChanges?: boolean): Rib {
  const r = new Rib({ localAs: 65000, routerId: '10.255.0.1', fibChanges });
  r.addPeer({ id: 'a', asn: 65001, address: '192.0.2.1' });
  r.addPeer({ id: 'b', asn: 65002, address: '192.0.2.2' });
  r.peerUp('a', { routerId: '10.0.0.1', families: [V4] });
  r.peerUp('b', { routerId: '10.0.0.2', families: [V4] });
  return r;
}

describe('RibConfig.fibChanges', () => {
  it('false: results carry no FIB changes, and the same selection and UPDATEs as with them', () => {
    const run = (r: Rib) => [
      r.update('a', V4, { nlri: ['10.1.0.0/24'], attributes: attrs(65001) }),
      r.update('a', V4, { withdrawn: ['10.1.0.0/24'] }),
    ];
    const on = run(rib());
    const off = run(rib(false));
    expect(on.map((x) => x.fib.length)).toEqual([1, 1]);
    expect(off.map((x) => x.fib)).toEqual([[], []]);
    expect(off.map((x) => [x.changed, x.updates])).toEqual(on.map((x) => [x.changed, x.updates]));
  });

  it('false: the RIB still answers for the forwarding state when asked', () => {
    const r = rib(false);
    r.update('a', V4, { nlri: ['10.1.0.0/24'], attributes: attrs(65001) });
    expect(r.nextHops(V4, '10.1.0.0/24')).toEqual(['192.0.2.233']);
    expect(r.fibSnapshot(V4)).toEqual([{ prefix: '10.1.0.0/24', nextHops: ['192.0.2.233'], local: false }]);
  });
});
