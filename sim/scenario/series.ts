/**
 * Traffic over time for charts: the data plane's exact per-bin integrals (not samples), summed
 * over every router's forwarding group.
 */
import type { Time } from '../base/time.js';
import type { World } from '../world/index.js';

export interface TrafficSeries {
  /** Bin width, µs. Bin k covers [k·resolution, (k+1)·resolution). */
  readonly resolution: Time;
  /** Packets delivered per bin. */
  readonly delivered: Float64Array;
  /** Packets black-holed or without a route per bin. */
  readonly lost: Float64Array;
  /** Connections reset in the bin, any cause. */
  readonly resets: Float64Array;
  readonly opened: Float64Array;
}

export function trafficSeries(world: World): TrafficSeries {
  const now = world.sim.now();
  const dp = world.traffic.dp;
  const snaps = dp.metrics(now).groups.map((g) => dp.groupSeries(g.group, now));
  const n = snaps.reduce((m, s) => Math.max(m, s.bins), 0);
  const delivered = new Float64Array(n);
  const lost = new Float64Array(n);
  const resets = new Float64Array(n);
  const opened = new Float64Array(n);
  for (const s of snaps) {
    const c = s.channels;
    for (let k = 0; k < s.bins; k++) {
      delivered[k] += c.deliveredPackets[k];
      lost[k] += c.blackholedPackets[k] + c.noRoutePackets[k];
      resets[k] += c.rehash[k] + c.blackhole[k] + c.nodeFailure[k] + c.noRoute[k];
      opened[k] += c.opened[k];
    }
  }
  const resolution = (snaps[0]?.resolution ?? 1_000_000) as Time;
  return { resolution, delivered, lost, resets, opened };
}
