/**
 * FIB programming: how a router's RIB decisions reach its forwarding table. A router does not push
 * every decision to the kernel the microsecond it is made; FRR passes them through two batching
 * queues, each draining a hold after its first item arrived, so decisions within a hold reach the
 * kernel as one change:
 *   1. bgpd's route-processing queue, `bgp->process_queue->spec.hold = 50` ms (bgpd/bgp_route.c);
 *   2. zebra's RIB queue, ZEBRA_RIB_PROCESS_HOLD_TIME 10 ms (zebra/zebra_rib.c, zebra_router.h);
 *      the dataplane and netlink add no timer.
 * The end of selection deferral skips the first: `bgp_do_deferred_path_selection` runs
 * `bgp_process_main_one` on every deferred destination directly (bgpd/bgp_route.c, frr-8.4.4 to
 * 10.7.0), so the new Loc-RIB reaches zebra at once. Each stage's hold comes from the router's
 * profile (`timers.routeProcessingHold`, `timers.fibInstallHold`); a hold of 0 still coalesces
 * everything decided at one instant (the flush runs after every other event of that instant). A
 * forwarding state that lasts no time therefore never touches a packet.
 *
 * This room owns the programmed FIB (what forwarding does now, as `show ip route` would show it);
 * the RIB may differ from it during selection deferral (RFC 4724 §4.1) and during the holds.
 */
import type { Duration, Time } from '../base/time.js';
import type { Family } from '../bgp/rib/index.js';
import type { HandlerId } from '../engine/index.js';
import { familyOfPrefix, type WorldContext } from './context.js';

/** After every other event of an instant (the agenda orders equal times by priority, then insertion). */
const ROUTE_QUEUE_PRIORITY = 200;
/** The install queue drains after the route queue when both are due at one instant. */
const INSTALL_QUEUE_PRIORITY = 201;

export interface FibSink {
  /** The router's ECMP group for the prefix now forwards on these nodes. */
  setNextHops(router: string, prefix: string, nodes: readonly string[], now: Time): void;
}

export interface FibHolds {
  /** bgpd's route-processing queue (skipped by the end of selection deferral). */
  readonly routeProcessing: Duration;
  /** zebra's RIB queue, on the way to the kernel. */
  readonly install: Duration;
}

/** One batching queue per router: items wait until the hold after the first of a batch. */
class HoldQueue {
  private readonly pending = new Map<string, Map<string, readonly string[]>>();
  private readonly routers: string[] = [];
  private readonly handler: HandlerId;

  constructor(
    private readonly ctx: WorldContext,
    private readonly priority: number,
    private readonly holdOf: (router: string) => Duration,
    drain: (router: string, batch: ReadonlyMap<string, readonly string[]>) => void,
  ) {
    this.handler = ctx.sim.handler((i) => {
      const router = this.routers[i];
      const batch = this.pending.get(router);
      this.pending.delete(router);
      if (batch) drain(router, batch);
    });
  }

  /** The latest next hops for the prefix wait for this router's batch. */
  add(router: string, prefix: string, nextHops: readonly string[]): void {
    let batch = this.pending.get(router);
    if (!batch) {
      batch = new Map();
      this.pending.set(router, batch);
      let i = this.routers.indexOf(router);
      if (i < 0) i = this.routers.push(router) - 1;
      this.ctx.sim.scheduleAfter(this.holdOf(router), this.handler, i, this.priority);
    }
    batch.set(prefix, nextHops);
  }

  /** Drops whatever the router had waiting (its daemon is gone). */
  drop(router: string): void {
    this.pending.get(router)?.clear();
  }
}

export class FibProgramming {
  /** `router|prefix` → programmed nodes. */
  private readonly programmed = new Map<string, readonly string[]>();
  private readonly routeQueue: HoldQueue;
  private readonly installQueue: HoldQueue;
  private readonly servicePrefixes: ReadonlySet<string>;

  constructor(
    private readonly ctx: WorldContext,
    private readonly sink: FibSink,
    /** The RIB states of the paths behind a router's multipath set (for the trace), if bgpd runs. */
    private readonly pathStates: (router: string, prefix: string) => readonly string[],
    holdsOf: (router: string) => FibHolds,
  ) {
    this.servicePrefixes = new Set(ctx.spec.services.map((sv) => sv.prefix));
    this.installQueue = new HoldQueue(
      ctx,
      INSTALL_QUEUE_PRIORITY,
      (r) => holdsOf(r).install,
      (router, batch) => {
        for (const [prefix, nextHops] of batch)
          this.install(
            router,
            prefix,
            nextHops.map((a) => ctx.nodeOf(a)),
          );
      },
    );
    this.routeQueue = new HoldQueue(
      ctx,
      ROUTE_QUEUE_PRIORITY,
      (r) => holdsOf(r).routeProcessing,
      (router, batch) => {
        for (const [prefix, nextHops] of batch) this.installQueue.add(router, prefix, nextHops);
      },
    );
  }

  /** The nodes the router forwards a prefix on now. */
  nextHops(router: string, prefix: string): string[] {
    return [...(this.programmed.get(`${router}|${prefix}`) ?? [])];
  }

  /** A RIB decision for one prefix: through both queues (the latest decision wins in each). */
  decide(router: string, prefix: string, nextHops: readonly string[]): void {
    this.routeQueue.add(router, prefix, nextHops);
  }

  /**
   * End of selection deferral (RFC 4724 §4.1): forwarding replaced by the new Loc-RIB for the
   * family, entries the Loc-RIB no longer has removed; straight to the install queue (FRR).
   */
  sync(router: string, family: string, entries: readonly { prefix: string; nextHops: readonly string[] }[]): void {
    const now = new Map(entries.map((e) => [e.prefix, e.nextHops]));
    for (const sv of this.ctx.spec.services) {
      if (familyOfPrefix(sv.prefix) !== family) continue;
      this.installQueue.add(router, sv.prefix, now.get(sv.prefix) ?? []);
      now.delete(sv.prefix);
    }
    // Other prefixes (nodes' prefix blocks): the new Loc-RIB's, and removal of what it lacks.
    for (const [prefix, nextHops] of now) this.installQueue.add(router, prefix, nextHops);
    for (const prefix of this.prefixesOf(router)) {
      if (familyOfPrefix(prefix) === family && !now.has(prefix) && !this.isService(prefix))
        this.installQueue.add(router, prefix, []);
    }
  }

  /** Forwarding state removed at once (bgpd gone without preserving forwarding: zebra flushes its routes). */
  clear(router: string, kept: ReadonlySet<Family> = new Set()): void {
    if (kept.size === 0) {
      this.routeQueue.drop(router);
      this.installQueue.drop(router);
    }
    for (const sv of this.ctx.spec.services)
      if (!kept.has(familyOfPrefix(sv.prefix))) this.install(router, sv.prefix, []);
    for (const prefix of this.prefixesOf(router))
      if (!kept.has(familyOfPrefix(prefix))) this.install(router, prefix, []);
  }

  /** Prefixes the router has programmed (a copy: installing removes nothing, but may add). */
  private prefixesOf(router: string): string[] {
    const head = `${router}|`;
    const out: string[] = [];
    for (const key of this.programmed.keys()) if (key.startsWith(head)) out.push(key.slice(head.length));
    return out;
  }

  private isService(prefix: string): boolean {
    return this.servicePrefixes.has(prefix);
  }

  /**
   * The programmed FIB of the services as records (the state a steady-state run starts from). A
   * node's prefix block is left out: its start is the scenario's own (every advertising node), and
   * its prefixes are recorded only when they change, so 10^6 routes are no 10^6 records.
   */
  recordAll(): void {
    for (const [key, nodes] of this.programmed) {
      const i = key.indexOf('|');
      const prefix = key.slice(i + 1);
      if (this.isService(prefix)) this.record(key.slice(0, i), prefix, nodes);
    }
  }

  private install(router: string, prefix: string, nodes: readonly string[]): void {
    const key = `${router}|${prefix}`;
    const have = this.programmed.get(key) ?? [];
    if (have.length === nodes.length && have.every((n, i) => n === nodes[i])) return;
    this.programmed.set(key, nodes);
    this.record(router, prefix, nodes);
    this.sink.setNextHops(router, prefix, nodes, this.ctx.now());
  }

  private record(router: string, prefix: string, nodes: readonly string[]): void {
    this.ctx.record({
      t: this.ctx.now(),
      type: 'fib',
      subject: router,
      prefix,
      nextHops: [...nodes],
      states: [...this.pathStates(router, prefix)],
    });
  }
}
