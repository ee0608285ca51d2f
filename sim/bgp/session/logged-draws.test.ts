import { describe, expect, it } from 'vitest';
import { s, type Time } from '../../base/time.js';
import { testSession } from '../testing/session.js';
import { type LoggedDraws, replayDraw, type SessionDraws, sessionDraws } from './logged-draws.js';
import { createSession, sessionNextDeadline, stepSession } from './session.js';

const T = (secs: number) => s(secs);

function draws(log: LoggedDraws[string]): SessionDraws {
  return sessionDraws({ 'r>p': log }, 'r>p', { misfits: 0 })!;
}

describe('replayDraw', () => {
  it('takes a logged time inside the window (± 10 ms) for the draw', () => {
    const d = draws({ keepalive: [T(1), T(10.29)] });
    expect(replayDraw(d, 'keepalive', T(3), T(9.75), T(10.3), T(10))).toBe(T(10.29));
    // 8 ms before the window still counts (log stamps are taken when the work ran, in whole ms).
    expect(replayDraw(draws({ keepalive: [T(9.742)] }), 'keepalive', T(3), T(9.75), T(10.3), T(10))).toBe(T(9.742));
    expect(d.tally.misfits).toBe(0);
  });

  it('phase rule: a logged time at or before the timer started answers an earlier timer', () => {
    const d = draws({ connect: [T(5)] });
    // The window reaches back before the start (slack), but the start itself is not a candidate.
    expect(replayDraw(d, 'connect', T(5), T(4.995), T(6), T(5.5))).toBe(T(6));
  });

  it('no logged time in the window: the window end, a misfit only when the daemon acted later', () => {
    const stopped = draws({ keepalive: [T(1)] });
    expect(replayDraw(stopped, 'keepalive', T(3), T(5.25), T(6), T(5.5))).toBe(T(6));
    expect(stopped.tally.misfits).toBe(0);
    expect(stopped.notes).toEqual([]);
    const missed = draws({ keepalive: [T(1), T(8)] });
    expect(replayDraw(missed, 'keepalive', T(3), T(5.25), T(6), T(5.5))).toBe(T(6));
    expect(missed.tally.misfits).toBe(1);
    expect(missed.notes).toMatchObject([{ type: 'explain', clause: 'logged draw' }]);
  });

  it('a KEEPALIVE logged after the timer started but before its window opens re-phases the chain (bird-llgr-alternate)', () => {
    // Steady start's chain at −2.0 s; BIRD sent at −0.017 s and 2.869 s: the first is taken, the next window then holds the second.
    const d = draws({ keepalive: [T(-0.017), T(2.869)] });
    const first = replayDraw(d, 'keepalive', T(-2), T(0.25), T(1), T(0.9));
    expect(first).toBe(T(-0.017));
    expect(d.tally.misfits).toBe(1);
    expect(d.notes[0]?.text).toMatch(/before the window .*taken \(the daemon's phase\)/);
    expect(replayDraw(d, 'keepalive', first, (first + T(2.25)) as Time, (first + T(3)) as Time, T(2.5))).toBe(T(2.869));
    expect(d.tally.misfits).toBe(1);
    // A chain started in the run (at its Established): its OpenConfirm KEEPALIVE is not taken.
    const inRun = draws({ keepalive: [T(7.005), T(9.6)] });
    expect(replayDraw(inRun, 'keepalive', T(7), T(9.25), T(10), T(9.5))).toBe(T(9.6));
    // Connect attempts are not a chain: an early one is not taken.
    const c = draws({ connect: [T(1)] });
    expect(replayDraw(c, 'connect', T(0), T(3.75), T(5), T(4))).toBe(T(5));
  });

  it("a timer of the steady start's history with nothing logged in its window keeps its draw (gobgp-new-connection-while-established)", () => {
    // GoBGP's warm-up connect loop at −9.2 s, window 5–9 s; its only logged dial is 24.0 s into the run.
    const d = draws({ connect: [T(23.996)] });
    expect(replayDraw(d, 'connect', T(-9.2), T(-4.2), T(-0.2), T(-3.2))).toBe(T(-3.2));
    expect(d.tally.misfits).toBe(0);
    // The same window in the run takes its end, a misfit (the daemon acted later).
    expect(replayDraw(d, 'connect', T(1), T(6), T(10), T(7))).toBe(T(10));
    expect(d.tally.misfits).toBe(1);
  });

  it('a hold window without a logged expiry keeps the draw (the timer was restarted before it fired)', () => {
    const d = draws({ hold: [T(30)] });
    expect(replayDraw(d, 'hold', T(3), T(9.75), T(12), T(11))).toBe(T(11));
    expect(replayDraw(d, 'hold', T(20), T(26.75), T(29), T(28))).toBe(T(28));
    expect(replayDraw(d, 'hold', T(21.5), T(28.25), T(30.5), T(29))).toBe(T(30));
    expect(d.tally.misfits).toBe(0);
  });

  it('a kind the log does not list keeps the draw', () => {
    expect(replayDraw(draws({ connect: [T(1)] }), 'keepalive', T(0), T(2), T(3), T(2.5))).toBe(T(2.5));
  });

  it('a subject the log does not name replays nothing', () => {
    expect(sessionDraws({ 'r>p': {} }, 'r>q', { misfits: 0 })).toBeNull();
  });
});

describe('a session replaying logged draws (bird-2.0)', () => {
  /** Every uniform the session draws, and the connect attempts and KEEPALIVE sends it makes until `end`. */
  function run(log: LoggedDraws[string] | null, end: number) {
    const used: number[] = [];
    let k = 0;
    const uniform = () => {
      const u = ((k++ * 0.37) % 1) as number;
      used.push(u);
      return u;
    };
    const base = testSession({ profile: 'bird-2.0' }, uniform);
    const st = createSession({
      peer: base.peer,
      config: base.config,
      identity: base.identity,
      uniform,
      draws: log === null ? null : draws(log),
    });
    used.length = 0;
    k = 1;
    const connects: number[] = [];
    const keepalives: number[] = [];
    const records: string[] = [];
    const note = (out: ReturnType<typeof stepSession>, now: Time) => {
      for (const o of out) {
        if (o.type === 'tcp-connect') connects.push(now / 1e6);
        if (o.type === 'send' && o.message.type === 'keepalive') keepalives.push(now / 1e6);
        if (o.type === 'explain') records.push(o.clause);
      }
    };
    note(stepSession(st, { type: 'manual-start' }, 0 as Time), 0 as Time);
    for (let guard = 0; guard < 100; guard++) {
      const now = sessionNextDeadline(st);
      if (now > T(end)) break;
      const out = stepSession(st, { type: 'tick' }, now);
      note(out, now);
      if (out.some((o) => o.type === 'tcp-connect') && connects.length < 3) {
        note(stepSession(st, { type: 'tcp-connection-fails' }, now), now);
      } else if (out.some((o) => o.type === 'tcp-connect')) {
        note(stepSession(st, { type: 'tcp-established', conn: 1, outbound: true }, now), now);
        const open = { type: 'open', version: 4, myAs: 65002, holdTime: 9, bgpId: '2.2.2.2', capabilities: [] };
        note(stepSession(st, { type: 'message', conn: 1, message: open as never }, now), now);
        note(stepSession(st, { type: 'message', conn: 1, message: { type: 'keepalive' } }, now), now);
      }
    }
    return { used, connects, keepalives, records };
  }

  it('moves the connect attempts and KEEPALIVE sends to the logged times, drawing the same uniforms', () => {
    const plain = run(null, 19);
    // Connect delay 5 s × 0.75–1 after each failure (bgp_active), KEEPALIVE 3 s × 0.75–1 (bgp_start_timer).
    const replayed = run({ connect: [T(4.5), T(9), T(13.2)], keepalive: [T(15.9), T(18.5)] }, 19);
    expect(replayed.connects).toEqual([4.5, 9, 13.2]);
    // The first KEEPALIVE answers the OPEN (RFC 4271 §8.2.2); the next two are the logged ones.
    expect(replayed.keepalives).toEqual([13.2, 15.9, 18.5]);
    expect(replayed.records).toEqual([]);
    expect(replayed.used).toEqual(plain.used);
    expect(plain.connects).not.toEqual(replayed.connects);
  });
});
