/**
 * The world: Kubernetes nodes running a MetalLB speaker, upstream routers, links, BFD, and the
 * routers' ECMP forwarding, composed from the sans-IO machines and driven by one Simulator.
 *
 * Theory of operation. Each BGP session has two BgpEndpoints (speaker side, router side) joined by
 * a Pipe (TCP over a link). Machine outputs are executed here: messages go through the wire codec
 * and arrive one link latency later; route-state actions (RFC 4724 §4.2) are applied to the
 * router's RIB; RIB forwarding changes reprogram the router's ECMP group for the prefix, which is
 * where connections are moved, reset or black-holed (traffic.ts). Faults are inputs at a time.
 */
import { invariant } from '../base/assert.js';
import { type Duration, NEVER, type Time } from '../base/time.js';
import {
  BFD_DIAG_NAME,
  type BfdDownPolicy,
  type BfdOutput,
  decideBfdDown,
  decode as decodeBfd,
  encode as encodeBfd,
} from '../bfd/index.js';
import { getProfile, type ResolvedPeerConfig } from '../bgp/profile/index.js';
import { type Family, familyOf, Rib, type RibResult } from '../bgp/rib/index.js';
import type { SessionOutput } from '../bgp/session/index.js';
import {
  AFI_IPV4,
  AFI_IPV6,
  endOfRib,
  findCapability,
  isEndOfRib,
  type Message,
  SAFI_UNICAST,
  type UpdateMessage,
} from '../bgp/wire/index.js';
import { type HandlerId, Simulator } from '../engine/index.js';
import { BfdEnd } from './bfd-end.js';
import { BgpEndpoint } from './bgp-endpoint.js';
import { describeMessage } from './message-summary.js';
import type { WorldRecord } from './records.js';
import type {
  BfdSpec,
  DistributionSpec,
  FaultSpec,
  NodeSpec,
  RouterSpec,
  ServiceSpec,
  SessionSpec,
  WorldSpec,
} from './spec.js';
import { Traffic } from './traffic.js';
import { Pipe, type TransportEnv } from './transport.js';
import { Watchdog } from './watchdog.js';

interface NodeState {
  readonly spec: NodeSpec;
  kernelUp: boolean;
  speakerUp: boolean;
  /** Speaker restarts so far (identity of the process). */
  starts: number;
  /** Services this speaker advertises (policy changes remove some). */
  readonly withdrawn: Set<string>;
  readonly endpoints: BgpEndpoint[];
  readonly bfd: BfdEnd[];
}

interface RouterState {
  readonly spec: RouterSpec;
  readonly rib: Rib;
  readonly endpoints: Map<string, BgpEndpoint>;
  readonly bfd: Map<string, BfdEnd>;
  readonly upstreamIds: string[];
}

interface SessionPair {
  readonly spec: SessionSpec;
  readonly speaker: BgpEndpoint;
  readonly router: BgpEndpoint;
  readonly pipe: Pipe;
  readonly speakerBfd: BfdEnd | null;
  readonly routerBfd: BfdEnd | null;
  /** The speaker waits for the router's End-of-RIB before sending (RFC 4724 §4.1 deferral). */
  deferring: boolean;
}

export interface WorldOptions {
  readonly seed: number;
  /** Keep trace records in memory (explain, replay, UI); sweeps keep only the hash. */
  readonly keepTrace?: boolean;
}

const linkKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export class World {
  readonly sim: Simulator<WorldRecord>;
  readonly nodes = new Map<string, NodeState>();
  readonly routers = new Map<string, RouterState>();
  readonly pairs: SessionPair[] = [];
  readonly traffic: Traffic;
  private readonly links = new Map<string, { up: boolean; latency: Duration }>();
  private readonly byEndpoint = new Map<BgpEndpoint, SessionPair>();
  private readonly byBfd = new Map<BfdEnd, SessionPair>();
  private readonly endpoints: BgpEndpoint[] = [];
  private readonly bfdEnds: BfdEnd[] = [];
  private readonly laterFns = new Map<number, () => void>();
  private laterSeq = 0;
  private readonly hLater: HandlerId;
  private readonly hEndpoint: HandlerId;
  private readonly hBfd: HandlerId;
  private readonly hFault: HandlerId;
  private readonly addressToNode = new Map<string, string>();
  /** First time each router noticed each failure (for detection-time metrics). */
  readonly detections: { fault: number; at: Time; router: string; node: string; reason: string }[] = [];
  sessionFlaps = 0;

  constructor(
    readonly spec: WorldSpec,
    options: WorldOptions,
  ) {
    this.sim = new Simulator<WorldRecord>({ seed: options.seed, keep: options.keepTrace ?? false });
    this.hLater = this.sim.handler((id) => {
      const fn = this.laterFns.get(id);
      this.laterFns.delete(id);
      fn?.();
    });
    this.hEndpoint = this.sim.handler((i) => this.endpoints[i].tick());
    this.hBfd = this.sim.handler((i) => this.bfdEnds[i].tick());
    this.hFault = this.sim.handler((i) => this.applyFault(this.spec.faults[i]));
    for (const l of spec.links) this.links.set(linkKey(l.a, l.b), { up: true, latency: l.latency });
    for (const n of spec.nodes) {
      this.nodes.set(n.name, {
        spec: n,
        kernelUp: true,
        speakerUp: false,
        starts: 0,
        // Services the speaker does not advertise at start (policy); policy changes edit this set.
        withdrawn: new Set(spec.services.map((sv) => sv.name).filter((x) => !n.services.includes(x))),
        endpoints: [],
        bfd: [],
      });
      this.addressToNode.set(n.address, n.name);
    }
    for (const r of spec.routers) this.routers.set(r.name, this.createRouter(r));
    for (const s of spec.sessions) this.createPair(s);
    this.traffic = new Traffic(this.sim, spec, (router, prefix) => this.fibNextHops(router, prefix));
    spec.faults.forEach((f, i) => {
      this.sim.scheduleAt(f.at, this.hFault, i, 1);
    });
  }

  /** Starts every process at t = 0 and runs to the end. */
  run(until: Time = this.spec.duration): void {
    if (this.sim.now() === 0 && this.sim.eventCount === 0) this.boot();
    this.sim.runUntil(until);
    this.traffic.settle(this.sim.now());
  }

  boot(): void {
    for (const r of this.routers.values()) {
      for (const ep of r.endpoints.values())
        ep.start(this.identity(r.spec.asn, r.spec.address, false), this.uniform(ep));
      for (const b of r.bfd.values()) b.start();
    }
    for (const n of this.nodes.values()) this.startSpeaker(n, false);
    this.traffic.start();
  }

  // ---------------------------------------------------------------------------------------------
  // Construction

  private createRouter(r: RouterSpec): RouterState {
    const rib = new Rib({ localAs: r.asn, routerId: r.address, maximumPaths: r.maximumPaths });
    const upstreamIds: string[] = [];
    for (let k = 0; k < r.upstreams; k++) {
      const id = `${r.name}-upstream-${k + 1}`;
      rib.addPeer({ id, asn: 65_000 + k, address: `192.0.2.${k + 1}` });
      rib.peerUp(id, { routerId: `192.0.2.${k + 1}`, families: ['ipv4-unicast', 'ipv6-unicast'] });
      upstreamIds.push(id);
    }
    return { spec: r, rib, endpoints: new Map(), bfd: new Map(), upstreamIds };
  }

  private createPair(s: SessionSpec): void {
    const node = this.nodes.get(s.node)!;
    const router = this.routers.get(s.router)!;
    const handle = (ep: BgpEndpoint, out: SessionOutput) => this.onSessionOutput(ep, out);
    const now = () => this.sim.now();
    const speaker = this.addEndpoint(
      new BgpEndpoint(this.endpoints.length, 'speaker', s.node, s.router, s.speaker.config, handle, now),
    );
    const routerEp = this.addEndpoint(
      new BgpEndpoint(this.endpoints.length, 'router', s.router, s.node, s.routerSide.config, handle, now),
    );
    router.rib.addPeer({
      id: s.node,
      asn: node.spec.asn,
      address: node.spec.address,
      ...(s.routerSide.config.maxPrefix !== null
        ? {
            maxPrefixes: {
              'ipv4-unicast': s.routerSide.config.maxPrefix,
              'ipv6-unicast': s.routerSide.config.maxPrefix,
            },
          }
        : {}),
    });
    node.endpoints.push(speaker);
    router.endpoints.set(s.node, routerEp);
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
    const pair: SessionPair = { spec: s, speaker, router: routerEp, pipe, speakerBfd, routerBfd, deferring: false };
    this.pairs.push(pair);
    this.byEndpoint.set(speaker, pair);
    this.byEndpoint.set(routerEp, pair);
    if (speakerBfd) this.byBfd.set(speakerBfd, pair);
    if (routerBfd) this.byBfd.set(routerBfd, pair);
  }

  private addEndpoint(ep: BgpEndpoint): BgpEndpoint {
    ep.watchdog = new Watchdog(this.sim, this.hEndpoint, ep.index);
    this.endpoints.push(ep);
    return ep;
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
    );
    end.watchdog = new Watchdog(this.sim, this.hBfd, end.index);
    this.bfdEnds.push(end);
    return end;
  }

  private identity(asn: number, address: string, restarting: boolean) {
    return { localAs: asn, bgpId: address, restarting, startedAt: this.sim.now() };
  }

  private uniform(ep: BgpEndpoint): () => number {
    const st = this.sim.rng.stream(`bgp/${ep.subject}/${ep.incarnation + 1}`);
    return () => st.next();
  }

  private transportEnv(): TransportEnv {
    return {
      kernelUp: (owner) => this.nodes.get(owner)?.kernelUp ?? true,
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

  private record(r: WorldRecord): void {
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

  // ---------------------------------------------------------------------------------------------
  // BGP outputs

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
      case 'established':
        if (ep.role === 'router') this.routerPeerUp(pair);
        else this.speakerEstablished(pair);
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
          this.routers.get(pair.spec.router)!.rib.peerDown(pair.spec.node);
        }
        pair.deferring = false;
        return;
      case 'update-received':
        if (ep.state) this.recordMessage(ep, 'received', out.update);
        if (ep.role === 'router') this.routerUpdate(pair, out.update);
        return;
      case 'eor-received':
        if (ep.role === 'speaker' && pair.deferring) this.speakerSendRoutes(pair);
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
        if (ep.role === 'router') this.routerRouteAction(pair, out.type, out.afiSafi);
        return;
      default:
        this.onOtherOutput(ep, out);
    }
  }

  /** Outputs that only need recording (GR phases and anything added later). */
  private onOtherOutput(ep: BgpEndpoint, out: SessionOutput): void {
    const o = out as {
      type: string;
      reason?: string;
      clause?: string;
      phase?: string;
      afiSafi?: { afi: number; safi: number };
    };
    this.record({
      t: this.sim.now(),
      type: 'gr',
      subject: ep.subject,
      action: o.phase ? `${o.type}:${o.phase}` : o.type,
      family: o.afiSafi ? familyName(o.afiSafi) : '',
      reason: o.reason ?? '',
      clause: o.clause ?? '',
    });
  }

  // Speaker side: originate the node's service addresses (MetalLB), then End-of-RIB (RFC 4724 §4).

  private speakerEstablished(pair: SessionPair): void {
    const st = pair.speaker.state;
    // RFC 4724 §4.1: a restarting speaker defers its route selection (and so its advertisements)
    // until it has End-of-RIB from the peer, bounded by the selection-deferral timer.
    const rBit = st?.sentOpen
      ? (findCapability(st.sentOpen.capabilities, 'graceful-restart')?.restartState ?? false)
      : false;
    if (rBit && st?.negotiation?.grExchanged) {
      pair.deferring = true;
      const incarnation = pair.speaker.incarnation;
      const deferral = (st!.config.gr.selectionDeferralTime * 1_000_000) as Duration;
      this.later(deferral, () => {
        if (pair.deferring && pair.speaker.incarnation === incarnation) this.speakerSendRoutes(pair);
      });
      return;
    }
    this.speakerSendRoutes(pair);
  }

  private speakerSendRoutes(pair: SessionPair): void {
    pair.deferring = false;
    const node = this.nodes.get(pair.spec.node)!;
    const families = new Set<Family>();
    for (const sv of this.advertised(node)) {
      const v6 = sv.prefix.includes(':');
      families.add(v6 ? 'ipv6-unicast' : 'ipv4-unicast');
      pair.speaker.input({ type: 'send', message: this.announce(node, sv.prefix) });
    }
    for (const fam of ['ipv4-unicast', 'ipv6-unicast'] as Family[]) {
      if (!this.carries(pair, fam)) continue;
      const afi = fam === 'ipv4-unicast' ? AFI_IPV4 : AFI_IPV6;
      pair.speaker.input({ type: 'send', message: endOfRib(afi, SAFI_UNICAST) });
    }
  }

  private carries(pair: SessionPair, fam: Family): boolean {
    const afis = pair.speaker.config.afiSafis;
    return afis.some((a) => familyOf(a.afi, a.safi) === fam);
  }

  /** Services this node's speaker announces now (ETP Local: only where an endpoint is ready). */
  advertised(node: NodeState): ServiceSpec[] {
    return this.spec.services.filter(
      (sv) =>
        !node.withdrawn.has(sv.name) &&
        (sv.externalTrafficPolicy === 'Cluster' || this.traffic.endpointsOf(sv.name).includes(node.spec.name)),
    );
  }

  private announce(node: NodeState, prefix: string): UpdateMessage {
    const asPath = [{ type: 'sequence' as const, asns: [node.spec.asn] }];
    if (prefix.includes(':')) {
      return {
        type: 'update',
        withdrawn: [],
        nlri: [],
        attributes: {
          origin: 0,
          asPath,
          mpReach: { afi: AFI_IPV6, safi: SAFI_UNICAST, nextHop: `::ffff:${node.spec.address}`, nlri: [prefix] },
        },
      };
    }
    return {
      type: 'update',
      withdrawn: [],
      nlri: [prefix],
      attributes: { origin: 0, asPath, nextHop: node.spec.address },
    };
  }

  private withdraw(prefix: string): UpdateMessage {
    if (prefix.includes(':')) {
      return {
        type: 'update',
        withdrawn: [],
        nlri: [],
        attributes: { mpUnreach: { afi: AFI_IPV6, safi: SAFI_UNICAST, withdrawn: [prefix] } },
      };
    }
    return { type: 'update', withdrawn: [prefix], nlri: [], attributes: {} };
  }

  // Router side: the RIB, and from it the FIB and the churn sent upstream.

  private routerPeerUp(pair: SessionPair): void {
    const router = this.routers.get(pair.spec.router)!;
    const st = pair.router.state!;
    // RFC 4760 §8: families both OPENs list (IPv4 unicast when the peer lists none).
    const mp = (st.receivedOpen?.capabilities ?? []).filter((c) => c.type === 'multiprotocol');
    const families = st.config.afiSafis
      .filter((a) => (mp.length === 0 ? a.afi === AFI_IPV4 : mp.some((c) => c.afi === a.afi && c.safi === a.safi)))
      .map((a) => familyOf(a.afi, a.safi))
      .filter((f): f is Family => f !== undefined);
    const llgr = [...(st.negotiation?.afs.values() ?? [])]
      .filter((a) => a.inLlgr)
      .map((a) => familyOf(a.afiSafi.afi, a.afiSafi.safi))
      .filter((f): f is Family => f !== undefined);
    for (const r of router.rib.peerUp(pair.spec.node, {
      routerId: st.receivedOpen?.bgpId ?? pair.spec.node,
      families: families.length ? families : ['ipv4-unicast'],
      llgrStaleFamilies: llgr,
    })) {
      this.applyRibResult(router, r);
    }
    // RFC 4724 §4: End-of-RIB after the initial update on every new session (the router has no
    // routes of its own to send a speaker; eBGP loop prevention keeps the other nodes' routes back).
    for (const fam of families.length ? families : (['ipv4-unicast'] as Family[])) {
      const afi = fam === 'ipv4-unicast' ? AFI_IPV4 : AFI_IPV6;
      pair.router.input({ type: 'send', message: endOfRib(afi, SAFI_UNICAST) });
    }
  }

  private routerUpdate(pair: SessionPair, u: UpdateMessage): void {
    if (isEndOfRib(u)) return;
    const router = this.routers.get(pair.spec.router)!;
    for (const r of router.rib.applyUpdate(pair.spec.node, u)) {
      this.applyRibResult(router, r);
      if (r.maxPrefixExceeded) {
        // RFC 4486 §4: Cease/1 with AFI, SAFI and the limit. Like FRR without `restart`, the peer
        // then stays down ("Idle (PfxCt)") until an operator clears it.
        pair.router.input({ type: 'max-prefix-exceeded', data: r.maxPrefixExceeded.notification.data });
        pair.router.input({ type: 'manual-stop' });
      }
    }
  }

  private routerRouteAction(pair: SessionPair, action: string, afiSafi: { afi: number; safi: number }): void {
    const router = this.routers.get(pair.spec.router)!;
    const fam = familyOf(afiSafi.afi, afiSafi.safi);
    if (!fam) return;
    const rib = router.rib;
    const id = pair.spec.node;
    const r =
      action === 'routes-stale'
        ? rib.markStale(id, fam)
        : action === 'routes-sweep-stale'
          ? rib.sweepStale(id, fam)
          : action === 'routes-delete'
            ? rib.deleteAll(id, fam)
            : rib.toLlgrStale(id, fam);
    this.applyRibResult(router, r);
  }

  private applyRibResult(router: RouterState, r: RibResult): void {
    const now = this.sim.now();
    for (const f of r.fib) {
      const nodes = f.nextHops.map((a) => this.addressToNode.get(a.replace(/^::ffff:/, '')) ?? a);
      const states = router.rib.multipath(r.family, f.prefix).map((p) => p.state);
      this.record({ t: now, type: 'fib', subject: router.spec.name, prefix: f.prefix, nextHops: nodes, states });
      this.traffic.setNextHops(router.spec.name, f.prefix, nodes, now);
    }
    if (router.upstreamIds.length > 0 && r.updates.length > 0) {
      let updates = 0;
      let withdrawals = 0;
      for (const u of r.updates) {
        if (!router.upstreamIds.includes(u.peer)) continue;
        withdrawals += u.withdrawn.length;
        for (const a of u.announced) updates += a.nlri.length;
      }
      if (updates + withdrawals > 0)
        this.record({ t: now, type: 'churn', subject: router.spec.name, updates, withdrawals });
    }
  }

  /** The router's current next-hop nodes for a prefix (traffic.ts asks at start). */
  fibNextHops(router: string, prefix: string): string[] {
    const r = this.routers.get(router)!;
    const fam: Family = prefix.includes(':') ? 'ipv6-unicast' : 'ipv4-unicast';
    return r.rib.nextHops(fam, prefix).map((a) => this.addressToNode.get(a.replace(/^::ffff:/, '')) ?? a);
  }

  private noteDetection(pair: SessionPair, reason: string): void {
    const now = this.sim.now();
    const last = [...this.spec.faults].reverse().find((f) => f.at <= now && 'node' in f && f.node === pair.spec.node);
    if (!last) return;
    if (this.detections.some((d) => d.fault === last.index && d.router === pair.spec.router)) return;
    this.detections.push({ fault: last.index, at: now, router: pair.spec.router, node: pair.spec.node, reason });
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
        const bytes = encodeBfd(out.packet);
        this.later(link.latency, () => {
          if (!this.links.get(linkKey(end.owner, other.owner))?.up || !this.kernelUp(other.owner)) return;
          const r = decodeBfd(bytes);
          if (r.ok) other.receive(r.packet);
        });
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
    }
  }

  /** RFC 5882 §4.3 / FRR `check-control-plane-failure`: does BFD Down take BGP down, and with GR? */
  private bfdDown(pair: SessionPair, end: BfdEnd, out: Extract<BfdOutput, { type: 'session-down' }>): void {
    const ep = end === pair.routerBfd ? pair.router : pair.speaker;
    const st = ep.state;
    if (!st) return;
    const policy: BfdDownPolicy = bfdPolicy(ep.config, end.spec);
    const decision = decideBfdDown({
      policy,
      reason: out.reason,
      to: out.to === 'AdminDown' ? 'AdminDown' : 'Down',
      localCBit: out.localCBit,
      remoteCBit: out.remoteCBit,
      bgpEstablished: st.fsm === 'Established',
      grNegotiated: st.negotiation?.grExchanged ?? false,
    });
    this.record({
      t: this.sim.now(),
      type: 'bfd-down-decision',
      subject: ep.subject,
      action: decision.action,
      reason: decision.reason,
      clause: decision.clause,
    });
    if (decision.action === 'tear-down') ep.input({ type: 'bfd-down' });
    else if (decision.action === 'graceful-restart') ep.input({ type: 'bfd-down' });
  }

  private kernelUp(owner: string): boolean {
    return this.nodes.get(owner)?.kernelUp ?? true;
  }

  // ---------------------------------------------------------------------------------------------
  // Faults

  private startSpeaker(node: NodeState, restarting: boolean): void {
    if (!node.kernelUp || node.speakerUp) return;
    node.speakerUp = true;
    node.starts++;
    this.record({ t: this.sim.now(), type: 'process', subject: node.spec.name, state: 'up', what: 'speaker' });
    for (const ep of node.endpoints) {
      const r = this.routers.get(ep.peer)!;
      ep.start(
        { localAs: node.spec.asn, bgpId: node.spec.address, peerAs: r.spec.asn, restarting, startedAt: this.sim.now() },
        this.uniform(ep),
      );
    }
    for (const b of node.bfd) b.start();
  }

  /** SIGTERM to the speaker pod: FRR stops (NOTIFICATION or not, per profile), its kernel closes TCP. */
  private stopSpeaker(node: NodeState): void {
    if (!node.speakerUp) return;
    node.speakerUp = false;
    this.record({ t: this.sim.now(), type: 'process', subject: node.spec.name, state: 'down', what: 'speaker' });
    for (const ep of node.endpoints) {
      ep.input({ type: 'process-stop' });
      this.byEndpoint.get(ep)!.pipe.processDied(ep);
      ep.kill();
    }
    // bfdd lives in the same pod: it stops sending; the router's BFD times out.
    for (const b of node.bfd) b.stop();
  }

  private crashNode(node: NodeState): void {
    if (!node.kernelUp) return;
    node.kernelUp = false;
    node.speakerUp = false;
    this.record({ t: this.sim.now(), type: 'process', subject: node.spec.name, state: 'down', what: 'kernel' });
    for (const ep of node.endpoints) {
      this.byEndpoint.get(ep)!.pipe.kernelDied(ep);
      ep.kill();
    }
    for (const b of node.bfd) b.stop();
    this.traffic.setNodeUp(node.spec.name, false, this.sim.now());
  }

  private recoverNode(node: NodeState): void {
    if (node.kernelUp) return;
    node.kernelUp = true;
    this.record({ t: this.sim.now(), type: 'process', subject: node.spec.name, state: 'up', what: 'kernel' });
    this.traffic.setNodeUp(node.spec.name, true, this.sim.now());
    this.startSpeaker(node, true);
  }

  private draw(d: Duration | DistributionSpec, stream: string): Duration {
    if (typeof d === 'number') return d;
    const rng = this.sim.rng.stream(stream);
    const v =
      d.type === 'fixed'
        ? d.value
        : d.type === 'exponential'
          ? rng.exponential(d.mean)
          : d.type === 'uniform'
            ? rng.uniform(d.min, d.max)
            : d.median * Math.exp(rng.normal(0, d.sigma));
    return Math.max(0, Math.round(v)) as Duration;
  }

  private applyFault(f: FaultSpec): void {
    const now = this.sim.now();
    const node = 'node' in f ? this.nodes.get(f.node) : undefined;
    const detail = describeFault(f);
    this.record({ t: now, type: 'fault', subject: faultSubject(f), fault: f.type, detail });
    switch (f.type) {
      case 'speaker-restart': {
        const n = node!;
        this.stopSpeaker(n);
        const down = this.draw(f.downtime, `fault/${f.index}/downtime`);
        this.later(down, () => this.startSpeaker(n, true));
        return;
      }
      case 'speaker-stop':
        this.stopSpeaker(node!);
        return;
      case 'speaker-start':
        this.startSpeaker(node!, true);
        return;
      case 'node-crash':
        this.crashNode(node!);
        return;
      case 'node-recover':
        this.recoverNode(node!);
        return;
      case 'node-drain': {
        const n = node!;
        if (f.mode === 'withdraw') {
          for (const sv of this.spec.services) this.withdrawService(n, sv.name);
        } else if (f.mode === 'shutdown') {
          // Cease/Administrative Shutdown (RFC 4486): a NOTIFICATION, so no GR unless N was exchanged.
          for (const ep of n.endpoints) ep.input({ type: 'manual-stop' });
        } else {
          // Drain and reboot (C36): SIGTERM to FRR, then the kernel goes; it comes back after `downtime`.
          this.stopSpeaker(n);
          this.crashNode(n);
          if (f.downtime !== undefined) this.later(f.downtime, () => this.recoverNode(n));
        }
        return;
      }
      case 'link-down':
      case 'link-up': {
        const l = this.links.get(linkKey(f.between[0], f.between[1]));
        invariant(l, `link ${f.between.join('|')} missing`);
        l.up = f.type === 'link-up';
        this.record({
          t: now,
          type: 'process',
          subject: f.between.join('|'),
          state: l.up ? 'up' : 'down',
          what: 'link',
        });
        this.traffic.setLinkUp(f.between[0], f.between[1], l.up, now);
        return;
      }
      case 'bfd-down': {
        // The node's bfdd for this router dies (C24 stimulus B); BGP itself is untouched.
        const pair = this.pairs.find((p) => p.spec.node === f.node && p.spec.router === f.router);
        pair?.speakerBfd?.stop();
        return;
      }
      case 'peer-reset': {
        this.routers.get(f.router)?.endpoints.get(f.node)?.input({ type: 'admin-reset' });
        return;
      }
      case 'notification': {
        const pair = this.pairs.find(
          (p) =>
            (p.spec.node === f.from && p.spec.router === f.to) || (p.spec.node === f.to && p.spec.router === f.from),
        );
        if (!pair) return;
        const ep = pair.speaker.owner === f.from ? pair.speaker : pair.router;
        ep.input({ type: 'send-notification', code: f.code, subcode: f.subcode, hardReset: f.hardReset });
        return;
      }
      case 'policy-change':
        for (const name of f.withdraw) this.withdrawService(node!, name);
        for (const name of f.advertise) this.advertiseService(node!, name);
        return;
      case 'endpoint-change':
        this.changeEndpoints(f.service, f.endpoints);
        return;
    }
  }

  private withdrawService(node: NodeState, name: string): void {
    if (node.withdrawn.has(name)) return;
    const sv = this.spec.services.find((s) => s.name === name)!;
    const wasAdvertised = this.advertised(node).includes(sv);
    node.withdrawn.add(name);
    if (!wasAdvertised) return;
    for (const ep of node.endpoints)
      if (ep.state?.fsm === 'Established') ep.input({ type: 'send', message: this.withdraw(sv.prefix) });
  }

  private advertiseService(node: NodeState, name: string): void {
    if (!node.withdrawn.delete(name)) return;
    const sv = this.spec.services.find((s) => s.name === name)!;
    if (!this.advertised(node).includes(sv)) return;
    for (const ep of node.endpoints)
      if (ep.state?.fsm === 'Established') ep.input({ type: 'send', message: this.announce(node, sv.prefix) });
  }

  private changeEndpoints(service: string, endpoints: readonly string[]): void {
    const sv = this.spec.services.find((s) => s.name === service)!;
    const before = new Map([...this.nodes.values()].map((n) => [n.spec.name, this.advertised(n).includes(sv)]));
    this.traffic.setEndpoints(service, endpoints, this.sim.now());
    for (const n of this.nodes.values()) {
      const now = this.advertised(n).includes(sv);
      if (now === before.get(n.spec.name)) continue;
      for (const ep of n.endpoints) {
        if (ep.state?.fsm !== 'Established') continue;
        ep.input({ type: 'send', message: now ? this.announce(n, sv.prefix) : this.withdraw(sv.prefix) });
      }
    }
  }
}

function familyName(a: { afi: number; safi: number }): string {
  return familyOf(a.afi, a.safi) ?? `${a.afi}/${a.safi}`;
}

function bfdPolicy(config: ResolvedPeerConfig, spec: BfdSpec): BfdDownPolicy {
  if (config.profile.startsWith('bird')) return { kind: 'bird', graceful: config.behaviour.bfdDown === 'graceful' };
  if (config.profile.startsWith('frr')) {
    const v = /^frr-(\d+)\.(\d+)/.exec(config.profile);
    const newer = !v || Number(v[1]) > 10 || (Number(v[1]) === 10 && Number(v[2]) >= 7);
    return { kind: 'frr', checkControlPlaneFailure: spec.checkControlPlaneFailure, ignoresRemoteAdminDown: newer };
  }
  return { kind: 'rfc5882' };
}

function faultSubject(f: FaultSpec): string {
  switch (f.type) {
    case 'link-down':
    case 'link-up':
      return f.between.join('|');
    case 'notification':
      return f.from;
    case 'endpoint-change':
      return f.service;
    default:
      return f.node;
  }
}

function describeFault(f: FaultSpec): string {
  switch (f.type) {
    case 'speaker-restart':
      return `speaker pod on ${f.node} killed; back after ${typeof f.downtime === 'number' ? `${f.downtime / 1e6} s` : f.downtime.type}`;
    case 'notification':
      return `${f.from} sends NOTIFICATION ${f.code}/${f.subcode}${f.hardReset ? ' as Hard Reset' : ''} to ${f.to}`;
    default:
      return JSON.stringify({ ...f, at: undefined, index: undefined });
  }
}

export { getProfile, NEVER };
