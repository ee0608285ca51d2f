/**
 * Path attributes as the RIB keeps them: interned, so that every route with the same attributes
 * shares one frozen object and "did this route change?" is an identity compare. This is what makes a
 * restarted peer's re-advertisement of an unchanged route cheap and silent (RFC 4724 §4.2: the stale
 * route is simply replaced; nothing is re-sent downstream when nothing changed).
 *
 * RIB attributes never carry NLRI: MP_REACH_NLRI keeps only its next hop (RFC 4760 §3) and
 * MP_UNREACH_NLRI is dropped, so one object serves every prefix of an UPDATE.
 *
 * Also here: the per-attribute facts the decision process reads (RFC 4271 §9.1.2.2).
 */
import type { AsPathSegment, PathAttributes } from '../wire/message.js';
import { LLGR_STALE } from '../wire/message.js';
import { sealAttributes } from '../wire/update.js';
import { PrefixNumbers } from './prefix-table.js';

export type RibAttributes = Readonly<PathAttributes>;

/** RFC 4271 §9.1.2.2 (a): an AS_SET counts as 1 whatever its size; confederation segments count 0 (RFC 5065 §5.3). */
export function asPathLength(attrs: RibAttributes): number {
  const path = attrs.asPath;
  if (!path) return 0;
  let n = 0;
  for (const seg of path) {
    if (seg.type === 'sequence') n += seg.asns.length;
    else if (seg.type === 'set') n += 1;
  }
  return n;
}

/**
 * RFC 4271 §9.1.2.2 (c): the neighbouring AS is the first AS of the AS_PATH (confederation segments
 * skipped, RFC 5065 §5.3); a path with none (a route from inside our own AS) has ours.
 */
export function neighborAs(attrs: RibAttributes, localAs: number): number {
  const path = attrs.asPath;
  if (path) {
    for (const seg of path) {
      if (seg.type === 'sequence' && seg.asns.length > 0) return seg.asns[0];
      // A path led by an AS_SET has no single neighbouring AS; 0 is no real AS, so such paths compare among themselves.
      if (seg.type === 'set') return 0;
    }
  }
  return localAs;
}

export function asPathContains(attrs: RibAttributes, asn: number): boolean {
  const path = attrs.asPath;
  if (!path) return false;
  // Indexed loops: asked for every UPDATE received and for every route server member a path is exported to.
  for (let i = 0; i < path.length; i++) {
    const asns = path[i].asns;
    for (let k = 0; k < asns.length; k++) if (asns[k] === asn) return true;
  }
  return false;
}

export function hasCommunity(attrs: RibAttributes, community: number): boolean {
  const c = attrs.communities;
  return c?.includes(community) === true;
}

/** RFC 9494 §4.3: a route carrying LLGR_STALE is least preferred, whoever attached it. */
export function isLlgrStale(attrs: RibAttributes): boolean {
  return hasCommunity(attrs, LLGR_STALE);
}

/** The next hop a route forwards to: NEXT_HOP for IPv4, the MP_REACH_NLRI next hop otherwise (RFC 4760 §3). */
export function pathNextHop(attrs: RibAttributes): string {
  return attrs.mpReach?.nextHop ?? attrs.nextHop ?? '';
}

function segmentsKey(path: readonly AsPathSegment[] | undefined): string {
  if (!path) return '';
  let s = '';
  for (const seg of path) s += `${seg.type}:${seg.asns.join(',')};`;
  return s;
}

function bytesKey(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i].toString(16).padStart(2, '0');
  return s;
}

/** A string equal for two attribute sets exactly when they would encode the same (NLRI aside). */
export function attributesKey(a: RibAttributes): string {
  // Built by concatenation, not an array join: this runs once per received UPDATE.
  const mp = a.mpReach;
  let k = `${a.origin ?? ''}|${segmentsKey(a.asPath)}|${a.nextHop ?? ''}|${a.med ?? ''}|${a.localPref ?? ''}|`;
  k += a.atomicAggregate ? '1|' : '|';
  k += a.aggregator ? `${a.aggregator.asn}@${a.aggregator.address}|` : '|';
  k += a.communities ? `${a.communities.join(',')}|` : '|';
  k += mp ? `${mp.afi}/${mp.safi}/${mp.nextHop}/${mp.linkLocalNextHop ?? ''}|` : '|';
  if (a.unknown) k += a.unknown.map((u) => `${u.flags}.${u.typeCode}.${bytesKey(u.value)}`).join(',');
  return k;
}

/**
 * The store of interned attribute sets, one per RIB. It only grows; its size is the number of distinct
 * attribute sets ever seen, which in a simulation is small next to the number of routes.
 */
export class AttributeStore {
  private readonly byKey = new Map<string, RibAttributes>();
  private readonly llgrVariant = new WeakMap<RibAttributes, RibAttributes>();
  private readonly interned = new WeakSet<RibAttributes>();
  /**
   * Frozen attribute sets seen before → their interned set. A frozen set cannot change, so its key
   * need not be computed again: the decoded attributes of an UPDATE that a route server's update
   * group delivers as the same bytes to many members are shared (world/transport.ts) and frozen.
   */
  private readonly frozen = new WeakMap<PathAttributes, RibAttributes>();
  /** Exporter memo, shared by every export target of the RIB: attributes → variant → exported. */
  private readonly exports = new WeakMap<RibAttributes, Map<string, RibAttributes>>();
  /** `exported`'s last answer found (an entry is set once and never changes, so it stays valid). */
  private lastExportedIn: RibAttributes | undefined = undefined;
  private lastExportedVariant = '';
  private lastExportedOut: RibAttributes | undefined = undefined;
  /** Prefix texts as numbers, shared by the same RIBs as the attribute sets (prefix-table.ts). */
  readonly prefixNumbers = new PrefixNumbers();
  /** The last frozen set interned and its interned set (a frozen set cannot change, so the pair stays true). */
  private lastFrozen: PathAttributes | undefined;
  private lastShared: RibAttributes | undefined;

  /**
   * The shared frozen copy of `attrs` with NLRI stripped. An interned set interns to itself; any other
   * object costs its key and one map lookup, and is not remembered (a weak entry per received UPDATE
   * cost more in garbage collection than the key it saved).
   */
  intern(attrs: PathAttributes): RibAttributes {
    // The same decoded set arrives at each member of an update group in turn: one compare.
    if (attrs === this.lastFrozen) return this.lastShared!;
    if (this.interned.has(attrs)) return attrs;
    const isFrozen = Object.isFrozen(attrs);
    if (isFrozen) {
      const hit = this.frozen.get(attrs);
      if (hit) {
        this.lastFrozen = attrs;
        this.lastShared = hit;
        return hit;
      }
    }
    // The key ignores NLRI and MP_UNREACH, so it is computed on `attrs` itself: the stripped, frozen
    // copy is built only for an attribute set never seen before, not for every UPDATE.
    const key = attributesKey(attrs);
    let shared = this.byKey.get(key);
    if (!shared) {
      shared = deepFreeze(stripNlri(attrs));
      sealAttributes(shared);
      this.interned.add(shared);
      this.byKey.set(key, shared);
    }
    if (isFrozen) {
      this.frozen.set(attrs, shared);
      this.lastFrozen = attrs;
      this.lastShared = shared;
    }
    return shared;
  }

  /**
   * RFC 9494 §4.3: the attributes with LLGR_STALE attached. Attached once only (a route already
   * carrying it keeps exactly one copy, gr-reference C32).
   */
  withLlgrStale(attrs: RibAttributes): RibAttributes {
    if (isLlgrStale(attrs)) return attrs;
    let v = this.llgrVariant.get(attrs);
    if (!v) {
      v = this.intern({ ...attrs, communities: [...(attrs.communities ?? []), LLGR_STALE] });
      this.llgrVariant.set(attrs, v);
    }
    return v;
  }

  /** The memoised export of `attrs` for one export variant (Exporter), if already computed. */
  exported(attrs: RibAttributes, variant: string): RibAttributes | undefined {
    // A route server exports one path to each of its members in turn, all asking the same question.
    if (attrs === this.lastExportedIn && variant === this.lastExportedVariant) return this.lastExportedOut;
    const out = this.exports.get(attrs)?.get(variant);
    if (out !== undefined) {
      this.lastExportedIn = attrs;
      this.lastExportedVariant = variant;
      this.lastExportedOut = out;
    }
    return out;
  }

  setExported(attrs: RibAttributes, variant: string, out: RibAttributes): void {
    let m = this.exports.get(attrs);
    if (!m) {
      m = new Map();
      this.exports.set(attrs, m);
    }
    m.set(variant, out);
    if (attrs === this.lastExportedIn && variant === this.lastExportedVariant) this.lastExportedOut = out;
  }

  get size(): number {
    return this.byKey.size;
  }
}

function stripNlri(a: PathAttributes): PathAttributes {
  const out: PathAttributes = {};
  if (a.origin !== undefined) out.origin = a.origin;
  if (a.asPath !== undefined) out.asPath = a.asPath.map((s) => ({ type: s.type, asns: [...s.asns] }));
  if (a.nextHop !== undefined) out.nextHop = a.nextHop;
  if (a.med !== undefined) out.med = a.med;
  if (a.localPref !== undefined) out.localPref = a.localPref;
  if (a.atomicAggregate !== undefined) out.atomicAggregate = a.atomicAggregate;
  if (a.aggregator !== undefined) out.aggregator = { ...a.aggregator };
  if (a.communities !== undefined) out.communities = [...a.communities];
  if (a.mpReach !== undefined) {
    const m = a.mpReach;
    out.mpReach = { afi: m.afi, safi: m.safi, nextHop: m.nextHop, nlri: [] };
    if (m.linkLocalNextHop !== undefined) out.mpReach.linkLocalNextHop = m.linkLocalNextHop;
  }
  if (a.unknown !== undefined) out.unknown = a.unknown.map((u) => ({ ...u }));
  return out;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o) && !(o instanceof Uint8Array)) {
    for (const v of Object.values(o as object)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
