/**
 * A BGP process as the world drives it (a node's speaker pod or a router's bgpd): the sans-IO
 * speaker of sim/bgp (sessions + RIB + selection deferral), its one agenda entry, and per peer a
 * BgpEndpoint: the session's view plus the TCP connections the kernel holds for it.
 *
 * Inputs are queued and drained in order, so an output that feeds another input never
 * interleaves with the outputs of the step that caused it.
 */
import type { Time } from '../base/time.js';
import type { AttributeStore } from '../bgp/rib/index.js';
import type { ConnId, SessionDraws, SessionInput, SessionState } from '../bgp/session/index.js';
import {
  createSpeaker,
  type SpeakerConfig,
  type SpeakerInput,
  type SpeakerOutput,
  type SpeakerState,
  speakerNextDeadline,
  speakerStepInto,
} from '../bgp/speaker/index.js';
import type { SessionPair } from './context.js';
import { sendsFourOctetAs } from './session-io.js';

/** The process's one timer, re-armed to the speaker's next deadline: an agenda entry (watchdog.ts) or a wall-clock timeout (live/). */
export interface ProcessTimer {
  arm(deadline: Time): void;
  fired(): void;
  cancel(): void;
}

export type ProcessRole = 'speaker' | 'router';

/** `BgpProcess.outs`'s placeholder entry. */
const STEP_OUT_BASE: SpeakerOutput = Object.freeze({
  type: 'peer',
  peer: '',
  output: { type: 'explain', clause: '', text: '' },
} as const);

export class BgpProcess {
  /** The speaker; null while the process is down. */
  sp: SpeakerState | null = null;
  /** Bumps at every start: connections and timers of an old incarnation are ignored. */
  incarnation = 0;
  readonly ends = new Map<string, BgpEndpoint>();
  private readonly queue: SpeakerInput[] = [];
  private draining = false;
  /** Something was queued while draining (the queue is read only then). */
  private queued = false;
  /**
   * True while the first output of a speaker step is handled: what the speaker changed in that step
   * (e.g. its Adj-RIB-Out counters) is final before any of its outputs is handled.
   */
  firstOutputOfStep = false;
  watchdog!: ProcessTimer;
  private lastPeer: string | null = null;
  private lastEnd: BgpEndpoint | null = null;
  /**
   * The outputs of the steps under way, one list for every step rather than one per UPDATE received
   * (a step within another, should a handler step this process again, pushes above and cuts back).
   * Its first entry is a placeholder, never handled: a list cut back to empty gives up its storage.
   */
  private readonly outs: SpeakerOutput[] = [STEP_OUT_BASE];

  constructor(
    readonly index: number,
    readonly role: ProcessRole,
    readonly owner: string,
    private readonly handle: (p: BgpProcess, out: SpeakerOutput) => void,
    private readonly now: () => Time,
    /** Shared by every process of the world: one interned copy of each attribute set. */
    private readonly attributes?: AttributeStore,
  ) {}

  get running(): boolean {
    return this.sp !== null;
  }

  endpoint(peer: string): BgpEndpoint {
    // The world asks up to three times per output for the same peer (keepalives, dispatch): the last answer first.
    if (peer === this.lastPeer) return this.lastEnd!;
    let e = this.ends.get(peer);
    if (!e) {
      e = new BgpEndpoint(this, peer);
      this.ends.set(peer, e);
    }
    this.lastPeer = peer;
    this.lastEnd = e;
    return e;
  }

  /** A new incarnation (RFC 4724 §4.1: a restarting speaker starts its sessions anew). */
  start(
    config: SpeakerConfig,
    uniform: (peer: string) => () => number,
    init: (sp: SpeakerState) => void,
    startedAt: Time = this.now(),
    draws?: (peer: string) => SessionDraws | null,
  ): void {
    this.incarnation++;
    this.sp = createSpeaker({ config, now: this.now(), startedAt, uniform, draws, attributes: this.attributes });
    init(this.sp);
  }

  /** The process is ready: every session gets its ManualStart (RFC 4271 §8.1.2 Event 1). */
  open(): void {
    if (!this.sp) return;
    for (const peer of this.sp.order) this.input({ type: 'session', peer, input: { type: 'manual-start' } });
  }

  /** The process is gone; its kernel's connections are the caller's business. */
  kill(): void {
    this.sp = null;
    this.queue.length = 0;
    this.watchdog.cancel();
  }

  input(inp: SpeakerInput): void {
    if (!this.sp) return;
    if (this.draining) {
      this.queue.push(inp);
      this.queued = true;
      return;
    }
    this.draining = true;
    try {
      // The input itself first, then what its outputs queued, in order; the queue is touched only when used.
      this.step(this.sp, inp);
      if (this.queued) {
        for (let i = 0; i < this.queue.length; i++) {
          const sp = this.sp;
          if (!sp) break;
          this.step(sp, this.queue[i]);
        }
      }
    } finally {
      if (this.queued) {
        this.queue.length = 0;
        this.queued = false;
      }
      this.draining = false;
    }
    if (this.sp) this.watchdog.arm(speakerNextDeadline(this.sp));
  }

  private step(sp: SpeakerState, inp: SpeakerInput): void {
    const outs = this.outs;
    const from = outs.length;
    speakerStepInto(sp, inp, this.now(), outs);
    for (let k = from; k < outs.length; k++) {
      this.firstOutputOfStep = k === from;
      this.handle(this, outs[k]);
    }
    this.firstOutputOfStep = false;
    // Cut back by popping: setting `length` is a runtime call, a pop is a few instructions.
    while (outs.length > from) outs.pop();
  }

  /** The agenda entry fired: let the speaker fire its due timers. */
  tick(): void {
    this.watchdog.fired();
    if (!this.sp) return;
    if (speakerNextDeadline(this.sp) <= this.now()) this.input({ type: 'tick' });
    else this.watchdog.arm(speakerNextDeadline(this.sp));
  }
}

/** One side of one BGP session: what the transport and BFD talk to. */
export class BgpEndpoint {
  /**
   * Connections this side's kernel holds open (ids shared with the other side), oldest first: the
   * oldest in a plain field while it is the only one or the first of several (the usual case: one
   * connection, asked about at every segment), later ones in a set built only for a collision.
   */
  private conn0: ConnId | null = null;
  private moreConns: Set<ConnId> | null = null;
  /** `owner>peer`, the trace's subject for this session side: built once, read for every record. */
  readonly subject: string;
  /**
   * The world's session pair of this side (session-pairs.ts sets it once the pair exists): read
   * per output instead of a map lookup. Null for a live speaker's endpoint.
   */
  pair: SessionPair | null = null;
  /**
   * When this side last put a message on the wire (keepalive-pairs.ts: nothing in flight before
   * implying), kept here rather than in a map: set at every message sent.
   */
  lastSentAt: Time | undefined = undefined;
  /** `state`'s last answer and the speaker it came from (a speaker's session machines never change). */
  private stateOf: SpeakerState | null = null;
  private stateCached: SessionState | null = null;
  /** `sendsFourOctetAs`'s last answer, valid while the session and its two OPENs are the same objects. */
  private fourSt: SessionState | null = null;
  private fourSent: unknown = null;
  private fourReceived: unknown = null;
  private four = true;

  constructor(
    readonly process: BgpProcess,
    readonly peer: string,
  ) {
    this.subject = `${process.owner}>${peer}`;
  }

  get owner(): string {
    return this.process.owner;
  }
  get role(): ProcessRole {
    return this.process.role;
  }
  get incarnation(): number {
    return this.process.incarnation;
  }
  get running(): boolean {
    return this.process.running;
  }
  get state(): SessionState | null {
    const sp = this.process.sp;
    if (sp === null) return null;
    if (sp !== this.stateOf) {
      this.stateOf = sp;
      this.stateCached = sp.sessions.get(this.peer) ?? null;
    }
    return this.stateCached;
  }

  /** RFC 6793: whether this side sends 4-octet AS_PATHs now (session-io.ts `sendsFourOctetAs`), asked per message sent. */
  sendsFourOctetAs(): boolean {
    const st = this.state;
    if (!st) return true;
    if (st === this.fourSt && st.sentOpen === this.fourSent && st.receivedOpen === this.fourReceived) return this.four;
    this.four = sendsFourOctetAs(st);
    this.fourSt = st;
    this.fourSent = st.sentOpen;
    this.fourReceived = st.receivedOpen;
    return this.four;
  }

  input(input: SessionInput): void {
    this.process.input({ type: 'session', peer: this.peer, input });
  }

  hasConn(conn: ConnId): boolean {
    return conn === this.conn0 || this.moreConns?.has(conn) === true;
  }

  addConn(conn: ConnId): void {
    if (this.hasConn(conn)) return;
    // The field holds the oldest only: once others are open, a new one goes after them.
    if (this.conn0 === null && (this.moreConns === null || this.moreConns.size === 0)) this.conn0 = conn;
    else (this.moreConns ??= new Set()).add(conn);
  }

  /** Whether `conn` was open (and now is not). */
  deleteConn(conn: ConnId): boolean {
    if (conn === this.conn0) {
      this.conn0 = null;
      return true;
    }
    return this.moreConns?.delete(conn) === true;
  }

  clearConns(): void {
    this.conn0 = null;
    this.moreConns = null;
  }

  /** The open connections, oldest first. */
  conns(): ConnId[] {
    const all: ConnId[] = this.conn0 === null ? [] : [this.conn0];
    if (this.moreConns !== null) for (const c of this.moreConns) all.push(c);
    return all;
  }
}
