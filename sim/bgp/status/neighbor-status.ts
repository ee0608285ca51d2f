/**
 * What `show bgp neighbors` reports about Graceful Restart for one peer, as FRR shows it
 * (gr-reference §2.12, FRR `bgp_show_peer_gr_extra_info`): local and remote GR mode, the R and N bits
 * received, configured and received Restart Time, per-AF F bit and End-of-RIB state, stale-path and
 * LLGR stale times, and the time left on the running timers. A pure read of the session state.
 */
import { NEVER, type Time } from '../../base/time.js';
import type { SelectionCompleteReason } from '../gr/deferral.js';
import type { AfPhase } from '../gr/helper.js';
import type { FsmState } from '../session/fsm-table.js';
import type { SessionState } from '../session/session.js';
import { AFI_IPV4, AFI_IPV6, SAFI_MULTICAST, SAFI_UNICAST } from '../wire/message.js';

export type GrModeName = 'Restart' | 'Helper' | 'Disable';
export type RemoteGrModeName = GrModeName | 'NotApplicable';

export interface AfGrStatus {
  /** 'ipv4-unicast' style key. */
  readonly key: string;
  /** FRR's name for the family: 'IPv4 Unicast'. */
  readonly name: string;
  /** The peer's F bit; null when the peer did not list the AF (FRR prints it only if NSF). */
  readonly fBit: boolean | null;
  readonly endOfRibSent: boolean;
  readonly endOfRibSentAfterUpdate: boolean;
  readonly endOfRibReceived: boolean;
  /** Helper phase of the peer's routes in this AF. */
  readonly phase: AfPhase;
  readonly configuredStalePathTime: number | null;
  readonly stalePathRemaining: number | null;
  /** Configured Selection Deferral Time (shown in Restart mode only). */
  readonly configuredSelectionDeferralTime: number | null;
  /** LLGR stale time in use for the AF (received, possibly bounded locally). */
  readonly llgrStaleTime: number;
  readonly llgrStaleRemaining: number | null;
  readonly restartRemaining: number | null;
}

export interface NeighborGrStatus {
  readonly peer: string;
  readonly state: FsmState;
  readonly localGrMode: GrModeName;
  readonly remoteGrMode: RemoteGrModeName;
  /** Bits received in the peer's OPEN; null unless GR was exchanged and the session is Established. */
  readonly rBit: boolean | null;
  readonly nBit: boolean | null;
  /** "advertised and received", "advertised", "received" or null (FRR's capability line). */
  readonly capability: string | null;
  readonly configuredRestartTime: number;
  readonly receivedRestartTime: number | null;
  readonly configuredLlgrStaleTime: number;
  /** Seconds left on the restart timer (the earliest AF), null when not running. */
  readonly restartTimeRemaining: number | null;
  readonly stalePathTimeRemaining: number | null;
  readonly endOfRibSent: readonly string[];
  readonly endOfRibReceived: readonly string[];
  readonly afs: readonly AfGrStatus[];
  /**
   * Multiprotocol capability per family (RFC 4760 §8), FRR bgp_vty.c "Address Family %s: advertised
   * and received": from our last OPEN and the peer's.
   */
  readonly addressFamilies: readonly {
    readonly name: string;
    readonly advertised: boolean;
    readonly received: boolean;
  }[];
  /** Address families by peer: name and whether the peer preserved forwarding. */
  readonly addressFamiliesByPeer: readonly { readonly name: string; readonly preserved: boolean }[];
  readonly lastNotificationReason: string | null;
  readonly lastNotificationHardReset: boolean | null;
  readonly lastResetReason: string | null;
}

export function familyName(afi: number, safi: number): string {
  const a = afi === AFI_IPV4 ? 'IPv4' : afi === AFI_IPV6 ? 'IPv6' : `AFI ${afi}`;
  const s = safi === SAFI_UNICAST ? 'Unicast' : safi === SAFI_MULTICAST ? 'Multicast' : `SAFI ${safi}`;
  return `${a} ${s}`;
}

const remaining = (deadline: Time, now: Time): number | null =>
  deadline === NEVER ? null : Math.max(0, Math.floor((deadline - now) / 1_000_000));

const MODE: Record<string, GrModeName> = { restart: 'Restart', helper: 'Helper', disable: 'Disable' };

const CEASE_NAMES: Record<number, string> = {
  1: 'Maximum Number of Prefixes Reached',
  2: 'Administrative Shutdown',
  3: 'Peer De-configured',
  4: 'Administrative Reset',
  5: 'Connection Rejected',
  6: 'Other Configuration Change',
  7: 'Connection Collision Resolution',
  8: 'Out of Resources',
  9: 'Hard Reset',
  10: 'BFD Down',
};
const CODE_NAMES: Record<number, string> = {
  1: 'Message Header Error',
  2: 'OPEN Message Error',
  3: 'UPDATE Message Error',
  4: 'Hold Timer Expired',
  5: 'Finite State Machine Error',
  6: 'Cease',
};

/** FRR's `lastNotificationReason` text: "Hold Timer Expired", "Cease/Administrative Reset". */
export function notificationReason(code: number, subcode: number): string {
  const name = CODE_NAMES[code] ?? `Error ${code}`;
  if (code === 6) return `${name}/${CEASE_NAMES[subcode] ?? `Subcode ${subcode}`}`;
  return subcode === 0 ? name : `${name}/${subcode}`;
}

export function neighborGrStatus(st: SessionState, now: Time): NeighborGrStatus {
  const cfg = st.config;
  const neg = st.negotiation;
  const established = st.fsm === 'Established';
  const localGr = cfg.gr.mode !== 'disable';
  let remoteGrMode: RemoteGrModeName = 'NotApplicable';
  if (localGr && established && neg) {
    if (!neg.peerGr) remoteGrMode = 'Disable';
    else remoteGrMode = neg.peerGr.afis.length === 0 ? 'Helper' : 'Restart';
  }
  const bitsShown = established && neg?.grExchanged === true;
  let restartDeadline = NEVER;
  for (const af of st.helper.afs.values())
    if (af.restartDeadline < restartDeadline) restartDeadline = af.restartDeadline;
  const afs: AfGrStatus[] = [...st.helper.afs.values()].map((af) => {
    const n = neg?.afs.get(af.key);
    return {
      key: af.key,
      name: familyName(af.afiSafi.afi, af.afiSafi.safi),
      fBit: n?.inGr ? n.grForwarding : null,
      endOfRibSent: st.eorSent.has(af.key),
      endOfRibSentAfterUpdate: st.eorSent.has(af.key) && st.updateSentBeforeEor.has(af.key),
      endOfRibReceived: st.eorReceived.has(af.key),
      phase: af.phase,
      configuredStalePathTime: cfg.gr.stalePathTime,
      stalePathRemaining: af.phase === 'none' ? null : remaining(st.helper.stalePathDeadline, now),
      configuredSelectionDeferralTime: cfg.gr.mode === 'restart' ? cfg.gr.selectionDeferralTime : null,
      llgrStaleTime: n?.llst ?? 0,
      llgrStaleRemaining: remaining(af.llstDeadline, now),
      restartRemaining: remaining(af.restartDeadline, now),
    };
  });
  const sentCap = st.sentOpen?.capabilities.some((c) => c.type === 'graceful-restart') ?? localGr;
  const rcvdCap = neg?.peerGr !== undefined;
  const capability =
    sentCap && rcvdCap ? 'advertised and received' : sentCap ? 'advertised' : rcvdCap ? 'received' : null;
  const last = st.lastNotificationReceived ?? null;
  const lastSent = st.lastNotificationSent ?? null;
  const lastN = last && lastSent ? (last.at >= lastSent.at ? last : lastSent) : (last ?? lastSent);
  return {
    peer: st.peer,
    state: st.fsm,
    localGrMode: MODE[cfg.gr.mode],
    remoteGrMode,
    rBit: bitsShown ? (neg?.peerRestartState ?? false) : null,
    nBit: bitsShown ? (neg?.peerGr?.notification ?? false) : null,
    capability,
    configuredRestartTime: cfg.gr.restartTime,
    receivedRestartTime: neg?.peerGr ? neg.peerRestartTime : null,
    configuredLlgrStaleTime: cfg.llgr.staleTime,
    restartTimeRemaining: remaining(restartDeadline, now),
    stalePathTimeRemaining: remaining(st.helper.stalePathDeadline, now),
    endOfRibSent: afs.filter((a) => a.endOfRibSent).map((a) => a.name),
    endOfRibReceived: afs.filter((a) => a.endOfRibReceived).map((a) => a.name),
    afs,
    addressFamilies: multiprotocolFamilies(st),
    addressFamiliesByPeer: (neg?.peerGr?.afis ?? []).map((a) => ({
      name: familyName(a.afi, a.safi),
      preserved: a.forwardingState,
    })),
    lastNotificationReason: lastN ? notificationReason(lastN.code, lastN.subcode) : null,
    lastNotificationHardReset: lastN ? lastN.hardReset : null,
    lastResetReason: st.lastDownReason,
  };
}

/** Families in either OPEN's Multiprotocol capabilities, IPv4 before IPv6 (FRR's FOREACH_AFI_SAFI order). */
function multiprotocolFamilies(st: SessionState): NeighborGrStatus['addressFamilies'] {
  const mp = (o: SessionState['sentOpen']) =>
    (o?.capabilities ?? []).flatMap((c) => (c.type === 'multiprotocol' ? [c.afi * 256 + c.safi] : []));
  const sent = new Set(mp(st.sentOpen));
  const rcvd = new Set(mp(st.receivedOpen));
  return [...new Set([...sent, ...rcvd])]
    .sort((a, b) => a - b)
    .map((k) => ({ name: familyName(k >> 8, k & 255), advertised: sent.has(k), received: rcvd.has(k) }));
}

/** The restarting-speaker side (RFC 4724 §4.1): selection deferral as FRR's "Selection Deferral Time Remaining". */
export interface SelectionDeferralStatus {
  readonly deferring: boolean;
  /** Seconds left on the Selection_Deferral_Timer, null when not running. */
  readonly remaining: number | null;
  /** GR peers whose End-of-RIB is still awaited, with the families missing. */
  readonly waitingFor: readonly { readonly peer: string; readonly families: readonly string[] }[];
  readonly completedBy: SelectionCompleteReason | null;
}

export function selectionDeferralStatus(
  d: {
    readonly active: boolean;
    readonly deadline: Time;
    readonly waiting: ReadonlyMap<string, ReadonlySet<string>>;
    readonly completedBy: SelectionCompleteReason | null;
  },
  now: Time,
): SelectionDeferralStatus {
  return {
    deferring: d.active,
    remaining: d.active ? remaining(d.deadline, now) : null,
    waitingFor: [...d.waiting].filter(([, f]) => f.size > 0).map(([peer, f]) => ({ peer, families: [...f].sort() })),
    completedBy: d.completedBy,
  };
}
