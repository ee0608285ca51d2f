/**
 * One end of a BFD session (RFC 5880 asynchronous mode) as the world drives it. The node's end
 * lives in the speaker pod's bfdd, so it dies and restarts with the speaker; the router's end
 * lives as long as the router. Jitter for the k-th periodic packet comes from a stream keyed by
 * (session, incarnation, k), so it does not depend on how often the session is observed.
 */
import type { Time } from '../base/time.js';
import {
  type BfdConfig,
  type BfdControlPacket,
  type BfdOutput,
  type BfdSession,
  createBfdSession,
  nextDeadline,
  step,
} from '../bfd/index.js';
import type { RandomStreams } from '../engine/index.js';
import type { BfdSpec } from './spec.js';
import type { Watchdog } from './watchdog.js';

export class BfdEnd {
  session: BfdSession | null = null;
  incarnation = 0;
  /** Control packets this end sent that are still on the wire. */
  inFlight = 0;
  /** Agenda events this end handled (timer firings and packet arrivals). */
  events = 0;
  watchdog!: Watchdog;

  constructor(
    readonly index: number,
    readonly owner: string,
    readonly peer: string,
    readonly spec: BfdSpec,
    private readonly discriminator: number,
    private readonly rng: RandomStreams,
    private readonly handle: (end: BfdEnd, out: BfdOutput) => void,
    private readonly now: () => Time,
    /** Called after every step: the driver may imply the pair's steady state (DESIGN.md). */
    private readonly onSettled: (end: BfdEnd) => void,
  ) {}

  get subject(): string {
    return `${this.owner}>${this.peer}`;
  }

  start(): void {
    this.incarnation++;
    const config: BfdConfig = {
      localDiscriminator: this.discriminator,
      desiredMinTx: this.spec.transmitInterval,
      requiredMinRx: this.spec.receiveInterval,
      detectMult: this.spec.detectMultiplier,
      controlPlaneIndependent: this.spec.controlPlaneIndependent,
      passive: false,
    };
    const name = `bfd/${this.subject}/${this.incarnation}`;
    // RFC 5880 §6.8.7 jitter, one keyed draw per periodic packet index.
    const uniformAt = this.rng.keyedUniform(name);
    this.session = createBfdSession(config, uniformAt, this.now());
    this.rearm();
  }

  stop(): void {
    this.session = null;
    this.watchdog.cancel();
  }

  receive(packet: BfdControlPacket): void {
    this.events++;
    if (!this.session) return;
    this.apply(step(this.session, { type: 'receive', packet }, this.now()));
  }

  tick(): void {
    this.events++;
    this.watchdog.fired();
    if (!this.session) return;
    if (nextDeadline(this.session) <= this.now()) this.apply(step(this.session, { type: 'timer' }, this.now()));
    else this.rearm();
  }

  private apply(outs: BfdOutput[]): void {
    for (const o of outs) this.handle(this, o);
    this.rearm();
  }

  rearm(): void {
    if (this.session) this.watchdog.arm(nextDeadline(this.session));
    this.onSettled(this);
  }
}
