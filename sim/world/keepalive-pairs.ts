/**
 * Keepalive pairs: a BGP session pair's KEEPALIVEs in steady state (DESIGN.md "steady-state
 * periodic traffic is implied, not scheduled"), as bfd-pairs.ts does for BFD.
 *
 * A pair turns implied when both ends are Established on the same connection, both processes and
 * kernels alive, the link up, nothing on the wire, and both send KEEPALIVEs at a fixed interval
 * (keepalive-span.ts). Then neither session arms its keepalive or hold timer (session input
 * `implied-keepalives`, sim/bgp/session/session.ts) and nothing is on the agenda for them. Before
 * anything observes the pair — a fault, a message other than a KEEPALIVE on the session, a
 * connection closing, a BFD Down, the end of the run — it is resumed: each side's last KEEPALIVE
 * sent and received and its next send are computed from the span, a KEEPALIVE still on the wire is
 * delivered when it would have arrived, and the sends of the span go to the trace as one
 * `bgp-keepalive-span` record per direction. RFC 4271 §8.2.2: the hold timer runs from the last
 * message received; the KeepaliveTimer restarts each time a KEEPALIVE or UPDATE is sent.
 */
import { type Duration, NEVER, s as seconds, type Time } from '../base/time.js';
import type { SessionOutput, SessionState } from '../bgp/session/index.js';
import type { BgpEndpoint } from './bgp-endpoint.js';
import type { SessionPair, WorldContext } from './context.js';
import { type KeepaliveSpan, sendsUpTo, sendTime, spanRecord } from './keepalive-span.js';
import { sendsFourOctetAs } from './session-io.js';

interface Direction {
  readonly from: BgpEndpoint;
  readonly to: BgpEndpoint;
  readonly span: KeepaliveSpan;
  /** The receiver's last message heard before the span began. */
  readonly receivedBefore: Time;
  readonly conn: number;
  readonly fourOctetAs: boolean;
}

export class KeepalivePairs {
  private readonly implied = new Map<SessionPair, readonly [Direction, Direction]>();
  private readonly checking = new Set<SessionPair>();

  constructor(
    private readonly ctx: WorldContext,
    private readonly enabled: boolean,
  ) {}

  /** Pairs currently implied (tests). */
  get impliedCount(): number {
    return this.implied.size;
  }

  /** Before a session output reaches the wire or the trace: anything but the steady state resumes the pair. */
  before(ep: BgpEndpoint, out: SessionOutput): void {
    if (this.implied.size === 0) return;
    const pair = this.ctx.byEndpoint.get(ep);
    if (!pair || !this.implied.has(pair)) return;
    if (out.type === 'send') {
      if (out.message.type === 'keepalive') return;
      // RFC 4271 §8.2.2: the UPDATE restarts the sender's KeepaliveTimer.
      this.resume(pair, false, out.message.type === 'update' ? ep : null);
      return;
    }
    if (out.type === 'tcp-close' || out.type === 'state-change' || out.type === 'session-down') {
      this.resume(pair, false, null);
    }
  }

  /** After a session output went out: a KEEPALIVE may show the pair steady once it has arrived. */
  after(ep: BgpEndpoint, out: SessionOutput): void {
    if (out.type !== 'send') return;
    ep.lastSentAt = this.ctx.now();
    if (!this.enabled || out.message.type !== 'keepalive') return;
    const pair = this.ctx.byEndpoint.get(ep);
    if (!pair || this.implied.has(pair) || this.checking.has(pair)) return;
    const link = this.ctx.link(pair.speaker.owner, pair.router.owner);
    if (!link?.up) return;
    this.checking.add(pair);
    // One µs after it arrives, so every message sent until now is off the wire.
    this.ctx.later((link.latency + 1) as Duration, () => {
      this.checking.delete(pair);
      this.maybeImply(pair);
    });
  }

  /** Runs `fn` (a fault) on the per-packet state every pair would have now. */
  observe(fn: () => void): void {
    this.resumeAll(false);
    fn();
  }

  /** The end of the run: the spans' sends up to and including `now` go to the trace. */
  flush(): void {
    this.resumeAll(true);
  }

  /** Resumes the pair of `ep` if implied (a BFD Down about to reach its session). */
  resumeOf(ep: BgpEndpoint): void {
    const pair = this.ctx.byEndpoint.get(ep);
    if (pair && this.implied.has(pair)) this.resume(pair, false, null);
  }

  private resumeAll(inclusive: boolean): void {
    for (const pair of [...this.implied.keys()]) this.resume(pair, inclusive, null);
  }

  private maybeImply(pair: SessionPair): void {
    if (this.implied.has(pair)) return;
    const a = pair.speaker;
    const b = pair.router;
    const sa = a.state;
    const sb = b.state;
    if (!sa || !sb || !steadySession(sa) || !steadySession(sb)) return;
    if (sa.conn !== sb.conn || sa.conn === null || !a.hasConn(sa.conn) || !b.hasConn(sa.conn)) return;
    const link = this.ctx.link(a.owner, b.owner);
    if (!link?.up || !this.ctx.kernelUp(a.owner) || !this.ctx.kernelUp(b.owner)) return;
    const now = this.ctx.now();
    for (const ep of [a, b]) {
      const t = ep.lastSentAt;
      if (t !== undefined && t + link.latency >= now) return;
    }
    const dir = (from: BgpEndpoint, fs: SessionState, to: BgpEndpoint, ts: SessionState): Direction => ({
      from,
      to,
      span: { first: fs.timers.keepalive, period: keepalivePeriod(fs) },
      receivedBefore: ts.lastReceivedAt,
      conn: fs.conn!,
      fourOctetAs: sendsFourOctetAs(fs),
    });
    this.implied.set(pair, [dir(a, sa, b, sb), dir(b, sb, a, sa)]);
    a.input({ type: 'implied-keepalives', on: true });
    b.input({ type: 'implied-keepalives', on: true });
  }

  /**
   * Back to per-packet KEEPALIVEs at `now`: sends before now (at or before, at the end of the run)
   * happened; one still on the wire arrives as it would have. At equal times a fault comes before
   * any timer (world.ts), so a send due at the fault's instant has not happened.
   */
  private resume(pair: SessionPair, inclusive: boolean, updateSender: BgpEndpoint | null): void {
    const dirs = this.implied.get(pair);
    if (!dirs) return;
    this.implied.delete(pair);
    const now = this.ctx.now();
    const limit = (inclusive ? now : now - 1) as Time;
    const latency = this.ctx.link(pair.speaker.owner, pair.router.owner)!.latency;
    const lastReceived = new Map<BgpEndpoint, Time>();
    const nextSend = new Map<BgpEndpoint, Time>();
    for (const d of dirs) {
      const sent = sendsUpTo(d.span, limit);
      const arrived = Math.min(sent, sendsUpTo(d.span, (limit - latency) as Time));
      lastReceived.set(d.to, arrived > 0 ? ((sendTime(d.span, arrived - 1) + latency) as Time) : d.receivedBefore);
      nextSend.set(d.from, d.from === updateSender ? ((now + d.span.period) as Time) : sendTime(d.span, sent));
      for (let k = arrived; k < sent; k++) {
        const delay = (sendTime(d.span, k) + latency - now) as Duration;
        pair.pipe.inject(d.from, d.conn, { type: 'keepalive' }, d.fourOctetAs, delay);
      }
      if (sent > 0) d.from.lastSentAt = sendTime(d.span, sent - 1);
      // The warm-up before t = 0 leaves no record (context.ts recordFrom).
      const from = sendsUpTo(d.span, (this.ctx.recordFrom - 1) as Time);
      const r = spanRecord(now, d.from.subject, d.span, from, sent);
      if (r) this.ctx.record(r);
    }
    for (const d of dirs) {
      d.from.input({
        type: 'implied-keepalives',
        on: false,
        lastReceivedAt: lastReceived.get(d.from)!,
        nextSendAt: nextSend.get(d.from)!,
      });
    }
  }
}

/** Established, both timers running, and a fixed keepalive interval (FRR; keepalive-span.ts). */
function steadySession(s: SessionState): boolean {
  const [lo, hi] = s.config.timers.keepaliveJitter;
  return (
    s.fsm === 'Established' &&
    !s.impliedKeepalives &&
    !s.holdLagApplied &&
    lo === hi &&
    s.keepaliveTime > 0 &&
    s.holdTime > 0 &&
    s.timers.keepalive !== NEVER &&
    s.timers.hold !== NEVER
  );
}

/** session.ts armKeepalive with a fixed factor: the interval between two KEEPALIVEs. */
function keepalivePeriod(s: SessionState): Duration {
  return seconds(s.keepaliveTime * s.config.timers.keepaliveJitter[0]) as Duration;
}
