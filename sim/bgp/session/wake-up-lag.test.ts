import { describe, expect, it } from 'vitest';
import { ms, NEVER, s, type Time } from '../../base/time.js';
import { PROFILES } from '../profile/registry.js';
import { grNet } from '../testing/fixtures.js';
import { wakeUpLag } from './wake-up-lag.js';

const T = s(100);

describe('BIRD ≤ 2.13 main-loop wake-up lag (sysdep/unix/io.c io_loop)', () => {
  it('is the 3 s idle poll timeout when nothing else is due', () => {
    expect(wakeUpLag({ idlePollTimeout: 3, busyInterval: 0 }, T, NEVER, () => 0.5)).toBe(s(3));
  });
  it("is cut short by the session's own next timer, plus poll()'s 1 ms", () => {
    expect(wakeUpLag({ idlePollTimeout: 3, busyInterval: 0 }, T, (T + s(1)) as Time, () => 0.5)).toBe(ms(1001));
  });
  it('is a fraction of a second when other sessions keep the daemon busy', () => {
    expect(wakeUpLag({ idlePollTimeout: 3, busyInterval: 0.2 }, T, NEVER, () => 0.5)).toBe(ms(100));
  });
  it('is always a whole number of microseconds', () => {
    const lag = wakeUpLag({ idlePollTimeout: 3, busyInterval: 1 / 3 }, T, (T + 1234567) as Time, () => 0.123456789);
    expect(Number.isInteger(lag)).toBe(true);
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
