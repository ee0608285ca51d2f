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
 *     the first retransmission and otherwise compares the time since `retrans_stamp` (the original
 *     send of the first lost segment: the start of the stall) with tcp_model_timeout(boundary,
 *     rto_base = TCP_RTO_MIN): the time `boundary` retransmissions would take from TCP_RTO_MIN,
 *     doubling up to TCP_RTO_MAX:
 *       thresh = ilog2(TCP_RTO_MAX / rto_base);
 *       boundary ≤ thresh ? ((2 << boundary) − 1) · rto_base
 *                         : ((2 << thresh) − 1) · rto_base + (boundary − thresh) · TCP_RTO_MAX.
 *     tcp_retries2 = 15 (TCP_RETR2): thresh = ilog2(600) = 9, 1023 · 0.2 + 6 · 120 = 924.6 s.
 *   - tcp_write_timeout, SYN_SENT: `retry_until = icsk_syn_retries ?: sysctl_tcp_syn_retries;
 *     expired = icsk->icsk_retransmits >= retry_until` (a count). tcp_syn_retries = 6
 *     (TCP_SYN_RETRIES) from TCP_TIMEOUT_INIT = 1 s: SYNs at 0, 1, 3, 7, 15, 31, 63 s, give-up at
 *     127 s.
 *   - TCP_RTO_MIN = HZ/5 (200 ms), TCP_RTO_MAX = 120·HZ, TCP_TIMEOUT_INIT = 1·HZ (RFC 6298 §2.1).
 *
 * The RTO of an established connection. Linux's tcp_set_rto sets RTO = srtt + rttvar, and
 * tcp_rtt_estimator keeps rttvar ≥ tcp_rto_min (mdev_max_us is floored at it), so RTO =
 * srtt + max(4·mdev, rto_min) ≥ rto_min + srtt. The simulator has no RTT model for the client
 * path (clients sit behind the routers, not on simulated links), so the model takes a fixed
 * smoothed RTT `rtt` (default 0: on a datacenter path srtt is 0.1–1 ms, under 0.5 % of 200 ms)
 * and RTO = min(rtoMin + rtt, rtoMax). With the default it is exactly 200 ms, which is what the
 * hand-computed schedules (0.2, 0.6, 1.4, … s) assume. The SYN's RTO is `initialRto`.
 */
import type { Duration } from '../../base/time.js';

export interface LinuxTcpParams {
  /** net.ipv4.tcp_retries2: the established connection's give-up, as a time (tcp_model_timeout). */
  readonly tcp_retries2: number;
  /** net.ipv4.tcp_syn_retries: SYN retransmissions before connect() fails. */
  readonly tcp_syn_retries: number;
  /** TCP_RTO_MIN (also the rto_base of tcp_model_timeout for an established connection). */
  readonly rtoMin: Duration;
  /** TCP_RTO_MAX: the back-off's cap. */
  readonly rtoMax: Duration;
  /** TCP_TIMEOUT_INIT: the SYN's first RTO. */
  readonly initialRto: Duration;
  /** Smoothed RTT of the client path, added to rtoMin for an established connection's RTO. */
  readonly rtt: Duration;
  /** Application timeout: the client aborts a stall this long after it began (none: only TCP gives up). */
  readonly appTimeout?: Duration;
}

export const LINUX_TCP_DEFAULTS: LinuxTcpParams = {
  tcp_retries2: 15,
  tcp_syn_retries: 6,
  rtoMin: 200_000 as Duration,
  rtoMax: 120_000_000 as Duration,
  initialRto: 1_000_000 as Duration,
  rtt: 0 as Duration,
};

/** The first RTO of a stall: the SYN's, or an established connection's (see the header). */
export function firstRto(p: LinuxTcpParams, syn: boolean): Duration {
  return (syn ? p.initialRto : Math.min(p.rtoMin + p.rtt, p.rtoMax)) as Duration;
}

/**
 * Time from the start of a stall to the `k`-th expiry of the retransmission timer (k ≥ 1): the sum
 * of the first k RTOs, each double the last, capped at rtoMax (tcp_retransmit_timer).
 */
export function timerExpiry(p: LinuxTcpParams, syn: boolean, k: number): Duration {
  let rto: number = firstRto(p, syn);
  let t = 0;
  for (let i = 0; i < k; i++) {
    t += rto;
    rto = Math.min(rto * 2, p.rtoMax);
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
  if (syn) return retransmits >= p.tcp_syn_retries;
  if (retransmits === 0) return false;
  return elapsed >= modelTimeout(p.tcp_retries2, p.rtoMin, p.rtoMax);
}

/** When the kernel gives up on a stall that never ends, from its start (127 s / 924.6 s by default). */
export function giveUpAfter(p: LinuxTcpParams, syn: boolean): Duration {
  for (let k = 1; ; k++) {
    const t = timerExpiry(p, syn, k);
    if (writeTimedOut(p, syn, k, t)) return t;
  }
}
