/** The ladder fold (sim/replay/ladder.ts) over real runs of bundled scenarios. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildLadder,
  ladderPairs,
  loadScenarioText,
  PROFILE_NAMES,
  runScenario,
  type WorldRecord,
} from '../sim/index.js';

const seconds = (x: number) => Math.round(x * 1e6);

function bundled(name: string, edit: (json: Record<string, never>) => void = () => {}) {
  const json = JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8'));
  edit(json);
  const r = loadScenarioText(JSON.stringify(json), name, { profiles: PROFILE_NAMES });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const run = runScenario(r.scenario, { keepTrace: true });
  return { records: run.world.sim.trace.records as readonly WorldRecord[], end: run.world.sim.now() };
}

describe('ladder of a node and a router', () => {
  const speaker = bundled('metallb-speaker-restart');
  const ladder = buildLadder(speaker.records, 'node-2', 'tor-1', speaker.end);

  it('draws the restarted speaker’s OPEN as an arrow to the router with R=1, its restart time and its clause', () => {
    const open = ladder.arrows.find((a) => a.kind === 'OPEN' && a.from === 'a' && a.sent > seconds(60))!;
    expect(open.label).toBe('OPEN R=1 N=0 F=1 restart 120 s');
    expect(open.clause).toMatch(/RFC 4724 §3/);
    expect(open.received).not.toBeNull();
    expect(open.received!).toBeGreaterThan(open.sent);
    const back = ladder.arrows.find((a) => a.kind === 'OPEN' && a.from === 'b' && a.sent > seconds(60))!;
    expect(back.label).toMatch(/^OPEN R=0 N=1 helper/);
  });

  it('pairs the UPDATE and End-of-RIB with their receipt, in order', () => {
    const kinds = ladder.arrows.filter((a) => a.sent > seconds(60)).map((a) => `${a.from} ${a.kind}`);
    expect(kinds).toEqual(['a OPEN', 'b OPEN', 'a UPDATE', 'a End-of-RIB', 'b End-of-RIB']);
    const eor = ladder.arrows.find((a) => a.kind === 'End-of-RIB' && a.from === 'a')!;
    expect(eor.clause).toBe('RFC 4724 §2');
    expect(eor.received).toBe(seconds(81.1005));
  });

  it('leaves KEEPALIVEs out unless asked for', () => {
    expect(ladder.arrows.some((a) => a.kind === 'KEEPALIVE')).toBe(false);
    const all = buildLadder(speaker.records, 'node-2', 'tor-1', speaker.end, { keepalives: true });
    expect(all.arrows.some((a) => a.kind === 'KEEPALIVE')).toBe(true);
  });

  it('puts the router’s restart timer for the speaker on the router’s column, stopped when the session is back', () => {
    const restart = ladder.timers.find((x) => x.name === 'restart')!;
    expect(restart).toMatchObject({ column: 'b', from: seconds(60.0001), to: seconds(80.0005) });
    expect(restart.deadline).toBe(seconds(180.0001));
    expect(ladder.timers.find((x) => x.name === 'stale-path')).toMatchObject({ column: 'b', from: seconds(80.0005) });
    expect(ladder.timers.find((x) => x.name === 'deferral')).toMatchObject({ column: 'a' });
    expect(ladder.points.map((p) => `${p.column} ${p.label}`)).toContain('a speaker down');
  });

  it('lists the nodes and routers that have sessions with each other', () => {
    expect(ladderPairs(speaker.records, ['tor-1', 'tor-2'])).toEqual([
      ['node-1', 'node-2', 'node-3'],
      ['tor-1', 'tor-2'],
    ]);
  });

  it('draws BFD going down and the detection time from the node’s crash, and the hold timer without BFD', () => {
    const bfd = bundled('node-crash-bfd');
    const l = buildLadder(bfd.records, 'node-2', 'tor-1', bfd.end);
    const down = l.points.find((p) => p.kind === 'bfd' && p.column === 'b' && /→ Down/.test(p.label))!;
    expect(down.clause).toMatch(/RFC 5880/);
    const det = l.timers.find((x) => x.name === 'bfd-detection')!;
    expect(det.column).toBe('b');
    expect(det.to).toBe(down.t);
    expect(det.from).toBe(l.points.find((p) => p.kind === 'process' && p.column === 'a')!.t);
    const hold = bundled('node-crash-hold-timer');
    const h = buildLadder(hold.records, 'node-2', 'tor-1', hold.end).timers.find((x) => x.name === 'hold')!;
    expect(h.column).toBe('b');
    expect(h.label).toMatch(/hold timer \d+ s/);
  });
});
