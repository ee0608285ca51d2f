import { describe, expect, it } from 'vitest';
import type { Time } from '../base/time.js';
import { BgpEndpoint, BgpProcess } from './bgp-endpoint.js';

function endpoint(): BgpEndpoint {
  const p = new BgpProcess(
    0,
    'speaker',
    'node-1',
    () => {},
    () => 0 as Time,
  );
  return new BgpEndpoint(p, 'tor-1');
}

describe('BgpEndpoint open connections', () => {
  it('keeps them oldest first as a set would, whichever one closes', () => {
    const e = endpoint();
    expect(e.conns()).toEqual([]);
    e.addConn(1);
    e.addConn(2);
    e.addConn(1);
    expect(e.conns()).toEqual([1, 2]);
    expect(e.deleteConn(1)).toBe(true);
    expect(e.deleteConn(1)).toBe(false);
    // The only one left is 2: a new connection comes after it.
    e.addConn(3);
    expect(e.conns()).toEqual([2, 3]);
    expect(e.hasConn(2) && e.hasConn(3) && !e.hasConn(1)).toBe(true);
    expect(e.deleteConn(3)).toBe(true);
    e.addConn(4);
    expect(e.conns()).toEqual([2, 4]);
    e.deleteConn(2);
    e.deleteConn(4);
    e.addConn(5);
    expect(e.conns()).toEqual([5]);
    e.addConn(6);
    e.clearConns();
    expect(e.conns()).toEqual([]);
    expect(e.hasConn(5) || e.hasConn(6)).toBe(false);
  });
});
