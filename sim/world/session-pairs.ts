/**
 * Session pairs: the two sides of each node–router BGP session joined by a TCP pipe over their
 * link, and what the sessions' outputs do in the world (messages on the wire, state changes in
 * the trace, failure detection for the metrics). BFD, when both ends configure it, is attached
 * here; its behaviour lives in `bfd-pairs.ts`.
 */
import type { Duration, Time } from '../base/time.js';
import type { SessionOutput } from '../bgp/session/index.js';
import type { Message } from '../bgp/wire/index.js';
import type { BfdEnd } from './bfd-end.js';
import type { BgpEndpoint } from './bgp-endpoint.js';
import type { SessionPair, WorldContext } from './context.js';
import { linkKey } from './link-key.js';
import { messageRecord, sessionOutputRecord } from './session-io.js';
import type { BfdSpec, SessionSpec } from './spec.js';
import { Pipe, type TransportEnv } from './transport.js';

export interface Detection {
  readonly fault: number;
  readonly at: Time;
  readonly router: string;
  readonly node: string;
  readonly reason: string;
}

export class SessionPairs {
  /** First time each router noticed each failure (for detection-time metrics). */
  readonly detections: Detection[] = [];
  /** Router-side sessions that left Established. */
  flaps = 0;
  private readonly env: TransportEnv;

  constructor(
    private readonly ctx: WorldContext,
    private readonly addBfd: (owner: string, peer: string, spec: BfdSpec) => BfdEnd,
  ) {
    this.env = {
      later: (d, fn) => ctx.later(d, fn),
      segmentLater: (d, pipe, fromA, conn, bytes, four) => ctx.segmentLater(d, pipe, fromA, conn, bytes, four),
      onSent: (from, m) => this.recordMessage(from, 'sent', m),
    };
  }

  create(s: SessionSpec): void {
    const node = this.ctx.nodes.get(s.node)!;
    const router = this.ctx.routers.get(s.router)!;
    const speaker = node.process.endpoint(s.router);
    const routerEp = router.process.endpoint(s.node);
    let link = this.ctx.links.get(linkKey(s.node, s.router));
    if (!link) {
      link = { up: true, latency: 100 as Duration };
      this.ctx.links.set(linkKey(s.node, s.router), link);
    }
    // The pipe holds its link and its ends' kernels (both mutated in place, never replaced).
    const pipe = new Pipe(
      speaker,
      routerEp,
      this.env,
      node.spec.asn !== router.spec.asn,
      link,
      this.ctx.nodes.get(speaker.owner),
      this.ctx.nodes.get(routerEp.owner),
    );
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
    this.ctx.pairs.push(pair);
    this.ctx.byEndpoint.set(speaker, pair);
    this.ctx.byEndpoint.set(routerEp, pair);
    if (speakerBfd) this.ctx.byBfd.set(speakerBfd, pair);
    if (routerBfd) this.ctx.byBfd.set(routerBfd, pair);
  }

  /** The session pair between a node and a router, either way round. */
  between(a: string, b: string): SessionPair | undefined {
    return this.ctx.pairs.find(
      (p) => (p.spec.node === a && p.spec.router === b) || (p.spec.node === b && p.spec.router === a),
    );
  }

  private recordMessage(ep: BgpEndpoint, dir: 'sent' | 'received', m: Message): void {
    const now = this.ctx.now();
    // Before `recordFrom` (the warm-up) nothing is kept: not even built.
    if (now >= this.ctx.recordFrom) this.ctx.record(messageRecord(now, ep.subject, dir, m));
  }

  /** What one session's output does: TCP actions on the pipe, records in the trace. */
  onOutput(ep: BgpEndpoint, out: SessionOutput): void {
    const pair = ep.pair!;
    switch (out.type) {
      case 'send':
        pair.pipe.send(ep, out.conn, out.message, ep.sendsFourOctetAs());
        return;
      case 'tcp-connect':
        pair.pipe.connect(ep);
        return;
      case 'tcp-close':
        pair.pipe.close(ep, out.conn);
        return;
      default:
        break;
    }
    const now = this.ctx.now();
    if (now >= this.ctx.recordFrom) {
      const r = sessionOutputRecord(now, ep.subject, out);
      if (r) this.ctx.record(r);
    }
    if (out.type === 'session-down' && ep.role === 'router') {
      this.flaps++;
      this.noteDetection(pair, out.reason);
      // FRR without `maximum-prefix … restart`: the peer stays down (Idle (PfxCt)) until cleared.
      if (out.reason === 'max-prefix') ep.input({ type: 'manual-stop' });
    }
  }

  private noteDetection(pair: SessionPair, reason: string): void {
    const now = this.ctx.now();
    const faults = this.ctx.spec.faults;
    const last = [...faults].reverse().find((f) => f.at <= now && 'node' in f && f.node === pair.spec.node);
    if (!last) return;
    if (this.detections.some((d) => d.fault === last.index && d.router === pair.spec.router)) return;
    this.detections.push({ fault: last.index, at: now, router: pair.spec.router, node: pair.spec.node, reason });
  }
}
