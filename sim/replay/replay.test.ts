import { describe, expect, it } from 'vitest';
import type { WorldRecord } from '../world/records.js';
import { phaseAfter } from './apply-record.js';
import { buildReplay, recordsUpTo } from './replay.js';
import { grEpisode, seconds } from './testing.js';

const P = '10.100.0.10/32';

describe('replay fold', () => {
  it('marks the restarting peer’s path stale while the helper keeps it in the ECMP set', () => {
    const r = buildReplay(grEpisode(), 4);
    const at70 = r.stateAt(seconds(70));
    expect(at70.routes['tor-1']![P]!.paths).toEqual({ 'node-1': 'fresh', 'node-2': 'stale' });
    expect(at70.routes['tor-1']![P]!.nextHops).toEqual(['node-1', 'node-2']);
    expect(at70.sessions['tor-1>node-2']).toMatchObject({ bgp: 'Idle', gr: 'stale' });
  });

  it('refreshes the path on re-advertisement and ends the GR phase at End-of-RIB', () => {
    const r = buildReplay(grEpisode(), 4);
    expect(r.stateAt(seconds(80.0006)).sessions['tor-1>node-2']!.gr).toBe('sync');
    const after = r.stateAt(seconds(100));
    expect(after.routes['tor-1']![P]!.paths['node-2']).toBe('fresh');
    expect(after.sessions['tor-1>node-2']).toMatchObject({ bgp: 'Established', gr: 'none' });
  });

  it('turns stale paths LLGR-stale at restart-timer expiry and deletes them when the LLST ends', () => {
    const r = buildReplay(grEpisode({ llgr: true }), 3);
    const mid = r.stateAt(seconds(190));
    expect(mid.routes['tor-1']![P]!.paths['node-2']).toBe('llgr-stale');
    expect(mid.sessions['tor-1>node-2']!.gr).toBe('llgr');
    const end = r.stateAt(seconds(300));
    expect(end.routes['tor-1']![P]!.paths).toEqual({ 'node-1': 'fresh' });
    expect(end.sessions['tor-1>node-2']!.gr).toBe('none');
  });

  it('gives the same state at every moment whatever the checkpoint interval', () => {
    const recs = grEpisode();
    const fine = buildReplay(recs, 1);
    const coarse = buildReplay(recs, 1000);
    for (let n = 0; n <= recs.length; n++) expect(coarse.stateAfter(n)).toEqual(fine.stateAfter(n));
  });

  it('builds checkpoints lazily on demand or in slices, with the same states as an eager build', () => {
    const recs = grEpisode();
    const eager = buildReplay(recs, 2);
    const lazy = buildReplay(recs, 2, { eager: false });
    expect(lazy.checkpoints.length).toBe(1);
    expect(lazy.stateAfter(5)).toEqual(eager.stateAfter(5));
    expect(lazy.checkpoints.length).toBe(3);
    let done = false;
    for (let i = 0; i < 100 && !done; i++) done = lazy.extend(2);
    expect(done).toBe(true);
    expect(lazy.checkpoints.length).toBe(eager.checkpoints.length);
    for (let n = 0; n <= recs.length; n++) expect(lazy.stateAfter(n)).toEqual(eager.stateAfter(n));
  });

  it('keeps checkpoints frozen and shares what a record did not touch', () => {
    const r = buildReplay(grEpisode(), 2);
    const a = r.checkpoints[r.checkpoints.length - 2]!;
    const b = r.checkpoints[r.checkpoints.length - 1]!;
    expect(Object.isFrozen(b) && Object.isFrozen(b.sessions)).toBe(true);
    expect(b).not.toBe(a);
    expect(b.processes).toBe(a.processes);
  });

  it('counts records up to a time inclusively', () => {
    const recs = [{ t: 1 }, { t: 2 }, { t: 2 }, { t: 5 }];
    expect([0, 1, 2, 4, 5].map((t) => recordsUpTo(recs, t))).toEqual([0, 1, 3, 3, 4]);
  });

  it('takes the phase a gr-phase record names over the inferred one', () => {
    const recs = grEpisode().map((r) =>
      r.type === 'gr' && r.action === 'gr-phase' && r.reason === 'tcp-closed'
        ? { ...r, action: 'gr-phase:none→llgr' }
        : r,
    );
    expect(buildReplay(recs).stateAt(seconds(70)).sessions['tor-1>node-2']!.gr).toBe('llgr');
    expect(phaseAfter('gr-phase:sync', 'stale', 'anything', '')).toBe('sync');
    expect(phaseAfter('gr-phase', 'none', 'tcp-closed', '')).toBe('stale');
  });

  it('forgets a router’s paths when its own BGP process stops, keeping its forwarding entries', () => {
    const recs: WorldRecord[] = [
      ...grEpisode().slice(0, 6),
      { t: seconds(30), type: 'process', subject: 'tor-1', state: 'down', what: 'bgpd' },
      {
        t: seconds(30),
        type: 'gr',
        subject: 'tor-1',
        action: 'selection-deferred',
        family: '',
        reason: '',
        clause: '',
      },
    ];
    const s = buildReplay(recs).stateAt(seconds(31));
    expect(s.routes['tor-1']![P]!.paths).toEqual({});
    expect(s.routes['tor-1']![P]!.nextHops).toEqual(['node-1', 'node-2']);
    expect(s.deferring).toEqual({ 'tor-1': true });
  });

  it('sums resets by cause', () => {
    const recs: WorldRecord[] = [
      { t: seconds(1), type: 'resets', subject: 'tor-1:p', cause: 'rehash', count: 3 },
      { t: seconds(2), type: 'resets', subject: 'tor-2:p', cause: 'rehash', count: 4 },
      { t: seconds(3), type: 'resets', subject: 'tor-2:p', cause: 'nodeFailure', count: 1 },
    ];
    const s = buildReplay(recs).stateAt(seconds(10));
    expect(s.resets).toBe(8);
    expect(s.resetsByCause).toEqual({ rehash: 7, nodeFailure: 1 });
  });
});
