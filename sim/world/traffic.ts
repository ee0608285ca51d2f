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
 * A next-hop change resets nothing at once: each moved connection's fate is decided at its next
 * packet (sim/dataplane/data-plane.ts), so its resets trickle in over the following packet gap,
 * one data-plane deadline each. The 'ecmp-change' record says how many moved; the resets found at
 * the data plane's own deadlines (those next packets, user timeouts) are recorded as 'resets'
 * records, one per cause per RESET_RECORD_WINDOW, so that a change does not write one record per
 * connection. Metrics and series count each reset at its own µs either way.
 */

import { STEADY_STATE } from '../base/reasons.js';
import { type Duration, NEVER, s, type Time } from '../base/time.js';
import { DataPlane, type GroupSpec, RESET_CAUSES, type ResetCounts, type Workload } from '../dataplane/index.js';
import type { HandlerId, RandomStream, Simulator } from '../engine/index.js';
import { ecmpConfig } from './ecmp-config.js';
import type { WorldRecord } from './records.js';
import type { DistributionSpec, WorldSpec } from './spec.js';
import { Watchdog } from './watchdog.js';

export class Traffic {
  readonly dp: DataPlane;
  /** (router, prefix) → data-plane group, from the start of the workload. */
  private readonly groups = new Map<string, number>();
  /** (router, prefix) → how to build its group, and its FIB next hops before the workload starts. */
  private readonly groupSpecs = new Map<string, GroupSpec>();
  private readonly fib = new Map<string, readonly string[]>();
  /** `router|node` links down before the workload starts. */
  private readonly pathsDown = new Set<string>();
  private readonly routerGroups: number[] = [];
  private readonly workload: Workload;
  private readonly endpoints = new Map<string, string[]>();
  private readonly arrivals: RandomStream;
  private readonly entry: RandomStream;
  private readonly draws: RandomStream;
  private readonly hArrival: HandlerId;
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
  ) {
    this.fibNextHops = fibNextHops;
    const w = spec.workload;
    this.dp = new DataPlane({
      tcp: w.tcp,
      reconnect: w.reconnect,
      ephemeralPorts: w.ports,
      initialCapacity: w.initialConnections + 1024,
    });
    for (const n of spec.nodes) this.dp.addNode(n.name);
    for (const sv of spec.services) this.endpoints.set(sv.name, [...sv.endpoints]);
    const service = spec.services.find((x) => x.name === w.service)!;
    this.servicePrefix = service.prefix;
    for (const r of spec.routers) {
      for (const sv of spec.services) {
        this.groupSpecs.set(`${r.name}|${sv.prefix}`, {
          router: r.name,
          prefix: sv.prefix,
          ecmp: ecmpConfig(r.ecmp),
          hashSeed: r.hashSeed,
          hashPolicy: r.hashFields === '3-tuple' ? 'l3' : 'l4',
        });
      }
    }
    this.workload = {
      clients: { firstIp: 0x64400000, count: w.clients, portMin: w.ports[0], portMax: w.ports[1] },
      dstIp: ipv4Number(service.prefix),
      dstPort: 443,
      arrivalsPerSecond: w.arrivalRate,
      durationS: secondsDistribution(w.connectionDuration),
      packetsPerSecond: { type: 'fixed', value: w.packetRate },
      packetBytes: { type: 'fixed', value: w.packetSize },
    };
    this.expected = new Map(spec.routers.map((r) => [r.name, this.advertisers()]));
    this.arrivals = sim.rng.stream('client/arrivals');
    this.entry = sim.rng.stream('client/entry-router');
    this.draws = sim.rng.stream('client/connections');
    this.hArrival = sim.handler(() => this.arrive());
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
    return g === undefined ? [...(this.fib.get(key) ?? [])] : [...this.dp.ecmpOf(g).nextHops()];
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
      this.groups.set(key, g);
      if (spec.prefix === this.servicePrefix) this.routerGroups.push(g);
    }
    for (const path of this.pathsDown) {
      const [router, node] = path.split('|');
      for (const [key, g] of this.groups) if (key.startsWith(`${router}|`)) this.dp.setPathUp(g, node, false, now);
    }
    const w = this.spec.workload;
    for (let i = 0; i < w.initialConnections; i++) this.dp.arrive(this.pickGroup(), this.workload, this.draws, now);
    if (w.arrivalRate > 0) this.scheduleArrival();
    this.rearm();
  }

  private pickGroup(): number {
    return this.routerGroups[Math.floor(this.entry.next() * this.routerGroups.length)];
  }

  private scheduleArrival(): void {
    const gap = Math.max(1, Math.round(this.arrivals.exponential(s(1) / this.spec.workload.arrivalRate)));
    this.sim.scheduleAfter(gap as Duration, this.hArrival);
  }

  private arrive(): void {
    const now = this.sim.now();
    this.advance(now);
    this.dp.arrive(this.pickGroup(), this.workload, this.draws, now);
    this.scheduleArrival();
    this.rearm();
  }

  private advance(now: Time): void {
    const r = this.dp.advance(now);
    if (total(r) > 0) {
      for (const cause of RESET_CAUSES) this.owed[cause] += r[cause];
      if (!this.flushArmed) {
        this.flushArmed = true;
        this.sim.scheduleAt((now + RESET_RECORD_WINDOW) as Time, this.hFlush);
      }
    }
    this.rearm();
  }

  private flush(): void {
    this.recordResets('data-plane', this.owed);
    this.owed = { rehash: 0, blackhole: 0, nodeFailure: 0, noRoute: 0 };
  }

  private rearm(): void {
    this.watchdog.arm(this.dp.nextEventTime());
  }

  /** Brings the exact integrals up to `now` (end of run, or before reading metrics). */
  settle(now: Time): void {
    this.advance(now);
    this.flush();
  }

  setNextHops(router: string, prefix: string, nodes: readonly string[], now: Time): void {
    const key = `${router}|${prefix}`;
    if (this.startedAt === NEVER) {
      if (this.groupSpecs.has(key)) this.fib.set(key, [...nodes]);
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
