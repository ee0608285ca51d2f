/**
 * The run's outcome in the units users ask about (users.md §2): connections started and reset
 * (by cause), packets delivered and lost, how long traffic was black-holed or had no route, the
 * route churn sent upstream, and how long routers took to notice each failure.
 */
import type { World } from './world.js';

export interface RunMetrics {
  readonly connections: {
    readonly started: number;
    readonly reset: number;
    readonly resetByCause: { rehash: number; blackhole: number; nodeFailure: number; noRoute: number };
  };
  readonly packets: {
    readonly delivered: number;
    readonly lost: number;
    readonly blackholed: number;
    readonly noRoute: number;
  };
  /** Longest time any router's group for the clients' prefix had a next hop with its forwarding plane down, s. */
  readonly blackholeSeconds: number;
  /** Longest time any router had no route for the clients' prefix while traffic was running, s. */
  readonly noRouteSeconds: number;
  readonly routeChurn: { readonly updates: number; readonly withdrawals: number };
  /** Seconds from a fault to the first router session going down because of it (max over faults). */
  readonly detectionSeconds: number;
  /** Router-side sessions that left Established. */
  readonly sessionFlaps: number;
  readonly groups: readonly {
    readonly router: string;
    readonly prefix: string;
    readonly scheme: string;
    readonly nextHops: readonly string[];
    readonly resets: number;
    readonly blackholeSeconds: number;
    readonly noRouteSeconds: number;
  }[];
  readonly bytesPerConnection: number;
  /** Per-node share of delivered packets: max over mean (1 = perfectly even). */
  readonly balance: { readonly maxOverMean: number; readonly packetsByNode: Readonly<Record<string, number>> };
}

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

export function worldMetrics(world: World): RunMetrics {
  const now = world.sim.now();
  const m = world.traffic.dp.metrics(now);
  const causes = { rehash: 0, blackhole: 0, nodeFailure: 0, noRoute: 0 };
  const servicePrefix = world.spec.services.find((sv) => sv.name === world.spec.workload.service)!.prefix;
  let started = 0;
  let delivered = 0;
  let blackholed = 0;
  let noRoute = 0;
  let bh = 0;
  let nr = 0;
  for (const g of m.groups) {
    started += g.opened;
    delivered += g.delivered.packets;
    blackholed += g.blackholed.packets;
    noRoute += g.noRoute.packets;
    for (const c of Object.keys(causes) as (keyof typeof causes)[]) causes[c] += g.resets[c];
    // Only prefixes clients send to: a route nobody uses missing is no traffic's outage.
    if (g.prefix !== servicePrefix) continue;
    bh = Math.max(bh, g.blackholeSeconds);
    nr = Math.max(nr, g.noRouteSeconds);
  }
  let updates = 0;
  let withdrawals = 0;
  for (const r of world.routers.values()) {
    updates += r.churn.updates;
    withdrawals += r.churn.withdrawals;
  }
  let detection = 0;
  for (const d of world.detections) {
    const f = world.spec.faults[d.fault];
    detection = Math.max(detection, (d.at - f.at) / 1e6);
  }
  return {
    connections: {
      started,
      reset: causes.rehash + causes.blackhole + causes.nodeFailure + causes.noRoute,
      resetByCause: causes,
    },
    packets: {
      delivered: Math.round(delivered),
      lost: Math.round(blackholed + noRoute),
      blackholed: Math.round(blackholed),
      noRoute: Math.round(noRoute),
    },
    blackholeSeconds: round(bh),
    noRouteSeconds: round(nr),
    routeChurn: { updates, withdrawals },
    detectionSeconds: round(detection),
    sessionFlaps: world.sessionFlaps,
    groups: m.groups.map((g) => ({
      router: g.router,
      prefix: g.prefix,
      scheme: g.scheme,
      nextHops: g.nextHops,
      resets: g.resets.rehash + g.resets.blackhole + g.resets.nodeFailure + g.resets.noRoute,
      blackholeSeconds: round(g.blackholeSeconds),
      noRouteSeconds: round(g.noRouteSeconds),
    })),
    bytesPerConnection: Math.round(m.memory.bytesPerLiveConnection),
    balance: balance(m.nodes),
  };
}

function balance(nodes: readonly { node: string; packets: number }[]): RunMetrics['balance'] {
  const packetsByNode = Object.fromEntries(nodes.map((n) => [n.node, Math.round(n.packets)]));
  const total = nodes.reduce((a, n) => a + n.packets, 0);
  const max = nodes.reduce((a, n) => Math.max(a, n.packets), 0);
  return { maxOverMean: total > 0 ? round((max * nodes.length) / total, 4) : 0, packetsByNode };
}
