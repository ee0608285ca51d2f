import { describe, expect, it } from 'vitest';
import { NEVER, s, type Time } from '../../base/time.js';
import { testSession } from '../testing/session.js';
import { type SessionState, sessionNextDeadline, stepSession } from './session.js';

const T0 = 0 as Time;

const session = testSession;

/** Established at `now` with a hold time of 9 s (the peer proposes 9). */
function establish(st: SessionState, now: Time): void {
  stepSession(st, { type: 'manual-start' }, now);
  stepSession(st, { type: 'tcp-established', conn: 1, outbound: true }, now);
  const open = { type: 'open' as const, version: 4, myAs: 65002, holdTime: 9, bgpId: '2.2.2.2', capabilities: [] };
  stepSession(st, { type: 'message', conn: 1, message: open }, now);
  stepSession(st, { type: 'message', conn: 1, message: { type: 'keepalive' } }, now);
}

/** Seconds from the last message to the hold expiry, for `n` messages 2 s apart from 10 s. */
function holdFactors(profile: string, n: number): number[] {
  const st = session({ profile });
  establish(st, T0);
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const at = s(10 + 2 * k);
    stepSession(st, { type: 'message', conn: 1, message: { type: 'keepalive' } }, at);
    out.push((st.timers.hold - at) / s(9));
  }
  return out;
}

describe('BIRD hold timer jitter (proto/bgp/bgp.c bgp_start_timer)', () => {
  it('a BIRD session expires its hold timer 0.75–1 × the hold time after the last message, a new draw each restart', () => {
    const f = holdFactors('bird-2.0', 40);
    for (const x of f) {
      expect(x).toBeGreaterThanOrEqual(0.75);
      expect(x).toBeLessThanOrEqual(1);
    }
    expect(new Set(f.map((x) => x.toFixed(6))).size).toBeGreaterThan(30);
    expect(Math.min(...f)).toBeLessThan(0.8);
    expect(Math.max(...f)).toBeGreaterThan(0.95);
  });
  it('an RFC or FRR session expires exactly one hold time after the last message', () => {
    expect(new Set([...holdFactors('rfc', 5), ...holdFactors('frr-8.4', 5)])).toEqual(new Set([1]));
  });
  it('the draw depends on when the hold timer restarted, not on how many messages came before (implied keepalives)', () => {
    const each = session({ profile: 'bird-2.0' });
    establish(each, T0);
    for (let k = 1; k <= 5; k++)
      stepSession(each, { type: 'message', conn: 1, message: { type: 'keepalive' } }, s(3 * k));
    const implied = session({ profile: 'bird-2.0' });
    establish(implied, T0);
    stepSession(implied, { type: 'implied-keepalives', on: true }, s(1));
    expect(implied.timers.hold).toBe(NEVER);
    stepSession(implied, { type: 'implied-keepalives', on: false, lastReceivedAt: s(15), nextSendAt: s(16) }, s(15));
    expect(implied.timers.hold).toBe(each.timers.hold);
  });
  it('the hold jitter draws nothing from the session stream for profiles without it', () => {
    let draws = 0;
    session({ profile: 'frr-8.4' }, () => {
      draws++;
      return 0.5;
    });
    expect(draws).toBe(0);
  });
});

/** Start, let every connect attempt fail at once (refused), and return the attempt times, seconds. */
function attempts(st: SessionState, n: number): number[] {
  let now = T0;
  stepSession(st, { type: 'manual-start' }, now);
  const at: number[] = [];
  for (let k = 0; k < 4 * n && at.length < n; k++) {
    now = sessionNextDeadline(st);
    const out = stepSession(st, { type: 'tick' }, now);
    if (out.some((o) => o.type === 'tcp-connect')) {
      at.push(now / 1e6);
      stepSession(st, { type: 'tcp-connection-fails' }, now);
    }
  }
  return at;
}

describe('BIRD connect retries (proto/bgp/bgp.c bgp_active)', () => {
  it('BIRD dials a refusing peer again every connect delay jittered 0.75–1 × 5 s, not every connect retry time', () => {
    let x = 0;
    const at = attempts(
      session({ profile: 'bird-2.0' }, () => (x = (x + 0.37) % 1)),
      6,
    );
    expect(at).toHaveLength(6);
    expect(at[0]).toBeGreaterThanOrEqual(3.75);
    expect(at[0]).toBeLessThanOrEqual(5);
    const gaps = at.slice(1).map((a, i) => a - at[i]!);
    for (const g of gaps) {
      expect(g).toBeGreaterThanOrEqual(3.75);
      expect(g).toBeLessThanOrEqual(5);
    }
    expect(new Set(gaps.map((g) => g.toFixed(3))).size).toBeGreaterThan(1);
  });
  it('an RFC session waits the jittered connect retry time after a refused attempt', () => {
    const at = attempts(session({ profile: 'rfc' }), 3);
    expect(at.slice(1).map((a, i) => a - at[i]!)).toEqual([105, 105]);
  });
});
