/**
 * Selection deferral on the restarting speaker (RFC 4724 §4.1), per address family: route
 * selection for a family waits until End-of-RIB for it has arrived from every configured GR peer —
 * excluding peers whose OPEN had the R bit set and peers that did not advertise GR — or until the
 * Selection_Deferral_Timer expires. "All its peers" are the configured ones, up or not, as FRR
 * does (bgpd/bgp_fsm.c bgp_gr_mark_for_deferred_selection, bgp_gr_check_all_eors). Forwarding
 * state is kept meanwhile.
 */
import { NEVER, type Time } from '../../base/time.js';
import type { GrNegotiation } from './capabilities.js';

/** Stable kebab-case reasons a family's selection completed. */
export type SelectionCompleteReason =
  /** End-of-RIB arrived from every peer still waited for (RFC 4724 §4.1 (a)). */
  | 'end-of-rib'
  /** No End-of-RIB was ever awaited: every configured peer was excluded or released (R bit, no GR, AF not negotiated, session lost). */
  | 'no-end-of-rib-awaited'
  /** The Selection_Deferral_Timer expired (RFC 4724 §4.1 (b)). */
  | 'deferral-timer-expired';

export interface FamilyDeferral {
  active: boolean;
  /** Peers whose End-of-RIB for this family arrived while they were waited for. */
  readonly eorFrom: Set<string>;
  completedAt: Time;
  completedBy: SelectionCompleteReason | null;
}

export interface DeferralState {
  /** Some family is still deferred. */
  active: boolean;
  /** Set when the first peer reaches Established (FRR 10.5.3 without -K starts select-defer-time then). */
  deadline: Time;
  readonly seconds: number;
  /** The families selection is deferred for (FRR: IPv4 and IPv6 unicast, `bgp_gr_supported_for_afi_safi`). */
  readonly families: Map<string, FamilyDeferral>;
  /** Configured peers in GR restart mode: the only ones ever waited for. */
  readonly waitFor: ReadonlySet<string>;
  /** Configured peers whose EoR is awaited (FRR PEER_STATUS_GR_WAIT_EOR), with the families still missing. */
  readonly waiting: Map<string, Set<string>>;
  /** Peers that reached Established while deferring (excluded ones included). */
  readonly seen: Set<string>;
  /** When the last family completed. */
  completedAt: Time;
  /** Why the last family completed. */
  completedBy: SelectionCompleteReason | null;
}

export interface CreateDeferralOptions {
  readonly restarting: boolean;
  readonly now: Time;
  readonly seconds: number;
  /** Families route selection is deferred for. */
  readonly families: readonly string[];
  /** Configured peers in GR restart mode: the ones End-of-RIB is awaited from. */
  readonly waitFor: readonly string[];
}

export function createDeferral(o: CreateDeferralOptions): DeferralState {
  const active = o.restarting && o.families.length > 0;
  const families = new Map<string, FamilyDeferral>();
  for (const f of o.families)
    families.set(f, { active, eorFrom: new Set(), completedAt: active ? NEVER : o.now, completedBy: null });
  // FRR bgp_gr_mark_for_deferred_selection: "Mark all peers in the instance for EOR wait for the
  // AFI/SAFI supported for GR" — every configured peer, up or not. bgp_gr_check_all_eors skips
  // peers without PEER_FLAG_GRACEFUL_RESTART (local mode helper or disabled): they are never waited for.
  const waiting = new Map<string, Set<string>>();
  if (active) for (const p of o.waitFor) waiting.set(p, new Set(o.families));
  return {
    active,
    deadline: NEVER,
    seconds: o.seconds,
    families,
    waitFor: new Set(o.waitFor),
    waiting,
    seen: new Set(),
    completedAt: active ? NEVER : o.now,
    completedBy: null,
  };
}

/** Whether route selection (and so forwarding and advertising) of `family` is still deferred. */
export function deferralActiveFor(d: DeferralState, family: string): boolean {
  return d.families.get(family)?.active ?? false;
}

/**
 * A session reached Established with `families` negotiated. FRR bgp_gr_process_peer_status_change:
 * a peer with R set, without GR negotiated, or not in restart mode locally is released
 * (bgp_gr_process_peer_up_ignore); otherwise it is waited for in the negotiated families and
 * released in the others (bgp_gr_process_peer_up_include).
 */
export function deferralPeerEstablished(
  d: DeferralState,
  now: Time,
  peer: string,
  neg: GrNegotiation,
  families: readonly string[],
): void {
  if (!d.active) return;
  // FRR 10.5.3 without -K arms select-defer-time at the first peer up (bgp_fsm.c
  // bgp_gr_process_peer_up_include → bgp_start_deferral_timer); bgp_gr_start_all_deferral_timers
  // at config end needs bgp_in_graceful_restart(), i.e. -K (bgpd.c peer_unshut_after_cfg).
  if (d.seen.size === 0) d.deadline = (now + d.seconds * 1_000_000) as Time;
  d.seen.add(peer);
  if (!d.waitFor.has(peer)) return;
  // RFC 4724 §4.1: excluding peers with the Restart State bit set and peers without the GR capability.
  if (!neg.grExchanged || neg.peerRestartState) {
    d.waiting.delete(peer);
    return;
  }
  d.waiting.set(peer, new Set(families.filter((f) => deferralActiveFor(d, f))));
}

export function deferralEndOfRib(d: DeferralState, peer: string, family: string): void {
  const fam = d.families.get(family);
  if (!fam?.active) return;
  if (d.waiting.get(peer)?.delete(family)) fam.eorFrom.add(peer);
}

/**
 * An Established session went down. FRR (bgp_gr_process_peer_status_change): "If a peer (Helper)
 * went down after establishing the session, we will not wait for a EOR from it." It is waited for
 * again if it comes back while deferring.
 */
export function deferralPeerDown(d: DeferralState, peer: string): void {
  if (d.active) d.waiting.delete(peer);
}

export interface FamilyCompletion {
  readonly family: string;
  readonly reason: SelectionCompleteReason;
  /** Peers whose End-of-RIB arrived. */
  readonly eorFrom: readonly string[];
  /** Peers still waited for when the timer expired. */
  readonly stillWaiting: readonly string[];
}

/** The families whose deferral ends now (in the order they were configured); they are marked complete. */
/** Some peer's End-of-RIB of `family` is still awaited (asked at every step while deferring: no list built). */
function waitsFor(d: DeferralState, family: string): boolean {
  for (const w of d.waiting.values()) if (w.has(family)) return true;
  return false;
}

export function deferralCheck(d: DeferralState, now: Time): FamilyCompletion[] {
  if (!d.active) return [];
  const done: FamilyCompletion[] = [];
  for (const [family, fam] of d.families) {
    if (!fam.active) continue;
    let reason: SelectionCompleteReason | null = null;
    if (now >= d.deadline) reason = 'deferral-timer-expired';
    // Nothing is selected before a first peer is up: FRR evaluates deferral only on peer status changes.
    else if (d.seen.size > 0 && !waitsFor(d, family))
      reason = fam.eorFrom.size > 0 ? 'end-of-rib' : 'no-end-of-rib-awaited';
    if (!reason) continue;
    const stillWaiting = [...d.waiting].filter(([, w]) => w.has(family)).map(([p]) => p);
    fam.active = false;
    fam.completedAt = now;
    fam.completedBy = reason;
    d.completedAt = now;
    d.completedBy = reason;
    done.push({ family, reason, eorFrom: [...fam.eorFrom], stillWaiting });
  }
  if (done.length > 0) {
    for (const w of d.waiting.values()) for (const c of done) w.delete(c.family);
    if ([...d.families.values()].every((f) => !f.active)) {
      d.active = false;
      d.deadline = NEVER;
      d.waiting.clear();
    }
  }
  return done;
}
