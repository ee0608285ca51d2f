import { describe, expect, it } from 'vitest';
import { type Duration, s } from '../../base/time.js';
import { giveUpAfter, LINUX_TCP_DEFAULTS, modelTimeout, timerExpiry, writeTimedOut } from './linux-tcp.js';
import { nextEphemeralPort, reconnectDelay } from './reconnect.js';
import { quantile } from './stall-stats.js';

const P = LINUX_TCP_DEFAULTS;

describe('Linux retransmission schedule (net/ipv4/tcp_timer.c)', () => {
  it('expires an established connection’s timer at 0.204, 0.612, 1.428, 3.06, 6.324, 12.852 s after the first loss (RTO ⌈200.1 ms⌉ = 51 ticks of 4 ms)', () => {
    const at = [1, 2, 3, 4, 5, 6].map((k) => timerExpiry(P, false, k) / 1e6);
    expect(at).toEqual([0.204, 0.612, 1.428, 3.06, 6.324, 12.852]);
    // HZ 1000 and no RTT: the textbook 0.2, 0.6, 1.4, 3.0, 6.2, 12.6 s.
    const bare = { ...P, rtt: 0 as Duration, hz: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((k) => timerExpiry(bare, false, k) / 1e6)).toEqual([0.2, 0.6, 1.4, 3, 6.2, 12.6]);
    // HZ 1000 with the 0.1 ms RTT: 201 ticks of 1 ms.
    expect(timerExpiry({ ...P, hz: 1000 }, false, 1)).toBe(201_000);
  });

  it('caps the back-off at TCP_RTO_MAX: after 208.692 s the expiries are 120 s apart', () => {
    expect(timerExpiry(P, false, 10)).toBe(s(208.692));
    expect(timerExpiry(P, false, 11)).toBe(s(328.692));
    expect(timerExpiry(P, false, 16)).toBe(s(928.692));
  });

  it('gives up once 924.6 s (tcp_model_timeout of tcp_retries2 = 15) have passed since the first retransmission', () => {
    expect(modelTimeout(15, s(0.2) as Duration, s(120) as Duration)).toBe(s(924.6));
    expect(modelTimeout(3, s(0.2) as Duration, s(120) as Duration)).toBe(s(3));
    expect(writeTimedOut(P, false, 15, s(808.692) as Duration)).toBe(false);
    // 928.692 − 0.204 = 928.488 s since the first retransmission ≥ 924.6 s.
    expect(writeTimedOut(P, false, 16, s(928.692) as Duration)).toBe(true);
    expect(giveUpAfter(P, false)).toBe(s(928.692));
    // tcp_retries2 = 3 (3.0 s): the 4th expiry, 3.06 s, is 2.856 s after the first retransmission;
    // the kernel gives up at the 5th (measured: live/kernel/linux-tcp.test.ts).
    expect(giveUpAfter({ ...P, tcp_retries2: 3 }, false)).toBe(s(6.324));
    // With exactly 200 ms RTOs the 16th expiry (924.6 s) is 924.4 s after the first retransmission:
    // one expiry more.
    expect(giveUpAfter({ ...P, rtt: 0 as Duration, hz: 1000 }, false)).toBe(s(1044.6));
  });

  it('gives up by time, not count: with a larger RTO the 924.6 s bound falls at an earlier expiry', () => {
    const slow = { ...P, rtt: s(0.3) as Duration };
    // RTO 0.5 s: expiries 0.5, 1.5, 3.5, …, 127.5 (8th), then 120 s apart: …, 847.5, 967.5, 967 s
    // after the first retransmission ≥ 924.6, at the 15th (with 204 ms RTOs it is the 16th).
    expect(giveUpAfter(slow, false)).toBe(s(967.5));
    expect(timerExpiry(slow, false, 15)).toBe(s(967.5));
  });

  it('never gives up at the first expiry, whatever tcp_retries2 is (retransmits_timed_out needs one retransmission)', () => {
    expect(writeTimedOut({ ...P, tcp_retries2: 0 }, false, 1, s(0.204) as Duration)).toBe(false);
    expect(giveUpAfter({ ...P, tcp_retries2: 0 }, false)).toBe(s(0.612));
  });

  it('Linux ≥ 6.5 (tcp_syn_linear_timeouts = 4): SYNs at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s, connect() fails at 131 s', () => {
    const at = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => timerExpiry(P, true, k) / 1e6);
    expect(at).toEqual([1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
    expect(giveUpAfter(P, true)).toBe(s(131));
    // tcp_syn_retries = 1: the time bound, tcp_model_timeout(1, 1 s) = 3 s from the first SYN, comes
    // before the count (1 + 4 retransmissions): the kernel fails connect() at 3 s (measured).
    expect(giveUpAfter({ ...P, tcp_syn_retries: 1 }, true)).toBe(s(3));
    // The linear phase is the SYN's alone: an established connection's RTOs double from the first.
    expect(timerExpiry(P, false, 3)).toBe(s(1.428));
  });

  it('before 6.5 (tcp_syn_linear_timeouts = 0): SYNs at 0, 1, 3, 7, 15, 31, 63 s, connect() fails at 127 s', () => {
    const classic = { ...P, tcp_syn_linear_timeouts: 0 };
    expect([1, 2, 3, 4, 5, 6].map((k) => timerExpiry(classic, true, k) / 1e6)).toEqual([1, 3, 7, 15, 31, 63]);
    expect(giveUpAfter(classic, true)).toBe(s(127));
    expect(giveUpAfter({ ...classic, tcp_syn_retries: 2 }, true)).toBe(s(7));
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
