/**
 * FIB programming: how a router's RIB decisions reach its forwarding table. A router does not
 * push every decision to the kernel the microsecond it is made: FRR queues route processing and
 * drains the queue after a hold (`bgp->process_queue->spec.hold = 50` ms, bgpd/bgp_route.c), so
 * per-peer events within that hold reach zebra and the kernel as one change. Each router here
 * keeps the latest next hops per prefix and programs them after its profile's `fibBatchHold`; a
 * hold of 0 still coalesces everything decided at one timestamp (the flush runs after every other
 * event of that instant). A forwarding state that lasts no time therefore never touches a packet.
 *
 * This room owns the programmed FIB (what forwarding does now, as `show ip route` would show it);
 * the RIB may differ from it during selection deferral (RFC 4724 §4.1) and during the hold.
 */
import type { Duration, Time } from '../base/time.js';
import type { HandlerId } from '../engine/index.js';
import { familyOfPrefix, type WorldContext } from './context.js';

/** After every other event of an instant (the agenda orders equal times by priority, then insertion). */
const FLUSH_PRIORITY = 200;

export interface FibSink {
  /** The router's ECMP group for the prefix now forwards on these nodes. */
  setNextHops(router: string, prefix: string, nodes: readonly string[], now: Time): void;
}

export class FibProgramming {
  /** `router|prefix` → programmed nodes. */
  private readonly programmed = new Map<string, readonly string[]>();
  /** Per router: prefix → next-hop addresses decided but not yet programmed. */
  private readonly pending = new Map<string, Map<string, readonly string[]>>();
  /** Routers by flush-event argument (numbered as they first decide). */
  private readonly routerNames: string[] = [];
  private readonly hFlush: HandlerId;

  constructor(
    private readonly ctx: WorldContext,
    private readonly sink: FibSink,
    /** The RIB states of the paths behind a router's multipath set (for the trace), if bgpd runs. */
    private readonly pathStates: (router: string, prefix: string) => readonly string[],
    /** The router's batching hold. */
    private readonly holdOf: (router: string) => Duration,
  ) {
    this.hFlush = ctx.sim.handler((i) => this.flush(this.routerNames[i]));
  }

  /** The nodes the router forwards a prefix on now. */
  nextHops(router: string, prefix: string): string[] {
    return [...(this.programmed.get(`${router}|${prefix}`) ?? [])];
  }

  /** A RIB decision for one prefix: programmed after the router's hold (the latest decision wins). */
  decide(router: string, prefix: string, nextHops: readonly string[]): void {
    let p = this.pending.get(router);
    if (!p) {
      p = new Map();
      this.pending.set(router, p);
      let i = this.routerNames.indexOf(router);
      if (i < 0) i = this.routerNames.push(router) - 1;
      this.ctx.sim.scheduleAfter(this.holdOf(router), this.hFlush, i, FLUSH_PRIORITY);
    }
    p.set(prefix, nextHops);
  }

  /**
   * End of selection deferral (RFC 4724 §4.1): forwarding replaced by the new Loc-RIB for the
   * family; entries the Loc-RIB no longer has are removed.
   */
  sync(router: string, family: string, entries: readonly { prefix: string; nextHops: readonly string[] }[]): void {
    for (const sv of this.ctx.spec.services) {
      if (familyOfPrefix(sv.prefix) !== family) continue;
      const e = entries.find((x) => x.prefix === sv.prefix);
      this.decide(router, sv.prefix, e?.nextHops ?? []);
    }
  }

  /** Forwarding state removed at once (bgpd gone without preserving forwarding: zebra flushes its routes). */
  clear(router: string): void {
    this.pending.get(router)?.clear();
    for (const sv of this.ctx.spec.services) this.install(router, sv.prefix, []);
  }

  /** The programmed FIB as records (the state a steady-state run starts from). */
  recordAll(): void {
    const now = this.ctx.now();
    for (const [key, nodes] of this.programmed) {
      const i = key.indexOf('|');
      const router = key.slice(0, i);
      const prefix = key.slice(i + 1);
      const states = [...this.pathStates(router, prefix)];
      this.ctx.record({ t: now, type: 'fib', subject: router, prefix, nextHops: [...nodes], states });
    }
  }

  private flush(router: string): void {
    const p = this.pending.get(router);
    this.pending.delete(router);
    if (!p) return;
    for (const [prefix, nextHops] of p)
      this.install(
        router,
        prefix,
        nextHops.map((a) => this.ctx.nodeOf(a)),
      );
  }

  private install(router: string, prefix: string, nodes: readonly string[]): void {
    const key = `${router}|${prefix}`;
    const have = this.programmed.get(key) ?? [];
    if (have.length === nodes.length && have.every((n, i) => n === nodes[i])) return;
    this.programmed.set(key, nodes);
    const now = this.ctx.now();
    this.ctx.record({
      t: now,
      type: 'fib',
      subject: router,
      prefix,
      nextHops: [...nodes],
      states: [...this.pathStates(router, prefix)],
    });
    this.sink.setNextHops(router, prefix, nodes, now);
  }
}
