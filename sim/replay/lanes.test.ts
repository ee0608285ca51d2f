import { describe, expect, it } from 'vitest';
import type { WorldRecord } from '../world/records.js';
import { buildTimeline, openBits, timersAt } from './lanes.js';
import { grEpisode, seconds } from './testing.js';

describe('timeline lanes', () => {
  it('draws one lane per session side with contiguous FSM bands up to the end', () => {
    const tl = buildTimeline(grEpisode(), seconds(600), ['tor-1']);
    const lane = tl.lanes.find((l) => l.id === 'bgp tor-1>node-2')!;
    expect(lane.owner).toBe('tor-1');
    expect(lane.peer).toBe('node-2');
    for (let i = 1; i < lane.bands.length; i++) expect(lane.bands[i]!.from).toBe(lane.bands[i - 1]!.to);
    expect(lane.bands[lane.bands.length - 1]).toMatchObject({ state: 'Established', to: seconds(600) });
    expect(lane.bands.find((b) => b.state === 'Idle')).toMatchObject({ from: seconds(60.0001), to: seconds(80.0005) });
  });

  it('draws the helper phases as bands: stale until re-establishment, then waiting for End-of-RIB', () => {
    const lane = buildTimeline(grEpisode(), seconds(600)).lanes.find((l) => l.id === 'bgp tor-1>node-2')!;
    expect(lane.grBands.map((b) => [b.state, b.from, b.to])).toEqual([
      ['stale', seconds(60.0001), seconds(80.0005)],
      ['sync', seconds(80.0005), seconds(80.0007)],
    ]);
  });

  it('marks OPEN with its GR bits and the session-down event; the fault is listed', () => {
    const tl = buildTimeline(grEpisode(), seconds(600));
    const lane = tl.lanes.find((l) => l.id === 'bgp tor-1>node-2')!;
    expect(lane.marks.map((m) => m.label)).toEqual(['OPEN R=1 N=1 helper', 'down: tcp-closed (GR)']);
    expect(tl.faults.map((f) => f.fault)).toEqual(['speaker-restart']);
  });

  it('shows a restarting router’s selection deferral on each of its BGP lanes', () => {
    const recs = [
      ...grEpisode(),
      {
        t: seconds(90),
        type: 'gr',
        subject: 'tor-1',
        action: 'selection-deferred',
        family: '',
        reason: '',
        clause: '',
      },
      {
        t: seconds(95),
        type: 'gr',
        subject: 'tor-1',
        action: 'selection-complete',
        family: '',
        reason: '',
        clause: '',
      },
    ] as WorldRecord[];
    const lane = buildTimeline(recs, seconds(600)).lanes.find((l) => l.id === 'bgp tor-1>node-2')!;
    expect(lane.grBands.filter((b) => b.state === 'deferral')).toEqual([
      { from: seconds(90), to: seconds(95), state: 'deferral' },
    ]);
  });

  it('runs the restart timer from the session loss for the Restart Time of the peer’s OPEN, until re-establishment', () => {
    const recs = [
      {
        t: seconds(0.0002),
        type: 'bgp-message',
        subject: 'node-2>tor-1',
        dir: 'sent',
        message: 'OPEN',
        detail: 'AS 64513 hold 180s GR R=0 N=0 time=120s F=[1] LLGR stale=[0]s',
      },
      ...grEpisode(),
    ] as WorldRecord[];
    const tl = buildTimeline(recs, seconds(600));
    const lane = tl.lanes.find((l) => l.id === 'bgp tor-1>node-2')!;
    expect(lane.timers).toEqual([
      { name: 'restart timer', from: seconds(60.0001), deadline: seconds(180.0001), end: seconds(80.0005) },
    ]);
    expect(timersAt(tl, seconds(70))).toEqual([
      { subject: 'tor-1>node-2', name: 'restart timer', left: seconds(110.0001) },
    ]);
    expect(timersAt(tl, seconds(90))).toEqual([]);
  });

  it('reads the R, N and F bits from an OPEN summary', () => {
    expect(openBits('AS 64513 hold 180s GR R=1 N=0 time=120s F=[1] LLGR stale=[0]s')).toBe('R=1 N=0 F=1');
    expect(openBits('AS 64513 hold 180s no-GR')).toBe('no GR');
  });
});
