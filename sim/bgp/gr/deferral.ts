/**
 * Selection deferral on the restarting speaker (RFC 4724 §4.1): after a restart, route selection
 * waits until End-of-RIB has arrived from every GR peer — excluding peers whose OPEN had the R bit
 * set and peers that did not advertise GR — or until the Selection_Deferral_Timer expires. Forwarding
 * state is kept meanwhile. One machine per speaker; it covers all address families at once.
 */
import { NEVER, type Time } from '../../base/time.js';
import type { GrNegotiation } from './capabilities.js';

export interface DeferralState {
  active: boolean;
  /** Set when the first peer reaches Established (FRR starts select-defer-time then). */
  deadline: Time;
  readonly seconds: number;
  /** Established GR peers (not restarting) and the families whose EoR we still wait for. */
  readonly waiting: Map<string, Set<string>>;
  /** Peers that reached Established while deferring (excluded ones included). */
  readonly seen: Set<string>;
  completedAt: Time;
  completedBy: 'end-of-rib' | 'deferral-timer-expired' | null;
}

export function createDeferral(restarting: boolean, now: Time, deferralSeconds: number): DeferralState {
  return {
    active: restarting,
    deadline: NEVER,
    seconds: deferralSeconds,
    waiting: new Map(),
    seen: new Set(),
    completedAt: restarting ? NEVER : now,
    completedBy: null,
  };
}

export function deferralPeerEstablished(
  d: DeferralState,
  now: Time,
  peer: string,
  neg: GrNegotiation,
  families: readonly string[],
): void {
  if (!d.active) return;
  if (d.seen.size === 0) d.deadline = (now + d.seconds * 1_000_000) as Time;
  d.seen.add(peer);
  // RFC 4724 §4.1: excluding peers with the Restart State bit set and peers without the GR capability.
  if (!neg.grExchanged || neg.peerRestartState) {
    d.waiting.delete(peer);
    return;
  }
  d.waiting.set(peer, new Set(families));
}

export function deferralEndOfRib(d: DeferralState, peer: string, family: string): void {
  d.waiting.get(peer)?.delete(family);
}

export function deferralPeerDown(d: DeferralState, peer: string): void {
  d.waiting.delete(peer);
}

/** Whether deferral ends now; if so it is marked complete. */
export function deferralCheck(d: DeferralState, now: Time): 'end-of-rib' | 'deferral-timer-expired' | null {
  if (!d.active) return null;
  let done: 'end-of-rib' | 'deferral-timer-expired' | null = null;
  if (now >= d.deadline) done = 'deferral-timer-expired';
  else if (d.seen.size > 0) {
    let all = true;
    for (const w of d.waiting.values()) if (w.size > 0) all = false;
    if (all) done = 'end-of-rib';
  }
  if (done) {
    d.active = false;
    d.deadline = NEVER;
    d.completedAt = now;
    d.completedBy = done;
  }
  return done;
}
