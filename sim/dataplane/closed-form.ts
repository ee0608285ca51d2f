/**
 * A connection in closed form: one that opens and ends while its group's forwarding does not
 * change, delivered all its life to the node it hashed to, touches nothing anyone can observe but
 * counters. Its packets are then rate × lifetime, added at once to the group's and the node's
 * totals and series (an O(1) span each, rate-series.ts) without the connection ever taking a
 * table slot, a timer or an agenda event. The data plane uses it only when that premise is
 * guaranteed (`DataPlane.openSettled`).
 */
import type { Time } from '../base/time.js';
import type { RateSeries } from './rate-series.js';

export interface GroupSums {
  readonly packets: Float64Array;
  readonly bytes: Float64Array;
  readonly connSeconds: Float64Array;
  readonly series: RateSeries<string>;
}

export interface NodeSums {
  packets: number;
  bytes: number;
  conntrackSeconds: number;
  readonly series: RateSeries<string>;
}

/** Adds a connection delivering `pps` packets of `bytes` bytes over [t0, t1) to `state`'s totals. */
export function addDeliveredSpan(
  g: GroupSums,
  state: number,
  n: NodeSums,
  t0: Time,
  t1: Time,
  pps: number,
  bytes: number,
): void {
  const dt = (t1 - t0) / 1e6;
  const bps = pps * bytes;
  g.packets[state]! += pps * dt;
  g.bytes[state]! += bps * dt;
  g.connSeconds[state]! += dt;
  // Group series: pps by state, then bytes/s by state; node series: pps, bytes/s, entries.
  const gs = g.series;
  if (gs.span(t0, t1)) {
    gs.spanAdd(state, pps);
    gs.spanAdd(state + 3, bps);
  }
  n.packets += pps * dt;
  n.bytes += bps * dt;
  n.conntrackSeconds += dt;
  const ns = n.series;
  if (ns.spanAs(gs, t0, t1)) {
    ns.spanAdd(0, pps);
    ns.spanAdd(1, bps);
    ns.spanAdd(2, 1);
  }
}
