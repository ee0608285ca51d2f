/**
 * The world's composition root: it builds the rooms (processes, session pairs, BFD pairs, FIB
 * programming, traffic), wires each to the others with callbacks, hands faults their narrow
 * target, and brings the scenario to its t = 0.
 *
 * DESIGN.md "a scenario starts in steady state": unless the scenario asks for a cold start, the
 * processes booted before t = 0 (each `uptime` ago, at most `WARM_UP` before the run) so that at
 * t = 0 sessions are Established, routes and ECMP tables converged and connections live. The
 * warm-up is the world's history: it leaves no record in the trace and nothing in the metrics.
 */

import { STEADY_STATE } from '../base/reasons.js';
import { type Duration, s, type Time } from '../base/time.js';
import { forwardingFor } from '../bgp/gr/index.js';
import { afiSafiOf, FAMILIES } from '../bgp/rib/index.js';
import type { LoggedDraws, ReplayTally } from '../bgp/session/index.js';
import { BfdPairs } from './bfd-pairs.js';
import { familyOfPrefix, type NodeState, type RouterState, type SessionPair, WorldContext } from './context.js';
import { applyFault, type FaultTarget } from './faults.js';
import { FibProgramming } from './fib-programming.js';
import { KeepalivePairs } from './keepalive-pairs.js';
import { summaryOf } from './message-summary.js';
import { Origination } from './origination.js';
import { Processes } from './processes.js';
import { type Detection, SessionPairs } from './session-pairs.js';
import { dispatchSpeakerOutput } from './speaker-outputs.js';
import type { FaultSpec, WorldSpec } from './spec.js';
import { Traffic, type TrafficArrivals } from './traffic.js';
import { WithdrawnServices } from './withdrawn-services.js';
import { WorldSimulator } from './world-simulator.js';

export type { NodeState, RouterState, SessionPair } from './context.js';

export interface WorldOptions {
  readonly seed: number;
  /** Keep trace records in memory (explain, replay, UI); sweeps keep only the hash. */
  readonly keepTrace?: boolean;
  /**
   * BFD in steady state: 'implied' (default) advances it arithmetically and schedules nothing per
   * packet; 'explicit' schedules every packet (the reference; both give the same trace).
   */
  readonly bfd?: 'implied' | 'explicit';
  /**
   * KEEPALIVEs in steady state: 'implied' (default) schedules nothing per message and writes one
   * span record per steady period and direction; 'explicit' schedules and records every message
   * (the reference; the same trace once spans are expanded, keepalive-span.ts).
   */
  readonly keepalives?: 'implied' | 'explicit';
  /**
   * Client arrivals: 'windows' (default) adds the untouched ones of a quiet window in closed form
   * (traffic.ts); 'bulk' draws every one between routing events without agenda events;
   * 'per-connection' makes each arrival and end an event (the reference; the same numbers as bulk).
   */
  readonly traffic?: TrafficArrivals;
  /** A real run's logged draws, replayed by the sessions they name (sim/bgp/session/logged-draws.ts). */
  readonly loggedDraws?: LoggedDraws;
}

/**
 * The longest history simulated before t = 0: enough for every profile's first connection (BIRD
 * waits 5 s, a failed first attempt retries within 120 s) and BFD to come Up. A process up longer
 * boots this long before t = 0 and still counts its start time from its `uptime`.
 */
export const WARM_UP = s(600);

export class World {
  readonly sim: WorldSimulator;
  readonly traffic: Traffic;
  private readonly ctx: WorldContext;
  private readonly processes: Processes;
  private readonly sessions: SessionPairs;
  private readonly bfd: BfdPairs;
  private readonly keepalives: KeepalivePairs;
  private readonly fib: FibProgramming;
  private readonly origination: Origination;
  private booted = false;
  /** Counts of the replay of `loggedDraws`; null without them. */
  readonly replayTally: ReplayTally | null;

  constructor(
    readonly spec: WorldSpec,
    options: WorldOptions,
  ) {
    const steady = spec.start === 'steady';
    this.sim = new WorldSimulator({
      seed: options.seed,
      keep: options.keepTrace ?? false,
      start: (steady ? -WARM_UP : 0) as Time,
    });
    const ctx = new WorldContext(this.sim, spec);
    ctx.recordFrom = 0 as Time;
    this.ctx = ctx;
    this.keepalives = new KeepalivePairs(ctx, (options.keepalives ?? 'implied') === 'implied');
    this.bfd = new BfdPairs(ctx, (options.bfd ?? 'implied') === 'implied', (ep) => this.keepalives.resumeOf(ep));
    this.sessions = new SessionPairs(ctx, (owner, peer, b) => this.bfd.add(owner, peer, b));
    this.traffic = new Traffic(
      this.sim,
      spec,
      (router, prefix) => this.fibNextHops(router, prefix),
      !steady,
      options.traffic,
    );
    this.origination = new Origination(ctx, (sv) => this.traffic.endpointsOf(sv));
    this.fib = new FibProgramming(
      ctx,
      this.traffic,
      (router, prefix) => {
        const sp = ctx.routers.get(router)?.process.sp;
        return sp ? sp.rib.multipath(familyOfPrefix(prefix), prefix).map((v) => v.state) : [];
      },
      (router) => ctx.routers.get(router)!.spec.fibHolds,
    );
    this.replayTally = options.loggedDraws ? { misfits: 0 } : null;
    const replay =
      options.loggedDraws && this.replayTally ? { log: options.loggedDraws, tally: this.replayTally } : null;
    this.processes = new Processes(
      ctx,
      this.origination,
      {
        onOutput: (p, out) => {
          if (out.type === 'peer') this.keepalives.before(p.endpoint(out.peer), out.output);
          dispatchSpeakerOutput(ctx, this.sessions, this.fib, p, out);
          if (out.type === 'peer') this.keepalives.after(p.endpoint(out.peer), out.output);
        },
        clearFib: (router, kept) => this.fib.clear(router, kept),
        nodeForwarding: (node, up) => this.traffic.setNodeUp(node, up, ctx.now()),
        processDied: (ep) => ctx.byEndpoint.get(ep)!.pipe.processDied(ep),
        kernelDied: (ep) => ctx.byEndpoint.get(ep)!.pipe.kernelDied(ep),
      },
      replay,
    );
    const serviceNames = new Set(spec.services.map((sv) => sv.name));
    for (const n of spec.nodes) {
      ctx.nodes.set(n.name, {
        spec: n,
        kernelUp: true,
        withdrawn: new WithdrawnServices(serviceNames, n.services),
        process: this.processes.add('speaker', n.name),
        bfd: [],
      });
    }
    for (const r of spec.routers) {
      const sessions = spec.sessions.filter((x) => x.router === r.name);
      ctx.routers.set(r.name, {
        spec: r,
        process: this.processes.add('router', r.name),
        bfd: new Map(),
        upstreamIds: Array.from({ length: r.upstreams }, (_, k) => `${r.name}-upstream-${k + 1}`),
        preserveForwarding: sessions.some((x) => x.routerSide.config.gr.preserveForwarding),
        keptFamilies: new Set(
          FAMILIES.filter((f) =>
            sessions.some(
              (x) => x.routerSide.config.gr.preserveForwarding && forwardingFor(x.routerSide.config, afiSafiOf(f)),
            ),
          ),
        ),
        churn: { updates: 0, withdrawals: 0, seenUpdates: 0, seenWithdrawals: 0 },
      });
    }
    for (const x of spec.sessions) this.sessions.create(x);
    // Faults are scheduled first, so at equal times they come before any timer (a packet due at
    // the very moment of a crash is not sent), in both BFD modes alike.
    const hFault = this.sim.handler((i) => this.applyFault(spec.faults[i]));
    spec.faults.forEach((f, i) => {
      this.sim.scheduleAt(f.at, hFault, i, 0);
    });
  }

  get nodes(): ReadonlyMap<string, NodeState> {
    return this.ctx.nodes;
  }
  get routers(): ReadonlyMap<string, RouterState> {
    return this.ctx.routers;
  }
  get pairs(): readonly SessionPair[] {
    return this.ctx.pairs;
  }
  /** First time each router noticed each failure (for detection-time metrics). */
  get detections(): readonly Detection[] {
    return this.sessions.detections;
  }
  /** Router-side sessions that left Established during the run. */
  get sessionFlaps(): number {
    return this.sessions.flaps;
  }
  /** Agenda events spent on BFD (what the implied mode saves). */
  get bfdEvents(): number {
    return this.bfd.events;
  }

  /** Boots the world (if not yet) and runs to `until`. */
  /**
   * Runs to `until`, then observes the traffic (its totals and series brought up to then). A slice
   * (`slice`: a progress report, more of the run to come) observes nothing: a quiet window closed
   * there would draw differently from the whole run's (sim/world/traffic.ts).
   */
  run(until: Time = this.spec.duration, slice = false): void {
    if (!this.booted) this.boot();
    this.sim.runUntil(until);
    if (slice) return;
    // The run's end observes every implied pair: their KEEPALIVEs so far go to the trace.
    if (until >= this.spec.duration) this.keepalives.flush();
    this.traffic.settle(this.sim.now());
  }

  private boot(): void {
    this.booted = true;
    if (this.spec.start === 'cold') {
      for (const r of this.ctx.routers.values()) this.processes.startRouter(r, false);
      for (const n of this.ctx.nodes.values()) this.processes.startSpeaker(n, false);
      this.traffic.start();
      return;
    }
    // Each process boots `uptime` before t = 0 (at most WARM_UP before) and counts its start from then.
    const bootAt = (uptime: number) => (WARM_UP - Math.min(uptime, WARM_UP)) as Duration;
    for (const r of this.ctx.routers.values())
      this.ctx.later(bootAt(r.spec.uptime), () => this.processes.startRouter(r, false, -r.spec.uptime as Time));
    for (const n of this.ctx.nodes.values())
      this.ctx.later(bootAt(n.spec.uptime), () => this.processes.startSpeaker(n, false, -n.spec.uptime as Time));
    this.sim.runUntil(0 as Time);
    // The history leaves nothing in the run's counters: churn, flaps and detections start at t = 0.
    for (const r of this.ctx.routers.values()) {
      r.churn.updates = 0;
      r.churn.withdrawals = 0;
    }
    this.sessions.flaps = 0;
    this.sessions.detections.length = 0;
    this.recordSteadyState();
    this.traffic.start();
  }

  /** The state the history left, as the run's first records (the replay and the UI start from them). */
  private recordSteadyState(): void {
    const ctx = this.ctx;
    const t = ctx.now();
    for (const pair of ctx.pairs) {
      for (const ep of [pair.speaker, pair.router]) {
        const st = ep.state;
        if (!st || st.fsm === 'Idle') continue;
        const open = st.receivedOpen ? summaryOf(st.receivedOpen).detail : undefined;
        ctx.record({
          t,
          type: 'bgp-state',
          subject: ep.subject,
          from: 'Idle',
          to: st.fsm,
          reason: STEADY_STATE,
          clause: '',
          ...(open !== undefined ? { peerOpen: open } : {}),
        });
      }
      for (const end of [pair.speakerBfd, pair.routerBfd]) {
        const st = end?.session?.state;
        if (end && st && st !== 'Down')
          ctx.record({
            t,
            type: 'bfd-state',
            subject: end.subject,
            from: 'Down',
            to: st,
            diag: 'no-diagnostic',
            reason: STEADY_STATE,
            clause: '',
          });
      }
    }
    this.fib.recordAll();
  }

  /** Every path the router forwards a prefix on now: its programmed FIB. */
  fibNextHops(router: string, prefix: string): string[] {
    return this.fib.nextHops(router, prefix);
  }

  private applyFault(f: FaultSpec): void {
    this.bfd.observe(() => this.keepalives.observe(() => applyFault(this.faultTarget(), f, this.sim.now())));
  }

  private faultTarget(): FaultTarget {
    const ctx = this.ctx;
    const node = (name: string) => ctx.nodes.get(name)!;
    const p = this.processes;
    return {
      record: (r) => ctx.record(r),
      later: (d, fn) => ctx.later(d, fn),
      stream: (name) => this.sim.rng.stream(name),
      stopSpeaker: (n) => p.stopSpeaker(node(n)),
      startSpeaker: (n, mode) =>
        p.startSpeaker(node(n), mode === 'restart', ctx.now(), mode === 'without-restart-mode'),
      crashNode: (n) => p.crashNode(node(n)),
      recoverNode: (n) => p.recoverNode(node(n)),
      withdrawAll: (n) => {
        const before = this.origination.advertised(node(n));
        for (const sv of this.spec.services) node(n).withdrawn.add(sv.name);
        this.origination.reconcile(node(n), before);
      },
      adminShutdown: (n) => {
        for (const ep of node(n).process.ends.values()) ep.input({ type: 'manual-stop' });
      },
      restartRouter: (r, downtime) => p.restartRouter(ctx.routers.get(r)!, downtime),
      setLink: (a, b, up) => {
        const l = ctx.link(a, b);
        if (!l) return;
        l.up = up;
        ctx.record({ t: ctx.now(), type: 'process', subject: `${a}|${b}`, state: up ? 'up' : 'down', what: 'link' });
        this.traffic.setLinkUp(a, b, up, ctx.now());
      },
      stopBfd: (n, r) => this.sessions.between(n, r)?.speakerBfd?.stop(),
      resetPeer: (r, n) => ctx.routers.get(r)?.process.endpoint(n).input({ type: 'admin-reset' }),
      sendNotification: (from, to, code, subcode, hardReset) => {
        const pair = this.sessions.between(from, to);
        if (!pair) return;
        const ep = pair.speaker.owner === from ? pair.speaker : pair.router;
        ep.input({ type: 'send-notification', code, subcode, hardReset });
      },
      changePolicy: (n, withdraw, advertise) => {
        const before = this.origination.advertised(node(n));
        for (const name of withdraw) node(n).withdrawn.add(name);
        for (const name of advertise) node(n).withdrawn.delete(name);
        this.origination.reconcile(node(n), before);
      },
      setEndpoints: (service, endpoints) => {
        const before = new Map([...ctx.nodes.values()].map((n) => [n, this.origination.advertised(n)]));
        this.traffic.setEndpoints(service, endpoints, ctx.now());
        for (const [n, b] of before) this.origination.reconcile(n, b);
      },
    };
  }
}
