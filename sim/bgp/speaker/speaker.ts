/**
 * A BGP speaker: one session machine per peer plus the RIBs (rib/), composed sans-IO. The speaker
 * applies what the sessions decide — route-state actions of the GR helper (RFC 4724 §4.2, RFC 9494
 * §4.2), received UPDATEs — to the RIB, and turns the RIB's results into UPDATEs for the other
 * sessions and FIB changes for the world. As a restarting speaker (RFC 4724 §4.1) it keeps its
 * forwarding state and, per address family, defers route selection until End-of-RIB from all
 * configured GR peers or the Selection_Deferral_Timer (gr/deferral.ts); until then it advertises
 * nothing in that family to any peer, session or RIB-only; then it replaces its FIB, advertises and
 * sends End-of-RIB. A profile without `deferralHoldsLocalRoutes` (FRR) sends its locally originated
 * routes in the initial update as usual and holds back only learned ones (the RIB's 'local-only'
 * export stage), released when selection completes; End-of-RIB then waits for the completion or not
 * (`deferralHoldsEndOfRib`).
 *
 * End-of-RIB follows the initial update on every new session, GR or not (RFC 4724 §4, as FRR, BIRD
 * and GoBGP do). Like the sessions, the speaker mutates its state and returns outputs.
 */
import { assertNever } from '../../base/assert.js';
import { minTime, NEVER, type Time } from '../../base/time.js';
import type { GrNegotiation } from '../gr/capabilities.js';
import {
  createDeferral,
  type DeferralState,
  deferralActiveFor,
  deferralCheck,
  deferralEndOfRib,
  deferralPeerDown,
  deferralPeerEstablished,
  type FamilyCompletion,
  type SelectionCompleteReason,
} from '../gr/deferral.js';
import type { ResolvedPeerConfig } from '../profile/profile.js';
import type { AttributeStore, RibAttributes } from '../rib/attributes.js';
import type { ExportStage } from '../rib/export-policy.js';
import { afiSafiOf, FAMILIES, type Family, familyOf } from '../rib/family.js';
import { type FibChange, Rib, type RibResult } from '../rib/rib.js';
import type { Uniform } from '../session/jitter.js';
import type { SessionDraws } from '../session/logged-draws.js';
import {
  awaitsMainLoop,
  createSession,
  sessionNextDeadline as nextDeadline,
  type SessionState,
  stepSessionInto as sessionStepInto,
  sessionWakeSources,
} from '../session/session.js';
import type { SessionInput, SessionOutput } from '../session/types.js';
import { earliestWake, type WakeSources, wakesMainLoop, wakeUpLag } from '../session/wake-up-lag.js';
import {
  afiSafiKey,
  type Capability,
  endOfRib,
  type PathAttributes,
  type Prefix,
  type UpdateMessage,
} from '../wire/message.js';
import { DeadlineIndex } from './deadline-index.js';

export interface SpeakerPeerConfig {
  /** Peer name, unique within the speaker. */
  readonly id: string;
  readonly asn: number;
  /** The peer's address (last decision tie-break). */
  readonly address: string;
  /** Our address on this peering: the NEXT_HOP we send eBGP peers. */
  readonly localAddress: string;
  /** Our IPv6 address on this peering, the IPv6 unicast NEXT_HOP (default: `localAddress`). */
  readonly localAddress6?: string;
  readonly config: ResolvedPeerConfig;
}

/** A peer with no session machine here (e.g. a router's modelled upstream peer): a RIB peer only. */
export interface SpeakerRibPeerConfig {
  readonly id: string;
  readonly asn: number;
  readonly address: string;
  readonly routerId: string;
  readonly families: readonly Family[];
}

export interface SpeakerConfig {
  readonly name: string;
  readonly localAs: number;
  readonly routerId: string;
  readonly peers: readonly SpeakerPeerConfig[];
  /** ECMP width (`maximum-paths`). */
  readonly maximumPaths?: number;
  readonly multipathRelax?: boolean;
  /** Started as a restarting speaker with forwarding preserved (RFC 4724 §4.1). */
  readonly restarting?: boolean;
  /** Started without GR restart mode: R = 0 and F = 0 whatever the profile (GoBGP without -r). */
  readonly withoutGrRestartMode?: boolean;
  /** Selection_Deferral_Timer, seconds (default: the first peer's profile value). */
  readonly selectionDeferralTime?: number;
  /**
   * RIB-only peers the speaker brings up itself: at once, or as a restarting speaker each family
   * only when its route selection completes (RFC 4724 §4.1: "prior to route selection, the speaker
   * has no routes to advertise to its peers"). Their Adj-RIB-Out counts what they were sent.
   */
  readonly ribOnlyPeers?: readonly SpeakerRibPeerConfig[];
  /**
   * Whether the speaker outputs FIB changes ('fib', 'fib-sync'; default true). False when nothing
   * programs a FIB from them (the world's node speakers), so the RIB builds none.
   */
  readonly fibOutputs?: boolean;
}

export type SpeakerInput =
  | { readonly type: 'session'; readonly peer: string; readonly input: SessionInput }
  | {
      readonly type: 'originate';
      readonly family: Family;
      readonly prefix: Prefix;
      readonly attributes: PathAttributes;
    }
  | { readonly type: 'withdraw-originated'; readonly family: Family; readonly prefix: Prefix }
  | { readonly type: 'tick' };

export type SpeakerOutput =
  | { readonly type: 'peer'; readonly peer: string; readonly output: SessionOutput }
  | { readonly type: 'fib'; readonly family: Family; readonly change: FibChange }
  /** Replace the whole FIB of the family (end of selection deferral: stale forwarding removed, RFC 4724 §4.1). */
  | { readonly type: 'fib-sync'; readonly family: Family; readonly entries: readonly FibChange[] }
  | { readonly type: 'selection-deferred'; readonly family: Family; readonly until: Time; readonly clause: string }
  | {
      readonly type: 'selection-complete';
      readonly family: Family;
      readonly reason: SelectionCompleteReason;
      /** What ended it, in words (who sent End-of-RIB, who was still missing). */
      readonly text: string;
      readonly clause: string;
    };

export interface SpeakerState {
  readonly config: SpeakerConfig;
  readonly rib: Rib;
  readonly sessions: Map<string, SessionState>;
  /** Peer ids in a fixed order, for deterministic ticks. */
  readonly order: readonly string[];
  readonly deferral: DeferralState;
  /**
   * Peers up (session or RIB-only) whose initial update of these families waits for the end of their
   * selection deferral, wholly or (opened 'local-only') for its learned routes.
   */
  readonly pendingInitial: Map<string, Set<Family>>;
  /** Peers Established whose initial update waits for the update coalesce delay, and until when. */
  readonly advertiseAt: Map<string, Time>;
  /**
   * False when `advertiseAt` is known empty (set with its first entry, cleared once seen empty): the
   * deadline refresh after every session step then does not touch the map.
   */
  advertising: boolean;
  /** `runSession`'s last peer and its index in `order` (a member of a route server has one peer). */
  lastPeer: string | null;
  lastIndex: number;
  /** The session machine of `lastPeer`, read without going through `sessionAt`. */
  lastSession: SessionState | null;
  /**
   * The session outputs of the `runSession` calls under way, each call's above the one it runs
   * within (a stack): one list for every step rather than one per UPDATE. Its first entry is a
   * placeholder, never handled: a list cut back to empty gives up its storage and grows it again.
   */
  readonly sessionOut: SessionOutput[];
  /** Per session (index in `order`): the earlier of its next timer and its `advertiseAt`. */
  readonly deadlines: DeadlineIndex;
  readonly indexOf: Map<string, number>;
  /** The session machines in `order`: a step finds its session with the one `indexOf` lookup. */
  readonly sessionAt: readonly SessionState[];
  /** Some session's profile applies timer work at the next main-loop wake-up (BIRD ≤ 2.13). */
  readonly mainLoopLag: boolean;
  /**
   * Per session (index in `order`), 1 when it may have work waiting for the main loop: set when a step
   * leaves it waiting, cleared when a wake-up finds it no longer waits. Only a step of its own makes a
   * session wait (time passing only ends a wait), so a wake-up need not ask the others.
   */
  readonly mayAwaitMainLoop: Uint8Array;
  /**
   * BIRD ≤ 2.13: peers Established whose initial feed and End-of-RIB wait (in `advertiseAt`) for the
   * next main-loop wake-up, and when they began to wait (feedWakeLag).
   */
  readonly feedAwaitsWake: Map<string, Time>;
  readonly startedAt: Time;
  /** Per family, the last UPDATE built for each exported attribute set (update groups, see `announceUpdate`). */
  readonly builtUpdates: Map<Family, WeakMap<RibAttributes, UpdateMessage>>;
}

export interface CreateSpeakerOptions {
  readonly config: SpeakerConfig;
  readonly now: Time;
  /**
   * When the process started (default `now`): FRR's startup window (R and F bits, RFC 4724 §4.2)
   * counts from it, so a process up long before the run began has none open.
   */
  readonly startedAt?: Time;
  /** One uniform source per peer session (a named RNG stream each). */
  readonly uniform: (peer: string) => Uniform;
  /** Per peer session, a real run's logged draws to replay (calibration); default none. */
  readonly draws?: (peer: string) => SessionDraws | null;
  /** The attribute store to intern into, shared by the simulation's speakers (default: the RIB's own). */
  readonly attributes?: AttributeStore;
}

/** `SpeakerState.sessionOut`'s placeholder entry. */
const SESSION_OUT_BASE: SessionOutput = Object.freeze({ type: 'explain', clause: '', text: '' });

export function createSpeaker(o: CreateSpeakerOptions): SpeakerState {
  const c = o.config;
  const rib = new Rib({
    localAs: c.localAs,
    routerId: c.routerId,
    maximumPaths: c.maximumPaths,
    multipathRelax: c.multipathRelax,
    // FRR puts no LLGR-stale path in a multipath set (review item 6); one profile per speaker.
    llgrStaleMultipath: c.peers[0]?.config.behaviour.llgrStaleMultipath,
    attributes: o.attributes,
    fibChanges: c.fibOutputs ?? true,
  });
  const sessions = new Map<string, SessionState>();
  for (const p of c.peers) {
    const nextHopSelf: Partial<Record<Family, string>> = {};
    for (const a of p.config.afiSafis) {
      const f = familyOf(a.afi, a.safi);
      if (f) nextHopSelf[f] = f === 'ipv6-unicast' ? (p.localAddress6 ?? p.localAddress) : p.localAddress;
    }
    const maxPrefixes: Partial<Record<Family, number>> = {};
    if (p.config.maxPrefix !== null)
      for (const f of Object.keys(nextHopSelf) as Family[]) maxPrefixes[f] = p.config.maxPrefix;
    rib.addPeer({ id: p.id, asn: p.asn, address: p.address, nextHopSelf, maxPrefixes });
    const session: SessionState = createSession({
      peer: p.id,
      config: p.config,
      identity: {
        localAs: c.localAs,
        bgpId: c.routerId,
        peerAs: p.asn,
        restarting: c.restarting ?? false,
        withoutGrRestartMode: c.withoutGrRestartMode ?? false,
        startedAt: o.startedAt ?? o.now,
      },
      uniform: o.uniform(p.id),
      draws: o.draws?.(p.id) ?? null,
      // One process, one main loop: each session sees the others' timers and packets (BIRD ≤ 2.13
      // wake-up lag). Given at creation: the same closure stored into the made session kept every
      // run's speaker alive through V8's young-generation collections (most of their work).
      processWake: (after) => otherWakeSources(sp, session, after),
    });
    sessions.set(p.id, session);
  }
  const deferralTime = c.selectionDeferralTime ?? c.peers[0]?.config.gr.selectionDeferralTime ?? 0;
  // FRR defers IPv4 and IPv6 unicast (bgpd.h bgp_gr_supported_for_afi_safi); here the families some peer carries.
  const families = FAMILIES.filter((f) =>
    c.peers.some((p) => p.config.afiSafis.some((a) => familyOf(a.afi, a.safi) === f)),
  );
  const deferral = createDeferral({
    restarting: c.restarting ?? false,
    now: o.now,
    seconds: deferralTime,
    families,
    // FRR bgp_gr_check_all_eors waits only for peers with PEER_FLAG_GRACEFUL_RESTART (local mode restart).
    waitFor: c.peers.filter((p) => p.config.gr.mode === 'restart').map((p) => p.id),
  });
  const sp: SpeakerState = {
    config: c,
    rib,
    sessions,
    order: c.peers.map((p) => p.id),
    deferral,
    pendingInitial: new Map(),
    advertiseAt: new Map(),
    advertising: false,
    lastPeer: null,
    lastIndex: -1,
    lastSession: null,
    sessionOut: [SESSION_OUT_BASE],
    deadlines: new DeadlineIndex(c.peers.length, NEVER),
    indexOf: new Map(c.peers.map((p, i) => [p.id, i])),
    sessionAt: c.peers.map((p) => sessions.get(p.id)!),
    mainLoopLag: c.peers.some((p) => p.config.behaviour.timerActionWakeup !== null),
    mayAwaitMainLoop: new Uint8Array(c.peers.length).fill(1),
    feedAwaitsWake: new Map(),
    startedAt: o.startedAt ?? o.now,
    builtUpdates: new Map(),
  };
  for (const id of sp.order) refreshDeadline(sp, id);
  // RIB-only peers have no profile of their own: the speaker's (one profile per speaker).
  const holdsLocal = c.peers[0]?.config.behaviour.deferralHoldsLocalRoutes ?? true;
  for (const p of c.ribOnlyPeers ?? []) {
    rib.addPeer({ id: p.id, asn: p.asn, address: p.address, routerId: p.routerId });
    // Nothing is selected yet, so the initial update is empty; deferred families open (or are released) at completion.
    rib.peerUp(p.id, { routerId: p.routerId, families: [] });
    for (const o of openNow(sp, p.id, p.families, holdsLocal)) rib.peerFamilyUp(p.id, o.family, false, o.stage);
  }
  return sp;
}

/**
 * The families of `families` to open now and their export stage: those not deferred, 'all'; the
 * deferred ones, recorded as pending for `peer`, 'local-only' unless the profile holds local routes
 * too (then they open at completion).
 */
function openNow(
  sp: SpeakerState,
  peer: string,
  families: readonly Family[],
  holdsLocal: boolean,
): { family: Family; stage: ExportStage }[] {
  const held = families.filter((f) => deferralActiveFor(sp.deferral, f));
  if (held.length > 0) sp.pendingInitial.set(peer, new Set(held));
  else sp.pendingInitial.delete(peer);
  const open: { family: Family; stage: ExportStage }[] = [];
  for (const family of families) {
    if (!deferralActiveFor(sp.deferral, family)) open.push({ family, stage: 'all' });
    // FRR bgpd/bgp_route.c bgp_dest_set_defer_flag: only destinations with learned paths are deferred.
    else if (!holdsLocal) open.push({ family, stage: 'local-only' });
  }
  return open;
}

/** End-of-RIB of a deferred family waits for selection to complete (RFC 4724 §4.1; FRR ≤ 10.4 BGP_SEND_EOR). */
function eorWaitsForSelection(s: SessionState): boolean {
  const b = s.config.behaviour;
  return b.deferralHoldsLocalRoutes || b.deferralHoldsEndOfRib;
}

/** What wakes the process's main loop after `after`, except `self`: the other sessions and the speaker's timers. */
function otherWakeSources(sp: SpeakerState, self: SessionState, after: Time): WakeSources {
  let w: WakeSources = { nextTimer: NEVER, nextPacket: NEVER };
  for (const s of sp.sessions.values()) if (s !== self) w = earliestWake(w, sessionWakeSources(s, after));
  let t = sp.deferral.active && sp.deferral.deadline > after ? sp.deferral.deadline : NEVER;
  // A feed waiting for the wake-up is no timer of its own (feedWakeLag).
  for (const [peer, a] of sp.advertiseAt) if (a > after && !sp.feedAwaitsWake.has(peer)) t = minTime(t, a);
  return t < w.nextTimer ? { ...w, nextTimer: t } : w;
}

/**
 * BIRD ≤ 2.13 (v2.0.12 nest/proto.c channel_schedule_feed, sysdep/unix/io.c io_loop): a newly
 * Established session's export feed runs as an event, and the End-of-RIB that ends it
 * (proto/bgp/bgp.c bgp_feed_end → bgp_schedule_packet) is queued after the loop pass decided its
 * poll timeout (`poll_tout = (events ? 0 : 3000)`, before the work ran), so it goes out only at the
 * next wake-up: the 3 s idle poll, the process's next timer, or a packet (wake-up-lag.ts). Fixed in
 * 2.14 by 6a242b3ec ("~3 s latency"). Calibration bird-eor-sweep: `State changed to up` 38.354 →
 * the restarting speaker's `graceful restart done` 40.657. µs, 0 = at once.
 */
function feedWakeLag(sp: SpeakerState, s: SessionState, now: Time): number {
  const w = s.config.behaviour.timerActionWakeup;
  if (w === null) return 0;
  return wakeUpLag(w, now, earliestWake(sessionWakeSources(s, now), otherWakeSources(sp, s, now)));
}

/** The feeds that waited for the main loop from before `now` go out now (BIRD ≤ 2.13, feedWakeLag). */
function releaseFeeds(sp: SpeakerState, now: Time, out: SpeakerOutput[]): void {
  for (const [peer, from] of [...sp.feedAwaitsWake]) {
    // The packet that brought the session up woke this very pass: the feed waits for the next one.
    if (from >= now) continue;
    sp.feedAwaitsWake.delete(peer);
    sp.advertiseAt.delete(peer);
    refreshDeadline(sp, peer);
    const s = sp.sessions.get(peer);
    if (s?.fsm === 'Established') initialUpdate(sp, s, now, out);
  }
}

/** The process's main loop woke (a packet, a TCP event): route work waiting for the wake-up runs now (BIRD ≤ 2.13). */
function mainLoopWoke(sp: SpeakerState, now: Time, out: SpeakerOutput[]): void {
  if (sp.feedAwaitsWake.size > 0) releaseFeeds(sp, now, out);
  const may = sp.mayAwaitMainLoop;
  // In `order`, each checked at its turn (a step may make a later session wait), as a walk over all would.
  for (let i = 0; i < may.length; i++) {
    if (may[i] === 0) continue;
    if (awaitsMainLoop(sp.sessionAt[i], now)) runSession(sp, sp.order[i], { type: 'main-loop-woke' }, now, out);
    else may[i] = 0;
  }
}

export function speakerNextDeadline(sp: SpeakerState): Time {
  const d = sp.deferral.active ? sp.deferral.deadline : NEVER;
  return minTime(d, sp.deadlines.min(NEVER) as Time);
}

/** The session of `peer` was stepped or its initial-update time moved: its entry in the deadline index. */
function refreshDeadline(sp: SpeakerState, peer: string): void {
  const i = sp.indexOf.get(peer);
  if (i !== undefined) refreshDeadlineAt(sp, i);
}

/** `refreshDeadline` of the session at index `i` of `order`. */
function refreshDeadlineAt(sp: SpeakerState, i: number, s: SessionState = sp.sessionAt[i]): void {
  let at: Time | undefined;
  if (sp.advertising) {
    if (sp.advertiseAt.size === 0) sp.advertising = false;
    else at = sp.advertiseAt.get(sp.order[i]);
  }
  const d = nextDeadline(s);
  sp.deadlines.set(i, at !== undefined && at < d ? at : d);
}

export function speakerStep(sp: SpeakerState, input: SpeakerInput, now: Time): SpeakerOutput[] {
  const out: SpeakerOutput[] = [];
  speakerStepInto(sp, input, now, out);
  return out;
}

/**
 * `speakerStep` appending its outputs to `out` (what is already there is left alone): the world
 * steps a speaker once per UPDATE it receives and reuses one list for all of them.
 */
export function speakerStepInto(sp: SpeakerState, input: SpeakerInput, now: Time, out: SpeakerOutput[]): void {
  switch (input.type) {
    case 'session':
      runSession(sp, input.peer, input.input, now, out);
      // Only a daemon whose timer work waits for its main loop (BIRD ≤ 2.13) has anything to release.
      if (sp.mainLoopLag && wakesMainLoop(input.input)) mainLoopWoke(sp, now, out);
      break;
    case 'originate':
      applyResult(sp, sp.rib.originate(input.family, input.prefix, input.attributes), now, out);
      break;
    case 'withdraw-originated':
      applyResult(sp, sp.rib.withdrawOriginated(input.family, input.prefix), now, out);
      break;
    case 'tick':
      // In `order`, each session checked at its turn (a step may move another's timers), but only
      // the sessions the deadline index says are due are visited.
      for (let i = sp.deadlines.firstDueAfter(now, -1); i >= 0; i = sp.deadlines.firstDueAfter(now, i)) {
        const id = sp.order[i];
        if (nextDeadline(sp.sessions.get(id)!) <= now) runSession(sp, id, { type: 'tick' }, now, out);
      }
      for (let i = sp.deadlines.firstDueAfter(now, -1); i >= 0; i = sp.deadlines.firstDueAfter(now, i)) {
        const id = sp.order[i];
        const at = sp.advertiseAt.get(id);
        if (at === undefined || at > now) continue;
        sp.advertiseAt.delete(id);
        sp.feedAwaitsWake.delete(id);
        refreshDeadline(sp, id);
        const s = sp.sessions.get(id)!;
        if (s.fsm === 'Established') initialUpdate(sp, s, now, out);
      }
      break;
    default:
      assertNever(input, 'speaker input');
  }
  checkDeferral(sp, now, out);
}

function runSession(sp: SpeakerState, peer: string, input: SessionInput, now: Time, out: SpeakerOutput[]): void {
  let i: number | undefined;
  let s: SessionState;
  if (peer === sp.lastPeer) {
    i = sp.lastIndex;
    s = sp.lastSession!;
  } else {
    i = sp.indexOf.get(peer);
    if (i === undefined) return;
    s = sp.sessionAt[i];
    sp.lastPeer = peer;
    sp.lastIndex = i;
    sp.lastSession = s;
  }
  const outs = sp.sessionOut;
  const from = outs.length;
  sessionStepInto(s, input, now, outs);
  if (sp.mainLoopLag && sp.mayAwaitMainLoop[i] === 0 && awaitsMainLoop(s, now)) sp.mayAwaitMainLoop[i] = 1;
  // A nested call (an output that steps a session again) pushes above `outs.length` and cuts back to it.
  for (let k = from; k < outs.length; k++) handleSessionOutput(sp, s, outs[k], now, out);
  // Cut back by popping: setting `length` is a runtime call, a pop is a few instructions.
  while (outs.length > from) outs.pop();
  refreshDeadlineAt(sp, i, s);
}

function familyOfAf(a: { afi: number; safi: number }): Family | undefined {
  return familyOf(a.afi, a.safi);
}

function handleSessionOutput(sp: SpeakerState, s: SessionState, o: SessionOutput, now: Time, out: SpeakerOutput[]) {
  const peer = s.peer;
  out.push({ type: 'peer', peer, output: o });
  switch (o.type) {
    case 'send':
    case 'tcp-connect':
    case 'tcp-close':
    case 'state-change':
    case 'explain':
    case 'gr-phase':
      return;
    case 'established': {
      if (sp.deferral.active)
        deferralEstablished(sp, s, o.negotiation, negotiatedFamilies(s, o.peerOpen.capabilities), now, out);
      peerIdentified(sp, s, now, out);
      const delay = coalesceDelay(sp, s);
      const lag = delay > 0 ? 0 : feedWakeLag(sp, s, now);
      if (delay > 0) {
        sp.advertiseAt.set(peer, (now + delay) as Time);
        sp.advertising = true;
      } else if (lag > 0) {
        sp.advertiseAt.set(peer, (now + lag) as Time);
        sp.advertising = true;
        sp.feedAwaitsWake.set(peer, now);
      } else initialUpdate(sp, s, now, out);
      return;
    }
    case 'session-down':
      sp.rib.peerDown(peer);
      sp.pendingInitial.delete(peer);
      sp.advertiseAt.delete(peer);
      sp.feedAwaitsWake.delete(peer);
      deferralPeerDown(sp.deferral, peer);
      return;
    case 'update-received': {
      for (const r of sp.rib.applyUpdate(peer, o.update)) {
        applyResult(sp, r, now, out);
        if (r.maxPrefixExceeded) {
          runSession(sp, peer, { type: 'max-prefix-exceeded', data: r.maxPrefixExceeded.notification.data }, now, out);
        }
      }
      return;
    }
    case 'eor-received': {
      deferralEndOfRib(sp.deferral, peer, afiSafiKey(o.afiSafi.afi, o.afiSafi.safi));
      return;
    }
    case 'routes-stale': {
      const f = familyOfAf(o.afiSafi);
      if (f) applyResult(sp, sp.rib.markStale(peer, f), now, out);
      return;
    }
    case 'routes-sweep-stale': {
      const f = familyOfAf(o.afiSafi);
      if (f) applyResult(sp, sp.rib.sweepStale(peer, f), now, out);
      return;
    }
    case 'routes-delete': {
      const f = familyOfAf(o.afiSafi);
      if (f) applyResult(sp, sp.rib.deleteAll(peer, f), now, out);
      return;
    }
    case 'routes-llgr-stale': {
      const f = familyOfAf(o.afiSafi);
      if (f) applyResult(sp, sp.rib.toLlgrStale(peer, f), now, out);
      return;
    }
    default:
      assertNever(o, 'session output');
  }
}

/** Families both sides carry: ours, intersected with the peer's Multiprotocol capabilities (IPv4 unicast if none). */
function negotiatedFamilies(s: SessionState, peerCaps: readonly Capability[]): Family[] {
  const peerMp: { afi: number; safi: number }[] = [];
  for (const c of peerCaps) if (c.type === 'multiprotocol') peerMp.push(c);
  const fams: Family[] = [];
  for (const a of s.config.afiSafis) {
    const f = familyOf(a.afi, a.safi);
    if (!f) continue;
    const ok = peerMp.length === 0 ? f === 'ipv4-unicast' : peerMp.some((m) => m.afi === a.afi && m.safi === a.safi);
    if (ok) fams.push(f);
  }
  return fams;
}

/**
 * RFC 9494 §4.3: LLGR_STALE routes are advertised only to peers that sent the LLGR capability;
 * FRR ≤ 10.7 also sends them to any peer it advertised LLGR to (gr-reference §2.5, C27).
 */
function llgrStaleFamilies(s: SessionState, neg: GrNegotiation, families: readonly Family[]): Family[] {
  const receives =
    s.config.behaviour.llgrStaleExport === 'llgr-peers'
      ? neg.peerLlgr !== undefined
      : neg.peerLlgr !== undefined || (neg.grExchanged && neg.localLlgr);
  return receives ? [...families] : [];
}

/**
 * µs from Established to the initial update: FRR's update-group coalesce timer grows with the
 * number of peers (bgpd.c peer_create: MIN(10 s, 1 s + 50 ms × peers)); 0 for the others.
 */
function coalesceDelay(sp: SpeakerState, s: SessionState): number {
  const t = s.config.timers;
  // The sessions' peers; RIB-only peers (a router's upstreams here) stand for churn counters, not neighbors.
  const peers = sp.order.length;
  return Math.round(Math.min(10, t.updateCoalesceTime + t.updateCoalescePerPeer * peers) * 1e6);
}

function initialUpdate(sp: SpeakerState, s: SessionState, now: Time, out: SpeakerOutput[]): void {
  const neg = s.negotiation;
  const peerOpen = s.receivedOpen;
  if (!neg || !peerOpen) return;
  const negotiated = negotiatedFamilies(s, peerOpen.capabilities);
  // RFC 4724 §4.1: a family whose selection is deferred has no routes to advertise yet (FRR: no
  // learned routes; its own are selected at once).
  const open = openNow(sp, s.peer, negotiated, s.config.behaviour.deferralHoldsLocalRoutes);
  const llgr = new Set(llgrStaleFamilies(s, neg, negotiated));
  for (const o of open) {
    if (o.stage === 'local-only') {
      out.push({
        type: 'peer',
        peer: s.peer,
        output: {
          type: 'explain',
          clause: 'FRR bgpd/bgp_route.c bgp_dest_set_defer_flag',
          text: `selection of ${o.family} deferred: initial update carries only locally originated routes`,
        },
      });
    }
    applyResult(sp, sp.rib.peerFamilyUp(s.peer, o.family, llgr.has(o.family), o.stage), now, out);
  }
  for (const o of open) if (o.stage === 'all' || !eorWaitsForSelection(s)) sendEndOfRib(sp, s, o.family, now, out);
}

/**
 * The peer is Established: its BGP Identifier is known at once (it breaks ties among its routes,
 * RFC 4271 §9.1.2.2), whenever our initial update to it goes out.
 */
function peerIdentified(sp: SpeakerState, s: SessionState, now: Time, out: SpeakerOutput[]): void {
  if (!s.receivedOpen) return;
  for (const r of sp.rib.peerUp(s.peer, { routerId: s.receivedOpen.bgpId, families: [] })) applyResult(sp, r, now, out);
}

/** RFC 4724 §4: End-of-RIB after the initial update of each family, even when there is nothing to send. */
function sendEndOfRib(sp: SpeakerState, s: SessionState, family: Family, now: Time, out: SpeakerOutput[]): void {
  if (!s.config.sendEndOfRib) return;
  const a = afiSafiOf(family);
  runSession(sp, s.peer, { type: 'send', message: endOfRib(a.afi, a.safi) }, now, out);
}

/** A session reached Established while deferring: is its End-of-RIB awaited (RFC 4724 §4.1)? */
function deferralEstablished(
  sp: SpeakerState,
  s: SessionState,
  neg: GrNegotiation,
  families: readonly Family[],
  now: Time,
  out: SpeakerOutput[],
): void {
  const firstUp = sp.deferral.seen.size === 0;
  deferralPeerEstablished(sp.deferral, now, s.peer, neg, families);
  const why = !sp.deferral.waitFor.has(s.peer)
    ? {
        clause: 'FRR bgpd/bgp_fsm.c bgp_gr_check_all_eors',
        text: 'GR restart mode not configured towards this peer: not waiting for its End-of-RIB',
      }
    : neg.peerRestartState
      ? { clause: 'RFC 4724 §4.1', text: 'peer restarted too (R bit set): not waiting for its End-of-RIB' }
      : !neg.grExchanged
        ? { clause: 'RFC 4724 §4.1', text: 'peer without GR capability: not waiting for its End-of-RIB' }
        : null;
  if (why) out.push({ type: 'peer', peer: s.peer, output: { type: 'explain', ...why } });
  if (!firstUp) return;
  for (const family of sp.deferral.families.keys()) {
    if (!deferralActiveFor(sp.deferral, family)) continue;
    out.push({
      type: 'selection-deferred',
      family: family as Family,
      until: sp.deferral.deadline,
      clause: 'RFC 4724 §4.1',
    });
  }
}

function applyResult(sp: SpeakerState, r: RibResult, now: Time, out: SpeakerOutput[]): void {
  // Indexed loops throughout: a RIB without FIB changes, and a result that sends nothing, hand out
  // frozen empty lists, which for-of walks through a heap-allocated iterator (once per UPDATE received).
  const fib = r.fib;
  // RFC 4724 §4.1: forwarding state is kept until selection for the family completes (then fib-sync).
  if (fib.length > 0 && (!sp.deferral.active || !deferralActiveFor(sp.deferral, r.family)))
    for (let i = 0; i < fib.length; i++) out.push({ type: 'fib', family: r.family, change: fib[i] });
  const updates = r.updates;
  if (updates.length === 0) return;
  let built = sp.builtUpdates.get(r.family);
  if (!built) sp.builtUpdates.set(r.family, (built = new WeakMap()));
  const shared: SharedUpdates = { built, withdraw: undefined, lastAttrs: undefined, lastBuilt: undefined };
  for (let i = 0; i < updates.length; i++) {
    const u = updates[i];
    // Withdrawals first, then the announcements, each sent as soon as it is built (no list per peer).
    if (u.withdrawn.length > 0) {
      const m = withdrawUpdate(r.family, u.withdrawn, shared);
      runSession(sp, u.peer, { type: 'send', message: m }, now, out);
    }
    const announced = u.announced;
    for (let k = 0; k < announced.length; k++) {
      const a = announced[k];
      const m = announceUpdate(r.family, a.attributes, a.nlri, shared);
      runSession(sp, u.peer, { type: 'send', message: m }, now, out);
    }
  }
}

/**
 * Update groups (FRR bgpd/bgp_updgrp.c, bgp_updgrp_packet.c subgroup_update_packet): peers whose
 * outbound policy yields the same routes share one UPDATE, built once and sent to each of them as
 * the same message. Here (`announceUpdate`, `withdrawUpdate`): an announcement of the same interned attribute set with the same NLRI
 * reuses the message last built for it (within one RIB operation and across operations, e.g. the
 * initial updates of a route server's members); withdrawals of the same prefixes reuse the
 * operation's last withdrawal message. Messages are never altered once built, so sharing them
 * changes nothing on the wire.
 */
interface SharedUpdates {
  readonly built: WeakMap<RibAttributes, UpdateMessage>;
  withdraw: UpdateMessage | undefined;
  /** `built`'s entry last read or written: a route server announces one set to each member in turn. */
  lastAttrs: RibAttributes | undefined;
  lastBuilt: UpdateMessage | undefined;
}

function sameList(a: readonly Prefix[], b: readonly Prefix[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The withdrawal UPDATE of `withdrawn` (the operation's last one when it withdraws the same prefixes). */
function withdrawUpdate(family: Family, withdrawn: readonly Prefix[], shared: SharedUpdates): UpdateMessage {
  const w = shared.withdraw;
  const prev = w && (family === 'ipv4-unicast' ? w.withdrawn : (w.attributes.mpUnreach?.withdrawn ?? []));
  if (w && prev && sameList(prev, withdrawn)) return w;
  const m = withdrawMessage(family, withdrawn);
  shared.withdraw = m;
  return m;
}

/** The UPDATE announcing `nlri` with `attributes` (the one last built for them when its NLRI are the same). */
function announceUpdate(
  family: Family,
  attributes: RibAttributes,
  nlri: readonly Prefix[],
  shared: SharedUpdates,
): UpdateMessage {
  const hit = attributes === shared.lastAttrs ? shared.lastBuilt : shared.built.get(attributes);
  const prev = hit && (family === 'ipv4-unicast' ? hit.nlri : (hit.attributes.mpReach?.nlri ?? []));
  if (hit && prev && sameList(prev, nlri)) {
    shared.lastAttrs = attributes;
    shared.lastBuilt = hit;
    return hit;
  }
  const m = announceMessage(family, attributes, nlri);
  shared.built.set(attributes, m);
  shared.lastAttrs = attributes;
  shared.lastBuilt = m;
  return m;
}

function withdrawMessage(family: Family, withdrawn: readonly Prefix[]): UpdateMessage {
  if (family === 'ipv4-unicast') return { type: 'update', withdrawn: [...withdrawn], attributes: {}, nlri: [] };
  const { afi, safi } = afiSafiOf(family);
  return {
    type: 'update',
    withdrawn: [],
    attributes: { mpUnreach: { afi, safi, withdrawn: [...withdrawn] } },
    nlri: [],
  };
}

function announceMessage(family: Family, attributes: RibAttributes, nlri: readonly Prefix[]): UpdateMessage {
  // The RIB's interned (frozen) attribute set itself, not a copy: the encoder caches its octets.
  if (family === 'ipv4-unicast') return { type: 'update', withdrawn: [], attributes, nlri: [...nlri] };
  const { afi, safi } = afiSafiOf(family);
  const nextHop = attributes.mpReach?.nextHop ?? attributes.nextHop ?? '::';
  return {
    type: 'update',
    withdrawn: [],
    attributes: { ...attributes, nextHop: undefined, mpReach: { afi, safi, nextHop, nlri: [...nlri] } },
    nlri: [],
  };
}

function checkDeferral(sp: SpeakerState, now: Time, out: SpeakerOutput[]): void {
  // Nothing deferred (no family active): nothing can complete.
  if (!sp.deferral.active) return;
  for (const c of deferralCheck(sp.deferral, now)) {
    const family = c.family as Family;
    // RFC 4724 §4.1: selection done ⇒ update forwarding (stale forwarding removed), advertise, then End-of-RIB.
    out.push({
      type: 'selection-complete',
      family,
      reason: c.reason,
      text: completionText(c),
      clause: 'RFC 4724 §4.1',
    });
    if (sp.config.fibOutputs ?? true) {
      const entries: FibChange[] = sp.rib.locRibPrefixes(family).map((prefix) => {
        const best = sp.rib.bestPath(family, prefix);
        return { prefix, nextHops: sp.rib.nextHops(family, prefix), local: best?.local ?? false };
      });
      out.push({ type: 'fib-sync', family, entries });
    }
    const ribOnly = (sp.config.ribOnlyPeers ?? []).map((p) => p.id);
    for (const id of [...sp.order, ...ribOnly]) {
      const pending = sp.pendingInitial.get(id);
      if (!pending?.delete(family)) continue;
      if (pending.size === 0) sp.pendingInitial.delete(id);
      const s = sp.sessions.get(id);
      // Opened 'local-only' (FRR): the learned routes held back go out now (bgp_do_deferred_path_selection).
      const release = sp.rib.exportStage(id, family) === 'local-only';
      if (!s) {
        applyResult(sp, release ? sp.rib.releaseFamily(id, family) : sp.rib.peerFamilyUp(id, family, false), now, out);
        continue;
      }
      if (s.fsm !== 'Established' || !s.negotiation) continue;
      const llgr = llgrStaleFamilies(s, s.negotiation, [family]).length > 0;
      applyResult(sp, release ? sp.rib.releaseFamily(id, family) : sp.rib.peerFamilyUp(id, family, llgr), now, out);
      // FRR bgp_process_gr_deferral_complete → bgp_send_delayed_eor; unless it went out with the local-only update.
      if (!release || eorWaitsForSelection(s)) sendEndOfRib(sp, s, family, now, out);
    }
  }
}

function completionText(c: FamilyCompletion): string {
  switch (c.reason) {
    case 'end-of-rib':
      return `End-of-RIB received from every peer waited for (${c.eorFrom.join(', ')})`;
    case 'no-end-of-rib-awaited':
      return 'no End-of-RIB awaited: every configured peer restarted too, lacks GR or restart mode, did not negotiate the family or lost its session';
    case 'deferral-timer-expired':
      return c.stillWaiting.length > 0
        ? `Selection_Deferral_Timer expired; End-of-RIB still missing from ${c.stillWaiting.join(', ')}`
        : 'Selection_Deferral_Timer expired';
    default:
      return assertNever(c.reason, 'selection-complete reason');
  }
}
