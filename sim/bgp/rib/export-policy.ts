/**
 * What a best path becomes when it is advertised to one peer (RFC 4271 §9.1.3, §9.2, §5.1), and when
 * it must not be advertised at all. The Adj-RIB-Out holds the result; a change of result is an UPDATE
 * or a WITHDRAW, and those are the route churn the simulator counts.
 */

import { COMMUNITY_NO_ADVERTISE, COMMUNITY_NO_EXPORT, type PathAttributes } from '../wire/message.js';
import { type AttributeStore, asPathContains, hasCommunity, isLlgrStale, type RibAttributes } from './attributes.js';

/** The peer a path would be sent to. */
export interface ExportTarget {
  readonly index: number;
  readonly asn: number;
  readonly ibgp: boolean;
  /**
   * RFC 9494 §4.3: the peer sent us the LLGR capability for this family, so it may receive LLGR_STALE
   * routes. (A profile reproducing FRR ≤ 10.7 also sets it for GR-only peers, gr-reference C27.)
   */
  readonly receivesLlgrStale: boolean;
  /** Our address on this peering for the family: NEXT_HOP toward an eBGP peer (RFC 4271 §5.1.3). */
  readonly nextHopSelf: string | undefined;
}

/** Where the best path came from. */
export interface ExportSource {
  readonly index: number;
  readonly ibgp: boolean;
  readonly local: boolean;
}

/** Why a best path is not advertised to a peer; stable kebab-case for traces and `explain`. */
export type NotExportedReason =
  | 'no-route'
  | 'learned-from-peer'
  | 'ibgp-to-ibgp'
  | 'as-path-loop'
  | 'llgr-stale-to-non-llgr-peer'
  | 'no-advertise'
  | 'no-export'
  /** A learned best path held back while selection is deferred (the 'local-only' export stage). */
  | 'selection-deferred';

/**
 * Which best paths an Adj-RIB-Out may hold. 'local-only': a restarting speaker whose selection of the
 * family is deferred sends only locally originated routes (FRR bgpd/bgp_route.c
 * bgp_dest_set_defer_flag defers only destinations with learned paths); 'all' otherwise.
 */
export type ExportStage = 'local-only' | 'all';

export function notExportedReason(
  target: ExportTarget,
  source: ExportSource | undefined,
  attrs: RibAttributes | undefined,
): NotExportedReason | undefined {
  if (!source || !attrs) return 'no-route';
  // Never echo a path to the peer it came from.
  if (source.index === target.index) return 'learned-from-peer';
  // RFC 4271 §9.2: iBGP-learned routes are not re-advertised to other internal peers (no reflection here).
  if (!source.local && source.ibgp && target.ibgp) return 'ibgp-to-ibgp';
  // The receiver would drop a path with its own AS in it (RFC 4271 §9.1.2); sending it is only churn.
  if (!target.ibgp && asPathContains(attrs, target.asn)) return 'as-path-loop';
  // RFC 9494 §4.3: LLGR-stale routes SHOULD NOT go to a neighbour that did not send the LLGR capability.
  if (isLlgrStale(attrs) && !target.receivesLlgrStale) return 'llgr-stale-to-non-llgr-peer';
  // RFC 1997: well-known communities limiting propagation.
  if (hasCommunity(attrs, COMMUNITY_NO_ADVERTISE)) return 'no-advertise';
  if (!target.ibgp && hasCommunity(attrs, COMMUNITY_NO_EXPORT)) return 'no-export';
  return undefined;
}

/** The attributes sent to `target` for a path from `source` (RFC 4271 §5.1), before interning. */
export function exportedAttributes(
  target: ExportTarget,
  source: ExportSource,
  attrs: RibAttributes,
  localAs: number,
  defaultLocalPref: number,
): PathAttributes {
  const out: PathAttributes = { ...attrs };
  if (target.ibgp) {
    // RFC 4271 §5.1.5: LOCAL_PREF in every UPDATE to an internal peer; eBGP-learned values were ignored.
    out.localPref = source.local || source.ibgp ? (attrs.localPref ?? defaultLocalPref) : defaultLocalPref;
    if (source.local && target.nextHopSelf) setNextHop(out, target.nextHopSelf);
    return out;
  }
  // RFC 4271 §5.1.2: prepend our AS to the leading AS_SEQUENCE (or start one).
  const path = attrs.asPath ?? [];
  if (path.length > 0 && path[0].type === 'sequence') {
    out.asPath = [{ type: 'sequence', asns: [localAs, ...path[0].asns] }, ...path.slice(1)];
  } else {
    out.asPath = [{ type: 'sequence', asns: [localAs] }, ...path];
  }
  // RFC 4271 §5.1.3: the next hop toward an external peer is our address on that peering.
  if (target.nextHopSelf) setNextHop(out, target.nextHopSelf);
  // RFC 4271 §5.1.5: no LOCAL_PREF to external peers.
  delete out.localPref;
  // RFC 4271 §5.1.4: a MED received from a neighbouring AS is not propagated to other neighbouring ASes.
  if (!source.local) delete out.med;
  return out;
}

function setNextHop(a: PathAttributes, nextHop: string): void {
  if (a.mpReach) a.mpReach = { ...a.mpReach, nextHop, nlri: [] };
  else a.nextHop = nextHop;
}

/**
 * Export for one target, memoised per (source kind, target variant, attributes) in the RIB's store and
 * interned, so that a million routes with one attribute set cost one transformation and compare by
 * identity in the Adj-RIB-Out — and a route server's thousand targets that see one path alike (same
 * eBGP/iBGP kind, same NEXT_HOP) share one transformation too, instead of one each.
 */
export class Exporter {
  /** Per source kind (local, iBGP, eBGP): what `exportedAttributes` reads of the target, as a key. */
  private readonly variants: readonly [string, string, string];

  constructor(
    readonly target: ExportTarget,
    private readonly store: AttributeStore,
    private readonly localAs: number,
    private readonly defaultLocalPref: number,
    /** Only the RIB moves it, and only from 'local-only' to 'all' (Rib.releaseFamily). */
    public stage: ExportStage = 'all',
  ) {
    // The store may be shared by several RIBs: what this RIB adds (its AS, its LOCAL_PREF) is in the key too.
    const t = `${target.ibgp ? 'i' : 'e'}|${target.nextHopSelf ?? ''}|${localAs}|${defaultLocalPref}`;
    this.variants = [`l|${t}`, `i|${t}`, `e|${t}`];
  }

  /** Why the path is not advertised to this target, if it is not (policy, then the export stage). */
  reason(source: ExportSource | undefined, attrs: RibAttributes | undefined): NotExportedReason | undefined {
    const r = notExportedReason(this.target, source, attrs);
    if (r === undefined && this.stage === 'local-only' && !source!.local) return 'selection-deferred';
    return r;
  }

  /** The attributes to advertise, or undefined when the path must not be advertised (withdraw). */
  export(source: ExportSource | undefined, attrs: RibAttributes | undefined): RibAttributes | undefined {
    if (this.reason(source, attrs) !== undefined) return undefined;
    const variant = this.variants[source!.local ? 0 : source!.ibgp ? 1 : 2];
    let out = this.store.exported(attrs!, variant);
    if (!out) {
      out = this.store.intern(exportedAttributes(this.target, source!, attrs!, this.localAs, this.defaultLocalPref));
      this.store.setExported(attrs!, variant, out);
    }
    return out;
  }
}
