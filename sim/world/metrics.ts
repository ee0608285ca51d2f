/**
 * The run's outcome in the units users ask about (users.md §2): connections started and reset
 * (by cause), packets delivered and lost, how long traffic was black-holed or had no route, the
 * route churn sent upstream, and how long routers took to notice each failure.
 */
import { quantile } from '../dataplane/index.js';
import type { World } from './world.js';

export interface RunMetrics {
  readonly connections: {
    readonly started: number;
    readonly reset: number;
    readonly resetByCause: { rehash: number; blackhole: number; nodeFailure: number; noRoute: number };
    /** Connections whose packets stopped arriving (a stalled SYN counts), and those that came back. */
    readonly stalled: number;
    readonly stallSurvived: number;
    /** Stalls TCP (tcp_retries2 / tcp_syn_retries) or the application timeout gave up on. */
    readonly gaveUp: number;
    /** New connections clients opened after a reset or give-up (their reconnect policy). */
    readonly reconnects: number;
  };
  /**
   * Stalls as users see them (sim/dataplane/tcp): the user-visible stall time of survived stalls
   * (first lost packet to the retransmission that got through), nearest-rank p50/p99/max; and,
   * summed over every ended stall, the seconds users waited and the seconds the path was down.
   */
  readonly stall: {
    readonly p50Seconds: number;
    readonly p99Seconds: number;
    readonly maxSeconds: number;
    readonly userSeconds: number;
    readonly blackholedSeconds: number;
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
  /** The same accounting per address family of the destination (IPv4, IPv6 unicast). */
  readonly byFamily: { readonly ipv4: FamilyMetrics; readonly ipv6: FamilyMetrics };
}

export interface FamilyMetrics {
  readonly connections: { readonly started: number; readonly reset: number };
  readonly packets: { readonly delivered: number; readonly lost: number };
  /** Longest black-holed / no-route time of a group of this family that clients use, s. */
  readonly blackholeSeconds: number;
  readonly noRouteSeconds: number;
}

export type FamilyKey = keyof RunMetrics['byFamily'];
export const familyKeyOfPrefix = (prefix: string): FamilyKey => (prefix.includes(':') ? 'ipv6' : 'ipv4');

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

export function worldMetrics(world: World): RunMetrics {
  const now = world.sim.now();
  const m = world.traffic.dp.metrics(now);
  const causes = { rehash: 0, blackhole: 0, nodeFailure: 0, noRoute: 0 };
  const clientPrefixes = new Set(
    world.spec.workload.services.map((name) => world.spec.services.find((sv) => sv.name === name)!.prefix),
  );
  const fam = { ipv4: familyAccumulator(), ipv6: familyAccumulator() };
  let started = 0;
  let blackholed = 0;
  let noRoute = 0;
  let bh = 0;
  let nr = 0;
  const tcp = { stalled: 0, survived: 0, gaveUp: 0, reconnects: 0, userSeconds: 0, blackholedSeconds: 0 };
  const stallTimes: number[] = [];
  for (const g of m.groups) {
    started += g.opened;
    tcp.stalled += g.tcp.stalled;
    tcp.survived += g.tcp.survived;
    tcp.gaveUp += g.tcp.gaveUp + g.tcp.appTimeouts;
    tcp.reconnects += g.tcp.reconnects;
    tcp.userSeconds += g.tcp.stallSeconds;
    tcp.blackholedSeconds += g.tcp.blackholedSeconds;
    for (const x of g.tcp.survivedStallTimes) stallTimes.push(x);
    blackholed += g.blackholed.packets;
    noRoute += g.noRoute.packets;
    for (const c of Object.keys(causes) as (keyof typeof causes)[]) causes[c] += g.resets[c];
    const f = fam[familyKeyOfPrefix(g.prefix)];
    f.started += g.opened;
    f.reset += g.resets.rehash + g.resets.blackhole + g.resets.nodeFailure + g.resets.noRoute;
    f.delivered += g.delivered.packets;
    f.lost += g.blackholed.packets + g.noRoute.packets;
    // Only prefixes clients send to: a route nobody uses missing is no traffic's outage.
    if (!clientPrefixes.has(g.prefix)) continue;
    bh = Math.max(bh, g.blackholeSeconds);
    nr = Math.max(nr, g.noRouteSeconds);
    f.bh = Math.max(f.bh, g.blackholeSeconds);
    f.nr = Math.max(f.nr, g.noRouteSeconds);
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
      stalled: tcp.stalled,
      stallSurvived: tcp.survived,
      gaveUp: tcp.gaveUp,
      reconnects: tcp.reconnects,
    },
    stall: {
      p50Seconds: round(quantile(stallTimes, 0.5)),
      p99Seconds: round(quantile(stallTimes, 0.99)),
      maxSeconds: round(quantile(stallTimes, 1)),
      userSeconds: round(tcp.userSeconds),
      blackholedSeconds: round(tcp.blackholedSeconds),
    },
    // The totals are their families' as printed: a quiet window's volumes are expectations, not
    // whole packets, and rounding each family must not leave the total one packet off their sum.
    packets: {
      delivered: Math.round(fam.ipv4.delivered) + Math.round(fam.ipv6.delivered),
      lost: Math.round(fam.ipv4.lost) + Math.round(fam.ipv6.lost),
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
    byFamily: { ipv4: familyMetrics(fam.ipv4), ipv6: familyMetrics(fam.ipv6) },
  };
}

const familyAccumulator = () => ({ started: 0, reset: 0, delivered: 0, lost: 0, bh: 0, nr: 0 });

function familyMetrics(a: ReturnType<typeof familyAccumulator>): FamilyMetrics {
  return {
    connections: { started: a.started, reset: a.reset },
    packets: { delivered: Math.round(a.delivered), lost: Math.round(a.lost) },
    blackholeSeconds: round(a.bh),
    noRouteSeconds: round(a.nr),
  };
}

function balance(nodes: readonly { node: string; packets: number }[]): RunMetrics['balance'] {
  const packetsByNode = Object.fromEntries(nodes.map((n) => [n.node, Math.round(n.packets)]));
  const total = nodes.reduce((a, n) => a + n.packets, 0);
  const max = nodes.reduce((a, n) => Math.max(a, n.packets), 0);
  return { maxOverMean: total > 0 ? round((max * nodes.length) / total, 4) : 0, packetsByNode };
}
