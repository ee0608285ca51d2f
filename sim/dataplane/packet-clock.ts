/**
 * When a connection's packets are: a connection sending r packets per second has packets at
 * (k + phase) / r seconds, k = 0, 1, 2, … (whole simulated time, not from its birth), with a phase
 * in [0, 1) that is its own. The data plane asks only one question of this clock: the first packet
 * strictly after a forwarding change, the one that meets the new state (a state that lasts until
 * before that packet touches nothing: review item 3, "a packet that never travels through a state
 * cannot be reset by it").
 *
 * The phase is counter-based, a hash of (group, the connection's ordinal among the group's opens,
 * its flow hash), so it does not depend on any stream's consumption order nor on which table slot
 * the connection got.
 */
import type { Time } from '../base/time.js';
import { hash2 } from './hash.js';

/** Phase in [0, 1) of the `ordinal`-th connection opened through `group`, with flow hash `hash`. */
export function packetPhase(group: number, ordinal: number, hash: number): number {
  // 24 bits: exact in the Float32 the connection table keeps.
  return (hash2(0x9e3779b9 ^ group, ordinal, hash) >>> 8) / 0x1000000;
}

/** Time of the k-th packet of the clock (phase, pps), in µs, unrounded. */
export function packetTime(phase: number, pps: number, k: number): number {
  return ((k + phase) * 1e6) / pps;
}

/**
 * The µs in which the first packet strictly after `t` falls: ⌈p⌉ for the smallest packet time p > t.
 * Because changes happen at whole µs, a packet at p meets exactly the changes made before ⌈p⌉, so
 * the data plane decides it at ⌈p⌉, before anything else due then. NEVER-like (Infinity) at 0 pps.
 */
export function nextPacketAfter(phase: number, pps: number, t: Time): number {
  if (!(pps > 0)) return Number.POSITIVE_INFINITY;
  let k = Math.max(0, Math.floor((t * pps) / 1e6 - phase));
  // The estimate is within one packet; step to the exact k with the same expression the clock uses.
  while (packetTime(phase, pps, k) <= t) k++;
  while (k > 0 && packetTime(phase, pps, k - 1) > t) k--;
  return Math.ceil(packetTime(phase, pps, k));
}
