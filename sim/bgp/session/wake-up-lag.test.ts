import { describe, expect, it } from 'vitest';
import { ms, NEVER, s, type Time } from '../../base/time.js';
import { PROFILES } from '../profile/registry.js';
import { grNet } from '../testing/fixtures.js';
import { nextKeepaliveArrival, wakeUpLag } from './wake-up-lag.js';

const T = s(100);

const W = { idlePollTimeout: 3 };
const wake = (nextTimer: Time, nextPacket: Time) => ({ nextTimer, nextPacket });

describe('BIRD ≤ 2.13 main-loop wake-up lag (sysdep/unix/io.c io_loop)', () => {
  it('is the 3 s idle poll timeout when nothing else is due', () => {
    expect(wakeUpLag(W, T, wake(NEVER, NEVER))).toBe(s(3));
  });
  it("is cut short by the process's next timer, plus poll()'s 1 ms", () => {
    expect(wakeUpLag(W, T, wake((T + s(1)) as Time, NEVER))).toBe(ms(1001));
  });
  it("rounds the timer's remaining time down to whole milliseconds before adding poll()'s 1 ms", () => {
    expect(wakeUpLag(W, T, wake((T + 1234567) as Time, NEVER))).toBe(ms(1235));
  });
  it('is cut short by the next packet on any socket, at its arrival', () => {
    expect(wakeUpLag(W, T, wake((T + s(1)) as Time, (T + ms(250)) as Time))).toBe(ms(250));
  });
  it('ignores wake-up sources not after the timer that fired', () => {
    expect(wakeUpLag(W, T, wake(T, T))).toBe(s(3));
  });
});

describe("an Established peer's next KEEPALIVE, estimated from the last message heard", () => {
  it('is due one third of the negotiated hold time after the last message', () => {
    expect(nextKeepaliveArrival((T - s(10)) as Time, 90, false, T)).toBe(T + s(20));
  });
  it('is not expected from a peer already overdue (silent)', () => {
    expect(nextKeepaliveArrival((T - s(31)) as Time, 90, false, T)).toBe(NEVER);
  });
  it('keeps coming every interval when keepalives are implied (both ends alive)', () => {
    expect(nextKeepaliveArrival((T - s(31)) as Time, 90, true, T)).toBe(T + s(29));
  });
  it('is never expected with a hold time of 0 (no keepalives)', () => {
    expect(nextKeepaliveArrival((T - s(1)) as Time, 0, false, T)).toBe(NEVER);
  });
});

describe('a GR restart-timer expiry under every profile', () => {
  for (const name of PROFILES.keys()) {
    for (const llgr of [false, true]) {
      it(`${name}${llgr ? ' with LLGR' : ''}: runs without throwing and every time is an integer µs`, () => {
        const r = {
          profile: 'rfc',
          gr: { mode: 'restart' as const, restartTime: 30 },
          llgr: llgr ? { advertise: 'tuples' as const, staleTime: 20 } : undefined,
        };
        const h = {
          profile: name,
          gr: { mode: 'helper' as const },
          llgr: llgr ? { advertise: 'tuples' as const, staleTime: 20 } : undefined,
        };
        // Draws off the µs grid, as the world's seeded streams give (3 × 0.1234567 s is not whole µs).
        let x = 0.1234567;
        const uniform = () => {
          x = (x * 9301 + 0.49297) % 1;
          return x;
        };
        const net = grNet({ r, h, rOriginate: ['10.0.1.0/24'], settle: s(20), uniform });
        const t0 = net.now;
        net.crashProcess('r');
        const sess = net.speaker('h').sessions.get('r')!;
        for (let k = 1; k <= 80; k++) {
          net.runUntil((t0 + s(k)) as Time);
          const hs = sess.helper;
          const times = [hs.stalePathDeadline, ...(hs.pending ?? []).map((p) => p.at)];
          for (const af of hs.afs.values()) times.push(af.restartDeadline, af.llstDeadline);
          times.push(...Object.values(sess.timers));
          for (const x of times) expect(Number.isInteger(x), `${x}`).toBe(true);
        }
        for (const e of net.log) expect(Number.isInteger(e.at), `${e.at}`).toBe(true);
        expect(net.route('h', 'r', '10.0.1.0/24')).toBeUndefined();
      });
    }
  }
});
