/**
 * The ranges of the scenario format's durations and rates, stated once so the zod schema, its
 * JSON Schema and the error lines all say the same thing. The engine's clock is integer µs in a
 * double, exact up to 2^53 µs (≈ 285 years, sim/base/time.ts): every bound below keeps any sum the
 * world forms (a fault time + a downtime + the longest protocol timer, 2^24 s of LLGR stale time,
 * or 255 × the longest BFD interval) two orders of magnitude inside it.
 */
import { type Duration, ms, s, us } from '../base/time.js';

export interface DurationBound {
  readonly min: Duration;
  readonly max: Duration;
  /** Why the maximum, for the error line and the JSON Schema description. */
  readonly why: string;
  /** Why the minimum, when it is more than "not negative". */
  readonly whyMin?: string;
}

const DAY = 86_400;

/**
 * A run, and any span inside it (fault and expectation times, downtimes, timers, connection
 * durations): 30 days. Longer than any outage the scenarios study (an LLGR outage of hours to days)
 * and, at 2.6·10^12 µs, far inside the clock; the run's cost is bounded separately.
 */
export const RUN: DurationBound = {
  min: 0 as Duration,
  max: s(30 * DAY),
  why: '30 days, the longest run stalepath simulates',
};

/** How long a process has been up at t = 0: ten years (it boots that long before the run). */
export const UPTIME: DurationBound = { min: 0 as Duration, max: s(3650 * DAY), why: 'ten years of uptime' };

/**
 * One-way link latency: at least one clock tick (a message never arrives in the instant it is
 * sent), at most 1 s (a geostationary hop is 0.27 s; beyond a second it is not a link to a peer).
 */
export const LATENCY: DurationBound = {
  min: us(1),
  max: s(1),
  why: 'a one-way link latency of at most 1 s',
  whyMin: 'a message takes at least one clock tick',
};

/**
 * BFD Desired Min TX / Required Min RX Interval: 32-bit µs fields (RFC 5880 §4.1). The floor is
 * stalepath's: 1 ms keeps a per-packet BFD run at ≤ 1000 packets/s per session and direction,
 * below every implementation modelled (FRR bfdd and MetalLB's BFDProfile: 10 ms; hardware 3.3 ms).
 */
export const BFD_INTERVAL: DurationBound = {
  min: ms(1),
  max: us(4_294_967_295),
  why: 'the 32-bit µs field of RFC 5880 §4.1',
  whyMin: "stalepath's floor for BFD intervals; FRR and MetalLB allow 10 ms",
};

/**
 * Packets per second per connection: 10^6 (a 12 Gb/s flow of 1500-byte packets, beyond any single
 * connection through a MetalLB service); packet counts stay exact integers in a double.
 */
export const MAX_PACKET_RATE = 1_000_000;

/** New connections per second: 10^6 (the run's cost estimate may refuse far less). */
export const MAX_ARRIVAL_RATE = 1_000_000;

/**
 * The smallest non-zero arrival rate: 10^-6/s, one connection per 11.6 days on average. A rarer
 * one draws gaps (exponential, up to ~37 means) beyond the clock; 0 means no new connections.
 */
export const MIN_ARRIVAL_RATE = 0.000_001;

/**
 * Lognormal σ: 10. Measured connection-duration fits have σ ≈ 1–3; beyond 10 one median spans
 * e^±30 and the draws are not a distribution of durations any more.
 */
export const MAX_SIGMA = 10;

/**
 * Prefixes one node advertises beyond its services (`prefixes`, `prefixesPerNode`): 2^20, a
 * little over an Internet full table (~10^6 routes), which the routers hold as RIB and FIB entries
 * only (no traffic group, no trace record unless it changes).
 */
export const MAX_NODE_PREFIXES = 1 << 20;

/**
 * The clients' TCP timers (Linux net/ipv4/tcp_timer.c, include/net/tcp.h): TCP_RTO_MAX is 120 s,
 * the ceiling of every RTO and the most Linux's net.ipv4.tcp_rto_max_ms allows; 1 ms is one jiffy
 * at HZ = 1000, the finest RTO the kernel can arm.
 */
export const RTO: DurationBound = {
  min: ms(1),
  max: s(120),
  why: 'TCP_RTO_MAX, 120 s',
  whyMin: 'one jiffy at HZ = 1000',
};

/** The client path's smoothed RTT: at most 10 s (beyond it no RTO near TCP_RTO_MIN means anything). */
export const RTT: DurationBound = { min: 0 as Duration, max: s(10), why: 'an RTT of at most 10 s' };

/**
 * net.ipv4.tcp_syn_retries and tcp_syn_linear_timeouts: Linux refuses more than MAX_TCP_SYNCNT = 127
 * (include/net/tcp.h; sysctl_net_ipv4.c tcp_syn_linear_timeouts_max).
 * net.ipv4.tcp_retries2: an int sysctl; 255 keeps the give-up (tcp_model_timeout) under 9 hours.
 */
export const MAX_SYN_RETRIES = 127;
export const MAX_RETRIES2 = 255;
