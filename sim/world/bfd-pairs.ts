/**
 * BFD pairs: the two ends of each session's BFD (RFC 5880 asynchronous mode) on the wire, and what
 * a BFD Down does to BGP (RFC 5882 §4.3 and each implementation's policy, sim/bfd/gr-interaction).
 *
 * DESIGN.md "steady-state periodic traffic is implied": once both ends of a pair are Up and hold
 * each other's parameters, with the link up and both kernels alive, they leave the agenda; before
 * a fault observes the world, every implied pair is brought back to per-packet mode at that moment.
 */
import { assertNever } from '../base/assert.js';
import type { Duration } from '../base/time.js';
import {
  BFD_DIAG_NAME,
  type BfdControlPacket,
  type BfdOutput,
  decideBfdDown,
  decode as decodeBfd,
  encode as encodeBfd,
  implySteady,
  resumeExplicit,
  spanDeliveries,
  steadyPair,
} from '../bfd/index.js';
import type { HandlerId } from '../engine/index.js';
import { BfdEnd } from './bfd-end.js';
import { bfdPolicy, bfdSessionContext } from './bfd-policy.js';
import { BfdStrictHoldTimers } from './bfd-strict-hold.js';
import type { BgpEndpoint } from './bgp-endpoint.js';
import type { SessionPair, WorldContext } from './context.js';
import type { BfdSpec } from './spec.js';
import { Watchdog } from './watchdog.js';

export class BfdPairs {
  private readonly ends: BfdEnd[] = [];
  private readonly hBfd: HandlerId;
  /** True while a fault is applied: pairs stay explicit until their next packet shows them steady. */
  private observing = false;
  /** FRR 10.4–10.5's BFD strict hold timers (bgpd/bgp_bfd.c). */
  private readonly strictHold: BfdStrictHoldTimers;

  constructor(
    private readonly ctx: WorldContext,
    private readonly implied: boolean,
    /** A BFD Down is about to reach this BGP session: its implied KEEPALIVEs resume first (keepalive-pairs.ts). */
    private readonly beforeBgpInput: (ep: BgpEndpoint) => void = () => {},
  ) {
    this.hBfd = ctx.sim.handler((i) => this.ends[i].tick());
    this.strictHold = new BfdStrictHoldTimers((d, fn) => ctx.later(d, fn));
  }

  /** Agenda events spent on BFD (what the implied mode saves). */
  get events(): number {
    return this.ends.reduce((n, e) => n + e.events, 0);
  }

  add(owner: string, peer: string, spec: BfdSpec): BfdEnd {
    const end = new BfdEnd(
      this.ends.length,
      owner,
      peer,
      spec,
      this.ends.length + 1,
      this.ctx.sim.rng,
      (e, o) => this.onOutput(e, o),
      () => this.ctx.now(),
      (e) => this.maybeImply(e),
    );
    end.watchdog = new Watchdog(this.ctx.sim, this.hBfd, end.index);
    this.ends.push(end);
    return end;
  }

  /** Runs `fn` (a fault) on the per-packet state every pair would have now. */
  observe(fn: () => void): void {
    this.observing = true;
    try {
      for (const p of this.ctx.pairs) this.resume(p);
      fn();
    } finally {
      this.observing = false;
    }
  }

  private onOutput(end: BfdEnd, out: BfdOutput): void {
    const pair = this.ctx.byBfd.get(end)!;
    switch (out.type) {
      case 'send': {
        const other = end === pair.speakerBfd ? pair.routerBfd! : pair.speakerBfd!;
        const link = this.ctx.link(end.owner, other.owner);
        if (!link?.up || !this.ctx.kernelUp(other.owner)) return;
        this.deliver(end, other, out.packet, link.latency);
        return;
      }
      case 'state-change':
        this.ctx.record({
          t: this.ctx.now(),
          type: 'bfd-state',
          subject: end.subject,
          from: out.from,
          to: out.to,
          diag: BFD_DIAG_NAME[out.diag] ?? String(out.diag),
          reason: out.reason,
          clause: out.clause,
        });
        return;
      case 'session-down':
        this.down(pair, end, out);
        return;
      case 'session-up':
      case 'discard':
      case 'poll-terminated':
        return;
      default:
        assertNever(out, 'output');
    }
  }

  /** A control packet on the wire (RFC 5880 §4.1 codec); lost if the link or the receiver dies meanwhile. */
  private deliver(from: BfdEnd, to: BfdEnd, packet: BfdControlPacket, delay: Duration): void {
    const bytes = encodeBfd(packet);
    from.inFlight++;
    this.ctx.later(delay, () => {
      from.inFlight--;
      if (!this.ctx.link(from.owner, to.owner)?.up || !this.ctx.kernelUp(to.owner)) return;
      const r = decodeBfd(bytes);
      if (r.ok) to.receive(r.packet);
    });
  }

  /** RFC 5882 §4.3 / FRR `check-control-plane-failure`: does BFD Down take BGP down, and with GR? */
  private down(pair: SessionPair, end: BfdEnd, out: Extract<BfdOutput, { type: 'session-down' }>): void {
    const ep = end === pair.routerBfd ? pair.router : pair.speaker;
    const st = ep.state;
    if (!st) return;
    const policy = bfdPolicy(st.config, end.spec);
    if (!policy) return;
    this.beforeBgpInput(ep);
    const decision = decideBfdDown({
      policy,
      reason: out.reason,
      to: out.to === 'AdminDown' ? 'AdminDown' : 'Down',
      localCBit: out.localCBit,
      remoteCBit: out.remoteCBit,
      ...bfdSessionContext(st),
    });
    this.ctx.record({
      t: this.ctx.now(),
      type: 'bfd-down-decision',
      subject: ep.subject,
      action: decision.action,
      reason: decision.reason,
      clause: decision.clause,
    });
    switch (decision.action) {
      case 'ignore':
        return;
      case 'strict-hold':
        this.strictHold.arm(ep, decision.delay ?? 0, () => {
          this.beforeBgpInput(ep);
          this.ctx.record({
            t: this.ctx.now(),
            type: 'explain',
            subject: ep.subject,
            clause: 'FRR bgpd/bgp_bfd.c bgp_bfd_strict_holdtime_expire',
            text: 'BFD strict hold timer expired: Cease/BFD Down',
          });
          ep.input({ type: 'bfd-down' });
        });
        return;
      case 'abort-gr':
        // RFC 5882 §4.3.1, §10.2: the helper acts as if the restart timer expired.
        ep.input({ type: 'bfd-down', abortGr: true });
        return;
      case 'tear-down':
      case 'graceful-restart':
        // The session itself knows its profile's reaction (Cease/BFD Down, or BIRD's graceful restart).
        ep.input({ type: 'bfd-down' });
        return;
      default:
        assertNever(decision.action, 'BFD down action');
    }
  }

  private maybeImply(end: BfdEnd): void {
    if (!this.implied || this.observing) return;
    const pair = this.ctx.byBfd.get(end);
    if (!pair || pair.bfdImplied) return;
    const a = pair.speakerBfd!;
    const b = pair.routerBfd!;
    // Only when nothing is on the wire: an older packet arriving later could still change a session.
    if (!a.session || !b.session || a.inFlight > 0 || b.inFlight > 0) return;
    const link = this.ctx.link(a.owner, b.owner);
    if (!link?.up || !this.ctx.kernelUp(a.owner) || !this.ctx.kernelUp(b.owner)) return;
    if (!steadyPair(a.session, b.session, link.latency, link.latency)) return;
    implySteady(a.session);
    implySteady(b.session);
    a.watchdog.cancel();
    b.watchdog.cancel();
    pair.bfdImplied = true;
  }

  /** Back to per-packet BFD at `now` (before a fault observes the pair): the state it would have. */
  private resume(pair: SessionPair): void {
    if (!pair.bfdImplied) return;
    pair.bfdImplied = false;
    const now = this.ctx.now();
    const a = pair.speakerBfd!;
    const b = pair.routerBfd!;
    const latency = this.ctx.link(a.owner, b.owner)!.latency;
    const spanA = a.session!.implied!;
    const spanB = b.session!.implied!;
    const toB = spanDeliveries(spanA, now, latency);
    const toA = spanDeliveries(spanB, now, latency);
    resumeExplicit(a.session!, now, toA.last);
    resumeExplicit(b.session!, now, toB.last);
    // Packets on the wire at this moment arrive as they would have.
    for (const s of toB.inFlight) this.deliver(a, b, spanA.packet, (s.time + latency - now) as Duration);
    for (const s of toA.inFlight) this.deliver(b, a, spanB.packet, (s.time + latency - now) as Duration);
    a.rearm();
    b.rearm();
  }
}
