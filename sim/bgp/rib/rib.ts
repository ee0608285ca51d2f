/**
 * A BGP speaker's routing information bases (RFC 4271 §3.2, §9): per family, the Adj-RIBs-In of every
 * peer, the Loc-RIB with the decision process, and an Adj-RIB-Out per peer, plus the Graceful Restart
 * operations the GR and LLGR machines drive (RFC 4724 §4.2, RFC 9494 §4.2–§4.3).
 *
 * Theory of operation. Every operation touches routes of one peer and family, re-runs the decision
 * for exactly the prefixes it touched, and returns one `RibResult`: the prefixes whose best path or
 * multipath changed, the forwarding changes for the FIB, and per other peer the UPDATEs and WITHDRAWs
 * that the change sends (already applied to the Adj-RIB-Out and counted). The RIB owns no timer and
 * reads no clock: the GR machines decide when routes become stale, LLGR-stale or swept, and call
 * `markStale`, `toLlgrStale`, `sweepStale`, `sweepLlgrStale`, `deleteAll`. Each is a single pass over
 * that peer's routes of that family (marking stale is O(1), see adj-rib-in.ts).
 *
 * Implements RFC 4271 §9.1 (decision), §9.2 (dissemination), §5.1 (attributes on export), RFC 4724
 * §4.2 (helper route retention), RFC 9494 §4.3 (LLGR_STALE, NO_LLGR, depreference, export), RFC 4486
 * §4 (maximum prefixes), RFC 1997 (NO_EXPORT, NO_ADVERTISE).
 */
import { invariant } from '../../base/assert.js';
import { NO_LLGR, type PathAttributes, type Prefix, type UpdateMessage } from '../wire/message.js';
import { addressKey, ipv4ToNumber } from './address.js';
import { AdjRibIn, type RouteState } from './adj-rib-in.js';
import { AdjRibOut, type OutAction, type OutCounters } from './adj-rib-out.js';
import { AttributeStore, asPathContains, hasCommunity, pathNextHop, type RibAttributes } from './attributes.js';
import { type Candidate, DEFAULT_DECISION, type DecisionOptions, selectPaths } from './decision.js';
import { Exporter, type ExportSource, type ExportStage, type NotExportedReason } from './export-policy.js';
import { FAMILIES, type Family, familyOf } from './family.js';
import { LocRib, type PathRef } from './loc-rib.js';
import { type MaxPrefixExceeded, maxPrefixExceeded } from './max-prefix.js';
import { PrefixTable } from './prefix-table.js';

export interface RibConfig {
  readonly localAs: number;
  /** Our BGP Identifier, dotted quad. */
  readonly routerId: string;
  /** ECMP width; 1 (the default) disables multipath. */
  readonly maximumPaths?: number;
  readonly multipathRelax?: boolean;
  readonly alwaysCompareMed?: boolean;
  /** Default 100. */
  readonly defaultLocalPref?: number;
  /** LLGR-stale paths share traffic among themselves (default true; false as FRR, DecisionOptions). */
  readonly llgrStaleMultipath?: boolean;
  /**
   * The interned attribute sets, shareable by every RIB of one simulation (the world passes one), so a
   * route server's thousand clients hold one frozen copy of each path it reflects, not one each.
   * Identity within a RIB is what matters; sharing only removes duplicates. Default: a RIB's own.
   */
  readonly attributes?: AttributeStore;
  /**
   * Whether results carry FIB changes (default true). False for a RIB whose owner programs no FIB
   * from them (the world's node speakers): no next-hop lists built per best-path change.
   */
  readonly fibChanges?: boolean;
}

export interface RibPeerConfig {
  /** Any stable name; the session and the world use it to address the peer. */
  readonly id: string;
  readonly asn: number;
  /** The peer's address: the last tie-break (RFC 4271 §9.1.2.2 (g)). */
  readonly address: string;
  /** The peer's BGP Identifier if known before its OPEN; `peerUp` sets it from the OPEN. */
  readonly routerId?: string;
  /** RFC 4486 §4 limit per family; absent means no limit. */
  readonly maxPrefixes?: Partial<Record<Family, number>>;
  /** Our address on this peering per family: the NEXT_HOP we send to an eBGP peer (RFC 4271 §5.1.3). */
  readonly nextHopSelf?: Partial<Record<Family, string>>;
}

/** What an Established session negotiated, as far as the RIB cares. */
export interface PeerSession {
  /** BGP Identifier from the peer's OPEN. */
  readonly routerId: string;
  /** Families negotiated (Multiprotocol capability, RFC 4760 §8; IPv4 unicast by default). */
  readonly families: readonly Family[];
  /**
   * Families in which the peer may receive LLGR_STALE routes: those in its LLGR capability (RFC 9494
   * §4.3). Default none.
   */
  readonly llgrStaleFamilies?: readonly Family[];
}

/** A forwarding change: the next hops a prefix now uses (sorted by address; empty = remove the route). */
export interface FibChange {
  readonly prefix: Prefix;
  readonly nextHops: readonly string[];
  /** The best path is locally originated: deliver locally, not via a BGP next hop. */
  readonly local: boolean;
}

/** Prefixes sent with one attribute set: what the transport packs into UPDATE messages. */
export interface Announcement {
  readonly attributes: RibAttributes;
  readonly nlri: Prefix[];
}

/** What one peer is sent because of one RIB operation. */
export interface PeerUpdate {
  readonly peer: string;
  readonly family: Family;
  readonly withdrawn: Prefix[];
  readonly announced: Announcement[];
}

export interface RibResult {
  readonly family: Family;
  /** Prefixes whose best path or multipath set changed, in the order processed. */
  readonly changed: Prefix[];
  /** Prefixes whose forwarding (next-hop set) changed. */
  readonly fib: FibChange[];
  /** Per peer with something to send, in peer order. Already applied to the Adj-RIBs-Out and counted. */
  readonly updates: PeerUpdate[];
  /** Set when the operation took the peer past its maximum-prefix limit (RFC 4486 §4): tear down. */
  readonly maxPrefixExceeded?: MaxPrefixExceeded;
}

/** A route update for one family: withdrawals first, then announcements with one attribute set. */
export interface RouteUpdate {
  readonly withdrawn?: readonly Prefix[];
  readonly nlri?: readonly Prefix[];
  readonly attributes?: PathAttributes;
}

export interface PathView {
  /** Peer id, or '' for a locally originated path. */
  readonly peer: string;
  readonly local: boolean;
  readonly attributes: RibAttributes;
  readonly state: RouteState;
  readonly nextHop: string;
}

export interface RouteView {
  readonly prefix: Prefix;
  readonly attributes: RibAttributes;
  readonly state: RouteState;
}

const NONE = -1;
const LOCAL = 0;

interface PeerRecord {
  readonly index: number;
  readonly id: string;
  readonly asn: number;
  readonly ibgp: boolean;
  readonly local: boolean;
  readonly addressKey: string;
  routerId: number;
  readonly maxPrefixes: Partial<Record<Family, number>>;
  /** `maxPrefixes` per family as plain fields, read for every UPDATE received. */
  readonly limitV4: number | undefined;
  readonly limitV6: number | undefined;
  readonly nextHopSelf: Partial<Record<Family, string>>;
  established: boolean;
  families: ReadonlySet<Family>;
  readonly out: Map<Family, AdjRibOut>;
  readonly exporters: Map<Family, Exporter>;
  readonly source: ExportSource;
}

interface FamilyRib {
  readonly family: Family;
  readonly prefixes: PrefixTable;
  readonly adjIn: AdjRibIn;
  readonly loc: LocRib;
  /**
   * The export lanes of the family (established peers that carry it, in peer order), built once and
   * dropped whenever a peer comes, goes, or opens a family: a route server's every operation
   * exports to all its members, and building the list per operation cost O(members) each.
   */
  lanes: readonly ExportLane[] | undefined;
}

interface ExportLane {
  readonly peer: PeerRecord;
  readonly exporter: Exporter;
  readonly out: AdjRibOut;
}

/**
 * What one peer is sent by one operation, built as the peer update itself (no second object per
 * peer when the result is made): announcement groups in first-seen order, the first found inline
 * and further ones through a map built at the second.
 */
class PeerBatch implements PeerUpdate {
  /** Built at the first withdrawal (most operations only announce). */
  withdrawn: Prefix[] = NO_PREFIXES;
  announced: Announcement[] = NO_ANNOUNCEMENTS;
  /** Groups past the first, by attribute set. */
  more: Map<RibAttributes, Prefix[]> | undefined = undefined;

  constructor(
    /** The peer's index in the RIB. */
    readonly index: number,
    readonly peer: string,
    readonly family: Family,
  ) {}
}

/** The FIB changes of every result of a RIB without them (RibConfig.fibChanges false): one frozen empty list. */
const NO_FIB_CHANGES: FibChange[] = Object.freeze([]) as unknown as FibChange[];
/** The withdrawals of a peer update that withdraws nothing: one frozen empty list. */
const NO_PREFIXES: Prefix[] = Object.freeze([]) as unknown as Prefix[];
/** The announcements of a peer update that announces nothing (until its first). */
const NO_ANNOUNCEMENTS: Announcement[] = Object.freeze([]) as unknown as Announcement[];
/**
 * An operation that sends nothing (a route server member learning a route: nothing goes back to the
 * route server) builds no lists for it: its peers and its updates are these frozen empty ones.
 */
const NO_PEER_BATCHES: PeerBatch[] = Object.freeze([]) as unknown as PeerBatch[];
const NO_UPDATES: PeerUpdate[] = Object.freeze([]) as unknown as PeerUpdate[];

/** Collects one operation's consequences. */
class Batch {
  /** Built at the first change as a one-element literal (a grown empty list holds 16 slots). */
  changed: Prefix[] = NO_PREFIXES;
  readonly fib: FibChange[];
  maxPrefix: MaxPrefixExceeded | undefined;
  /** By peer index, built only when a peer is recorded out of turn (most operations record in lane order). */
  private perPeer: Map<number, PeerBatch> | undefined;
  /** Peers in the order first recorded, and whether that order is ascending (then no sort). */
  private order: PeerBatch[] = NO_PEER_BATCHES;
  private ascending = true;

  constructor(
    readonly family: Family,
    readonly lanes: readonly ExportLane[],
    fibChanges: boolean,
    private readonly peers: readonly PeerRecord[],
  ) {
    this.fib = fibChanges ? [] : NO_FIB_CHANGES;
  }

  record(peer: number, action: OutAction, prefix: Prefix, attrs: RibAttributes | undefined): void {
    if (action === 'none') return;
    const n = this.order.length;
    let p: PeerBatch | undefined = n > 0 ? this.order[n - 1] : undefined;
    if (p === undefined || p.index !== peer) {
      // While peers arrive in ascending order (one prefix exported along the lanes), a higher peer
      // than the last is new: no lookup, and no map of a route server's thousand members per operation.
      if (this.perPeer === undefined && (p === undefined || (this.ascending && p.index < peer))) p = undefined;
      else {
        if (this.perPeer === undefined) {
          this.perPeer = new Map();
          for (let i = 0; i < n; i++) this.perPeer.set(this.order[i].index, this.order[i]);
        }
        p = this.perPeer.get(peer);
      }
    }
    if (!p) {
      p = new PeerBatch(peer, this.peers[peer].id, this.family);
      if (n > 0 && this.order[n - 1].index > peer) this.ascending = false;
      if (this.order === NO_PEER_BATCHES) this.order = [];
      this.order.push(p);
      this.perPeer?.set(peer, p);
    }
    if (action === 'withdraw') {
      if (p.withdrawn === NO_PREFIXES) p.withdrawn = [prefix];
      else p.withdrawn.push(prefix);
      return;
    }
    if (p.announced === NO_ANNOUNCEMENTS) {
      p.announced = [{ attributes: attrs!, nlri: [prefix] }];
      return;
    }
    const first = p.announced[0];
    if (first.attributes === attrs) {
      first.nlri.push(prefix);
      return;
    }
    p.more ??= new Map();
    const g = p.more.get(attrs!);
    if (g) g.push(prefix);
    else {
      const nlri = [prefix];
      p.more.set(attrs!, nlri);
      p.announced.push({ attributes: attrs!, nlri });
    }
  }

  result(): RibResult {
    // The peer batches are the peer updates: in peer order, sorted only if recorded out of it.
    const updates: PeerUpdate[] =
      this.order.length === 0
        ? NO_UPDATES
        : this.ascending
          ? this.order
          : [...this.order].sort((a, b) => a.index - b.index);
    const r: { -readonly [K in keyof RibResult]: RibResult[K] } = {
      family: this.family,
      changed: this.changed,
      fib: this.fib,
      updates,
    };
    if (this.maxPrefix) r.maxPrefixExceeded = this.maxPrefix;
    return r;
  }
}

export class Rib {
  private readonly opts: DecisionOptions;
  private readonly store: AttributeStore;
  private readonly peers: PeerRecord[] = [];
  private readonly byId = new Map<string, PeerRecord>();
  private readonly fams: Record<Family, FamilyRib>;
  /** `fams` by field, for the per-UPDATE paths (`fam`): a keyed load by two names goes megamorphic. */
  private readonly v4: FamilyRib;
  private readonly v6: FamilyRib;
  /** Sort keys of next-hop addresses seen: few distinct values, each parsed once. */
  private readonly addressKeys = new Map<string, string>();
  /** RibConfig.fibChanges, read per best-path change. */
  private readonly fibChanges: boolean;
  /** RibConfig.localAs, read per UPDATE received (the AS_PATH loop check). */
  private readonly localAs: number;

  constructor(readonly config: RibConfig) {
    this.store = config.attributes ?? new AttributeStore();
    this.fibChanges = config.fibChanges ?? true;
    this.localAs = config.localAs;
    this.opts = {
      ...DEFAULT_DECISION,
      localAs: config.localAs,
      defaultLocalPref: config.defaultLocalPref ?? DEFAULT_DECISION.defaultLocalPref,
      alwaysCompareMed: config.alwaysCompareMed ?? false,
      maximumPaths: Math.max(1, config.maximumPaths ?? 1),
      multipathRelax: config.multipathRelax ?? false,
      llgrStaleMultipath: config.llgrStaleMultipath ?? DEFAULT_DECISION.llgrStaleMultipath,
    };
    const fam = (family: Family): FamilyRib => ({
      family,
      prefixes: new PrefixTable(this.store.prefixNumbers),
      adjIn: new AdjRibIn(),
      loc: new LocRib(),
      lanes: undefined,
    });
    this.v4 = fam('ipv4-unicast');
    this.v6 = fam('ipv6-unicast');
    this.fams = { 'ipv4-unicast': this.v4, 'ipv6-unicast': this.v6 };
    // Locally originated routes live in the Adj-RIB-In of a pseudo-peer, index 0.
    this.peers.push({
      index: LOCAL,
      id: '',
      asn: config.localAs,
      ibgp: false,
      local: true,
      addressKey: '',
      routerId: ipv4ToNumber(config.routerId),
      maxPrefixes: {},
      limitV4: undefined,
      limitV6: undefined,
      nextHopSelf: {},
      established: false,
      families: new Set(),
      out: new Map(),
      exporters: new Map(),
      source: { index: LOCAL, ibgp: false, local: true },
    });
  }

  // -------------------------------------------------------------------------------------------
  // Peers

  addPeer(cfg: RibPeerConfig): void {
    invariant(!this.byId.has(cfg.id) && cfg.id !== '', () => `duplicate or empty RIB peer id '${cfg.id}'`);
    const index = this.peers.length;
    const ibgp = cfg.asn === this.config.localAs;
    const rec: PeerRecord = {
      index,
      id: cfg.id,
      asn: cfg.asn,
      ibgp,
      local: false,
      addressKey: addressKey(cfg.address),
      routerId: cfg.routerId ? ipv4ToNumber(cfg.routerId) : 0,
      maxPrefixes: { ...cfg.maxPrefixes },
      limitV4: cfg.maxPrefixes?.['ipv4-unicast'],
      limitV6: cfg.maxPrefixes?.['ipv6-unicast'],
      nextHopSelf: { ...cfg.nextHopSelf },
      established: false,
      families: new Set(),
      out: new Map(),
      exporters: new Map(),
      source: { index, ibgp, local: false },
    };
    this.peers.push(rec);
    this.byId.set(cfg.id, rec);
    this.dropLanes();
  }

  /** The last peer looked up: a member of a route server has one peer, whose every UPDATE looks it up. */
  private lastPeer: PeerRecord | undefined;

  private peer(id: string): PeerRecord {
    const last = this.lastPeer;
    if (last !== undefined && last.id === id) return last;
    const p = this.byId.get(id);
    invariant(p, () => `unknown RIB peer '${id}'`);
    this.lastPeer = p;
    return p;
  }

  /**
   * The session reached Established: record what it negotiated and send the peer our whole Loc-RIB
   * of each negotiated family (the initial update; the session sends End-of-RIB after it, RFC 4724 §4).
   * One result per negotiated family.
   */
  peerUp(id: string, session: PeerSession): RibResult[] {
    const p = this.peer(id);
    const results: RibResult[] = [];
    const newRouterId = ipv4ToNumber(session.routerId);
    if (newRouterId !== p.routerId) {
      // The tie-break of this peer's retained routes changes with its identifier.
      p.routerId = newRouterId;
      for (const family of FAMILIES) {
        const fr = this.fams[family];
        if (fr.adjIn.count(p.index) === 0) continue;
        const batch = this.batch(family);
        fr.adjIn.forEachOfPeer(p.index, (r) => this.decide(fr, fr.adjIn.prefixId(r), batch));
        results.push(batch.result());
      }
    }
    p.established = true;
    p.families = new Set(session.families);
    this.dropLanes();
    const llgr = new Set(session.llgrStaleFamilies ?? []);
    for (const family of session.families) results.push(this.openFamily(p, family, llgr.has(family)));
    return results;
  }

  /**
   * One more family of an Established peer starts: its initial update. A restarting speaker opens
   * each family only when route selection for it completes (RFC 4724 §4.1), or, as FRR, at once with
   * `stage` 'local-only': only locally originated best paths are sent, and later changes reach the
   * peer only for them, until `releaseFamily`.
   */
  peerFamilyUp(id: string, family: Family, receivesLlgrStale: boolean, stage: ExportStage = 'all'): RibResult {
    const p = this.peer(id);
    invariant(p.established && !p.families.has(family), () => `family ${family} of '${id}' opened twice`);
    p.families = new Set([...p.families, family]);
    this.dropLanes();
    return this.openFamily(p, family, receivesLlgrStale, stage);
  }

  /**
   * Selection of the family completed: a peer opened 'local-only' is now sent what was held back (the
   * learned best paths), and nothing it already has (FRR bgp_do_deferred_path_selection: the deferred
   * destinations are selected and announced; the others were announced already).
   */
  releaseFamily(id: string, family: Family): RibResult {
    const p = this.peer(id);
    const exporter = p.exporters.get(family);
    invariant(
      p.established && p.families.has(family) && exporter?.stage === 'local-only',
      () => `family ${family} of '${id}' is not held at 'local-only'`,
    );
    exporter.stage = 'all';
    return this.exportLocRib({ peer: p, exporter, out: p.out.get(family)! }, family);
  }

  /** The export stage of an open family of the peer; undefined when it is not open. */
  exportStage(id: string, family: Family): ExportStage | undefined {
    const p = this.peer(id);
    return p.established && p.families.has(family) ? p.exporters.get(family)?.stage : undefined;
  }

  private openFamily(p: PeerRecord, family: Family, receivesLlgrStale: boolean, stage: ExportStage = 'all'): RibResult {
    let out = p.out.get(family);
    if (!out) {
      out = new AdjRibOut();
      p.out.set(family, out);
    }
    out.clear();
    const exporter = new Exporter(
      {
        index: p.index,
        asn: p.asn,
        ibgp: p.ibgp,
        receivesLlgrStale,
        nextHopSelf: p.nextHopSelf[family],
      },
      this.store,
      this.config.localAs,
      this.opts.defaultLocalPref,
      stage,
    );
    p.exporters.set(family, exporter);
    this.dropLanes();
    return this.exportLocRib({ peer: p, exporter, out }, family);
  }

  /** Brings one lane's Adj-RIB-Out to the whole Loc-RIB: only differences are sent and counted. */
  private exportLocRib(lane: ExportLane, family: Family): RibResult {
    const fr = this.fams[family];
    const batch = new Batch(family, [lane], this.fibChanges, this.peers);
    for (let pid = 0; pid < fr.loc.capacity; pid++) {
      const best = fr.loc.bestPeer(pid);
      if (best === NONE) continue;
      this.exportTo(lane, pid, fr.prefixes.prefix(pid), this.peers[best].source, fr.loc.bestAttrs(pid), batch);
    }
    return batch.result();
  }

  /** The session left Established: the peer no longer holds anything we sent. Its routes are left to the GR machine. */
  peerDown(id: string): void {
    const p = this.peer(id);
    p.established = false;
    this.dropLanes();
    for (const out of p.out.values()) out.clear();
  }

  // -------------------------------------------------------------------------------------------
  // Routes from peers

  /** Applies an UPDATE message: IPv4 NLRI and withdrawals plus MP_REACH/MP_UNREACH (RFC 4760). One result per family touched. */
  applyUpdate(id: string, msg: UpdateMessage): RibResult[] {
    const a = msg.attributes;
    // The usual UPDATE carries one family: IPv4 in the body, or one MP_REACH / MP_UNREACH family.
    if (!a.mpUnreach && !a.mpReach) {
      if (msg.withdrawn.length === 0 && msg.nlri.length === 0) return [];
      // The message is itself the route update (its withdrawn, nlri and attributes): no copy per UPDATE.
      return [this.update(id, 'ipv4-unicast', msg)];
    }
    const byFamily = new Map<Family, { withdrawn: Prefix[]; nlri: Prefix[] }>();
    const slot = (f: Family) => {
      let s = byFamily.get(f);
      if (!s) byFamily.set(f, (s = { withdrawn: [], nlri: [] }));
      return s;
    };
    if (msg.withdrawn.length > 0) slot('ipv4-unicast').withdrawn.push(...msg.withdrawn);
    if (msg.nlri.length > 0) slot('ipv4-unicast').nlri.push(...msg.nlri);
    const un = msg.attributes.mpUnreach;
    const unFamily = un && familyOf(un.afi, un.safi);
    if (un && unFamily) slot(unFamily).withdrawn.push(...un.withdrawn);
    const re = msg.attributes.mpReach;
    const reFamily = re && familyOf(re.afi, re.safi);
    if (re && reFamily) slot(reFamily).nlri.push(...re.nlri);
    const results: RibResult[] = [];
    for (const [family, u] of byFamily) {
      results.push(this.update(id, family, { withdrawn: u.withdrawn, nlri: u.nlri, attributes: msg.attributes }));
    }
    return results;
  }

  /**
   * Withdrawals, then announcements sharing `attributes` (RFC 4271 §9). A re-advertised stale route is
   * fresh again (RFC 4724 §4.2); if its attributes are unchanged nothing else happens.
   */
  update(id: string, family: Family, u: RouteUpdate): RibResult {
    const p = this.peer(id);
    return this.updateFrom(p, family, u);
  }

  /** Originates (or replaces) a local route, e.g. a MetalLB service address. */
  originate(family: Family, prefix: Prefix, attributes: PathAttributes): RibResult {
    return this.updateFrom(this.peers[LOCAL], family, { nlri: [prefix], attributes });
  }

  withdrawOriginated(family: Family, prefix: Prefix): RibResult {
    return this.updateFrom(this.peers[LOCAL], family, { withdrawn: [prefix] });
  }

  private updateFrom(p: PeerRecord, family: Family, u: RouteUpdate): RibResult {
    const fr = this.fam(family);
    const batch = this.batch(family, fr);
    const adj = fr.adjIn;
    // Indexed loops: a received UPDATE's lists are frozen (shared by an update group's receivers),
    // and for-of walks a frozen array through a heap-allocated iterator.
    const withdrawn = u.withdrawn;
    if (withdrawn) {
      for (let i = 0; i < withdrawn.length; i++) {
        const prefix = withdrawn[i];
        const pid = fr.prefixes.idOf(prefix);
        if (pid === NONE) continue;
        const r = adj.find(p.index, pid);
        if (r === NONE) continue;
        adj.remove(r);
        this.decide(fr, pid, batch);
      }
    }
    const nlri = u.nlri;
    if (nlri && nlri.length > 0) {
      invariant(u.attributes, 'announcements need attributes');
      const attrs = this.store.intern(familyAttributes(family, u.attributes));
      // RFC 4271 §9.1.2: a path with our own AS in it is a loop; it is treated as a withdrawal.
      const loop = !p.local && asPathContains(attrs, this.localAs);
      const limit = family === 'ipv4-unicast' ? p.limitV4 : p.limitV6;
      for (let i = 0; i < nlri.length; i++) {
        const prefix = nlri[i];
        const pid = fr.prefixes.intern(prefix);
        const r = adj.find(p.index, pid);
        if (loop) {
          if (r !== NONE) {
            adj.remove(r);
            this.decide(fr, pid, batch);
          }
          continue;
        }
        if (r !== NONE) {
          const same = adj.attrs(r) === attrs && !adj.isLlgrStale(r);
          adj.refresh(r, attrs);
          if (!same) this.decide(fr, pid, batch);
          continue;
        }
        // RFC 4486 §4: refuse the prefix that would exceed the limit and report it; the session ceases.
        if (limit !== undefined && adj.count(p.index) >= limit) {
          batch.maxPrefix ??= maxPrefixExceeded(family, limit);
          continue;
        }
        adj.insert(p.index, pid, attrs);
        this.decide(fr, pid, batch);
      }
    }
    return batch.result();
  }

  // -------------------------------------------------------------------------------------------
  // Graceful Restart operations (RFC 4724 §4.2, RFC 9494 §4.2–§4.3)

  /**
   * RFC 4724 §4.2: the session went down and GR applies to this family: keep the peer's routes, mark them
   * stale, keep forwarding on them and keep advertising them — so no best path changes, and this is O(1).
   * With `deletePreviouslyStale`, routes still stale from an earlier restart are deleted first ("to deal
   * with possible consecutive restarts, a route previously marked as stale MUST be deleted"); leave it
   * off during LLGR (RFC 9494 §4.2: not deleted before the Long-Lived Stale Time expires) or for the
   * implementations that keep them (gr-reference C14).
   */
  markStale(id: string, family: Family, options: { deletePreviouslyStale?: boolean } = {}): RibResult {
    const p = this.peer(id);
    const fr = this.fams[family];
    const batch = this.batch(family);
    if (options.deletePreviouslyStale && fr.adjIn.staleCount(p.index) > 0) {
      this.removeWhere(fr, p.index, batch, (r) => fr.adjIn.isStale(r));
    }
    fr.adjIn.markAllStale(p.index);
    return batch.result();
  }

  /**
   * RFC 4724 §4.2: End-of-RIB received, or the restart (or stale-path) timer expired: delete the routes
   * still stale, LLGR-stale ones included.
   */
  sweepStale(id: string, family: Family): RibResult {
    const p = this.peer(id);
    const fr = this.fams[family];
    const batch = this.batch(family);
    // Nothing stale (the usual End-of-RIB after a clean start): no walk at all.
    if (fr.adjIn.staleCount(p.index) > 0) this.removeWhere(fr, p.index, batch, (r) => fr.adjIn.isStale(r));
    return batch.result();
  }

  /**
   * Normal BGP (RFC 4271 §8, no GR), Hard Reset (RFC 8538), or F = 0 / family missing at re-establishment
   * (RFC 4724 §4.2: "MUST immediately remove all the stale routes"): delete every route of the peer in
   * the family.
   */
  deleteAll(id: string, family: Family): RibResult {
    const p = this.peer(id);
    const fr = this.fams[family];
    const batch = this.batch(family);
    this.removeWhere(fr, p.index, batch, () => true);
    return batch.result();
  }

  /**
   * RFC 9494 §4.2–§4.3: the restart-time period ended with a non-zero Long-Lived Stale Time: each stale
   * route gets LLGR_STALE attached and becomes least preferred; a route carrying NO_LLGR "MUST NOT be
   * retained and MUST be removed". Fresh routes (re-advertised since the session came back) are untouched.
   */
  toLlgrStale(id: string, family: Family): RibResult {
    const p = this.peer(id);
    const fr = this.fams[family];
    const adj = fr.adjIn;
    const batch = this.batch(family);
    if (adj.staleCount(p.index) === 0) return batch.result();
    let lastIn: RibAttributes | undefined;
    let lastOut: RibAttributes | undefined;
    adj.forEachOfPeer(p.index, (r) => {
      if (!adj.isStale(r) || adj.isLlgrStale(r)) return;
      const pid = adj.prefixId(r);
      const attrs = adj.attrs(r);
      if (hasCommunity(attrs, NO_LLGR)) {
        adj.remove(r);
      } else {
        if (attrs !== lastIn) {
          lastIn = attrs;
          lastOut = this.store.withLlgrStale(attrs);
        }
        adj.setLlgrStale(r, lastOut!);
      }
      this.decide(fr, pid, batch);
    });
    return batch.result();
  }

  /** RFC 9494 §4.2: the Long-Lived Stale Time expired: delete the LLGR-stale routes. */
  sweepLlgrStale(id: string, family: Family): RibResult {
    const p = this.peer(id);
    const fr = this.fams[family];
    const batch = this.batch(family);
    // LLGR-stale routes are a subset of the stale ones.
    if (fr.adjIn.staleCount(p.index) > 0) this.removeWhere(fr, p.index, batch, (r) => fr.adjIn.isLlgrStale(r));
    return batch.result();
  }

  private removeWhere(fr: FamilyRib, peer: number, batch: Batch, pred: (route: number) => boolean): void {
    const adj = fr.adjIn;
    adj.forEachOfPeer(peer, (r) => {
      if (!pred(r)) return;
      const pid = adj.prefixId(r);
      adj.remove(r);
      this.decide(fr, pid, batch);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Decision and dissemination

  private dropLanes(): void {
    this.fams['ipv4-unicast'].lanes = undefined;
    this.fams['ipv6-unicast'].lanes = undefined;
  }

  private fam(family: Family): FamilyRib {
    return family === 'ipv4-unicast' ? this.v4 : this.v6;
  }

  private batch(family: Family, fr: FamilyRib = this.fam(family)): Batch {
    let lanes = fr.lanes;
    if (!lanes) {
      const built: ExportLane[] = [];
      for (const p of this.peers) {
        if (!p.established || !p.families.has(family)) continue;
        built.push({ peer: p, exporter: p.exporters.get(family)!, out: p.out.get(family)! });
      }
      fr.lanes = lanes = built;
    }
    return new Batch(family, lanes, this.fibChanges, this.peers);
  }

  /** Re-runs the decision for one prefix and propagates any change to the batch. */
  private decide(fr: FamilyRib, pid: number, batch: Batch): void {
    const adj = fr.adjIn;
    const loc = fr.loc;
    let newPeer = NONE;
    let newAttrs: RibAttributes | undefined;
    let newMp: PathRef[] | undefined;
    const first = adj.first(pid);
    if (first !== NONE) {
      if (adj.next(first) === NONE) {
        newPeer = adj.peer(first);
        newAttrs = adj.attrs(first);
      } else {
        const routes: number[] = [];
        const cands: Candidate[] = [];
        for (let r = first; r !== NONE; r = adj.next(r)) {
          const p = this.peers[adj.peer(r)];
          routes.push(r);
          cands.push({
            attrs: adj.attrs(r),
            local: p.local,
            ibgp: p.ibgp,
            routerId: p.routerId,
            addressKey: p.addressKey,
          });
        }
        const sel = selectPaths(cands, this.opts);
        newPeer = adj.peer(routes[sel.best]);
        newAttrs = cands[sel.best].attrs;
        if (sel.multipath.length > 1) {
          newMp = sel.multipath.map((i) => ({ peer: adj.peer(routes[i]), attrs: cands[i].attrs }));
        }
      }
    }
    const oldPeer = loc.bestPeer(pid);
    const oldAttrs = loc.bestAttrs(pid);
    const oldMp = loc.extraPaths(pid);
    const bestChanged = oldPeer !== newPeer || oldAttrs !== newAttrs;
    if (!bestChanged && samePaths(oldMp, newMp)) return;
    loc.set(pid, newPeer, newAttrs, newMp);
    const prefix = fr.prefixes.prefix(pid);
    if (batch.changed === NO_PREFIXES) batch.changed = [prefix];
    else batch.changed.push(prefix);
    if (this.fibChanges && !sameForwarding(oldPeer, oldAttrs, oldMp, newPeer, newAttrs, newMp)) {
      batch.fib.push({ prefix, nextHops: this.nextHopsOf(newPeer, newAttrs, newMp), local: newPeer === LOCAL });
    }
    if (!bestChanged) return;
    const source = newPeer === NONE ? undefined : this.peers[newPeer].source;
    for (const lane of batch.lanes) this.exportTo(lane, pid, prefix, source, newAttrs, batch);
  }

  private exportTo(
    lane: ExportLane,
    pid: number,
    prefix: Prefix,
    source: ExportSource | undefined,
    attrs: RibAttributes | undefined,
    batch: Batch,
  ): void {
    // Never echoed to the peer it came from (export-policy.ts 'learned-from-peer'), asked here without
    // the exporter: a route server member's every route is from its one peer, the route server.
    const desired =
      source !== undefined && attrs !== undefined && source.index === lane.peer.index
        ? undefined
        : lane.exporter.export(source, attrs);
    batch.record(lane.peer.index, lane.out.apply(pid, desired), prefix, desired);
  }

  // -------------------------------------------------------------------------------------------
  // Queries (views for the world, the trace and the UI)

  private view(fr: FamilyRib, peer: number, pid: number, attrs: RibAttributes): PathView {
    const r = fr.adjIn.find(peer, pid);
    return {
      peer: this.peers[peer].id,
      local: peer === LOCAL,
      attributes: attrs,
      state: r === NONE ? 'fresh' : fr.adjIn.state(r),
      nextHop: pathNextHop(attrs),
    };
  }

  bestPath(family: Family, prefix: Prefix): PathView | undefined {
    const fr = this.fams[family];
    const pid = fr.prefixes.idOf(prefix);
    if (pid === NONE) return undefined;
    const peer = fr.loc.bestPeer(pid);
    return peer === NONE ? undefined : this.view(fr, peer, pid, fr.loc.bestAttrs(pid)!);
  }

  /** The paths sharing traffic for `prefix`, best first ([best] without multipath, [] when unreachable). */
  multipath(family: Family, prefix: Prefix): PathView[] {
    const fr = this.fams[family];
    const pid = fr.prefixes.idOf(prefix);
    if (pid === NONE) return [];
    return fr.loc.multipath(pid).map((m) => this.view(fr, m.peer, pid, m.attrs));
  }

  /** Next hops the FIB should use for `prefix`, sorted by address. */
  nextHops(family: Family, prefix: Prefix): string[] {
    const fr = this.fams[family];
    const pid = fr.prefixes.idOf(prefix);
    if (pid === NONE) return [];
    return this.nextHopsOf(fr.loc.bestPeer(pid), fr.loc.bestAttrs(pid), fr.loc.extraPaths(pid));
  }

  /** Prefixes with a best path, in first-seen order. */
  locRibPrefixes(family: Family): Prefix[] {
    const fr = this.fams[family];
    const out: Prefix[] = [];
    for (let pid = 0; pid < fr.loc.capacity; pid++)
      if (fr.loc.bestPeer(pid) !== NONE) out.push(fr.prefixes.prefix(pid));
    return out;
  }

  /**
   * The whole FIB of a family as forwarding entries, in first-seen prefix order: what a FIB is loaded
   * with after selection deferral ends (RFC 4724 §4.1) or when the dataplane starts.
   */
  fibSnapshot(family: Family): FibChange[] {
    const fr = this.fams[family];
    const out: FibChange[] = [];
    for (let pid = 0; pid < fr.loc.capacity; pid++) {
      const peer = fr.loc.bestPeer(pid);
      if (peer === NONE) continue;
      out.push({
        prefix: fr.prefixes.prefix(pid),
        nextHops: this.nextHopsOf(peer, fr.loc.bestAttrs(pid), fr.loc.extraPaths(pid)),
        local: peer === LOCAL,
      });
    }
    return out;
  }

  /**
   * Whether the current best path for `prefix` is advertised to the peer, and if not why (stable
   * kebab-case reasons, for traces and `explain`). 'not-established' when the session is down or the
   * family was not negotiated.
   */
  exportStatus(id: string, family: Family, prefix: Prefix): 'advertised' | 'not-established' | NotExportedReason {
    const p = this.peer(id);
    const exporter = p.exporters.get(family);
    if (!p.established || !p.families.has(family) || !exporter) return 'not-established';
    const fr = this.fams[family];
    const pid = fr.prefixes.idOf(prefix);
    const best = pid === NONE ? NONE : fr.loc.bestPeer(pid);
    const source = best === NONE ? undefined : this.peers[best].source;
    return exporter.reason(source, best === NONE ? undefined : fr.loc.bestAttrs(pid)) ?? 'advertised';
  }

  routeState(id: string, family: Family, prefix: Prefix): RouteState | undefined {
    const fr = this.fams[family];
    const pid = fr.prefixes.idOf(prefix);
    if (pid === NONE) return undefined;
    const r = fr.adjIn.find(this.peer(id).index, pid);
    return r === NONE ? undefined : fr.adjIn.state(r);
  }

  /** The peer's Adj-RIB-In for the family, in first-seen prefix order. */
  adjRibIn(id: string, family: Family): RouteView[] {
    const fr = this.fams[family];
    const adj = fr.adjIn;
    const rows: { pid: number; view: RouteView }[] = [];
    adj.forEachOfPeer(this.peer(id).index, (r) => {
      const pid = adj.prefixId(r);
      rows.push({ pid, view: { prefix: fr.prefixes.prefix(pid), attributes: adj.attrs(r), state: adj.state(r) } });
    });
    return rows.sort((a, b) => a.pid - b.pid).map((x) => x.view);
  }

  /** What we currently advertise to the peer, in first-seen prefix order. */
  adjRibOut(id: string, family: Family): { prefix: Prefix; attributes: RibAttributes }[] {
    const fr = this.fams[family];
    const out = this.peer(id).out.get(family);
    if (!out) return [];
    return out.entries().map(([pid, attributes]) => ({ prefix: fr.prefixes.prefix(pid), attributes }));
  }

  /** Churn sent to the peer since it was added, for one family or all. */
  counters(id: string, family?: Family): OutCounters {
    const p = this.peer(id);
    const sum: OutCounters = { updatesSent: 0, withdrawalsSent: 0, prefixesAdvertised: 0 };
    for (const [f, out] of p.out) {
      if (family !== undefined && f !== family) continue;
      sum.updatesSent += out.updatesSent;
      sum.withdrawalsSent += out.withdrawalsSent;
      sum.prefixesAdvertised += out.prefixesAdvertised;
    }
    return sum;
  }

  /** Routes the peer has in the family, stale ones included (what the maximum-prefix limit counts). */
  acceptedPrefixes(id: string, family: Family): number {
    return this.fams[family].adjIn.count(this.peer(id).index);
  }

  staleCount(id: string, family: Family): number {
    return this.fams[family].adjIn.staleCount(this.peer(id).index);
  }

  /**
   * The next hops of a selection, deduplicated and in numeric address order (as a FIB orders a
   * multipath group), so the order does not depend on which path happens to be best.
   */
  private nextHopsOf(peer: number, attrs: RibAttributes | undefined, mp: readonly PathRef[] | undefined): string[] {
    if (peer === NONE || peer === LOCAL) return [];
    if (!mp) return [pathNextHop(attrs!)];
    const hops = [...new Set(mp.map((m) => pathNextHop(m.attrs)))];
    return hops.sort((a, b) => {
      const ka = this.sortKey(a);
      const kb = this.sortKey(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  }

  private sortKey(addr: string): string {
    let k = this.addressKeys.get(addr);
    if (k === undefined) {
      // A next hop that is not an address text sorts after every address, by its text.
      k = /^[0-9a-fA-F:.]+$/.test(addr) && addr !== '' ? addressKey(addr) : `~${addr}`;
      this.addressKeys.set(addr, k);
    }
    return k;
  }

  /** Number of distinct interned attribute sets in the store (shared: of every RIB sharing it). */
  get attributeSets(): number {
    return this.store.size;
  }
}

/**
 * The attributes as stored for one family (RFC 4760 §3): an IPv4 route never carries MP_REACH_NLRI, and
 * an MP route's next hop is the one in MP_REACH_NLRI, so a NEXT_HOP sent alongside for IPv4 NLRI is not its.
 */
function familyAttributes(family: Family, a: PathAttributes): PathAttributes {
  if (family === 'ipv4-unicast')
    return a.mpReach || a.mpUnreach ? { ...a, mpReach: undefined, mpUnreach: undefined } : a;
  if (a.mpUnreach || (a.mpReach && a.nextHop !== undefined)) {
    return { ...a, mpUnreach: undefined, nextHop: a.mpReach ? undefined : a.nextHop };
  }
  return a;
}

function samePaths(a: readonly PathRef[] | undefined, b: readonly PathRef[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].peer !== b[i].peer || a[i].attrs !== b[i].attrs) return false;
  return true;
}

/** Whether two selections forward to the same set of next hops (order is not forwarding). */
function sameForwarding(
  oldPeer: number,
  oldAttrs: RibAttributes | undefined,
  oldMp: readonly PathRef[] | undefined,
  newPeer: number,
  newAttrs: RibAttributes | undefined,
  newMp: readonly PathRef[] | undefined,
): boolean {
  if ((oldPeer === LOCAL) !== (newPeer === LOCAL)) return false;
  if ((oldPeer === NONE) !== (newPeer === NONE)) return false;
  if (oldPeer === NONE || oldPeer === LOCAL) return true;
  if (!oldMp && !newMp) return pathNextHop(oldAttrs!) === pathNextHop(newAttrs!);
  const a = new Set(oldMp ? oldMp.map((m) => pathNextHop(m.attrs)) : [pathNextHop(oldAttrs!)]);
  const b = new Set(newMp ? newMp.map((m) => pathNextHop(m.attrs)) : [pathNextHop(newAttrs!)]);
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
