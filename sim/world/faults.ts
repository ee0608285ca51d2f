/**
 * Faults as inputs at a time (issue 6): which stimulus each one applies to processes, kernels,
 * links and sessions, through the narrow `FaultTarget` the world hands it (faults never reach into
 * the world's maps). The world resumes any implied BFD pair before calling this, so every fault
 * sees the state the per-packet simulation would have.
 */
import { assertNever } from '../base/assert.js';
import { type Duration, NEVER, type Time } from '../base/time.js';
import type { RandomStream } from '../engine/index.js';
import type { WorldRecord } from './records.js';
import type { DistributionSpec, FaultSpec } from './spec.js';

/** The stimuli a fault can apply: all the world lets a fault touch. */
export interface FaultTarget {
  record(r: WorldRecord): void;
  later(delay: Duration, fn: () => void): void;
  stream(name: string): RandomStream;
  stopSpeaker(node: string): void;
  /**
   * The speaker pod starts: in GR restart mode (R and F per its profile, RFC 4724 §4.1), as a plain
   * start (its profile decides: FRR's startup window still sets R), or explicitly without GR restart
   * mode (R = 0, F = 0, as GoBGP without -r).
   */
  startSpeaker(node: string, mode: 'restart' | 'plain' | 'without-restart-mode'): void;
  crashNode(node: string): void;
  recoverNode(node: string): void;
  /** The node's speaker stops advertising every service (and withdraws them). */
  withdrawAll(node: string): void;
  /** Every session of the node's speaker gets a ManualStop (Cease/Administrative Shutdown). */
  adminShutdown(node: string): void;
  restartRouter(router: string, downtime: Duration): void;
  setLink(a: string, b: string, up: boolean): void;
  /** The node's bfdd for this router stops. */
  stopBfd(node: string, router: string): void;
  /** `clear bgp` on the router for this neighbor. */
  resetPeer(router: string, node: string): void;
  sendNotification(from: string, to: string, code: number, subcode: number, hardReset: boolean): void;
  changePolicy(node: string, withdraw: readonly string[], advertise: readonly string[]): void;
  setEndpoints(service: string, endpoints: readonly string[]): void;
}

export function applyFault(w: FaultTarget, f: FaultSpec, now: Time): void {
  w.record({ t: now, type: 'fault', subject: faultSubject(f), fault: f.type, detail: describeFault(f) });
  switch (f.type) {
    case 'speaker-restart': {
      w.stopSpeaker(f.node);
      const down = draw(w, f.downtime, `fault/${f.index}/downtime`, now);
      const mode = f.restartMode === false ? 'without-restart-mode' : 'restart';
      w.later(down, () => w.startSpeaker(f.node, mode));
      return;
    }
    case 'speaker-stop':
      w.stopSpeaker(f.node);
      return;
    case 'speaker-start':
      w.startSpeaker(
        f.node,
        f.restartMode === true ? 'restart' : f.restartMode === false ? 'without-restart-mode' : 'plain',
      );
      return;
    case 'node-crash':
      w.crashNode(f.node);
      return;
    case 'node-recover':
      w.recoverNode(f.node);
      return;
    case 'node-drain':
      if (f.mode === 'withdraw') w.withdrawAll(f.node);
      // Cease/Administrative Shutdown (RFC 4486): a NOTIFICATION, so no GR unless N was exchanged.
      else if (f.mode === 'shutdown') w.adminShutdown(f.node);
      else {
        // Drain and reboot (C36): SIGTERM to FRR, then the kernel goes; it comes back after `downtime`.
        w.stopSpeaker(f.node);
        w.crashNode(f.node);
        const downtime = f.downtime;
        if (downtime !== undefined) w.later(downtime, () => w.recoverNode(f.node));
      }
      return;
    case 'router-restart':
      w.restartRouter(f.router, draw(w, f.downtime, `fault/${f.index}/downtime`, now));
      return;
    case 'link-down':
    case 'link-up':
      w.setLink(f.between[0], f.between[1], f.type === 'link-up');
      return;
    case 'bfd-down':
      // The node's bfdd for this router dies (C24 stimulus B); BGP itself is untouched.
      w.stopBfd(f.node, f.router);
      return;
    case 'peer-reset':
      w.resetPeer(f.router, f.node);
      return;
    case 'notification':
      w.sendNotification(f.from, f.to, f.code, f.subcode, f.hardReset);
      return;
    case 'policy-change':
      w.changePolicy(f.node, f.withdraw, f.advertise);
      return;
    case 'endpoint-change':
      w.setEndpoints(f.service, f.endpoints);
      return;
    default:
      assertNever(f, 'fault');
  }
}

/** A downtime: fixed, or drawn from its own named stream (so other draws do not shift it). */
function draw(w: FaultTarget, d: Duration | DistributionSpec, stream: string, now: Time): Duration {
  if (typeof d === 'number') return d;
  const rng = w.stream(stream);
  const v =
    d.type === 'fixed'
      ? d.value
      : d.type === 'exponential'
        ? rng.exponential(d.mean)
        : d.type === 'uniform'
          ? rng.uniform(d.min, d.max)
          : d.median * Math.exp(rng.normal(0, d.sigma));
  // A lognormal tail can pass the clock's last µs (2^53): such a process is back "never".
  return Math.min(Math.max(0, Math.round(v)), NEVER - now) as Duration;
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
    case 'router-restart':
      return f.router;
    default:
      return f.node;
  }
}

function describeFault(f: FaultSpec): string {
  const dur = (d: Duration | DistributionSpec) => (typeof d === 'number' ? `${d / 1e6} s` : `a ${d.type} draw`);
  switch (f.type) {
    case 'speaker-restart':
      return `speaker pod on ${f.node} killed; back after ${dur(f.downtime)}`;
    case 'router-restart':
      return `bgpd on ${f.router} restarts; back after ${dur(f.downtime)}`;
    case 'notification':
      return `${f.from} sends NOTIFICATION ${f.code}/${f.subcode}${f.hardReset ? ' as Hard Reset' : ''} to ${f.to}`;
    case 'node-crash':
      return `${f.node} loses power: no FIN, no NOTIFICATION`;
    case 'node-drain':
      return `${f.node} drained (${f.mode})`;
    case 'policy-change':
      return `${f.node} stops advertising [${f.withdraw.join(', ')}], starts [${f.advertise.join(', ')}]`;
    default:
      return f.type;
  }
}
