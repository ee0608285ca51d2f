import { describe, expect, it } from 'vitest';
import { AFI_IPV6, SAFI_UNICAST } from '../wire/message.js';
import { toUpdateMessages } from './update-messages.js';

describe('UPDATE messages from RIB output', () => {
  it('sends IPv4 withdrawals and NLRI in the classic fields, one message per attribute set', () => {
    const msgs = toUpdateMessages({
      peer: 'p',
      family: 'ipv4-unicast',
      withdrawn: ['10.9.0.0/16'],
      announced: [
        { attributes: { origin: 0, nextHop: '192.0.2.1', asPath: [] }, nlri: ['10.1.0.0/16', '10.2.0.0/16'] },
        { attributes: { origin: 2, nextHop: '192.0.2.1', asPath: [] }, nlri: ['10.3.0.0/16'] },
      ],
    });
    expect(msgs.map((m) => [m.withdrawn, m.nlri])).toEqual([
      [['10.9.0.0/16'], []],
      [[], ['10.1.0.0/16', '10.2.0.0/16']],
      [[], ['10.3.0.0/16']],
    ]);
    expect(msgs[0].attributes).toEqual({});
  });

  it('sends IPv6 routes in MP_REACH_NLRI and MP_UNREACH_NLRI with the next hop inside', () => {
    const msgs = toUpdateMessages({
      peer: 'p',
      family: 'ipv6-unicast',
      withdrawn: ['2001:db8:1::/48'],
      announced: [
        {
          attributes: {
            origin: 0,
            asPath: [],
            mpReach: { afi: AFI_IPV6, safi: SAFI_UNICAST, nextHop: '2001:db8::1', nlri: [] },
          },
          nlri: ['2001:db8:2::/48'],
        },
      ],
    });
    expect(msgs[0].attributes.mpUnreach).toEqual({ afi: AFI_IPV6, safi: SAFI_UNICAST, withdrawn: ['2001:db8:1::/48'] });
    expect(msgs[1].attributes.mpReach).toEqual({
      afi: AFI_IPV6,
      safi: SAFI_UNICAST,
      nextHop: '2001:db8::1',
      nlri: ['2001:db8:2::/48'],
    });
    expect(msgs[1].nlri).toEqual([]);
  });
});
