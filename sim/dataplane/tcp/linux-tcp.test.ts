import { describe, expect, it } from 'vitest';
import { type Duration, s } from '../../base/time.js';
import { giveUpAfter, LINUX_TCP_DEFAULTS, modelTimeout, timerExpiry, writeTimedOut } from './linux-tcp.js';
import { nextEphemeralPort, reconnectDelay } from './reconnect.js';
import { quantile } from './stall-stats.js';

const P = LINUX_TCP_DEFAULTS;

describe('Linux retransmission schedule (net/ipv4/tcp_timer.c)', () => {
  it('expires an established connection’s timer at 0.2, 0.6, 1.4, 3.0, 6.2, 12.6 s after the first loss', () => {
    expect([1, 2, 3, 4, 5, 6].map((k) => timerExpiry(P, false, k) / 1e6)).toEqual([0.2, 0.6, 1.4, 3, 6.2, 12.6]);
  });

  it('caps the back-off at TCP_RTO_MAX: after 204.6 s the expiries are 120 s apart', () => {
    expect(timerExpiry(P, false, 10)).toBe(s(204.6));
    expect(timerExpiry(P, false, 11)).toBe(s(324.6));
    expect(timerExpiry(P, false, 16)).toBe(s(924.6));
  });

  it('models tcp_retries2 = 15 as 924.6 s (tcp_model_timeout) and gives up at that expiry', () => {
    expect(modelTimeout(15, s(0.2) as Duration, s(120) as Duration)).toBe(s(924.6));
    expect(modelTimeout(3, s(0.2) as Duration, s(120) as Duration)).toBe(s(3));
    expect(writeTimedOut(P, false, 15, s(804.6) as Duration)).toBe(false);
    expect(writeTimedOut(P, false, 16, s(924.6) as Duration)).toBe(true);
    expect(giveUpAfter(P, false)).toBe(s(924.6));
  });

  it('gives up by time, not count: with a larger RTO the 924.6 s bound falls at an earlier expiry', () => {
    const slow = { ...P, rtt: s(0.3) as Duration };
    // RTO 0.5 s: expiries 0.5, 1.5, 3.5, …, 127.5 (8th), then 120 s apart: …, 847.5, 967.5 ≥ 924.6
    // at the 15th (with 200 ms RTOs it is the 16th).
    expect(giveUpAfter(slow, false)).toBe(s(967.5));
    expect(timerExpiry(slow, false, 15)).toBe(s(967.5));
  });

  it('never gives up at the first expiry, whatever tcp_retries2 is (retransmits_timed_out needs one retransmission)', () => {
    expect(writeTimedOut({ ...P, tcp_retries2: 0 }, false, 1, s(0.2) as Duration)).toBe(false);
    expect(giveUpAfter({ ...P, tcp_retries2: 0 }, false)).toBe(s(0.6));
  });

  it('sends SYNs at 0, 1, 3, 7, 15, 31, 63 s and fails connect() at 127 s with tcp_syn_retries = 6', () => {
    expect([1, 2, 3, 4, 5, 6].map((k) => timerExpiry(P, true, k) / 1e6)).toEqual([1, 3, 7, 15, 31, 63]);
    expect(giveUpAfter(P, true)).toBe(s(127));
    expect(giveUpAfter({ ...P, tcp_syn_retries: 2 }, true)).toBe(s(7));
  });
});

describe('reconnect policy', () => {
  it('reconnects at once, after the delay, or never', () => {
    expect(reconnectDelay({ mode: 'immediate' })).toBe(0);
    expect(reconnectDelay({ mode: 'after', delay: s(5) as Duration })).toBe(s(5));
    expect(reconnectDelay({ mode: 'never' })).toBeNull();
  });

  it('takes the ephemeral port two further on, wrapping inside the range', () => {
    expect(nextEphemeralPort(40000, 32768, 60999)).toBe(40002);
    expect(nextEphemeralPort(60999, 32768, 60999)).toBe(32769);
  });
});

describe('stall quantiles', () => {
  it('takes nearest-rank quantiles, 0 with no stalls', () => {
    expect(quantile([], 0.5)).toBe(0);
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2);
    expect(quantile([3, 1, 2, 4], 0.99)).toBe(4);
  });
});
