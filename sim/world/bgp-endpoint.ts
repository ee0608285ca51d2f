/**
 * One side of one BGP session as the world drives it: the sans-IO session machine of the process
 * that owns it (a node's speaker or a router's bgpd), its agenda entry, and the TCP connections
 * its kernel has open. Inputs are queued and drained in order, so an output that feeds another
 * input (the speaker sending its routes on `established`) never interleaves with the outputs of
 * the step that caused it.
 */
import { NEVER, type Time } from '../base/time.js';
import type { ResolvedPeerConfig } from '../bgp/profile/index.js';
import {
  type ConnId,
  createSession,
  nextDeadline,
  type SessionIdentity,
  type SessionInput,
  type SessionOutput,
  type SessionState,
  step,
} from '../bgp/session/index.js';
import type { Watchdog } from './watchdog.js';

export type EndpointRole = 'speaker' | 'router';

export class BgpEndpoint {
  /** The machine; null while the owning process is down. */
  state: SessionState | null = null;
  /** Connections this side's kernel holds open (ids shared with the other side). */
  readonly openConns = new Set<ConnId>();
  /** Incarnation of the owning process: bumps at every start. */
  incarnation = 0;
  private readonly queue: SessionInput[] = [];
  private draining = false;
  watchdog!: Watchdog;

  constructor(
    readonly index: number,
    readonly role: EndpointRole,
    readonly owner: string,
    readonly peer: string,
    readonly config: ResolvedPeerConfig,
    private readonly handle: (ep: BgpEndpoint, out: SessionOutput) => void,
    private readonly now: () => Time,
  ) {}

  get subject(): string {
    return `${this.owner}>${this.peer}`;
  }

  get running(): boolean {
    return this.state !== null;
  }

  /** A new process incarnation: a fresh machine (RFC 4724 §4.1: the restarting speaker starts anew). */
  start(identity: SessionIdentity, uniform: () => number): void {
    this.incarnation++;
    this.state = createSession({ peer: this.peer, config: this.config, identity, uniform });
    this.input({ type: 'manual-start' });
  }

  /** The process is gone; the kernel's connections are the caller's business. */
  kill(): void {
    this.state = null;
    this.queue.length = 0;
    this.watchdog.cancel();
  }

  input(inp: SessionInput): void {
    if (!this.state) return;
    this.queue.push(inp);
    if (this.draining) return;
    this.draining = true;
    try {
      for (let i = 0; i < this.queue.length; i++) {
        const st = this.state;
        if (!st) break;
        for (const out of step(st, this.queue[i], this.now())) this.handle(this, out);
      }
    } finally {
      this.queue.length = 0;
      this.draining = false;
    }
    if (this.state) this.watchdog.arm(nextDeadline(this.state));
  }

  /** The agenda entry fired: let the machine fire its due timers. */
  tick(): void {
    this.watchdog.fired();
    if (!this.state) return;
    if (nextDeadline(this.state) <= this.now()) this.input({ type: 'tick' });
    else if (nextDeadline(this.state) !== NEVER) this.watchdog.arm(nextDeadline(this.state));
  }
}
