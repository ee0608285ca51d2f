import { it } from 'vitest';
import { s } from '../../base/time.js';
import { pair } from '../../bgp/testing/net.js';

it('dbg', () => {
  const net = pair(
    {
      name: 'r',
      asn: 65001,
      routerId: '1.1.1.1',
      address: '10.0.0.1',
      config: { profile: 'rfc' },
      originate: [{ prefix: '172.16.1.0/24' }],
    },
    { name: 'h', asn: 65002, routerId: '2.2.2.2', address: '10.0.0.2', config: { profile: 'rfc' } },
  );
  net.runFor(s(0.01));
  for (const e of net.log.slice(0, 60))
    if (e.out.type === 'peer') console.log(e.at, e.node, e.out.peer, JSON.stringify(e.out.output).slice(0, 150));
});
