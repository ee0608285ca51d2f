// The daemons' randomised actions read from their logs (bird-draws.ts, gobgp-draws.ts), for the
// calibration's replay: BIRD 2.0.12 logs captured in calibration runs with `debug { …, packets }`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { birdDraws } from './bird-draws.js';
import { gobgpDraws } from './gobgp-draws.js';

const td = (f: string) => readFileSync(new URL(`../testdata/${f}`, import.meta.url), 'utf8');
const PROTO = 'speaker_10_0_1_11';
const local = (hms: string) => new Date(`2026-12-04T${hms}`).getTime();

describe('BIRD 2.0.12 draws from its log', () => {
  it('reads the KEEPALIVE sends and the hold expiry (bird-hold-expiry-after-freeze)', () => {
    const d = birdDraws(td('bird-draws-hold.log'), PROTO);
    expect(d.keepalive).toEqual(
      ['10:58:41.814', '10:58:44.295', '10:58:47.009', '10:58:49.358', '10:58:52.330', '10:58:54.785'].map(local),
    );
    // `<RMT> speaker_10_0_1_11: Error: Hold timer expired`.
    expect(d.hold).toEqual([local('10:58:55.589')]);
    expect(d.connect).toEqual([]);
    // The node's KEEPALIVEs as BIRD heard them (its last at 46.790, then frozen).
    expect(d.heard).toEqual(['10:58:41.815', '10:58:44.485', '10:58:46.790'].map(local));
  });

  it('reads the connect attempts, not the accepted incoming connections (bird-llgr-no-alternate)', () => {
    const d = birdDraws(td('bird-draws-llgr.log'), PROTO);
    expect(d.connect.slice(0, 3)).toEqual(['10:57:36.822', '10:57:40.722', '10:57:45.254'].map(local));
    expect(d.connect).toHaveLength(9);
    expect(d.keepalive).toEqual(['10:57:26.911', '10:57:29.246'].map(local));
    expect(d.hold).toEqual([]);
  });

  it('reads only the named protocol', () => {
    expect(birdDraws(td('bird-draws-hold.log'), 'speaker_10_0_1_12').keepalive).toEqual([]);
  });
});

describe('GoBGP 3.10 draws from its log', () => {
  // fsm.go connectLoop: fsm.logger.Debug("try to connect", log.Fields{"Topic": "Peer", "Key": addr}),
  // in the harness's log format (the arrival time, then the JSON line).
  const log = [
    '2026-12-03T16:04:54.089Z {"Key":"10.0.1.11","Reason":"graceful-restart","State":"BGP_FSM_ESTABLISHED","Topic":"Peer","level":"info","msg":"Peer Down","time":"2026-12-03T16:04:54Z"}',
    '2026-12-03T16:04:59.093Z {"Key":"10.0.1.11","Topic":"Peer","level":"debug","msg":"try to connect","time":"2026-12-03T16:04:59Z"}',
    '2026-12-03T16:05:00.101Z {"Key":"10.0.1.12","Topic":"Peer","level":"debug","msg":"try to connect","time":"2026-12-03T16:05:00Z"}',
    '2026-12-03T16:05:06.094Z {"Key":"10.0.1.11","Topic":"Peer","level":"debug","msg":"try to connect","time":"2026-12-03T16:05:06Z"}',
  ].join('\n');
  it("reads the connect loop's dials per neighbor", () => {
    expect(gobgpDraws(log, '10.0.1.11').connect).toEqual([
      Date.parse('2026-12-03T16:04:59.093Z'),
      Date.parse('2026-12-03T16:05:06.094Z'),
    ]);
    expect(gobgpDraws(log, '10.0.1.12').connect).toEqual([Date.parse('2026-12-03T16:05:00.101Z')]);
  });
});
