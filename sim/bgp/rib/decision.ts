/**
 * The BGP decision process (RFC 4271 §9.1.2): of the paths for one prefix, which is best, and which
 * are equal enough to share the traffic (ECMP multipath).
 *
 * It is written as the RFC writes it — successive eliminations over the whole candidate set — rather
 * than as a pairwise comparator, because the MED step (§9.1.2.2 (c)) compares MED only between paths
 * from the same neighbouring AS and so is not a total order: a pairwise "is a better than b" sort would
 * make the result depend on arrival order. Eliminations make it depend only on the set.
 *
 * Order:
 *  0. RFC 9494 §4.3: paths carrying LLGR_STALE are least preferred — dropped if any other path exists.
 *  1. Locally originated paths before learned ones (FRR's default weight 32768; not an RFC step).
 *  2. Highest LOCAL_PREF (RFC 4271 §9.1.1; eBGP-learned paths get the configured default, §5.1.5).
 *  3. Shortest AS_PATH, an AS_SET counting 1 (§9.1.2.2 (a)).
 *  4. Lowest ORIGIN (§9.1.2.2 (b)).
 *  5. Lowest MED among paths from the same neighbouring AS, a missing MED being 0 (§9.1.2.2 (c));
 *     `alwaysCompareMed` compares across neighbouring ASes.
 *  6. eBGP-learned over iBGP-learned (§9.1.2.2 (d)).
 *     (§9.1.2.2 (e), interior cost to the next hop, is skipped: every next hop is one hop away here.)
 *  7. Lowest BGP Identifier of the advertising peer (§9.1.2.2 (f)).
 *  8. Lowest peer address (§9.1.2.2 (g)).
 *
 * Multipath: the survivors of steps 0–6 are equal to the best through AS_PATH length, ORIGIN, MED and
 * eBGP/iBGP; of those, the ones from the best path's neighbouring AS (any AS with `multipathRelax`),
 * best first then in tie-break order, up to `maximumPaths`. GR-stale paths keep their rank and stay in
 * the set (RFC 4724 §4.2: no difference in forwarding); LLGR-stale ones only meet when nothing better
 * exists, and then share among themselves by the same rules ("normal tiebreaking applies", RFC 9494 §4.3),
 * unless `llgrStaleMultipath` is off (FRR): then the best LLGR-stale path alone carries the traffic.
 */
import { asPathLength, isLlgrStale, neighborAs, type RibAttributes } from './attributes.js';

export interface Candidate {
  readonly attrs: RibAttributes;
  /** Originated by this router rather than learned from a peer. */
  readonly local: boolean;
  /** Learned over an iBGP session (peer AS = local AS). */
  readonly ibgp: boolean;
  /** BGP Identifier of the advertising peer as an unsigned number. */
  readonly routerId: number;
  /** `addressKey` of the peer's address. */
  readonly addressKey: string;
}

export interface DecisionOptions {
  readonly localAs: number;
  /** LOCAL_PREF assumed for eBGP-learned paths and paths without one (RFC 4271 §5.1.5; 100 in FRR, BIRD, GoBGP). */
  readonly defaultLocalPref: number;
  /** Compare MED between paths from different neighbouring ASes too (FRR `bgp always-compare-med`). */
  readonly alwaysCompareMed: boolean;
  /** At most this many paths share traffic; 1 disables multipath. */
  readonly maximumPaths: number;
  /** Paths with equal AS_PATH length from different neighbouring ASes may share (FRR `as-path multipath-relax`). */
  readonly multipathRelax: boolean;
  /**
   * LLGR-stale paths may share traffic among themselves (RFC 9494 §4.3 leaves it open). FRR: no —
   * bgpd/bgp_route.c bgp_path_info_cmp returns on LLGR_STALE before any step sets paths_eq, and
   * bgp_best_selection adds a path to the multipath list only if paths_eq. FRR's choice among them
   * then follows the path list order; here the normal tie-break picks it.
   */
  readonly llgrStaleMultipath: boolean;
}

export const DEFAULT_DECISION: DecisionOptions = {
  localAs: 0,
  defaultLocalPref: 100,
  alwaysCompareMed: false,
  maximumPaths: 1,
  multipathRelax: false,
  llgrStaleMultipath: true,
};

export interface Selection {
  /** Index into the candidates of the best path, -1 when there is none. */
  readonly best: number;
  /** Indices of the paths that share traffic, best first; just [best] without multipath. */
  readonly multipath: readonly number[];
}

const NO_SELECTION: Selection = { best: -1, multipath: [] };

export function localPref(c: Candidate, o: DecisionOptions): number {
  // RFC 4271 §5.1.5: LOCAL_PREF received from an external peer MUST be ignored.
  if (!c.local && !c.ibgp) return o.defaultLocalPref;
  return c.attrs.localPref ?? o.defaultLocalPref;
}

/** RFC 4271 §9.1.2.2 (c): "a route that does not have the MULTI_EXIT_DISC attribute" has the lowest value. */
export function med(c: Candidate): number {
  return c.attrs.med ?? 0;
}

function tieBreak(a: Candidate, b: Candidate): number {
  if (a.local !== b.local) return a.local ? -1 : 1;
  if (a.routerId !== b.routerId) return a.routerId < b.routerId ? -1 : 1;
  if (a.addressKey !== b.addressKey) return a.addressKey < b.addressKey ? -1 : 1;
  return 0;
}

/**
 * The decision as one lexicographic comparison, valid when MEDs are always compared; negative when `a`
 * is preferred. With `alwaysCompareMed` set, `selectPaths` picks exactly the minimum of this order.
 */
export function comparePaths(a: Candidate, b: Candidate, o: DecisionOptions): number {
  const sa = isLlgrStale(a.attrs);
  const sb = isLlgrStale(b.attrs);
  if (sa !== sb) return sa ? 1 : -1;
  if (a.local !== b.local) return a.local ? -1 : 1;
  const la = localPref(a, o);
  const lb = localPref(b, o);
  if (la !== lb) return lb - la;
  const pa = asPathLength(a.attrs);
  const pb = asPathLength(b.attrs);
  if (pa !== pb) return pa - pb;
  const oa = a.attrs.origin ?? 0;
  const ob = b.attrs.origin ?? 0;
  if (oa !== ob) return oa - ob;
  const ma = med(a);
  const mb = med(b);
  if (ma !== mb) return ma - mb;
  if (a.ibgp !== b.ibgp) return a.ibgp ? 1 : -1;
  return tieBreak(a, b);
}

/** The indices whose score is the best one (the lowest when `lowerWins`, else the highest). */
function keepBest(idx: number[], score: (i: number) => number, lowerWins: boolean): number[] {
  let bestScore = score(idx[0]);
  for (let k = 1; k < idx.length; k++) {
    const v = score(idx[k]);
    if (lowerWins ? v < bestScore : v > bestScore) bestScore = v;
  }
  return idx.filter((i) => score(i) === bestScore);
}

export function selectPaths(cands: readonly Candidate[], o: DecisionOptions): Selection {
  const n = cands.length;
  if (n === 0) return NO_SELECTION;
  if (n === 1) return { best: 0, multipath: [0] };
  let s: number[] = [];
  for (let i = 0; i < n; i++) s.push(i);

  // 0. RFC 9494 §4.3: LLGR_STALE paths are less preferred than any path that is not.
  if (s.some((i) => !isLlgrStale(cands[i].attrs))) s = s.filter((i) => !isLlgrStale(cands[i].attrs));
  // 1. Local origination first (FRR weight).
  if (s.some((i) => cands[i].local)) s = s.filter((i) => cands[i].local);
  // 2. RFC 4271 §9.1.1: highest degree of preference.
  s = keepBest(s, (i) => localPref(cands[i], o), false);
  // 3. RFC 4271 §9.1.2.2 (a): shortest AS_PATH.
  s = keepBest(s, (i) => asPathLength(cands[i].attrs), true);
  // 4. RFC 4271 §9.1.2.2 (b): lowest ORIGIN.
  s = keepBest(s, (i) => cands[i].attrs.origin ?? 0, true);
  // 5. RFC 4271 §9.1.2.2 (c): lowest MED, compared only within a neighbouring AS unless always-compare.
  if (o.alwaysCompareMed) {
    s = keepBest(s, (i) => med(cands[i]), true);
  } else {
    const minByAs = new Map<number, number>();
    for (const i of s) {
      const as = neighborAs(cands[i].attrs, o.localAs);
      const m = med(cands[i]);
      const cur = minByAs.get(as);
      if (cur === undefined || m < cur) minByAs.set(as, m);
    }
    s = s.filter((i) => med(cands[i]) === minByAs.get(neighborAs(cands[i].attrs, o.localAs)));
  }
  // 6. RFC 4271 §9.1.2.2 (d): eBGP-learned over iBGP-learned.
  if (s.some((i) => !cands[i].ibgp)) s = s.filter((i) => !cands[i].ibgp);

  // 7–8. RFC 4271 §9.1.2.2 (f), (g): lowest BGP Identifier, then lowest peer address.
  s.sort((a, b) => tieBreak(cands[a], cands[b]) || a - b);
  const best = s[0];
  if (o.maximumPaths <= 1) return { best, multipath: [best] };
  // Step 0 kept LLGR-stale paths only if every path is; FRR then installs the best one alone.
  if (!o.llgrStaleMultipath && isLlgrStale(cands[best].attrs)) return { best, multipath: [best] };
  const bestAs = neighborAs(cands[best].attrs, o.localAs);
  const multipath: number[] = [];
  for (const i of s) {
    if (multipath.length >= o.maximumPaths) break;
    if (o.multipathRelax || neighborAs(cands[i].attrs, o.localAs) === bestAs) multipath.push(i);
  }
  return { best, multipath };
}
