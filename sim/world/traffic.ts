/**
 * Client traffic through the routers' ECMP groups (sim/dataplane) as the world drives it: Poisson
 * arrivals, each connection entering through one router (the upstream fabric spreads clients
 * over the routers), and one agenda entry re-armed at the data plane's next event time.
 *
 * In a steady-state scenario the workload is live at t = 0, on the FIBs the warm-up converged to.
 * After a cold start it starts once every router forwards the service to every node that
 * advertises it, or at the first fault, whichever comes first, so that the initial convergence of
 * BGP is not counted as rehashing. The routers' ECMP groups are built then, from their FIBs at
 * that moment; until then only the FIBs' next-hop lists are kept.
 *
 * Quiet windows ('windows', the default). While every group delivers to live, reachable next hops
 * (DataPlane.quietWindows), the arrivals between two touches of the traffic are not drawn one by
 * one: at the touch, each group's window adds the connections still alive as individuals and
 * those that already ended as their number times their expectation (M/G/∞, sim/dataplane/quiet-window.ts).
 * The counts are exact in distribution and the touched connections are individuals, so resets,
 * stalls and give-ups are as in bulk; the volumes of the untouched ones are their means. A run
 * then costs its routing events, not its simulated time. Outside quiet windows it is 'bulk'.
 *
 * Arrivals in bulk ('bulk'). No arrival is an agenda event while every traffic group
 * forwards to live, reachable nodes (DataPlane.needsPromptArrivals false): the arrivals since the
 * last call are drawn when the world next touches the traffic (a FIB change, a node or link
 * fault, a data-plane deadline, the end of the run), each one at its own µs after the data plane
 * is advanced to it, from the same streams in the same order as one event each would draw them
 * (the k-th arrival's gap, entry router and connection are the k-th draws of their streams, so
 * batching changes no number). One that also ends by then is added in closed form
 * (closed-form.ts); the others take a table slot as before. Planned ends are no agenda events
 * either (DataPlane.nextObservableTime). While a group is degraded, arrivals are events again
 * (their stalls, retransmissions and give-ups are recorded at their own time). 'per-connection' keeps one
 * agenda event per arrival and per end: the reference the bulk path is tested against.
 *
 * A next-hop change resets nothing at once: each moved connection's fate is decided at its next
 * packet (sim/dataplane/data-plane.ts), so its resets trickle in over the following packet gap,
 * one data-plane deadline each. The 'ecmp-change' record says how many moved; the resets found at
 * the data plane's own deadlines (those next packets, retransmissions, give-ups, reconnects) are recorded as 'resets'
 * records, one per cause per RESET_RECORD_WINDOW, so that a change does not write one record per
 * connection. Metrics and series count each reset at its own µs either way.
 */

import { STEADY_STATE } from '../base/reasons.js';
import { type Duration, NEVER, s, type Time } from '../base/time.js';
import {
  DataPlane,
  type GroupSpec,
  multinomialDraw,
  RESET_CAUSES,
  type ResetCounts,
  type Workload,
} from '../dataplane/index.js';
import type { HandlerId, RandomStream, Simulator } from '../engine/index.js';
import { ecmpConfig } from './ecmp-config.js';
import type { WorldRecord } from './records.js';
import type { DistributionSpec, WorldSpec } from './spec.js';
import { Watchdog } from './watchdog.js';

export type TrafficArrivals = 'windows' | 'bulk' | 'per-connection';

export class Traffic {
  readonly dp: DataPlane;
  /** (router, prefix) → data-plane group, from the start of the workload. */
  private readonly groups = new Map<string, number>();
  /**
   * (router, workload prefix) → how to build its group. Only the prefix clients send to gets a
   * traffic group: any other prefix costs its FIB entry below and nothing in the data plane.
   */
  private readonly groupSpecs = new Map<string, GroupSpec>();
  /** (router, workload prefix) → FIB next hops before the workload starts (its group's after). */
  private readonly fib = new Map<string, readonly string[]>();
  /** `router|node` links down before the workload starts. */
  private readonly pathsDown = new Set<string>();
  /**
   * One lane per service the clients use (a dual-stack population: the IPv4 and the IPv6 address of
   * a service): its workload (destination, IPv6 flow labels) and its routers' groups.
   */
  private readonly lanes: {
    readonly prefix: string;
    readonly workload: Workload;
    /** The same clients already connected at the start: a steady population (Workload.steady). */
    readonly initial: Workload;
    readonly groups: number[];
  }[];
  private readonly endpoints = new Map<string, string[]>();
  // The clients' streams, each made at its first draw: a run without arrivals draws none, and seeding
  // a stream is most of what an idle Traffic would cost. A stream's draws depend on its name alone.
  private streams: (RandomStream | undefined)[] = [];
  /** Its own stream: a single-service run draws nothing from it, so its numbers are unchanged. */
  private get servicePick(): RandomStream {
    return (this.streams[0] ??= this.sim.rng.stream('client/service'));
  }
  private get arrivals(): RandomStream {
    return (this.streams[1] ??= this.sim.rng.stream('client/arrivals'));
  }
  private get entry(): RandomStream {
    return (this.streams[2] ??= this.sim.rng.stream('client/entry-router'));
  }
  private get draws(): RandomStream {
    return (this.streams[3] ??= this.sim.rng.stream('client/connections'));
  }
  private readonly hArrival: HandlerId;
  /** Mean µs between arrivals. */
  private readonly meanGap: number;
  /** Time of the next arrival not yet drawn into the data plane (NEVER: none). */
  private nextArrivalAt: Time = NEVER;
  /** An agenda entry is pending for `nextArrivalAt`. */
  private arrivalArmed = false;
  private readonly bulk: boolean;
  private readonly windows: boolean;
  /** Arrivals are accounted up to here: a quiet window starts here. */
  private windowFrom: Time = NEVER;
  private readonly hPlane: HandlerId;
  private readonly watchdog: Watchdog;
  /** Resets found at the data plane's deadlines and not yet recorded; the flush armed for them. */
  private owed: ResetCounts = { rehash: 0, blackhole: 0, nodeFailure: 0, noRoute: 0 };
  private flushArmed = false;
  private readonly hFlush: HandlerId;
  /** When the workload began; NEVER until then. */
  startedAt: Time = NEVER;
  private readonly servicePrefix: string;
  private readonly expected: Map<string, string[]>;

  constructor(
    private readonly sim: Simulator<WorldRecord>,
    private readonly spec: WorldSpec,
    fibNextHops: (router: string, prefix: string) => string[],
    /** Cold start: wait for convergence (or the first fault) before the clients start. */
    private readonly afterConvergence: boolean,
    /** 'windows' (default), 'bulk' (every arrival drawn) or 'per-connection' (one agenda event per arrival and end: the reference). */
    arrivals: TrafficArrivals = 'windows',
  ) {
    this.bulk = arrivals !== 'per-connection';
    this.windows = arrivals === 'windows';
    this.fibNextHops = fibNextHops;
    const w = spec.workload;
    this.dp = new DataPlane({
      tcp: w.tcp,
      reconnect: w.reconnect,
      ephemeralPorts: w.ports,
      // In bulk the initial connections are latent records (sim/dataplane/latent.ts): slots are
      // taken only by those a routing event touches, so none are reserved up front.
      initialCapacity: this.bulk ? 1024 : w.initialConnections + 1024,
    });
    for (const n of spec.nodes) this.dp.addNode(n.name);
    for (const sv of spec.services) this.endpoints.set(sv.name, [...sv.endpoints]);
    const service = spec.services.find((x) => x.name === w.service)!;
    this.servicePrefix = service.prefix;
    this.lanes = w.services.map((name) => {
      const prefix = spec.services.find((x) => x.name === name)!.prefix;
      const workload: Workload = {
        clients: { firstIp: 0x64400000, count: w.clients, portMin: w.ports[0], portMax: w.ports[1] },
        dstIp: ipv4Number(prefix),
        dstPort: 443,
        arrivalsPerSecond: w.arrivalRate,
        durationS: secondsDistribution(w.connectionDuration),
        packetsPerSecond: { type: 'fixed', value: w.packetRate },
        packetBytes: { type: 'fixed', value: w.packetSize },
        ...(prefix.includes(':') ? { ipv6: true } : {}),
      };
      return { prefix, workload, initial: { ...workload, steady: true }, groups: [] };
    });
    // Only the prefixes clients use get a traffic group; any other is only its FIB entry.
    for (const lane of this.lanes) {
      for (const r of entryRouters(spec, lane.prefix)) {
        this.groupSpecs.set(`${r.name}|${lane.prefix}`, {
          router: r.name,
          prefix: lane.prefix,
          ecmp: ecmpConfig(r.ecmp),
          hashSeed: r.hashSeed,
          hashPolicy: r.hashFields === '3-tuple' ? 'l3' : 'l4',
        });
      }
    }
    this.expected = new Map(entryRouters(spec, this.servicePrefix).map((r) => [r.name, this.advertisers()]));
    this.meanGap = s(1) / w.arrivalRate;
    this.hArrival = sim.handler(() => {
      this.arrivalArmed = false;
      this.arrive();
    });
    this.hPlane = sim.handler(() => {
      this.watchdog.fired();
      this.advance(this.sim.now());
    });
    this.watchdog = new Watchdog(sim, this.hPlane, 0);
    this.hFlush = sim.handler(() => {
      this.flushArmed = false;
      this.flush();
    });
  }

  private readonly fibNextHops: (router: string, prefix: string) => string[];

  /** The next hops the router's ECMP group for the prefix currently has (its FIB). */
  nextHopsOf(router: string, prefix: string): string[] {
    const key = `${router}|${prefix}`;
    const g = this.groups.get(key);
    if (g !== undefined) return [...this.dp.ecmpOf(g).nextHops()];
    return [...(this.fib.get(key) ?? this.fibNextHops(router, prefix))];
  }

  endpointsOf(service: string): string[] {
    return this.endpoints.get(service) ?? [];
  }

  /** Nodes whose speaker would advertise the workload's service (ETP Local: nodes with endpoints). */
  private advertisers(): string[] {
    const sv = this.spec.services.find((x) => x.name === this.spec.workload.service)!;
    return sv.externalTrafficPolicy === 'Cluster' ? this.spec.nodes.map((n) => n.name) : this.endpointsOf(sv.name);
  }

  start(): void {
    const fixed = this.spec.workload.startAt;
    if (!this.afterConvergence && fixed === undefined) {
      this.begin(STEADY_STATE);
      return;
    }
    const firstFault = this.spec.faults.reduce<number>((m, f) => Math.min(m, f.at), this.spec.duration);
    const h = this.sim.handler(() => this.begin(fixed !== undefined ? 'scheduled' : 'first-fault'));
    this.sim.scheduleAt((fixed ?? firstFault) as Time, h, 0, 0);
  }

  private begin(why: string): void {
    if (this.startedAt !== NEVER) return;
    const now = this.sim.now();
    this.startedAt = now;
    this.sim.record({ t: now, type: 'fault', subject: 'clients', fault: 'traffic-start', detail: why });
    for (const [key, spec] of this.groupSpecs) {
      const g = this.dp.addGroup(spec, now);
      this.dp.setNextHops(g, this.fib.get(key) ?? [], now);
      this.fib.delete(key);
      this.groups.set(key, g);
      for (const lane of this.lanes) if (spec.prefix === lane.prefix) lane.groups.push(g);
    }
    for (const path of this.pathsDown) {
      const [router, node] = path.split('|');
      for (const [key, g] of this.groups) if (key.startsWith(`${router}|`)) this.dp.setPathUp(g, node, false, now);
    }
    const w = this.spec.workload;
    if (this.quiet()) {
      // A steady population in a quiet window: a count per group (a multinomial split, cell by
      // cell, as each connection's lane and entry router would pick them), closed with the window.
      const cells = this.lanes.flatMap((lane) =>
        lane.groups.map((g) => ({ lane, g, p: 1 / this.lanes.length / lane.groups.length })),
      );
      const counts = multinomialDraw(
        w.initialConnections,
        cells.map((c) => c.p),
        this.draws,
      );
      cells.forEach(({ lane, g }, i) => {
        this.dp.openCohort(g, lane.initial, counts[i]!, now);
      });
    } else
      for (let i = 0; i < w.initialConnections; i++) {
        const lane = this.pickLane();
        // Bulk: alive past now, so a latent record while its group is healthy (sim/dataplane/latent.ts).
        if (this.bulk) this.dp.arriveSettled(this.pickGroup(lane), lane.initial, this.draws, now, now);
        else this.dp.arrive(this.pickGroup(lane), lane.initial, this.draws, now);
      }
    this.windowFrom = now;
    if (w.arrivalRate > 0) this.nextArrivalAt = (now + this.arrivalGap()) as Time;
    this.rearm();
  }

  /** A connection's service (when the clients use several), then the router it enters through. */
  private pickLane(): (typeof this.lanes)[number] {
    return this.lanes.length === 1
      ? this.lanes[0]
      : this.lanes[Math.floor(this.servicePick.next() * this.lanes.length)];
  }

  private pickGroup(lane: (typeof this.lanes)[number]): number {
    return lane.groups[Math.floor(this.entry.next() * lane.groups.length)];
  }

  private arrivalGap(): Duration {
    return Math.max(1, Math.round(this.arrivals.exponential(this.meanGap))) as Duration;
  }

  private arrive(): void {
    this.advance(this.sim.now());
  }

  /**
   * Draws every arrival due by `now`, each at its own µs (the data plane advanced to it first), in
   * closed form where it also ends by `now`: callers come here before any forwarding change.
   */
  private pump(now: Time): void {
    while (this.nextArrivalAt <= now) {
      const at = this.nextArrivalAt;
      const due = this.dp.advanceIfDue(at);
      if (due !== null) this.owe(due);
      const lane = this.pickLane();
      if (this.bulk) this.dp.arriveSettled(this.pickGroup(lane), lane.workload, this.draws, at, now);
      else this.dp.arrive(this.pickGroup(lane), lane.workload, this.draws, at);
      this.nextArrivalAt = (at + this.arrivalGap()) as Time;
    }
    if (now > this.windowFrom) this.windowFrom = now;
  }

  /** `final`: the run ends at `now` (nothing will touch the connections live then). */
  private advance(now: Time, final = false): void {
    if (this.quiet()) {
      this.owe(this.dp.advance(now));
      this.closeWindow(now, final);
    } else {
      this.pump(now);
      this.owe(this.dp.advance(now));
    }
    this.rearm();
  }

  /** Whether the arrivals since `windowFrom` are a quiet window (DataPlane.quietWindows): health changes only at a touch, which comes here first. */
  private quiet(): boolean {
    if (!this.windows || this.startedAt === NEVER) return false;
    for (const lane of this.lanes) if (!this.dp.quietWindows(lane.workload)) return false;
    return true;
  }

  /**
   * The arrivals over (windowFrom, now] as one quiet window per group: each lane gets an equal share
   * of the rate and each of its routers an equal share of that (Poisson thinning: independent
   * windows). The next arrival, should the next stretch not be quiet, is drawn from `now`
   * (memoryless: the same law as from the last arrival).
   */
  private closeWindow(now: Time, final: boolean): void {
    const from = this.windowFrom;
    if (now <= from) return;
    this.windowFrom = now;
    const rate = this.spec.workload.arrivalRate / this.lanes.length;
    for (const lane of this.lanes) {
      for (const g of lane.groups)
        this.dp.closeQuiet(g, lane.workload, rate / lane.groups.length, this.draws, from, now, final);
    }
    if (rate > 0) this.nextArrivalAt = (now + this.arrivalGap()) as Time;
  }

  private owe(r: ResetCounts): void {
    if (total(r) > 0) {
      for (const cause of RESET_CAUSES) this.owed[cause] += r[cause];
      if (!this.flushArmed) {
        this.flushArmed = true;
        this.sim.scheduleAt((this.sim.now() + RESET_RECORD_WINDOW) as Time, this.hFlush);
      }
    }
  }

  private flush(): void {
    this.recordResets('data-plane', this.owed);
    this.owed = { rehash: 0, blackhole: 0, nodeFailure: 0, noRoute: 0 };
  }

  private rearm(): void {
    if (!this.bulk) {
      this.watchdog.arm(this.dp.nextEventTime());
      if (!this.arrivalArmed && this.nextArrivalAt < NEVER) this.armArrival();
      return;
    }
    const t = this.dp.nextObservableTime();
    this.watchdog.arm((t >= NEVER ? NEVER : t) as Time);
    if (!this.arrivalArmed && this.nextArrivalAt < NEVER && this.dp.needsPromptArrivals()) this.armArrival();
  }

  private armArrival(): void {
    this.arrivalArmed = true;
    this.sim.scheduleAt(this.nextArrivalAt, this.hArrival);
  }

  /** Brings the exact integrals up to `now` (end of run, or before reading metrics). */
  settle(now: Time): void {
    this.advance(now, true);
    this.flush();
  }

  setNextHops(router: string, prefix: string, nodes: readonly string[], now: Time): void {
    const key = `${router}|${prefix}`;
    // Another prefix: the programmed FIB (fib-programming.ts) is its only state.
    if (!this.groupSpecs.has(key)) return;
    if (this.startedAt === NEVER) {
      this.fib.set(key, [...nodes]);
      this.maybeBegin();
      return;
    }
    const g = this.groups.get(key);
    if (g === undefined) return;
    this.advance(now);
    const r = this.dp.setNextHops(g, nodes, now);
    const reset = total(r.resets);
    if (r.moved > 0 || reset > 0) {
      this.sim.record({
        t: now,
        type: 'ecmp-change',
        subject: router,
        prefix,
        movedFraction: round6(r.change.movedFraction),
        moved: r.moved,
        reset,
      });
    }
    this.recordResets(`${router}:${prefix}`, r.resets);
    this.rearm();
  }

  /** Steady state: every router forwards the service to every node expected to advertise it. */
  private maybeBegin(): void {
    if (this.startedAt !== NEVER || this.spec.workload.startAt !== undefined || !this.afterConvergence) return;
    for (const [router, want] of this.expected) {
      const have = this.fibNextHops(router, this.servicePrefix);
      if (want.some((n) => !have.includes(n))) return;
    }
    this.begin('converged');
  }

  setNodeUp(node: string, up: boolean, now: Time): void {
    this.advance(now);
    const r = up ? this.dp.setNodeForwarding(node, true, now) : this.dp.failNode(node, now);
    this.recordResets(node, r);
    this.rearm();
  }

  /** A router–node link fails or recovers: that router's packets to that node vanish meanwhile. */
  setLinkUp(a: string, b: string, up: boolean, now: Time): void {
    if (this.startedAt === NEVER) {
      for (const r of this.spec.routers) {
        const node = r.name === a ? b : r.name === b ? a : undefined;
        if (node !== undefined) this.pathsDown[up ? 'delete' : 'add'](`${r.name}|${node}`);
      }
      return;
    }
    this.advance(now);
    for (const [key, g] of this.groups) {
      const router = key.slice(0, key.indexOf('|'));
      const node = router === a ? b : router === b ? a : undefined;
      if (node !== undefined) this.recordResets(`${router}|${node}`, this.dp.setPathUp(g, node, up, now));
    }
    this.rearm();
  }

  setEndpoints(service: string, endpoints: readonly string[], _now: Time): void {
    this.endpoints.set(service, [...endpoints]);
  }

  private recordResets(subject: string, counts: ResetCounts): void {
    const now = this.sim.now();
    for (const cause of RESET_CAUSES) {
      if (counts[cause] > 0) this.sim.record({ t: now, type: 'resets', subject, cause, count: counts[cause] });
    }
  }
}

function total(c: ResetCounts): number {
  return c.rehash + c.blackhole + c.nodeFailure + c.noRoute;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Resets found at the data plane's own deadlines are recorded at most this often (per cause). */
const RESET_RECORD_WINDOW: Duration = 100_000 as Duration;

function secondsDistribution(d: DistributionSpec): Workload['durationS'] {
  const sec = (x: number) => x / 1e6;
  switch (d.type) {
    case 'fixed':
      return { type: 'fixed', value: sec(d.value) };
    case 'exponential':
      return { type: 'exponential', mean: sec(d.mean) };
    case 'uniform':
      return { type: 'uniform', min: sec(d.min), max: sec(d.max) };
    case 'lognormal':
      return { type: 'lognormal', mu: Math.log(sec(d.median)), sigma: d.sigma };
  }
}

/** The first address of a prefix as a uint32 (IPv6 addresses folded to 32 bits for hashing). */
function ipv4Number(prefix: string): number {
  const addr = prefix.split('/')[0];
  if (!addr.includes(':')) return addr.split('.').reduce((a, o) => ((a << 8) | Number(o)) >>> 0, 0);
  let h = 0x811c9dc5;
  for (let i = 0; i < addr.length; i++) h = Math.imul(h ^ addr.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The routers a prefix's traffic enters through: those whose sessions carry its family, as only
 * they learn it and announce it upstream (FRR `neighbor X activate` per address-family; MetalLB
 * internal/bgp/frr/frr.go sends an IPv4-only neighbor no IPv6 prefix). Every router when none does
 * (the clients then find no route). AFI 1 IPv4, 2 IPv6 (RFC 4760 §5).
 */
function entryRouters(spec: WorldSpec, prefix: string): WorldSpec['routers'][number][] {
  const afi = prefix.includes(':') ? 2 : 1;
  const carrying = spec.routers.filter((r) =>
    spec.sessions.some((x) => x.router === r.name && x.routerSide.config.afiSafis.some((a) => a.afi === afi)),
  );
  return carrying.length > 0 ? carrying : [...spec.routers];
}
