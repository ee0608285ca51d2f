/**
 * Resilient next-hop groups, as Linux `ip nexthop add … type resilient` (kernel
 * Documentation/networking/nexthop-group-resilient.rst, net/ipv4/nexthop.c): a fixed table of
 * `buckets` entries, hash → bucket (hash mod buckets) → next hop.
 *
 * Each next hop *wants* its share of buckets (cumulative rounding of buckets·i/N). A next hop with
 * fewer buckets than it wants is underweight, more is overweight. Upkeep walks the buckets in order
 * and gives one to the first underweight next hop when the bucket (1) has no next hop, (2) has a
 * removed next hop, (3) is idle (not used for `idleTimer`) and its next hop is overweight, or
 * (4) its next hop is overweight and the table has been unbalanced for `unbalancedTimer` (0 = never).
 * So a removed next hop's buckets move at once, while an added one only collects idle buckets:
 * busy flows stay put, possibly forever.
 *
 * In this fluid model a bucket is *busy* while any live flow is attached to it (its packets keep
 * hitting it) and otherwise idle once `idleTimer` has passed since the last flow left or hit it.
 * A migrated bucket counts as just used, as in the kernel.
 */
import { invariant } from '../../base/assert.js';
import { NEVER, s, type Time } from '../../base/time.js';
import type { EcmpChange, EcmpGroup } from './group.js';
import { moduloShares } from './shares.js';
import { SlottedGroup } from './slotted-group.js';
import { diffTables } from './table-diff.js';

/** Kernel `NH_RES_DEFAULT_IDLE_TIMER` (120 * HZ). */
export const RESILIENT_DEFAULT_IDLE_TIMER: Time = s(120);
/** Kernel `NH_RES_DEFAULT_UNBALANCED_TIMER`: 0, no forced rebalancing. */
export const RESILIENT_DEFAULT_UNBALANCED_TIMER: Time = s(0);

export interface ResilientOptions {
  /** Number of buckets (1..65535). Required: the kernel has no default. */
  readonly buckets: number;
  readonly idleTimer?: Time;
  readonly unbalancedTimer?: Time;
}

export class ResilientGroup extends SlottedGroup implements EcmpGroup {
  readonly scheme = 'resilient' as const;
  readonly regionCount: number;
  readonly idleTimer: Time;
  readonly unbalancedTimer: Time;
  private readonly b: number;
  private bucketSlot: Int16Array;
  private readonly busy: Int32Array;
  private readonly lastUsed: Float64Array;
  private have: Int32Array = new Int32Array(8);
  private wants: Int32Array = new Int32Array(8);
  /** When the table last became unbalanced; -1 while balanced. */
  private unbalancedSince = -1;
  private upkeepAt: Time = NEVER;

  constructor(opts: ResilientOptions, now: Time) {
    super();
    const b = opts.buckets;
    invariant(Number.isInteger(b) && b >= 1 && b <= 65535, () => `resilient buckets ${b} must be in 1..65535`);
    this.b = b;
    this.regionCount = b;
    this.idleTimer = opts.idleTimer ?? RESILIENT_DEFAULT_IDLE_TIMER;
    this.unbalancedTimer = opts.unbalancedTimer ?? RESILIENT_DEFAULT_UNBALANCED_TIMER;
    this.bucketSlot = new Int16Array(b).fill(-1);
    this.busy = new Int32Array(b);
    this.lastUsed = new Float64Array(b).fill(now);
  }

  regionOf(hash: number): number {
    return (hash >>> 0) % this.b;
  }

  lookup(hash: number): number {
    return this.bucketSlot[(hash >>> 0) % this.b]!;
  }

  /** Buckets per next hop name, for the UI and tests. */
  bucketCounts(): Map<string, number> {
    const out = new Map<string, number>();
    for (const slot of this.slots.members) out.set(this.slots.nameOf(slot), this.have[slot]!);
    return out;
  }

  /** Bucket → next hop name (null when unassigned). */
  buckets(): (string | null)[] {
    return Array.from(this.bucketSlot, (x) => (x < 0 ? null : this.slots.nameOf(x)));
  }

  isBalanced(): boolean {
    return this.unbalancedSince < 0;
  }

  setNextHops(names: readonly string[], now: Time): EcmpChange {
    const members = this.slots.assign(names);
    if (this.slots.size > this.have.length) {
      this.have = new Int32Array(this.slots.size * 2);
      this.wants = new Int32Array(this.slots.size * 2);
    }
    this.have.fill(0);
    this.wants.fill(0);
    // Equal weights: cumulative rounding, as the kernel's DIV_ROUND_CLOSEST upper bounds.
    const n = members.length;
    let prev = 0;
    members.forEach((slot, i) => {
      const upper = Math.round((this.b * (i + 1)) / n);
      this.wants[slot] = upper - prev;
      prev = upper;
    });
    for (let i = 0; i < this.b; i++) {
      const sl = this.bucketSlot[i]!;
      if (this.slots.isMember(sl)) this.have[sl]!++;
    }
    if (this.unbalancedSince < 0 && !this.balanced()) this.unbalancedSince = now;
    return this.upkeep(now);
  }

  override upkeep(now: Time): EcmpChange {
    const before = this.bucketSlot.slice();
    this.migrate(now);
    return diffTables(before, this.bucketSlot, this.slots);
  }

  override nextUpkeep(): Time {
    return this.upkeepAt;
  }

  override hit(hash: number, now: Time): void {
    this.lastUsed[(hash >>> 0) % this.b] = now;
  }

  override attach(hash: number, now: Time): void {
    const i = (hash >>> 0) % this.b;
    this.busy[i]!++;
    this.lastUsed[i] = now;
  }

  override detach(hash: number, now: Time): void {
    const i = (hash >>> 0) % this.b;
    this.busy[i]!--;
    this.lastUsed[i] = now;
    if (this.busy[i] === 0 && this.unbalancedSince >= 0 && this.overweight(this.bucketSlot[i]!)) {
      const at = (now + this.idleTimer) as Time;
      if (at < this.upkeepAt) this.upkeepAt = at;
    }
  }

  hashShares(): Float64Array {
    return moduloShares(this.bucketSlot);
  }

  tableBytes(): number {
    return this.bucketSlot.byteLength + this.busy.byteLength + this.lastUsed.byteLength;
  }

  private overweight(slot: number): boolean {
    return this.slots.isMember(slot) && this.have[slot]! > this.wants[slot]!;
  }

  private balanced(): boolean {
    for (const slot of this.slots.members) if (this.have[slot] !== this.wants[slot]) return false;
    return true;
  }

  private idle(i: number, now: Time): boolean {
    return this.busy[i] === 0 && now - this.lastUsed[i]! >= this.idleTimer;
  }

  private migrate(now: Time): void {
    const members = this.slots.members;
    if (members.length === 0) {
      this.bucketSlot.fill(-1);
      this.unbalancedSince = -1;
      this.upkeepAt = NEVER;
      return;
    }
    const underweight = members.filter((sl) => this.have[sl]! < this.wants[sl]!);
    const forced =
      this.unbalancedTimer > 0 && this.unbalancedSince >= 0 && now - this.unbalancedSince >= this.unbalancedTimer;
    let head = 0;
    for (let i = 0; i < this.b && head < underweight.length; i++) {
      const sl = this.bucketSlot[i]!;
      const member = this.slots.isMember(sl);
      const move = !member || (this.have[sl]! > this.wants[sl]! && (forced || this.idle(i, now)));
      if (!move) continue;
      const to = underweight[head]!;
      if (member) this.have[sl]!--;
      this.bucketSlot[i] = to;
      this.have[to]!++;
      this.lastUsed[i] = now;
      if (this.have[to]! >= this.wants[to]!) head++;
    }
    if (head >= underweight.length) {
      this.unbalancedSince = -1;
      this.upkeepAt = NEVER;
      return;
    }
    // Still unbalanced: run again when the first overweight bucket turns idle, or the table has been
    // unbalanced for unbalancedTimer. Busy buckets re-arm this from `detach` when they empty.
    let at = NEVER as number;
    for (let i = 0; i < this.b; i++) {
      if (this.busy[i] === 0 && this.overweight(this.bucketSlot[i]!)) {
        const t = this.lastUsed[i]! + this.idleTimer;
        if (t < at) at = t;
      }
    }
    if (this.unbalancedTimer > 0) at = Math.min(at, this.unbalancedSince + this.unbalancedTimer);
    invariant(at > now, 'resilient upkeep re-armed for a time already due');
    this.upkeepAt = at as Time;
  }
}
