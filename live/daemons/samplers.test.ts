// RIB samplers and log readers on outputs captured from the real daemons (FRR 8.4.4, BIRD 2.0.12,
// GoBGP 3.10.0) in a stalepath netns: a speaker killed with SIGKILL, Restart Time 6 s, LLST 20 s.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBirdLog, readFrrLog, readGobgpLog } from './logs/parse.js';
import { parseBirdRib, parseFrrRib, parseGobgpRib, stateOf } from './rib/parse.js';

const td = (f: string) => readFileSync(new URL(`./testdata/${f}`, import.meta.url), 'utf8');
const PEER = '10.0.1.11';
const PFX = '10.100.0.10/32';
const EMPTY_FRR = '{"routes": {}}';

describe('FRR 8.4.4 RIB sampler', () => {
  it('reads a path from the speaker as fresh, GR-stale as stale, LLGR_STALE as llgr-stale, and none as absent', () => {
    expect(stateOf(parseFrrRib(td('frr-fresh.json'), EMPTY_FRR, PEER), PFX)).toBe('fresh');
    expect(stateOf(parseFrrRib(td('frr-stale.json'), EMPTY_FRR, PEER), PFX)).toBe('stale');
    expect(stateOf(parseFrrRib(td('frr-llgr.json'), td('frr-llgrcomm-llgr.json'), PEER), PFX)).toBe('llgr-stale');
    expect(stateOf(parseFrrRib(td('frr-gone.json'), EMPTY_FRR, PEER), PFX)).toBe('absent');
  });
  it('ignores paths from another peer', () => {
    expect(stateOf(parseFrrRib(td('frr-fresh.json'), EMPTY_FRR, '10.0.1.99'), PFX)).toBe('absent');
  });
  it('reads a path FRR flags removed (deleted, waiting for the 50 ms route-processing queue to reap it) as absent', () => {
    // Captured 78 ms after a Hard Reset NOTIFICATION (frr-hard-reset): "removed":true, no "valid".
    expect(stateOf(parseFrrRib(td('frr-removed.json'), EMPTY_FRR, PEER), PFX)).toBe('absent');
  });
});

describe('BIRD 2.0.12 RIB sampler', () => {
  const proto = 'speaker_10_0_1_11';
  it('reads a route as fresh, as stale while the protocol reports graceful restart active, (100s) as llgr-stale', () => {
    expect(stateOf(parseBirdRib(td('bird-fresh.txt'), td('bird-proto-fresh.txt'), proto), PFX)).toBe('fresh');
    expect(stateOf(parseBirdRib(td('bird-fresh.txt'), td('bird-proto-stale.txt'), proto), PFX)).toBe('stale');
    expect(stateOf(parseBirdRib(td('bird-llgr.txt'), td('bird-proto-stale.txt'), proto), PFX)).toBe('llgr-stale');
    expect(stateOf(parseBirdRib('BIRD 2.0.12 ready.\n', td('bird-proto-fresh.txt'), proto), PFX)).toBe('absent');
  });
});

describe('GoBGP 3.10 RIB sampler', () => {
  it('reads stale:false as fresh, stale:true as stale, community 65535:6 as llgr-stale', () => {
    expect(stateOf(parseGobgpRib(td('gobgp-fresh.json'), PEER), PFX)).toBe('fresh');
    expect(stateOf(parseGobgpRib(td('gobgp-stale.json'), PEER), PFX)).toBe('stale');
    expect(stateOf(parseGobgpRib(td('gobgp-llgr.json'), PEER), PFX)).toBe('llgr-stale');
    expect(stateOf(parseGobgpRib('{}', PEER), PFX)).toBe('absent');
  });
});

describe('log readers', () => {
  const gap = (ev: { t: number; event: string }[], a: string, b: string) =>
    (ev.find((e) => e.event === b)?.t ?? Number.NaN) - (ev.find((e) => e.event === a)?.t ?? Number.NaN);
  it('FRR: the restart timer expires 6.003 s after GR starts and LLGR is entered at the same millisecond', () => {
    const ev = readFrrLog(td('frr.log'));
    expect(gap(ev, 'gr-started', 'restart-timer-expired')).toBe(6003);
    expect(gap(ev, 'restart-timer-expired', 'llgr-entered')).toBe(0);
  });
  it('BIRD: restart timeout 6 s after detection, long-lived stale timeout 20 s later, times in ms', () => {
    const ev = readBirdLog(td('bird.log'), 'speaker_10_0_1_11');
    expect(gap(ev, 'gr-started', 'restart-timer-expired')).toBe(6002);
    const expiredAt = ev.filter((e) => e.event === 'restart-timer-expired')[1].t;
    expect((ev.find((e) => e.event === 'llgr-expired')?.t ?? 0) - expiredAt).toBe(20012);
  });
  it('GoBGP: EoR, GR start, restart-timer expiry and LLGR timer read from the ms-stamped JSON log', () => {
    const ev = readGobgpLog(td('gobgp.log'));
    expect(ev.map((e) => e.event)).toEqual(
      expect.arrayContaining(['eor-received', 'gr-started', 'restart-timer-expired', 'llgr-entered', 'llgr-expired']),
    );
    expect(gap(ev, 'gr-started', 'restart-timer-expired')).toBe(6004);
  });
});

describe('BIRD RIB sampler, two paths for one prefix', () => {
  it("reads the second path's prefix from the line above it, not the next-hop word", () => {
    const text = [
      'Table master4:',
      '10.100.0.10/32       unicast [speaker_10_0_1_11 16:00:00.000] * (100) [AS64513i]',
      '\tvia 10.0.1.11 on lo',
      '                     unreachable [speaker_10_0_1_12 16:00:00.000] (100) [AS64513i]',
      '\tBGP.origin: IGP',
    ].join('\n');
    expect(parseBirdRib(text, '', 'speaker_10_0_1_12')).toEqual(new Map([['10.100.0.10/32', 'fresh']]));
  });
});
