import { describe, expect, it } from 'vitest';
import { s } from '../../base/time.js';
import { pair } from './net.js';

describe('smoke', () => {
  it('establishes and exchanges routes', () => {
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
    net.runFor(s(5));
    expect(net.fsm('r', 'h')).toBe('Established');
    expect(net.route('h', 'r', '172.16.1.0/24')).toBe('fresh');
    net.crashProcess('r');
    net.runFor(s(1));
    expect(net.route('h', 'r', '172.16.1.0/24')).toBe('stale');
    net.runFor(s(100));
    expect(net.route('h', 'r', '172.16.1.0/24')).toBeUndefined();
    for (const e of net.log.slice(0, 200))
      if (e.out.type === 'peer' && e.out.output.type !== 'send')
        console.log(e.at, e.node, e.out.peer, JSON.stringify(e.out.output));
  });
});
