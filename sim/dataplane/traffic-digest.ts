/**
 * A 64-bit digest of the data plane's outcome, connection by connection, so that the trace hash
 * covers the traffic (issue 16): two runs that open, deliver, lose or reset differently get
 * different digests, even when their totals agree (two different connections reset, packets moved
 * between nodes, groups or loss kinds).
 *
 * What it covers: for every connection (named by its group, flow hash, packet phase — which hashes
 * its ordinal among the group's opens —, birth, rate and packet size) its open, its end (time,
 * closed or the reset cause, its conntrack node), and the µs it spent in each forwarding state
 * (delivering to node n, black-holed, no route): delivered and lost packets are exactly
 * rate × those µs, so any difference in a connection's delivered or lost packets changes the digest.
 * Where inside its life a connection's stall fell is not covered (same µs per state, same packets).
 *
 * How, at O(1) per connection event and 8 bytes a connection (its two lane names, kept in the
 * connection table): each (connection, state) has a pseudo-random weight w; entering the state at t subtracts f(w, t), leaving it at t adds f(w, t),
 * where f(w, t) = w_lo·(t mod 2³²) + w_hi·⌊t / 2³²⌋ mod 2³², so a finished interval contributes
 * f(w, t₁) − f(w, t₀), the µs it lasted under the weight. Intervals still open are closed at
 * `value(now)` through the running sum of their weights (f is linear in w), as the fluid's packet
 * counts are integrated from rate sums. Every contribution is an addition mod 2³² on two independent
 * lanes, so the digest is a multiset hash: it does not depend on the order in which equal-time
 * events are processed, nor on how the run is sliced.
 *
 * A quiet window's connections that are not drawn as individuals (quiet-window.ts) count as one
 * event of the window, named by its group, its bounds and their numbers.
 */
import { fmix32 } from '../base/mix.js';
import { type ConnectionTable, DELIVERING as DELIVERING_STATE } from './connection-table.js';
import { mixWord } from './hash.js';

const TWO32 = 4294967296;

/** Seeds of the two lanes' connection names. */
const SEED_A = 0x243f6a88;
const SEED_B = 0x85a308d3;
/** Weight key of counted-once events. */
const K_EVENT = 0xa4093822;
/** What a tag names besides the connection: its open, its end, or a forwarding state. */
const DIGEST_OPEN = 0x100;
const DIGEST_END = 0x200;
const DIGEST_WINDOW = 0x400;

const weight = (tag: number, key: number): number => fmix32(tag ^ key) | 1;

const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);

/** One lane's 32-bit name of connection `id` (everything that fixes its packets but its path). */
function connectionName(c: ConnectionTable, id: number, seed: number): number {
  return nameOf(seed, c.group[id]!, c.hash[id]!, c.phase[id]!, c.born[id]!, c.pps[id]!, c.packetBytes[id]!);
}

/** The same name from the fields themselves (`pps` as the table keeps it, a Float32). */
function nameOf(seed: number, group: number, hash: number, phase: number, born: number, pps: number, bytes: number) {
  f32[0] = pps;
  let h = mixWord(seed, group);
  h = mixWord(h, hash);
  h = mixWord(h, phase * 0x1000000);
  h = mixWord(h, born >>> 0);
  h = mixWord(h, Math.floor(born / TWO32));
  h = mixWord(h, f32Bits[0]!);
  return fmix32(mixWord(h, bytes));
}

/** A name for (a connection's lane name, what, a, b). */
const tag = (name: number, what: number, a: number, b: number): number =>
  fmix32(mixWord(mixWord(mixWord(name, what), a), b));

export class TrafficDigest {
  /** Sum of the finished contributions and the open intervals' −f(w, t₀), per lane. */
  private a = 0;
  private b = 0;
  /** Running sums of the open intervals' weights (lo, hi per lane). */
  private wAlo = 0;
  private wAhi = 0;
  private wBlo = 0;
  private wBhi = 0;

  /** Connection `id` (its table fields set) opened at `t`: names it (kept in the table) and counts the open. */
  open(c: ConnectionTable, id: number, t: number): void {
    c.digestA[id] = connectionName(c, id, SEED_A);
    c.digestB[id] = connectionName(c, id, SEED_B);
    this.event(c, id, DIGEST_OPEN, t);
  }

  /** Connection `id` ended at `t`: `outcome` 0 closed, 1 + cause when reset; `node` its conntrack node or -1. */
  end(c: ConnectionTable, id: number, t: number, outcome: number, node: number): void {
    this.event(c, id, DIGEST_END | outcome | ((node + 1) << 12), t);
  }

  /** Connection `id` entered forwarding state `state` (towards `node`, -1 for none) at `t` µs. */
  enter(c: ConnectionTable, id: number, state: number, node: number, t: number): void {
    const what = state | ((node + 1) << 4);
    this.interval(fmix32(mixWord(c.digestA[id]!, what)), fmix32(mixWord(c.digestB[id]!, what)), t, -1);
  }

  /** Connection `id` left the state (and node) it entered, at `t` µs. */
  leave(c: ConnectionTable, id: number, state: number, node: number, t: number): void {
    const what = state | ((node + 1) << 4);
    this.interval(fmix32(mixWord(c.digestA[id]!, what)), fmix32(mixWord(c.digestB[id]!, what)), t, 1);
  }

  /**
   * A connection that never entered the table (closed-form, bulk): opened at `born`, delivered to
   * `node` until `end`, closed then. The same contributions as open, enter, leave and end.
   */
  settled(
    group: number,
    hash: number,
    phase: number,
    born: number,
    pps: number,
    bytes: number,
    node: number,
    end: number,
  ): void {
    this.deliveredFrom(group, hash, phase, born, pps, bytes, node, end);
    this.namedEvent(this.nameA, this.nameB, DIGEST_END | ((node + 1) << 12), end);
  }

  /**
   * A quiet window (t1, t2] µs of `group`: `ended` connections of it ended in it, and `live` were
   * still live at t2 and kept as a count (−1: drawn as individuals, counted as each one is).
   */
  window(group: number, ended: number, live: number, t1: number, t2: number): void {
    const name = (seed: number): number =>
      fmix32(mixWord(mixWord(mixWord(mixWord(mixWord(seed, group), ended), live), t1 >>> 0), Math.floor(t1 / TWO32)));
    this.namedEvent(name(SEED_A), name(SEED_B), DIGEST_WINDOW, t2);
  }

  /**
   * Connection `id` has been in `state` (towards `node`) since `t0`, but enters it (`enter`) only at
   * `t1` (a latent connection materialised, latent.ts): adds its µs over [t0, t1), so that with the
   * `enter` at t1 the sums are those of an `enter` at t0.
   */
  enteredEarlier(c: ConnectionTable, id: number, state: number, node: number, t0: number, t1: number): void {
    const what = state | ((node + 1) << 4);
    this.closedInterval(fmix32(mixWord(c.digestA[id]!, what)), fmix32(mixWord(c.digestB[id]!, what)), t0, t1);
  }

  /**
   * The contributions of a latent connection still delivering at `now` (opened at `born`, towards
   * `node`), as `value(now)` would count it had it been in the table: its open, and its open
   * interval closed at `now`. Added to `acc` (two lanes), not to the digest.
   */
  openTerms(
    acc: { a: number; b: number },
    group: number,
    hash: number,
    phase: number,
    born: number,
    pps: number,
    bytes: number,
    node: number,
    now: number,
  ): void {
    const a0 = this.a;
    const b0 = this.b;
    this.deliveredFrom(group, hash, phase, born, pps, bytes, node, now);
    acc.a = (acc.a + (this.a - a0)) | 0;
    acc.b = (acc.b + (this.b - b0)) | 0;
    this.a = a0;
    this.b = b0;
  }

  /** The names of the connection `deliveredFrom` last counted (fields: no pair allocated per arrival). */
  private nameA = 0;
  private nameB = 0;

  /** A connection that never entered the table, named from its draws: its open at `born`, delivering to `node` until `until`. */
  private deliveredFrom(
    group: number,
    hash: number,
    phase: number,
    born: number,
    pps: number,
    bytes: number,
    node: number,
    until: number,
  ): void {
    const nameA = nameOf(SEED_A, group, hash, phase, born, pps, bytes);
    const nameB = nameOf(SEED_B, group, hash, phase, born, pps, bytes);
    this.namedEvent(nameA, nameB, DIGEST_OPEN, born);
    const what = DELIVERING_STATE | ((node + 1) << 4);
    this.closedInterval(fmix32(mixWord(nameA, what)), fmix32(mixWord(nameB, what)), born, until);
    this.nameA = nameA;
    this.nameB = nameB;
  }

  /**
   * `interval(…, t0, −1)` then `interval(…, t1, 1)` in one step: the running weight sums get −w then
   * +w (no change), and the lanes f(w, t₁) − f(w, t₀), the same sums mod 2³².
   */
  private closedInterval(tagA: number, tagB: number, t0: number, t1: number): void {
    const lo0 = t0 >>> 0;
    const hi0 = Math.floor(t0 / TWO32) >>> 0;
    const lo1 = t1 >>> 0;
    const hi1 = Math.floor(t1 / TWO32) >>> 0;
    const alo = tagA | 1;
    const ahi = (tagA << 16) | (tagA >>> 16) | 1;
    const blo = tagB | 1;
    const bhi = (tagB << 16) | (tagB >>> 16) | 1;
    const a0 = (Math.imul(alo, lo0) + Math.imul(ahi, hi0)) | 0;
    const a1 = (Math.imul(alo, lo1) + Math.imul(ahi, hi1)) | 0;
    const b0 = (Math.imul(blo, lo0) + Math.imul(bhi, hi0)) | 0;
    const b1 = (Math.imul(blo, lo1) + Math.imul(bhi, hi1)) | 0;
    this.a = (this.a - a0 + a1) | 0;
    this.b = (this.b - b0 + b1) | 0;
  }

  /** The digest with every open interval closed at `now`, 16 hex digits. */
  value(now: number, extra: { readonly a: number; readonly b: number } = { a: 0, b: 0 }): string {
    const lo = now >>> 0;
    const hi = Math.floor(now / TWO32) >>> 0;
    const a = (this.a + extra.a + Math.imul(this.wAlo, lo) + Math.imul(this.wAhi, hi)) >>> 0;
    const b = (this.b + extra.b + Math.imul(this.wBlo, lo) + Math.imul(this.wBhi, hi)) >>> 0;
    return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
  }

  private event(c: ConnectionTable, id: number, what: number, t: number): void {
    this.namedEvent(c.digestA[id]!, c.digestB[id]!, what, t);
  }

  private namedEvent(nameA: number, nameB: number, what: number, t: number): void {
    const lo = t >>> 0;
    const hi = Math.floor(t / TWO32);
    this.a = (this.a + weight(tag(nameA, what, lo, hi), K_EVENT)) | 0;
    this.b = (this.b + weight(tag(nameB, what, lo, hi), K_EVENT)) | 0;
  }

  private interval(tagA: number, tagB: number, t: number, sign: 1 | -1): void {
    const lo = t >>> 0;
    const hi = Math.floor(t / TWO32) >>> 0;
    // The tags are finalised: the lo weight is the tag (made odd), the hi one the tag rotated (not
    // a multiple of it, so no ΔT is invisible to every connection at once).
    const alo = tagA | 1;
    const ahi = (tagA << 16) | (tagA >>> 16) | 1;
    const blo = tagB | 1;
    const bhi = (tagB << 16) | (tagB >>> 16) | 1;
    this.a = (this.a + sign * ((Math.imul(alo, lo) + Math.imul(ahi, hi)) | 0)) | 0;
    this.b = (this.b + sign * ((Math.imul(blo, lo) + Math.imul(bhi, hi)) | 0)) | 0;
    this.wAlo = (this.wAlo - sign * alo) | 0;
    this.wAhi = (this.wAhi - sign * ahi) | 0;
    this.wBlo = (this.wBlo - sign * blo) | 0;
    this.wBhi = (this.wBhi - sign * bhi) | 0;
  }
}
