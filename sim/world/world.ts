import { assertNever } from '../base/assert.js';
import type { Duration, Time } from '../base/time.js';
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
import type { ResolvedPeerConfig } from '../bgp/profile/index.js';
import type { Family } from '../bgp/rib/index.js';
import type { SessionOutput } from '../bgp/session/index.js';
import type { SpeakerConfig, SpeakerOutput } from '../bgp/speaker/index.js';
import { findCapability, type Message, ORIGIN_IGP, type PathAttributes } from '../bgp/wire/index.js';
import { type HandlerId, Simulator } from '../engine/index.js';
import { BfdEnd } from './bfd-end.js';
import { bfdPolicy, bfdSessionContext } from './bfd-policy.js';
import { BfdStrictHoldTimers } from './bfd-strict-hold.js';
import { type BgpEndpoint, BgpProcess } from './bgp-endpoint.js';
import { applyFault } from './faults.js';
import { describeMessage } from './message-summary.js';
import type { WorldRecord } from './records.js';
import type { BfdSpec, FaultSpec, NodeSpec, RouterSpec, ServiceSpec, SessionSpec, WorldSpec } from './spec.js';
import { Traffic } from './traffic.js';
import { Pipe, type TransportEnv } from './transport.js';
import { Watchdog } from './watchdog.js';

export interface NodeState {
  readonly spec: NodeSpec;
  kernelUp: boolean;
  /** Services this speaker does not advertise (policy); policy changes edit the set. */
  readonly withdrawn: Set<string>;
  readonly process: BgpProcess;
  readonly bfd: BfdEnd[];
}

export interface RouterState {
  readonly spec: RouterSpec;
  readonly process: BgpProcess;
  readonly bfd: Map<string, BfdEnd>;
  readonly upstreamIds: string[];
  /** Forwarding kept across a bgpd restart (F bit source, RFC 4724 §4.1). */
  readonly preserveForwarding: boolean;
  /** Churn sent upstream: totals over every bgpd incarnation, and this incarnation's counters at the last look. */
  readonly churn: { updates: number; withdrawals: number; seenUpdates: number; seenWithdrawals: number };
}

export interface SessionPair {
  readonly spec: SessionSpec;
  readonly speaker: BgpEndpoint;
  readonly router: BgpEndpoint;
  readonly pipe: Pipe;
  readonly speakerBfd: BfdEnd | null;
  readonly routerBfd: BfdEnd | null;
  /** Both BFD ends implied (steady, nothing on the agenda for them). */
  bfdImplied: boolean;
}

export interface WorldOptions {
  readonly seed: number;
  /** Keep trace records in memory (explain, replay, UI); sweeps keep only the hash. */
  readonly keepTrace?: boolean;
  /**
   * BFD in steady state: 'implied' (default) advances it arithmetically and schedules nothing per
   * packet; 'explicit' schedules every packet (the reference; both give the same trace).
   */
  readonly bfd?: 'implied' | 'explicit';
}

import { linkKey } from './link-key.js';

const familyOfPrefix = (prefix: string): Family => (prefix.includes(':') ? 'ipv6-unicast' : 'ipv4-unicast');

export class World {
  readonly sim: Simulator<WorldRecord>;
  readonly nodes = new Map<string, NodeState>();
  readonly routers = new Map<string, RouterState>();
  readonly pairs: SessionPair[] = [];
  readonly traffic: Traffic;
  readonly links = new Map<string, { up: boolean; latency: Duration }>();
  private readonly byEndpoint = new Map<BgpEndpoint, SessionPair>();
  private readonly byBfd = new Map<BfdEnd, SessionPair>();
  private readonly processes: BgpProcess[] = [];
  private readonly bfdEnds: BfdEnd[] = [];
  private readonly bfdStrictHold = new BfdStrictHoldTimers((d, fn) => this.later(d, fn));
  private readonly laterFns = new Map<number, () => void>();
  private laterSeq = 0;
  private readonly hLater: HandlerId;
  private readonly hProcess: HandlerId;
  private readonly hBfd: HandlerId;
  private readonly hFault: HandlerId;
  private readonly addressToNode = new Map<string, string>();
  /** First time each router noticed each failure (for detection-time metrics). */
  readonly detections: { fault: number; at: Time; router: string; node: string; reason: string }[] = [];
  sessionFlaps = 0;
  private readonly impliedBfd: boolean;

  /** Agenda events spent on BFD (what the implied mode saves). */
  get bfdEvents(): number {
    return this.bfdEnds.reduce((n, e) => n + e.events, 0);
  }

  /** True while a fault is applied: pairs stay explicit until their next packet shows them steady. */
  private observing = false;

  constructor(
    readonly spec: WorldSpec,
    options: WorldOptions,
  ) {
    this.sim = new Simulator<WorldRecord>({ seed: options.seed, keep: options.keepTrace ?? false });
    this.impliedBfd = (options.bfd ?? 'implied') === 'implied';
    this.hLater = this.sim.handler((id) => {
      const fn = this.laterFns.get(id);
      this.laterFns.delete(id);
      fn?.();
    });
    this.hProcess = this.sim.handler((i) => this.processes[i].tick());
    this.hBfd = this.sim.handler((i) => this.bfdEnds[i].tick());
    this.hFault = this.sim.handler((i) => this.applyFault(this.spec.faults[i]));
    for (const l of spec.links) this.links.set(linkKey(l.a, l.b), { up: true, latency: l.latency });
    for (const n of spec.nodes) {
      this.nodes.set(n.name, {
        spec: n,
        kernelUp: true,
        withdrawn: new Set(spec.services.map((sv) => sv.name).filter((x) => !n.services.includes(x))),
        process: this.addProcess('speaker', n.name),
        bfd: [],
      });
      this.addressToNode.set(n.address, n.name);
    }
    for (const r of spec.routers) this.routers.set(r.name, this.createRouter(r));
    for (const s of spec.sessions) this.createPair(s);
    this.traffic = new Traffic(this.sim, spec, (router, prefix) => this.fibNextHops(router, prefix));
    // Faults are scheduled first, so at equal times they come before any timer (a packet due at
    // the very moment of a crash is not sent), in both BFD modes alike.
    spec.faults.forEach((f, i) => {
      this.sim.scheduleAt(f.at, this.hFault, i, 0);
    });
  }

  /** Starts every process at t = 0 (if not yet) and runs to `until`. */
  run(until: Time = this.spec.duration): void {
    if (this.sim.now() === 0 && this.sim.eventCount === 0) this.boot();
    this.sim.runUntil(until);
    this.traffic.settle(this.sim.now());
  }

  boot(): void {
    for (const r of this.routers.values()) this.startRouter(r, false);
    for (const n of this.nodes.values()) this.startSpeaker(n, false);
    this.traffic.start();
  }

  // ---------------------------------------------------------------------------------------------
  // Construction

  private addProcess(role: 'speaker' | 'router', owner: string): BgpProcess {
    const p = new BgpProcess(
      this.processes.length,
      role,
      owner,
      (proc, out) => this.onSpeakerOutput(proc, out),
      () => this.sim.now(),
    );
    p.watchdog = new Watchdog(this.sim, this.hProcess, p.index);
    this.processes.push(p);
    return p;
  }

  private createRouter(r: RouterSpec): RouterState {
    const sessions = this.spec.sessions.filter((s) => s.router === r.name);
    return {
      spec: r,
      process: this.addProcess('router', r.name),
      bfd: new Map(),
      upstreamIds: Array.from({ length: r.upstreams }, (_, k) => `${r.name}-upstream-${k + 1}`),
      preserveForwarding: sessions.some((s) => s.routerSide.config.gr.preserveForwarding),
      churn: { updates: 0, withdrawals: 0, seenUpdates: 0, seenWithdrawals: 0 },
    };
  }

  private createPair(s: SessionSpec): void {
    const node = this.nodes.get(s.node)!;
    const router = this.routers.get(s.router)!;
    const speaker = node.process.endpoint(s.router);
    const routerEp = router.process.endpoint(s.node);
    if (!this.links.has(linkKey(s.node, s.router))) {
      this.links.set(linkKey(s.node, s.router), { up: true, latency: 100 as Duration });
    }
    const pipe = new Pipe(speaker, routerEp, this.transportEnv(), node.spec.asn !== router.spec.asn);
    let speakerBfd: BfdEnd | null = null;
    let routerBfd: BfdEnd | null = null;
    // BFD runs only when both ends configure it (MetalLB `bfdProfile` and the router's `neighbor X bfd`).
    if (s.speaker.bfd && s.routerSide.bfd) {
      speakerBfd = this.addBfd(s.node, s.router, s.speaker.bfd);
      routerBfd = this.addBfd(s.router, s.node, s.routerSide.bfd);
      node.bfd.push(speakerBfd);
      router.bfd.set(s.node, routerBfd);
    }
    const pair: SessionPair = { spec: s, speaker, router: routerEp, pipe, speakerBfd, routerBfd, bfdImplied: false };
    this.pairs.push(pair);
    this.byEndpoint.set(speaker, pair);
    this.byEndpoint.set(routerEp, pair);
    if (speakerBfd) this.byBfd.set(speakerBfd, pair);
    if (routerBfd) this.byBfd.set(routerBfd, pair);
  }

  private addBfd(owner: string, peer: string, spec: BfdSpec): BfdEnd {
    const end = new BfdEnd(
      this.bfdEnds.length,
      owner,
      peer,
      spec,
      this.bfdEnds.length + 1,
      this.sim.rng,
      (e, o) => this.onBfdOutput(e, o),
      () => this.sim.now(),
      (e) => this.maybeImply(e),
    );
    end.watchdog = new Watchdog(this.sim, this.hBfd, end.index);
    this.bfdEnds.push(end);
    return end;
  }

  private uniformFor(p: BgpProcess): (peer: string) => () => number {
    const incarnation = p.incarnation + 1;
    return (peer) => {
      const st = this.sim.rng.stream(`bgp/${p.owner}>${peer}/${incarnation}`);
      return () => st.next();
    };
  }

  private transportEnv(): TransportEnv {
    return {
      kernelUp: (owner) => this.kernelUp(owner),
      linkUp: (a, b) => this.links.get(linkKey(a, b))?.up ?? false,
      latency: (a, b) => this.links.get(linkKey(a, b))?.latency ?? (100 as Duration),
      later: (d, fn) => this.later(d, fn),
      onSent: (from, m) => this.recordMessage(from, 'sent', m),
    };
  }

  later(delay: Duration, fn: () => void): void {
    const id = ++this.laterSeq;
    this.laterFns.set(id, fn);
    this.sim.scheduleAfter(delay, this.hLater, id);
  }

  record(r: WorldRecord): void {
    this.sim.record(r);
  }

  private recordMessage(ep: BgpEndpoint, dir: 'sent' | 'received', m: Message): void {
    const d = describeMessage(m);
    this.record({
      t: this.sim.now(),
      type: 'bgp-message',
      subject: ep.subject,
      dir,
      message: d.kind,
      detail: d.detail,
    });
  }

  private kernelUp(owner: string): boolean {
    return this.nodes.get(owner)?.kernelUp ?? true;
  }

  // ---------------------------------------------------------------------------------------------
  // Processes: a node's speaker pod and a router's bgpd

  startSpeaker(node: NodeState, restarting: boolean): void {
    if (!node.kernelUp || node.process.running) return;
    this.record({ t: this.sim.now(), type: 'process', subject: node.spec.name, state: 'up', what: 'speaker' });
    const config = speakerConfig(
      node.spec,
      restarting,
      this.spec.sessions
        .filter((s) => s.node === node.spec.name)
        .map((s) => ({ peer: this.routers.get(s.router)!.spec, config: s.speaker.config })),
    );
    node.process.start(config, this.uniformFor(node.process), (sp) => {
      // MetalLB announces the service addresses of this node (RFC 4271 §9.4 origination).
      for (const sv of this.advertised(node)) {
        const family = familyOfPrefix(sv.prefix);
        sp.rib.originate(family, sv.prefix, originAttributes());
      }
    });
    for (const b of node.bfd) b.start();
  }

  /** SIGTERM to the speaker pod: FRR stops (NOTIFICATION or not, per profile), its kernel closes TCP. */
  stopSpeaker(node: NodeState): void {
    if (!node.process.running) return;
    this.record({ t: this.sim.now(), type: 'process', subject: node.spec.name, state: 'down', what: 'speaker' });
    this.stopProcess(node.process);
    // bfdd lives in the same pod: it stops sending; the router's BFD times out.
    for (const b of node.bfd) b.stop();
  }

  private startRouter(r: RouterState, restarting: boolean): void {
    if (r.process.running) return;
    const config: SpeakerConfig = {
      ...speakerConfig(
        r.spec,
        restarting,
        this.spec.sessions
          .filter((s) => s.router === r.spec.name)
          .map((s) => ({ peer: this.nodes.get(s.node)!.spec, config: s.routerSide.config })),
      ),
      maximumPaths: r.spec.maximumPaths,
    };
    if (restarting)
      this.record({ t: this.sim.now(), type: 'process', subject: r.spec.name, state: 'up', what: 'bgpd' });
    // A new bgpd's Adj-RIB-Out counts from zero.
    r.churn.seenUpdates = 0;
    r.churn.seenWithdrawals = 0;
    r.process.start(config, this.uniformFor(r.process), (sp) => {
      // Upstream peers (no sessions of their own here): every update and withdrawal sent to them
      // is counted as churn by the RIB's Adj-RIB-Out.
      r.upstreamIds.forEach((id, k) => {
        sp.rib.addPeer({ id, asn: 65_000 + k, address: `192.0.2.${k + 1}` });
        sp.rib.peerUp(id, { routerId: `192.0.2.${k + 1}`, families: ['ipv4-unicast', 'ipv6-unicast'] });
      });
    });
    for (const b of r.bfd.values()) if (!b.session) b.start();
  }

  private stopProcess(p: BgpProcess): void {
    for (const ep of p.ends.values()) {
      ep.input({ type: 'process-stop' });
      this.byEndpoint.get(ep)!.pipe.processDied(ep);
    }
    p.kill();
  }

  /** Every path the router forwards a prefix on: its FIB (the data plane's group). */
  fibNextHops(router: string, prefix: string): string[] {
    const sp = this.routers.get(router)!.process.sp;
    if (!sp) return this.traffic.nextHopsOf(router, prefix);
    return sp.rib.nextHops(familyOfPrefix(prefix), prefix).map((a) => this.nodeOf(a));
  }

  private nodeOf(address: string): string {
    return this.addressToNode.get(address.replace(/^::ffff:/, '')) ?? address;
  }

  // ---------------------------------------------------------------------------------------------
  // BGP outputs

  private onSpeakerOutput(p: BgpProcess, out: SpeakerOutput): void {
    this.dispatch(p, out);
    if (p.role === 'router') this.noteChurn(this.routers.get(p.owner)!);
  }

  /** Records what the router's Adj-RIB-Out sent upstream since the last look (RFC 4271 §9.2). */
  private noteChurn(r: RouterState): void {
    const rib = r.process.sp?.rib;
    if (!rib || r.upstreamIds.length === 0) return;
    let updates = 0;
    let withdrawals = 0;
    for (const id of r.upstreamIds) {
      const c = rib.counters(id);
      updates += c.updatesSent;
      withdrawals += c.withdrawalsSent;
    }
    const du = updates - r.churn.seenUpdates;
    const dw = withdrawals - r.churn.seenWithdrawals;
    if (du === 0 && dw === 0) return;
    r.churn.seenUpdates = updates;
    r.churn.seenWithdrawals = withdrawals;
    r.churn.updates += du;
    r.churn.withdrawals += dw;
    this.record({ t: this.sim.now(), type: 'churn', subject: r.spec.name, updates: du, withdrawals: dw });
  }

  private dispatch(p: BgpProcess, out: SpeakerOutput): void {
    const now = this.sim.now();
    switch (out.type) {
      case 'peer':
        this.onSessionOutput(p.endpoint(out.peer), out.output);
        return;
      case 'fib':
        if (p.role === 'router') this.program(p.owner, out.change.prefix, out.change.nextHops);
        return;
      case 'fib-sync':
        if (p.role === 'router') this.syncFib(p.owner, out.family, out.entries);
        return;
      case 'selection-deferred':
        this.record({
          t: now,
          type: 'gr',
          subject: p.owner,
          action: 'selection-deferred',
          family: '',
          reason: `until ${out.until / 1e6} s`,
          clause: out.clause,
        });
        return;
      case 'selection-complete':
        this.record({
          t: now,
          type: 'gr',
          subject: p.owner,
          action: 'selection-complete',
          family: '',
          reason: out.reason,
          clause: out.clause,
        });
        return;
      default:
        assertNever(out, 'output');
    }
  }

  private program(router: string, prefix: string, nextHops: readonly string[]): void {
    const sp = this.routers.get(router)!.process.sp;
    const nodes = nextHops.map((a) => this.nodeOf(a));
    const states = sp ? sp.rib.multipath(familyOfPrefix(prefix), prefix).map((v) => v.state) : [];
    this.record({ t: this.sim.now(), type: 'fib', subject: router, prefix, nextHops: nodes, states });
    this.traffic.setNextHops(router, prefix, nodes, this.sim.now());
  }

  /** End of selection deferral (RFC 4724 §4.1): forwarding replaced by the new Loc-RIB; stale entries go. */
  private syncFib(
    router: string,
    family: Family,
    entries: readonly { prefix: string; nextHops: readonly string[] }[],
  ): void {
    for (const sv of this.spec.services) {
      if (familyOfPrefix(sv.prefix) !== family) continue;
      const e = entries.find((x) => x.prefix === sv.prefix);
      const want = (e?.nextHops ?? []).map((a) => this.nodeOf(a));
      const have = this.traffic.nextHopsOf(router, sv.prefix);
      if (want.join() !== have.join()) this.program(router, sv.prefix, e?.nextHops ?? []);
    }
  }

  private onSessionOutput(ep: BgpEndpoint, out: SessionOutput): void {
    const pair = this.byEndpoint.get(ep)!;
    const now = this.sim.now();
    switch (out.type) {
      case 'send': {
        const st = ep.state;
        // RFC 6793: 4-octet AS_PATH only when both OPENs carried the capability.
        const fourOctet =
          !st?.sentOpen ||
          !st.receivedOpen ||
          (findCapability(st.sentOpen.capabilities, 'four-octet-as') !== undefined &&
            findCapability(st.receivedOpen.capabilities, 'four-octet-as') !== undefined);
        pair.pipe.send(ep, out.conn, out.message, fourOctet);
        return;
      }
      case 'tcp-connect':
        pair.pipe.connect(ep);
        return;
      case 'tcp-close':
        pair.pipe.close(ep, out.conn);
        return;
      case 'state-change':
        this.record({
          t: now,
          type: 'bgp-state',
          subject: ep.subject,
          from: out.from,
          to: out.to,
          reason: out.reason,
          clause: out.clause,
        });
        return;
      case 'session-down':
        this.record({
          t: now,
          type: 'bgp-down',
          subject: ep.subject,
          reason: out.reason,
          gr: out.gr,
          clause: out.clause,
        });
        if (ep.role === 'router') {
          this.sessionFlaps++;
          this.noteDetection(pair, out.reason);
          // FRR without `maximum-prefix … restart`: the peer stays down (Idle (PfxCt)) until cleared.
          if (out.reason === 'max-prefix') ep.input({ type: 'manual-stop' });
        }
        return;
      case 'update-received':
        this.recordMessage(ep, 'received', out.update);
        return;
      case 'explain':
        this.record({ t: now, type: 'explain', subject: ep.subject, clause: out.clause, text: out.text });
        return;
      case 'routes-stale':
      case 'routes-sweep-stale':
      case 'routes-delete':
      case 'routes-llgr-stale':
        this.record({
          t: now,
          type: 'gr',
          subject: ep.subject,
          action: out.type,
          family: familyName(out.afiSafi),
          reason: out.reason,
          clause: out.clause,
        });
        return;
      case 'gr-phase':
        this.record({
          t: now,
          type: 'gr',
          subject: ep.subject,
          action: `gr-phase:${out.from}→${out.to}`,
          family: familyName(out.afiSafi),
          reason: out.reason,
          clause: out.clause,
        });
        return;
      case 'established':
      case 'eor-received':
        return;
      default:
        assertNever(out, 'output');
    }
  }

  private noteDetection(pair: SessionPair, reason: string): void {
    const now = this.sim.now();
    const last = [...this.spec.faults].reverse().find((f) => f.at <= now && 'node' in f && f.node === pair.spec.node);
    if (!last) return;
    if (this.detections.some((d) => d.fault === last.index && d.router === pair.spec.router)) return;
    this.detections.push({ fault: last.index, at: now, router: pair.spec.router, node: pair.spec.node, reason });
  }

  /** Services this node's speaker announces now (ETP Local: only where an endpoint is ready). */
  advertised(node: NodeState): ServiceSpec[] {
    return this.spec.services.filter(
      (sv) =>
        !node.withdrawn.has(sv.name) &&
        (sv.externalTrafficPolicy === 'Cluster' || this.traffic.endpointsOf(sv.name).includes(node.spec.name)),
    );
  }

  /** Re-originates or withdraws the node's services after a policy or endpoint change. */
  reconcile(node: NodeState, before: readonly ServiceSpec[]): void {
    const after = this.advertised(node);
    for (const sv of after) {
      if (!before.includes(sv))
        node.process.input({
          type: 'originate',
          family: familyOfPrefix(sv.prefix),
          prefix: sv.prefix,
          attributes: originAttributes(),
        });
    }
    for (const sv of before) {
      if (!after.includes(sv))
        node.process.input({ type: 'withdraw-originated', family: familyOfPrefix(sv.prefix), prefix: sv.prefix });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // BFD

  private onBfdOutput(end: BfdEnd, out: BfdOutput): void {
    const pair = this.byBfd.get(end)!;
    const now = this.sim.now();
    switch (out.type) {
      case 'send': {
        const other = end === pair.speakerBfd ? pair.routerBfd! : pair.speakerBfd!;
        const link = this.links.get(linkKey(end.owner, other.owner));
        if (!link?.up || !this.kernelUp(other.owner)) return;
        this.deliverBfd(end, other, out.packet, link.latency);
        return;
      }
      case 'state-change':
        this.record({
          t: now,
          type: 'bfd-state',
          subject: end.subject,
          from: out.from,
          to: out.to,
          diag: BFD_DIAG_NAME[out.diag] ?? String(out.diag),
          reason: out.reason,
        });
        return;
      case 'session-down':
        this.bfdDown(pair, end, out);
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
  private deliverBfd(from: BfdEnd, to: BfdEnd, packet: BfdControlPacket, delay: Duration): void {
    const bytes = encodeBfd(packet);
    from.inFlight++;
    this.later(delay, () => {
      from.inFlight--;
      if (!this.links.get(linkKey(from.owner, to.owner))?.up || !this.kernelUp(to.owner)) return;
      const r = decodeBfd(bytes);
      if (r.ok) to.receive(r.packet);
    });
  }

  /** RFC 5882 §4.3 / FRR `check-control-plane-failure`: does BFD Down take BGP down, and with GR? */
  private bfdDown(pair: SessionPair, end: BfdEnd, out: Extract<BfdOutput, { type: 'session-down' }>): void {
    const ep = end === pair.routerBfd ? pair.router : pair.speaker;
    const st = ep.state;
    if (!st) return;
    const policy = bfdPolicy(st.config, end.spec);
    if (!policy) return;
    const decision = decideBfdDown({
      policy,
      reason: out.reason,
      to: out.to === 'AdminDown' ? 'AdminDown' : 'Down',
      localCBit: out.localCBit,
      remoteCBit: out.remoteCBit,
      ...bfdSessionContext(st),
    });
    this.record({
      t: this.sim.now(),
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
        this.bfdStrictHold.arm(ep, decision.delay ?? 0, () => {
          this.record({
            t: this.sim.now(),
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

  // ---------------------------------------------------------------------------------------------
  // Faults

  crashNode(node: NodeState): void {
    if (!node.kernelUp) return;
    node.kernelUp = false;
    this.record({ t: this.sim.now(), type: 'process', subject: node.spec.name, state: 'down', what: 'kernel' });
    for (const ep of node.process.ends.values()) this.byEndpoint.get(ep)!.pipe.kernelDied(ep);
    node.process.kill();
    for (const b of node.bfd) b.stop();
    this.traffic.setNodeUp(node.spec.name, false, this.sim.now());
  }

  recoverNode(node: NodeState): void {
    if (node.kernelUp) return;
    node.kernelUp = true;
    this.record({ t: this.sim.now(), type: 'process', subject: node.spec.name, state: 'up', what: 'kernel' });
    this.traffic.setNodeUp(node.spec.name, true, this.sim.now());
    this.startSpeaker(node, true);
  }

  /** The router's bgpd restarts: its RIB is gone; its FIB is kept only with forwarding preserved. */
  restartRouter(r: RouterState, downtime: Duration): void {
    this.record({ t: this.sim.now(), type: 'process', subject: r.spec.name, state: 'down', what: 'bgpd' });
    this.stopProcess(r.process);
    if (!r.preserveForwarding) for (const sv of this.spec.services) this.program(r.spec.name, sv.prefix, []);
    this.later(downtime, () => this.startRouter(r, true));
  }

  /**
   * DESIGN.md "steady-state periodic traffic is implied": once both ends of a BFD pair are Up and
   * hold each other's parameters, with the link up and both kernels alive, they leave the agenda.
   */
  private maybeImply(end: BfdEnd): void {
    if (!this.impliedBfd || this.observing) return;
    const pair = this.byBfd.get(end);
    if (!pair || pair.bfdImplied) return;
    const a = pair.speakerBfd!;
    const b = pair.routerBfd!;
    // Only when nothing is on the wire: an older packet arriving later could still change a session.
    if (!a.session || !b.session || a.inFlight > 0 || b.inFlight > 0) return;
    const link = this.links.get(linkKey(a.owner, b.owner));
    if (!link?.up || !this.kernelUp(a.owner) || !this.kernelUp(b.owner)) return;
    if (!steadyPair(a.session, b.session, link.latency, link.latency)) return;
    implySteady(a.session);
    implySteady(b.session);
    a.watchdog.cancel();
    b.watchdog.cancel();
    pair.bfdImplied = true;
  }

  /** Back to per-packet BFD at `now` (before a fault observes the pair): the state it would have. */
  private resumeBfd(pair: SessionPair): void {
    if (!pair.bfdImplied) return;
    pair.bfdImplied = false;
    const now = this.sim.now();
    const a = pair.speakerBfd!;
    const b = pair.routerBfd!;
    const latency = this.links.get(linkKey(a.owner, b.owner))!.latency;
    const spanA = a.session!.implied!;
    const spanB = b.session!.implied!;
    const toB = spanDeliveries(spanA, now, latency);
    const toA = spanDeliveries(spanB, now, latency);
    resumeExplicit(a.session!, now, toA.last);
    resumeExplicit(b.session!, now, toB.last);
    // Packets on the wire at this moment arrive as they would have.
    for (const s of toB.inFlight) this.deliverBfd(a, b, spanA.packet, (s.time + latency - now) as Duration);
    for (const s of toA.inFlight) this.deliverBfd(b, a, spanB.packet, (s.time + latency - now) as Duration);
    a.rearm();
    b.rearm();
  }

  private applyFault(f: FaultSpec): void {
    const now = this.sim.now();
    this.observing = true;
    try {
      for (const p of this.pairs) this.resumeBfd(p);
      applyFault(this, f, now);
    } finally {
      this.observing = false;
    }
  }
}

type Host = { readonly name: string; readonly asn: number; readonly address: string };

/** The BGP process of `self`, with one session per peer (RFC 4271 §8: one FSM per peer). */
function speakerConfig(
  self: Host,
  restarting: boolean,
  peers: readonly { peer: Host; config: ResolvedPeerConfig }[],
): SpeakerConfig {
  return {
    name: self.name,
    localAs: self.asn,
    routerId: self.address,
    restarting,
    peers: peers.map(({ peer, config }) => ({
      id: peer.name,
      asn: peer.asn,
      address: peer.address,
      localAddress: self.address,
      config,
    })),
  };
}

/** A MetalLB service route as the speaker originates it: ORIGIN IGP (RFC 4271 §5.1.1). */
function originAttributes(): PathAttributes {
  return { origin: ORIGIN_IGP, asPath: [] };
}

function familyName(a: { afi: number; safi: number }): string {
  return a.afi === 1 ? 'ipv4-unicast' : a.afi === 2 ? 'ipv6-unicast' : `${a.afi}/${a.safi}`;
}
