import { describe, expect, it } from 'vitest';
import { NEVER, s, type Time } from '../../base/time.js';
import { testSession } from '../testing/session.js';
import { type SessionState, sessionNextDeadline, stepSession } from './session.js';

const T0 = 0 as Time;

const session = testSession;

/** Start, let every connect attempt fail, and return the gaps between attempts, seconds. */
function retryGaps(st: SessionState, n: number): number[] {
  let now = T0;
  stepSession(st, { type: 'manual-start' }, now);
  const attempts: number[] = [];
  for (let k = 0; k < n + 1 && attempts.length <= n; k++) {
    const d = sessionNextDeadline(st);
    now = d;
    const out = stepSession(st, { type: 'tick' }, now);
    if (out.some((o) => o.type === 'tcp-connect')) {
      attempts.push(now);
      stepSession(st, { type: 'tcp-connection-fails' }, now);
    }
  }
  return attempts.slice(1).map((a, i) => (a - attempts[i]) / 1e6);
}

function establish(st: SessionState, now: Time): void {
  stepSession(st, { type: 'tcp-established', conn: 1, outbound: true }, now);
  stepSession(
    st,
    {
      type: 'message',
      conn: 1,
      message: { type: 'open', version: 4, myAs: 65002, holdTime: 9, bgpId: '2.2.2.2', capabilities: [] },
    },
    now,
  );
  stepSession(st, { type: 'message', conn: 1, message: { type: 'keepalive' } }, now);
}

describe('connect retry shapes', () => {
  it('FRR ≥ 10.3 doubles the retry interval without jitter up to 120 s (commit ab3535fbcf)', () => {
    const st = session({ profile: 'frr-10.5' });
    const out = stepSession(st, { type: 'manual-start' }, T0);
    expect(out.some((o) => o.type === 'tcp-connect')).toBe(true);
    stepSession(st, { type: 'tcp-connection-fails' }, T0);
    let now = T0;
    const gaps: number[] = [];
    for (let k = 0; k < 4; k++) {
      const d = sessionNextDeadline(st);
      gaps.push((d - now) / 1e6);
      now = d;
      stepSession(st, { type: 'tick' }, now);
      stepSession(st, { type: 'tcp-connection-fails' }, now);
    }
    expect(gaps).toEqual([30, 60, 120, 120]);
  });
  it('FRR resets the retry interval to 30 s once Established', () => {
    const st = session({ profile: 'frr' });
    stepSession(st, { type: 'manual-start' }, T0);
    stepSession(st, { type: 'tcp-connection-fails' }, T0);
    stepSession(st, { type: 'tick' }, s(30));
    stepSession(st, { type: 'tcp-connection-fails' }, s(30));
    expect(st.connectRetryInterval).toBe(60);
    establish(st, s(40));
    expect(st.fsm).toBe('Established');
    expect(st.connectRetryInterval).toBe(30);
  });
  it('FRR 8.4 retries every 120 s, constant and without jitter', () => {
    const st = session({ profile: 'frr-8.4' });
    stepSession(st, { type: 'manual-start' }, T0);
    let now = T0;
    stepSession(st, { type: 'tcp-connection-fails' }, now);
    const gaps: number[] = [];
    for (let k = 0; k < 3; k++) {
      const d = sessionNextDeadline(st);
      gaps.push((d - now) / 1e6);
      now = d;
      stepSession(st, { type: 'tick' }, now);
      stepSession(st, { type: 'tcp-connection-fails' }, now);
    }
    expect(gaps).toEqual([120, 120, 120]);
  });
  it('GoBGP ≤ 3.34 connects after whole seconds (connectLoop: r.Intn(tick)+tick seconds)', () => {
    const st = session({ profile: 'gobgp-3.34' }, () => 0.97);
    stepSession(st, { type: 'manual-start' }, T0);
    expect(sessionNextDeadline(st)).toBe(s(9));
    expect(
      retryGaps(
        session({ profile: 'gobgp-3.34' }, () => 0.37),
        2,
      ).every(Number.isInteger),
    ).toBe(true);
  });
  it('GoBGP 4.x connects after whole milliseconds', () => {
    const st = session({ profile: 'gobgp' }, () => 0.123456789);
    stepSession(st, { type: 'manual-start' }, T0);
    expect(sessionNextDeadline(st) % 1000).toBe(0);
  });
});

describe('keepalive shapes', () => {
  it('FRR sends KEEPALIVEs at the fixed interval (bgp_keepalives.c); rfc jitters them 0.75–1.0', () => {
    const frr = session({ profile: 'frr', timers: { holdTime: 9, keepaliveTime: 3 } }, () => 0);
    stepSession(frr, { type: 'manual-start' }, T0);
    establish(frr, T0);
    expect(frr.timers.keepalive).toBe(s(3));
    const rfc = session({ profile: 'rfc', timers: { holdTime: 9 } }, () => 0);
    stepSession(rfc, { type: 'manual-start' }, T0);
    establish(rfc, T0);
    expect(rfc.timers.keepalive).toBe(s(2.25));
  });
});

describe('BIRD error wait time (proto/bgp/bgp.c bgp_update_startup_delay)', () => {
  const holdExpiry = (st: SessionState, at: Time): Time => {
    establish(st, at);
    const d = st.timers.hold;
    stepSession(st, { type: 'tick' }, d);
    return d;
  };
  it('waits 60 s after a hold-timer expiry before starting again, doubling per error up to 300 s', () => {
    const st = session({ profile: 'bird' });
    stepSession(st, { type: 'manual-start' }, T0);
    const waits: number[] = [];
    let now = s(10);
    for (let k = 0; k < 4; k++) {
      const fired = holdExpiry(st, now);
      expect(st.fsm).toBe('Idle');
      waits.push((st.timers.idleHold - fired) / 1e6);
      now = st.timers.idleHold;
      stepSession(st, { type: 'tick' }, now);
    }
    expect(waits).toEqual([60, 120, 240, 300]);
  });
  it('FRR restarts 1 s after the same error', () => {
    const st = session({ profile: 'frr', timers: { holdTime: 9 } });
    stepSession(st, { type: 'manual-start' }, T0);
    const fired = holdExpiry(st, s(1));
    expect((st.timers.idleHold - fired) / 1e6).toBe(1);
    expect(st.timers.connectRetry).toBe(NEVER);
  });
});
