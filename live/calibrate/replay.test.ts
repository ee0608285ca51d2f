// The run's draws for the simulation to replay, from a bird.log captured in a calibration run
// (bird-hold-expiry-after-freeze), in scenario time.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loggedDraws } from './replay.js';

const log = readFileSync(new URL('../daemons/testdata/bird-draws-hold.log', import.meta.url), 'utf8');
const local = (hms: string) => new Date(`2026-12-04T${hms}`).getTime();
const T0 = local('10:58:41.000');
const nodes = [{ name: 'node-1', address: '10.0.1.11' }];

describe('loggedDraws', () => {
  it("gives BIRD's draws (router>node) and the node's KEEPALIVEs as heard (node>router), µs after t0", () => {
    const d = loggedDraws('bird', log, 'tor-1', nodes, T0)!;
    expect(d['tor-1>node-1']?.keepalive?.slice(0, 3)).toEqual([814_000, 3_295_000, 6_009_000]);
    expect(d['tor-1>node-1']?.hold).toEqual([14_589_000]);
    expect(d['tor-1>node-1']?.connect).toEqual([]);
    expect(d['node-1>tor-1']).toEqual({ keepalive: [815_000, 3_485_000, 5_790_000] });
  });

  it('times what follows a late-applied fault against that fault, as the route states are', () => {
    const d = loggedDraws('bird', log, 'tor-1', nodes, T0, [{ due: T0 + 5000, applied: T0 + 5040 }])!;
    expect(d['tor-1>node-1']?.keepalive?.slice(0, 3)).toEqual([814_000, 3_295_000, 5_969_000]);
  });

  it('replays nothing for FRR (no clock-seeded draws)', () => {
    expect(loggedDraws('frr', log, 'tor-1', nodes, T0)).toBeNull();
  });
});
