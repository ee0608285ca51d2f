/**
 * Processes and their lifecycle: each node's speaker pod (FRR in MetalLB, with its bfdd) and each
 * router's bgpd, and the kernels under the nodes. Here a restart starts: a process stops (its
 * kernel closes its TCP connections), a kernel dies (nothing is sent at all), a process starts
 * again as a restarting speaker (RFC 4724 §4.1).
 *
 * A process alive when the scenario starts has been up for its `uptime`; only a process the
 * scenario (re)starts gets a fresh start time, so the R and F bits of its OPEN follow its
 * profile's real startup window (RFC 4724 §4.2; FRR `t_startup`, bgpd/bgpd.c).
 */
import type { Duration, Time } from '../base/time.js';
import type { ResolvedPeerConfig } from '../bgp/profile/index.js';
import { AttributeStore, FAMILIES, type Family } from '../bgp/rib/index.js';
import { type LoggedDraws, type ReplayTally, type SessionDraws, sessionDraws } from '../bgp/session/index.js';
import type { SpeakerConfig, SpeakerOutput } from '../bgp/speaker/index.js';
import type { HandlerId, RandomStream } from '../engine/index.js';
import { type BgpEndpoint, BgpProcess } from './bgp-endpoint.js';
import { familyOfPrefix, type NodeState, type RouterState, type WorldContext } from './context.js';
import { type Origination, originAttributes } from './origination.js';
import { blockPrefix } from './prefix-block.js';
import { Watchdog } from './watchdog.js';

export interface ProcessHooks {
  /** Every output of every BGP process. */
  onOutput(p: BgpProcess, out: SpeakerOutput): void;
  /** A router's bgpd went without preserving forwarding: its FIB entries go with it. */
  /** bgpd restarted: the kernel routes of the families whose forwarding was not kept are gone. */
  clearFib(router: string, kept: ReadonlySet<Family>): void;
  /** A node's kernel (and so its forwarding plane) went down or came back. */
  nodeForwarding(node: string, up: boolean): void;
  /** The TCP connections of an endpoint whose process died on a live kernel (FIN/RST), or whose kernel died (silence). */
  processDied(ep: BgpEndpoint): void;
  kernelDied(ep: BgpEndpoint): void;
}

export class Processes {
  private readonly all: BgpProcess[] = [];
  private readonly hProcess: HandlerId;
  /** One attribute store for the world's RIBs (RibConfig.attributes). */
  private readonly attributes = new AttributeStore();

  constructor(
    private readonly ctx: WorldContext,
    private readonly origination: Origination,
    private readonly hooks: ProcessHooks,
    /** A real run's logged draws to replay in every session they name (calibration), and the run's tally. */
    private readonly replay: { readonly log: LoggedDraws; readonly tally: ReplayTally } | null = null,
  ) {
    this.hProcess = ctx.sim.handler((i) => this.all[i].tick());
  }

  add(role: 'speaker' | 'router', owner: string): BgpProcess {
    const p = new BgpProcess(
      this.all.length,
      role,
      owner,
      (proc, out) => this.hooks.onOutput(proc, out),
      () => this.ctx.now(),
      this.attributes,
    );
    p.watchdog = new Watchdog(this.ctx.sim, this.hProcess, p.index);
    this.all.push(p);
    return p;
  }

  private drawsFor(p: BgpProcess): ((peer: string) => SessionDraws | null) | undefined {
    const r = this.replay;
    return r === null ? undefined : (peer) => sessionDraws(r.log, `${p.owner}>${peer}`, r.tally);
  }

  private uniformFor(p: BgpProcess): (peer: string) => () => number {
    const incarnation = p.incarnation + 1;
    const rng = this.ctx.sim.rng;
    return (peer) => {
      // Made at its first draw: a stream's draws depend on its name alone, and most sessions of a
      // steady start never draw (seeding one costs more than the session's other set-up).
      let st: RandomStream | undefined;
      return () => (st ??= rng.stream(`bgp/${p.owner}>${peer}/${incarnation}`)).next();
    };
  }

  /**
   * The speaker pod starts: `restarting` for a start the scenario caused (a fresh start time, the
   * R bit as its profile sets it); otherwise it has been up since `startedAt`.
   */
  startSpeaker(
    node: NodeState,
    restarting: boolean,
    startedAt: Time = this.ctx.now(),
    withoutGrRestartMode = false,
  ): void {
    if (!node.kernelUp || node.process.running) return;
    this.ctx.record({ t: this.ctx.now(), type: 'process', subject: node.spec.name, state: 'up', what: 'speaker' });
    const config: SpeakerConfig = {
      ...speakerConfig(
        node.spec,
        restarting,
        this.ctx.spec.sessions
          .filter((s) => s.node === node.spec.name)
          .map((s) => {
            const router = this.ctx.routers.get(s.router)!.spec;
            return { peer: router, config: s.speaker.config, transport: router.transport };
          }),
      ),
      withoutGrRestartMode,
      // The world programs only routers' FIBs (speaker-outputs.ts): a node's speaker builds no FIB changes.
      fibOutputs: false,
    };
    node.process.start(
      config,
      this.uniformFor(node.process),
      (sp) => {
        // MetalLB announces the service addresses of this node (RFC 4271 §9.4 origination).
        for (const sv of this.origination.advertised(node)) {
          sp.rib.originate(familyOfPrefix(sv.prefix), sv.prefix, originAttributes());
        }
        // The node's prefix block, one attribute set shared by all (no per-prefix objects here).
        const block = node.spec.prefixes;
        if (block !== null) {
          const attrs = originAttributes();
          for (let k = 0; k < block.count; k++) sp.rib.originate('ipv4-unicast', blockPrefix(block, k), attrs);
        }
      },
      startedAt,
      this.drawsFor(node.process),
    );
    this.afterStartup(node.process, node.spec.startupTime, () => {
      for (const b of node.bfd) b.start();
    });
  }

  /** Sessions (and the process's BFD) start once the process has started up (pod start to first OPEN). */
  private afterStartup(p: BgpProcess, startupTime: Duration, startBfd: () => void): void {
    if (startupTime <= 0) {
      p.open();
      startBfd();
      return;
    }
    const incarnation = p.incarnation;
    this.ctx.later(startupTime, () => {
      if (p.incarnation !== incarnation || !p.running) return;
      p.open();
      startBfd();
    });
  }

  /** SIGTERM to the speaker pod: FRR stops (NOTIFICATION or not, per profile), its kernel closes TCP. */
  stopSpeaker(node: NodeState): void {
    if (!node.process.running) return;
    this.ctx.record({ t: this.ctx.now(), type: 'process', subject: node.spec.name, state: 'down', what: 'speaker' });
    this.stopProcess(node.process);
    // bfdd lives in the same pod: it stops sending; the router's BFD times out.
    for (const b of node.bfd) b.stop();
  }

  startRouter(r: RouterState, restarting: boolean, startedAt: Time = this.ctx.now()): void {
    if (r.process.running) return;
    const config: SpeakerConfig = {
      ...speakerConfig(
        r.spec,
        restarting,
        this.ctx.spec.sessions
          .filter((s) => s.router === r.spec.name)
          .map((s) => ({
            peer: this.ctx.nodes.get(s.node)!.spec,
            config: s.routerSide.config,
            transport: r.spec.transport,
          })),
      ),
      maximumPaths: r.spec.maximumPaths,
      // Upstream peers (no sessions of their own here): every update and withdrawal sent to them
      // is counted as churn by the RIB's Adj-RIB-Out. The speaker brings them up (after selection
      // deferral when restarting, RFC 4724 §4.1).
      ribOnlyPeers: r.upstreamIds.map((id, k) => ({
        id,
        asn: 65_000 + k,
        address: `192.0.2.${k + 1}`,
        routerId: `192.0.2.${k + 1}`,
        families: ['ipv4-unicast', 'ipv6-unicast'],
      })),
    };
    if (restarting)
      this.ctx.record({ t: this.ctx.now(), type: 'process', subject: r.spec.name, state: 'up', what: 'bgpd' });
    // A new bgpd's Adj-RIB-Out counts from zero.
    r.churn.seenUpdates = 0;
    r.churn.seenWithdrawals = 0;
    r.process.start(config, this.uniformFor(r.process), () => {}, startedAt, this.drawsFor(r.process));
    this.afterStartup(r.process, r.spec.startupTime, () => {
      for (const b of r.bfd.values()) if (!b.session) b.start();
    });
  }

  private stopProcess(p: BgpProcess): void {
    for (const ep of p.ends.values()) {
      ep.input({ type: 'process-stop' });
      this.hooks.processDied(ep);
    }
    p.kill();
  }

  /** The router's bgpd restarts: its RIB is gone; its FIB is kept only with forwarding preserved. */
  restartRouter(r: RouterState, downtime: Duration): void {
    this.ctx.record({ t: this.ctx.now(), type: 'process', subject: r.spec.name, state: 'down', what: 'bgpd' });
    this.stopProcess(r.process);
    // RFC 4724 §4.1 / §3: forwarding is kept per family, as its F bit says.
    if (r.keptFamilies.size < FAMILIES.length) this.hooks.clearFib(r.spec.name, r.keptFamilies);
    this.ctx.later(downtime, () => this.startRouter(r, true));
  }

  /** Power loss: no FIN, no NOTIFICATION; the pod and its bfdd are gone with the kernel. */
  crashNode(node: NodeState): void {
    if (!node.kernelUp) return;
    node.kernelUp = false;
    this.ctx.record({ t: this.ctx.now(), type: 'process', subject: node.spec.name, state: 'down', what: 'kernel' });
    for (const ep of node.process.ends.values()) this.hooks.kernelDied(ep);
    node.process.kill();
    for (const b of node.bfd) b.stop();
    this.hooks.nodeForwarding(node.spec.name, false);
  }

  /** The node boots again; its speaker pod starts as a restarting speaker. */
  recoverNode(node: NodeState): void {
    if (node.kernelUp) return;
    node.kernelUp = true;
    this.ctx.record({ t: this.ctx.now(), type: 'process', subject: node.spec.name, state: 'up', what: 'kernel' });
    this.hooks.nodeForwarding(node.spec.name, true);
    this.startSpeaker(node, true);
  }
}

export type Host = { readonly name: string; readonly asn: number; readonly address: string; readonly address6: string };

/** The BGP process of `self`, with one session per peer (RFC 4271 §8: one FSM per peer). */
export function speakerConfig(
  self: Host,
  restarting: boolean,
  peers: readonly { peer: Host; config: ResolvedPeerConfig; transport: 'ipv4' | 'ipv6' }[],
): SpeakerConfig {
  return {
    name: self.name,
    localAs: self.asn,
    routerId: self.address,
    restarting,
    peers: peers.map(({ peer, config, transport }) => ({
      id: peer.name,
      asn: peer.asn,
      // The session's TCP endpoints: IPv4 or IPv6 addresses (MetalLB BGPPeer peerAddress).
      address: transport === 'ipv6' ? peer.address6 : peer.address,
      localAddress: self.address,
      // RFC 2545 §3 global next hop for IPv6 unicast, over an IPv4 or IPv6 session alike.
      localAddress6: self.address6,
      config,
    })),
  };
}
