import { describe, expect, it } from 'vitest';
import type { WorldRecord } from '../world/records.js';
import { buildTimeline, openBits, PROCESS_DOWN, timersAt } from './lanes.js';
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

describe('lanes of a process that is down', () => {
  const steady = (subject: string, kind: 'bgp-state' | 'bfd-state'): WorldRecord =>
    kind === 'bgp-state'
      ? { t: seconds(0), type: kind, subject, from: 'Idle', to: 'Established', reason: 'steady-state', clause: '' }
      : {
          t: seconds(0),
          type: kind,
          subject,
          from: 'Down',
          to: 'Up',
          diag: 'none',
          reason: 'steady-state',
          clause: '',
        };

  it('draws a crashed node’s own BGP and BFD lanes down from the crash, not in their last FSM state', () => {
    const recs: WorldRecord[] = [
      steady('node-2>tor-1', 'bgp-state'),
      steady('node-2>tor-1', 'bfd-state'),
      steady('tor-1>node-2', 'bgp-state'),
      { t: seconds(60), type: 'process', subject: 'node-2', state: 'down', what: 'kernel' },
    ];
    const tl = buildTimeline(recs, seconds(600), ['tor-1']);
    for (const id of ['bgp node-2>tor-1', 'bfd node-2>tor-1'])
      expect(tl.lanes.find((l) => l.id === id)!.bands.map((b) => [b.state, b.from, b.to])).toEqual([
        [id.startsWith('bgp') ? 'Established' : 'Up', seconds(0), seconds(60)],
        [PROCESS_DOWN, seconds(60), seconds(600)],
      ]);
    // The router's side is its own process: it stays in whatever state its FSM says.
    expect(tl.lanes.find((l) => l.id === 'bgp tor-1>node-2')!.bands.map((b) => b.state)).toEqual(['Established']);
  });

  it('shows a stopped speaker down until it is up again, then its FSM state from then on', () => {
    const recs: WorldRecord[] = [
      steady('node-2>tor-1', 'bgp-state'),
      { t: seconds(60), type: 'process', subject: 'node-2', state: 'down', what: 'speaker' },
      {
        t: seconds(60),
        type: 'bgp-state',
        subject: 'node-2>tor-1',
        from: 'Established',
        to: 'Idle',
        reason: 'process-stop',
        clause: '',
      },
      { t: seconds(80), type: 'process', subject: 'node-2', state: 'up', what: 'speaker' },
      {
        t: seconds(81),
        type: 'bgp-state',
        subject: 'node-2>tor-1',
        from: 'Idle',
        to: 'Established',
        reason: 'keepalive-received',
        clause: '',
      },
    ];
    const lane = buildTimeline(recs, seconds(600)).lanes.find((l) => l.id === 'bgp node-2>tor-1')!;
    expect(lane.bands.map((b) => [b.state, b.from / 1e6, b.to / 1e6])).toEqual([
      ['Established', 0, 60],
      [PROCESS_DOWN, 60, 80],
      ['Idle', 80, 81],
      ['Established', 81, 600],
    ]);
  });
});
