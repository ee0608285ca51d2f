import { describe, expect, it } from 'vitest';
import { decode, encode } from '../wire/codec.js';
import type { PathAttributes, UpdateMessage } from '../wire/message.js';
import { AttributeStore } from './attributes.js';
import { Rib } from './rib.js';

const path = (): PathAttributes => ({
  origin: 0,
  asPath: [{ type: 'sequence', asns: [64600, 4_200_000_000] }],
  nextHop: '10.0.0.9',
});

function ribOf(localAs: number, store: AttributeStore): Rib {
  const rib = new Rib({ localAs, routerId: `10.255.0.${localAs % 200}`, attributes: store });
  rib.addPeer({ id: 'in', asn: 64600, address: '10.0.0.9' });
  rib.addPeer({ id: 'out', asn: 65100, address: '10.0.1.1', nextHopSelf: { 'ipv4-unicast': '10.0.1.2' } });
  rib.peerUp('in', { routerId: '10.0.0.9', families: ['ipv4-unicast'] });
  rib.peerUp('out', { routerId: '10.0.1.1', families: ['ipv4-unicast'] });
  return rib;
}

describe('one attribute store shared by the RIBs of a simulation', () => {
  it('gives RIBs that learn the same path from different UPDATE objects one shared copy', () => {
    const store = new AttributeStore();
    const a = ribOf(65001, store);
    const b = ribOf(65002, store);
    a.update('in', 'ipv4-unicast', { nlri: ['172.16.0.0/24'], attributes: path() });
    b.update('in', 'ipv4-unicast', { nlri: ['172.16.0.0/24'], attributes: path() });
    const pa = a.bestPath('ipv4-unicast', '172.16.0.0/24')?.attributes;
    expect(pa).toBeDefined();
    expect(b.bestPath('ipv4-unicast', '172.16.0.0/24')?.attributes).toBe(pa);
  });

  it('still prepends each RIB its own AS when exporting one shared path (RFC 4271 §5.1.2)', () => {
    const store = new AttributeStore();
    const a = ribOf(65001, store);
    const b = ribOf(65002, store);
    const ra = a.update('in', 'ipv4-unicast', { nlri: ['172.16.0.0/24'], attributes: path() });
    const rb = b.update('in', 'ipv4-unicast', { nlri: ['172.16.0.0/24'], attributes: path() });
    const first = (r: typeof ra) =>
      r.updates.find((u) => u.peer === 'out')?.announced[0]?.attributes.asPath?.[0].asns[0];
    expect(first(ra)).toBe(65001);
    expect(first(rb)).toBe(65002);
  });

  it('encodes an interned (sealed) attribute set to the same octets as a plain copy, for 4- and 2-octet AS peers', () => {
    const store = new AttributeStore();
    const sealed = store.intern(path());
    const msg = (attributes: PathAttributes): UpdateMessage => ({
      type: 'update',
      withdrawn: [],
      attributes,
      nlri: ['172.16.0.0/24'],
    });
    for (const fourOctetAs of [true, false, true, false]) {
      const cached = encode(msg(sealed), { fourOctetAs });
      expect(cached).toEqual(encode(msg(path()), { fourOctetAs }));
      const back = decode(cached, { fourOctetAs });
      expect(back.ok && back.msg.type === 'update' && back.msg.attributes.asPath).toEqual(path().asPath);
    }
  });
});
