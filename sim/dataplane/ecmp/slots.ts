/**
 * Per-group next-hop naming: name ↔ slot, stable for the group's lifetime, plus the current
 * ordered member list. Shared by every strategy so they agree on what a slot means.
 */
import { invariant } from '../../base/assert.js';

export class NextHopSlots {
  private readonly bySlot: string[] = [];
  private readonly byName = new Map<string, number>();
  /** Current members in list order (slots). */
  members: number[] = [];
  /** memberIndex[slot] = position in `members`, or -1. */
  memberIndex: Int32Array = new Int32Array(8).fill(-1);

  slotOf(name: string): number {
    return this.byName.get(name) ?? -1;
  }

  nameOf(slot: number): string {
    invariant(slot >= 0 && slot < this.bySlot.length, () => `no next-hop slot ${slot}`);
    return this.bySlot[slot]!;
  }

  get size(): number {
    return this.bySlot.length;
  }

  /** Sets the member list (duplicates are an invariant violation) and returns the slots in order. */
  assign(names: readonly string[]): number[] {
    const slots = names.map((n) => this.intern(n));
    this.memberIndex.fill(-1);
    slots.forEach((s, i) => {
      invariant(this.memberIndex[s] === -1, () => `next hop ${names[i]} listed twice`);
      this.memberIndex[s] = i;
    });
    this.members = slots;
    return slots;
  }

  isMember(slot: number): boolean {
    return slot >= 0 && this.memberIndex[slot]! >= 0;
  }

  names(): string[] {
    return this.members.map((s) => this.bySlot[s]!);
  }

  private intern(name: string): number {
    let s = this.byName.get(name);
    if (s === undefined) {
      s = this.bySlot.length;
      invariant(s < 0x7fff, 'at most 32767 distinct next hops per group');
      this.bySlot.push(name);
      this.byName.set(name, s);
      if (s >= this.memberIndex.length) {
        const grown = new Int32Array(this.memberIndex.length * 2).fill(-1);
        grown.set(this.memberIndex);
        this.memberIndex = grown;
      }
    }
    return s;
  }
}

/** Aggregates (from, to) slot pairs into the sorted `moves` list of a change. */
export class MoveTally {
  private readonly counts = new Map<number, number>();

  add(from: number, to: number, weight: number): void {
    const key = (from + 1) * 65536 + (to + 1);
    this.counts.set(key, (this.counts.get(key) ?? 0) + weight);
  }

  toMoves(slots: NextHopSlots, total: number): { from: string | null; to: string | null; fraction: number }[] {
    return [...this.counts.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([key, w]) => {
        const from = Math.floor(key / 65536) - 1;
        const to = (key % 65536) - 1;
        return {
          from: from < 0 ? null : slots.nameOf(from),
          to: to < 0 ? null : slots.nameOf(to),
          fraction: w / total,
        };
      });
  }
}
