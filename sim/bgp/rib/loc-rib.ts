/**
 * The Loc-RIB of one address family (RFC 4271 §3.2): per prefix id, the selected best path and the
 * multipath set. Kept as parallel arrays indexed by prefix id; the multipath list is only allocated
 * when more than one path shares the traffic, so a million single-path prefixes cost a few words each.
 */
import type { RibAttributes } from './attributes.js';

const NONE = -1;

/** One member of a multipath set: the peer index it was learned from and its attributes. */
export interface PathRef {
  readonly peer: number;
  readonly attrs: RibAttributes;
}

export class LocRib {
  private bestPeerOf = new Int32Array(0);
  private bestAttrsOf: (RibAttributes | undefined)[] = [];
  private multipathOf: Map<number, readonly PathRef[]> | null = null;
  private count = 0;

  /** Prefixes with a best path. */
  get size(): number {
    return this.count;
  }

  /** Highest prefix id + 1 this table may hold an entry for. */
  get capacity(): number {
    return this.bestPeerOf.length;
  }

  bestPeer(prefixId: number): number {
    return prefixId < this.bestPeerOf.length ? this.bestPeerOf[prefixId] : NONE;
  }

  bestAttrs(prefixId: number): RibAttributes | undefined {
    return this.bestAttrsOf[prefixId];
  }

  /** The paths sharing traffic, best first; [best] when there is no multipath; [] when unreachable. */
  multipath(prefixId: number): readonly PathRef[] {
    const mp = this.extraPaths(prefixId);
    if (mp) return mp;
    const peer = this.bestPeer(prefixId);
    return peer === NONE ? [] : [{ peer, attrs: this.bestAttrsOf[prefixId]! }];
  }

  /** Multipath list when it has two or more members, else undefined. */
  extraPaths(prefixId: number): readonly PathRef[] | undefined {
    return this.multipathOf === null ? undefined : this.multipathOf.get(prefixId);
  }

  set(
    prefixId: number,
    peer: number,
    attrs: RibAttributes | undefined,
    multipath: readonly PathRef[] | undefined,
  ): void {
    if (prefixId >= this.bestPeerOf.length) {
      let n = Math.max(16, this.bestPeerOf.length);
      while (n <= prefixId) n *= 2;
      const b = new Int32Array(n).fill(NONE);
      b.set(this.bestPeerOf);
      this.bestPeerOf = b;
    }
    // Grow without holes so the array stays in V8's fast elements mode.
    while (this.bestAttrsOf.length <= prefixId) this.bestAttrsOf.push(undefined);
    const had = this.bestPeerOf[prefixId] !== NONE;
    if (had !== (peer !== NONE)) this.count += had ? -1 : 1;
    this.bestPeerOf[prefixId] = peer;
    this.bestAttrsOf[prefixId] = attrs;
    if (multipath !== undefined) (this.multipathOf ??= new Map()).set(prefixId, multipath);
    else this.multipathOf?.delete(prefixId);
  }
}
