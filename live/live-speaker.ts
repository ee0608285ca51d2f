/**
 * A stalepath BGP speaker on real sockets and the wall clock: the simulator's BgpProcess (the same
 * speaker, sessions, RIB and profiles, sim/world/bgp-endpoint.ts) with one wall-clock timer in
 * place of its agenda entry, its session outputs executed on Node `net` sockets, and the same trace
 * records as the simulated world (sim/world/session-io.ts), so `stalepath explain` reads a live run.
 *
 * Stimuli (the fault timeline's, as real actions): stop with FIN or RST, NOTIFICATION with any
 * code/subcode and Hard Reset, freeze and thaw, crash (silence) and recovery (a new connection
 * while the peer's old one is Established), restart with R/F bits, End-of-RIB held back a delay.
 */
import { createServer, type Server, Socket } from 'node:net';
import {
  acceptsConnection,
  BgpProcess,
  type ConnId,
  familyOfPrefix,
  isEndOfRib,
  messageRecord,
  originAttributes,
  type SessionOutput,
  type SpeakerConfig,
  type SpeakerOutput,
  sendsFourOctetAs,
  sessionOutputRecord,
  speakerOutputRecords,
  type WorldRecord,
} from '../sim/index.js';
import { Connection } from './connection.js';
import type { HostAddress } from './daemons/host-address.js';
import { WallClock, WallTimer } from './wall-clock.js';

export interface LiveEndpoint {
  readonly address: string;
  readonly port: number;
}

export type StartMode = 'restart' | 'plain' | 'without-restart-mode';

export interface LiveSpeakerOptions {
  /** The speaker's configuration: one session per peer, peer ids as in `peers`. */
  readonly config: SpeakerConfig;
  /** Where we listen and the source address of our connections. */
  readonly local: LiveEndpoint;
  /** Each peer's real address (peer id → address and port). */
  readonly peers: Readonly<Record<string, LiveEndpoint>>;
  /** Prefixes the speaker originates (MetalLB service addresses). */
  readonly prefixes: readonly string[];
  /** How long the process has been up at start, µs (no startup window open). */
  readonly uptime?: number;
  /** End-of-RIB goes on the wire this long after the speaker sends it, ms. */
  readonly endOfRibDelayMs?: number;
  readonly record?: (r: WorldRecord) => void;
  readonly uniform?: () => number;
  /**
   * The host's address, taken away while it is crashed (calibration namespaces only): without it a
   * crashed speaker's listener still completes the router's dials, which a dead host never does.
   */
  readonly host?: HostAddress;
}

export class LiveSpeaker {
  readonly clock: WallClock;
  readonly process: BgpProcess;
  private server: Server | null = null;
  private nextConn = 1;
  private readonly conns = new Map<ConnId, { peer: string; conn: Connection; incarnation: number }>();
  private readonly orphans: Connection[] = [];
  private frozen = false;
  private readonly waiters: { test: (r: WorldRecord) => boolean; resolve: (r: WorldRecord) => void }[] = [];
  /** The crashed host's address goes away after this turn (crash), unless a recovery comes first. */
  private hostDown: NodeJS.Immediate | null = null;
  private readonly keepaliveWaiters: ((epochMs: number) => void)[] = [];
  readonly records: WorldRecord[] = [];

  constructor(private readonly o: LiveSpeakerOptions) {
    this.clock = new WallClock(o.uptime ?? 0);
    this.process = new BgpProcess(
      0,
      'speaker',
      o.config.name,
      (_p, out) => this.onOutput(out),
      () => this.clock.now(),
    );
    this.process.watchdog = new WallTimer(this.clock, () => this.process.tick());
  }

  get name(): string {
    return this.o.config.name;
  }

  record(r: WorldRecord): void {
    const rec = { ...r, t: this.clock.traceTime(r.t) };
    this.records.push(rec);
    this.o.record?.(rec);
    for (const w of [...this.waiters]) {
      if (!w.test(rec)) continue;
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(rec);
    }
  }

  /** Resolves with the first record from now on that passes `test`. */
  waitFor(test: (r: WorldRecord) => boolean): Promise<WorldRecord> {
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  /**
   * Resolves with the epoch ms of the next KEEPALIVE heard from a peer (not a trace record: the
   * simulated trace has none for received KEEPALIVEs either).
   */
  nextKeepaliveHeard(): Promise<number> {
    return new Promise((resolve) => this.keepaliveWaiters.push(resolve));
  }

  /** Listens, then starts the process (its sessions connect or wait as their profiles say). */
  async listen(): Promise<void> {
    const server = createServer((s) => this.accept(s));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.o.local.port, this.o.local.address, () => resolve());
    });
  }

  start(mode: StartMode = 'plain'): void {
    if (this.process.running) return;
    const now = this.clock.now();
    this.record({ t: now, type: 'process', subject: this.name, state: 'up', what: 'speaker' });
    const config: SpeakerConfig = {
      ...this.o.config,
      restarting: mode === 'restart',
      withoutGrRestartMode: mode === 'without-restart-mode',
    };
    // A first start is a steady one (up for `uptime`); a start the scenario causes is fresh.
    const startedAt = this.process.incarnation === 0 ? 0 : now;
    this.process.start(
      config,
      () => this.o.uniform ?? Math.random,
      (sp) => {
        for (const p of this.o.prefixes) sp.rib.originate(familyOfPrefix(p), p, originAttributes());
      },
      startedAt as typeof now,
    );
    this.process.open();
  }

  /** The process stops (SIGTERM): the session says what it says, then the kernel sends FIN, or RST. */
  stop(how: 'fin' | 'rst' = 'fin'): void {
    if (!this.process.running) return;
    this.record({ t: this.clock.now(), type: 'process', subject: this.name, state: 'down', what: 'speaker' });
    for (const ep of this.process.ends.values()) ep.input({ type: 'process-stop' });
    for (const [id, c] of this.conns) {
      if (how === 'fin') c.conn.close();
      else c.conn.reset();
      this.conns.delete(id);
    }
    this.process.kill();
  }

  /** The host loses power: no FIN, no NOTIFICATION, nothing more on the wire, nothing answers. */
  crash(): void {
    if (!this.process.running) return;
    this.silence();
    // After this turn's timers: a recovery due at the same instant (a new connection) cancels it, so
    // the restarted speaker's dial is not held back by `ip` calls (the FRR race is won by ~10 ms).
    const host = this.o.host;
    if (host)
      this.hostDown = setImmediate(() => {
        this.hostDown = null;
        host.down();
      });
  }

  private silence(): void {
    this.record({ t: this.clock.now(), type: 'process', subject: this.name, state: 'down', what: 'kernel' });
    for (const [id, c] of this.conns) {
      c.conn.freeze();
      this.orphans.push(c.conn);
      this.conns.delete(id);
    }
    this.process.kill();
  }

  /** The host is back: old connections answer with RST; the speaker starts as a restarting one. */
  recover(mode: StartMode = 'restart'): void {
    if (this.hostDown) clearImmediate(this.hostDown);
    else this.o.host?.up();
    this.hostDown = null;
    this.wake(mode);
  }

  private wake(mode: StartMode): void {
    this.record({ t: this.clock.now(), type: 'process', subject: this.name, state: 'up', what: 'kernel' });
    for (const c of this.orphans.splice(0)) c.orphan();
    this.start(mode);
  }

  /** A new connection while the peer's session is Established (RFC 4724 §4.2 / RFC 8538 §4): crash and come straight back. */
  newConnection(mode: StartMode = 'restart'): void {
    // Back at once: the address never goes away (taking it away and back would only delay the dial).
    if (this.process.running) this.silence();
    this.wake(mode);
  }

  /** NOTIFICATION from our side; `hardReset` forces (true) or forbids (false) the RFC 8538 §3 wrapping. */
  notify(peer: string, code: number, subcode: number, hardReset?: boolean): void {
    this.process.endpoint(peer).input({ type: 'send-notification', code, subcode, hardReset });
  }

  /** Stop reading and sending on every connection (the speaker itself runs on). */
  freeze(): void {
    this.frozen = true;
    for (const c of this.conns.values()) c.conn.freeze();
  }

  thaw(): void {
    this.frozen = false;
    for (const c of this.conns.values()) c.conn.thaw();
  }

  /** Everything down, RST to anything still open; for the end of a run. */
  async close(): Promise<void> {
    this.process.kill();
    for (const c of this.conns.values()) c.conn.reset();
    for (const c of this.orphans) c.reset();
    this.conns.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private onOutput(out: SpeakerOutput): void {
    const now = this.clock.now();
    for (const r of speakerOutputRecords(now, this.name, out)) this.record(r);
    if (out.type === 'peer') this.onSessionOutput(out.peer, out.output);
  }

  private subject(peer: string): string {
    return `${this.name}>${peer}`;
  }

  private onSessionOutput(peer: string, out: SessionOutput): void {
    const now = this.clock.now();
    switch (out.type) {
      case 'send': {
        const c = this.conns.get(out.conn);
        if (!c) return;
        const four = sendsFourOctetAs(this.process.endpoint(peer).state);
        const delay = this.o.endOfRibDelayMs ?? 0;
        if (delay > 0 && out.message.type === 'update' && isEndOfRib(out.message)) {
          const m = out.message;
          setTimeout(() => {
            this.record(messageRecord(this.clock.now(), this.subject(peer), 'sent', m));
            c.conn.send(m, four);
          }, delay);
          return;
        }
        this.record(messageRecord(now, this.subject(peer), 'sent', out.message));
        c.conn.send(out.message, four);
        return;
      }
      case 'tcp-connect':
        this.connect(peer);
        return;
      case 'tcp-close': {
        const c = this.conns.get(out.conn);
        if (c) c.conn.close();
        this.conns.delete(out.conn);
        return;
      }
      default: {
        const r = sessionOutputRecord(now, this.subject(peer), out);
        if (r) this.record(r);
        // The session is up: a live run's t = 0 (the scenario's steady start).
        if (out.type === 'established' && !this.clock.started) this.clock.markZero();
      }
    }
  }

  private connect(peer: string): void {
    const to = this.o.peers[peer];
    if (!to) return;
    const incarnation = this.process.incarnation;
    const socket = new Socket();
    let connected = false;
    socket.once('error', () => {
      if (!connected && this.process.incarnation === incarnation)
        this.process.endpoint(peer).input({ type: 'tcp-connection-fails' });
    });
    socket.connect({ host: to.address, port: to.port, localAddress: this.o.local.address }, () => {
      connected = true;
      if (this.process.incarnation !== incarnation || !this.process.running) {
        socket.resetAndDestroy();
        return;
      }
      this.attach(peer, socket, true);
    });
  }

  private accept(socket: Socket): void {
    const peer = Object.keys(this.o.peers).find((p) => sameAddress(this.o.peers[p]!.address, socket.remoteAddress));
    const st = peer === undefined ? null : this.process.endpoint(peer).state;
    // No session for this address, or one not accepting (Idle): the kernel's answer is RST.
    if (peer === undefined || st === null || !acceptsConnection(st)) {
      socket.resetAndDestroy();
      return;
    }
    this.attach(peer, socket, false);
  }

  /** `outbound`: we connected (RFC 4271 §6.8 collision resolution needs which connection is whose). */
  private attach(peer: string, socket: Socket, outbound: boolean): void {
    const id = this.nextConn++;
    const ep = this.process.endpoint(peer);
    const incarnation = this.process.incarnation;
    const live = () => this.process.incarnation === incarnation && this.conns.has(id);
    const conn = new Connection(id, socket, this.o.config.localAs !== this.peerAs(peer), {
      message: (m) => {
        if (!live()) return;
        if (m.type === 'keepalive') for (const w of this.keepaliveWaiters.splice(0)) w(Date.now());
        conn.fourOctetAs = sendsFourOctetAs(ep.state);
        ep.input({ type: 'message', conn: id, message: m });
      },
      decodeError: (n) => live() && ep.input({ type: 'decode-error', conn: id, notification: n }),
      closed: () => {
        if (!live()) return;
        this.conns.delete(id);
        ep.input({ type: 'tcp-closed', conn: id });
      },
    });
    this.conns.set(id, { peer, conn, incarnation });
    if (this.frozen) conn.freeze();
    ep.input({ type: 'tcp-established', conn: id, outbound });
  }

  private peerAs(peer: string): number {
    return this.o.config.peers.find((p) => p.id === peer)?.asn ?? this.o.config.localAs;
  }
}

function sameAddress(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  return a === b || `::ffff:${a}` === b;
}
