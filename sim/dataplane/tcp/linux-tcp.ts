/**
 * The client's TCP as Linux runs it when its packets vanish: the retransmission timer's back-off
 * and when the kernel gives up. Facts from Linux net/ipv4/tcp_timer.c (v5.10–v6.x) and
 * include/net/tcp.h; all times are integer µs.
 *
 *   - tcp_retransmit_timer: each expiry first asks tcp_write_timeout whether to give up; if not it
 *     retransmits the head segment and doubles the RTO, capped at TCP_RTO_MAX:
 *     `icsk->icsk_rto = min(icsk->icsk_rto << 1, TCP_RTO_MAX)`.
 *   - tcp_write_timeout, established: `expired = retransmits_timed_out(sk, sysctl_tcp_retries2,
 *     icsk->icsk_user_timeout)`: a *time* bound, not a count. retransmits_timed_out is false before
 *     the first retransmission and otherwise compares the time since `retrans_stamp` with
 *     tcp_model_timeout(boundary, rto_base = TCP_RTO_MIN), the time `boundary` retransmissions
 *     would take from TCP_RTO_MIN, doubling up to TCP_RTO_MAX:
 *       thresh = ilog2(TCP_RTO_MAX / rto_base);
 *       boundary ≤ thresh ? ((2 << boundary) − 1) · rto_base
 *                         : ((2 << thresh) − 1) · rto_base + (boundary − thresh) · TCP_RTO_MAX.
 *     tcp_retries2 = 15 (TCP_RETR2): thresh = ilog2(600) = 9, 1023 · 0.2 + 6 · 120 = 924.6 s.
 *     retrans_stamp is the *first retransmission's* send (tcp_retransmit_skb stamps it from the
 *     head after __tcp_retransmit_skb has re-sent it), not the lost packet's: measured, tcp_retries2
 *     = 3 (3.0 s) gives up at the 5th expiry (6.3 s from the first lost packet), not the 4th (3.06 s).
 *     With the default RTO of 204 ms the 16th expiry, 928.7 s after the first lost packet, is the
 *     first 924.6 s after the first retransmission.
 *   - tcp_write_timeout, SYN_SENT: `max_retransmits = (icsk_syn_retries ?: sysctl_tcp_syn_retries)
 *     + sysctl_tcp_syn_linear_timeouts; expired = icsk->icsk_retransmits >= max_retransmits` (a
 *     count). Since Linux 6.5 (commit ccce324dabfe, "tcp: make the first N SYN RTO backoffs
 *     linear") tcp_retransmit_timer doubles a SYN's RTO only once `tp->total_rto >
 *     sysctl_tcp_syn_linear_timeouts`, so the first linear + 1 RTOs are TCP_TIMEOUT_INIT each.
 *     Then, as for an established connection, `retransmits_timed_out(sk, retry_until)`, here with
 *     rto_base = TCP_TIMEOUT_INIT and retrans_stamp the first SYN's send (tcp_connect): the count or
 *     the time, whichever comes first. Defaults tcp_syn_retries = 6 (TCP_SYN_RETRIES),
 *     tcp_syn_linear_timeouts = 4: SYNs at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s, give-up at 131 s
 *     (the count; the time is 127 s). tcp_syn_retries = 1: the time, 3 s, gives up before the
 *     count (5 retransmissions). With tcp_syn_linear_timeouts = 0 (kernels before 6.5): SYNs at 0,
 *     1, 3, 7, 15, 31, 63 s, give-up at 127 s. Measured on Linux 6.18 in a network namespace
 *     (live/kernel/linux-tcp.test.ts).
 *   - TCP_RTO_MIN = HZ/5 (200 ms), TCP_RTO_MAX = 120·HZ, TCP_TIMEOUT_INIT = 1·HZ (RFC 6298 §2.1).
 *
 * The RTO of an established connection. Linux's tcp_set_rto sets RTO = srtt + rttvar, and
 * tcp_rtt_estimator keeps rttvar ≥ tcp_rto_min (mdev_max_us is floored at it), so RTO =
 * srtt + max(4·mdev, rto_min) ≥ rto_min + srtt, in whole jiffies: __tcp_set_rto takes
 * usecs_to_jiffies, which rounds up. The simulator has no RTT model for the client path (clients
 * sit behind the routers, not on simulated links), so the model takes a fixed smoothed RTT `rtt`
 * (default 0.1 ms, a datacenter path; 0.07 ms measured over a veth pair) and the kernel's tick
 * 1/`hz` (CONFIG_HZ, default 250 as Debian builds it): RTO = ⌈(rtoMin + rtt) · hz⌉ ticks = 204 ms,
 * which `ss -ti` reports (rto:204) and the measured retransmissions follow. Not modelled: the
 * timer wheel fires an expiry up to one granule late (include/linux/timer.h: 8 ticks beyond 64
 * ticks, 64 beyond 512, 512 beyond 4096; at HZ = 250 up to 32 ms on a 0.4 s RTO, 256 ms on 3.3 s,
 * 2 s on 120 s); a tail loss probe moves the first RTO by its PTO (≥ 10 ms); and a sender with
 * room in its congestion window keeps sending new data into the hole, each send re-arming the probe
 * timer, which holds the first RTO back until it stops (measured: at 100 packets/s the first
 * retransmission came 0.77 s after the first lost packet; at 10 packets/s, the default, 0.21 s).
 * The SYN's RTO is `initialRto` (TCP_TIMEOUT_INIT, a whole number of ticks).
 */
import type { Duration } from '../../base/time.js';

export interface LinuxTcpParams {
  /** net.ipv4.tcp_retries2: the established connection's give-up, as a time (tcp_model_timeout). */
  readonly tcp_retries2: number;
  /** net.ipv4.tcp_syn_retries: SYN retransmissions before connect() fails (beyond the linear ones). */
  readonly tcp_syn_retries: number;
  /** net.ipv4.tcp_syn_linear_timeouts (Linux ≥ 6.5; 0 before): SYN RTOs that do not double. */
  readonly tcp_syn_linear_timeouts: number;
  /** TCP_RTO_MIN (also the rto_base of tcp_model_timeout for an established connection). */
  readonly rtoMin: Duration;
  /** TCP_RTO_MAX: the back-off's cap. */
  readonly rtoMax: Duration;
  /** TCP_TIMEOUT_INIT: the SYN's first RTO. */
  readonly initialRto: Duration;
  /** Smoothed RTT of the client path, added to rtoMin for an established connection's RTO. */
  readonly rtt: Duration;
  /** CONFIG_HZ: the kernel's tick is 1/hz s, and an RTO is a whole number of ticks (usecs_to_jiffies). */
  readonly hz: number;
  /** Application timeout: the client aborts a stall this long after it began (none: only TCP gives up). */
  readonly appTimeout?: Duration;
}

export const LINUX_TCP_DEFAULTS: LinuxTcpParams = {
  tcp_retries2: 15,
  tcp_syn_retries: 6,
  tcp_syn_linear_timeouts: 4,
  rtoMin: 200_000 as Duration,
  rtoMax: 120_000_000 as Duration,
  initialRto: 1_000_000 as Duration,
  rtt: 100 as Duration,
  hz: 250,
};

/**
 * The textbook schedule the hand-computed data-plane tests use: RTO exactly 200 ms (HZ 1000, no
 * RTT), SYNs doubling from 1 s (Linux before 6.5). Linux's own defaults are LINUX_TCP_DEFAULTS.
 */
export const TEXTBOOK_TCP: Partial<LinuxTcpParams> = { rtt: 0 as Duration, hz: 1000, tcp_syn_linear_timeouts: 0 };

/** `us` rounded up to whole ticks of 1/hz s, in µs (usecs_to_jiffies rounds up). */
function ticksUp(us: number, hz: number): number {
  const tick = 1e6 / hz;
  return Math.round(Math.ceil(us / tick - 1e-9) * tick);
}

/** The first RTO of a stall: the SYN's, or an established connection's (see the header). */
export function firstRto(p: LinuxTcpParams, syn: boolean): Duration {
  return (syn ? p.initialRto : Math.min(ticksUp(p.rtoMin + p.rtt, p.hz), p.rtoMax)) as Duration;
}

/**
 * Time from the start of a stall to the `k`-th expiry of the retransmission timer (k ≥ 1): the sum
 * of the first k RTOs, each double the last, capped at rtoMax (tcp_retransmit_timer); a SYN's
 * first tcp_syn_linear_timeouts + 1 RTOs stay at initialRto (the doubling after expiry i needs
 * total_rto = i > tcp_syn_linear_timeouts).
 */
export function timerExpiry(p: LinuxTcpParams, syn: boolean, k: number): Duration {
  let rto: number = firstRto(p, syn);
  const linear = syn ? p.tcp_syn_linear_timeouts : 0;
  let t = 0;
  for (let i = 1; i <= k; i++) {
    t += rto;
    if (i > linear) rto = Math.min(rto * 2, p.rtoMax);
  }
  return t as Duration;
}

/** tcp_model_timeout(boundary, rtoBase) with TCP_RTO_MAX = rtoMax. */
export function modelTimeout(boundary: number, rtoBase: Duration, rtoMax: Duration): Duration {
  const thresh = Math.floor(Math.log2(rtoMax / rtoBase));
  if (boundary <= thresh) return ((2 ** (boundary + 1) - 1) * rtoBase) as Duration;
  return ((2 ** (thresh + 1) - 1) * rtoBase + (boundary - thresh) * rtoMax) as Duration;
}

/**
 * tcp_write_timeout at the `k`-th expiry (k ≥ 1, `retransmits` = k − 1 already sent), `elapsed`
 * after the stall began: true = the kernel gives up now instead of retransmitting.
 */
export function writeTimedOut(p: LinuxTcpParams, syn: boolean, k: number, elapsed: Duration): boolean {
  const retransmits = k - 1;
  // retransmits_timed_out is false before the first retransmission.
  if (retransmits === 0) return false;
  if (syn) {
    // The count, then the time from the first SYN (tcp_connect sets retrans_stamp).
    if (retransmits >= p.tcp_syn_retries + p.tcp_syn_linear_timeouts) return true;
    return elapsed >= modelTimeout(p.tcp_syn_retries, p.initialRto, p.rtoMax);
  }
  // The time from the first retransmission (retrans_stamp, see the header).
  return elapsed - timerExpiry(p, false, 1) >= modelTimeout(p.tcp_retries2, p.rtoMin, p.rtoMax);
}

/** When the kernel gives up on a stall that never ends, from its start (131 s / 928.7 s by default). */
export function giveUpAfter(p: LinuxTcpParams, syn: boolean): Duration {
  for (let k = 1; ; k++) {
    const t = timerExpiry(p, syn, k);
    if (writeTimedOut(p, syn, k, t)) return t;
  }
}
