/**
 * Interns a family's prefixes as dense integer ids, so every other RIB structure is a typed array or
 * an integer-keyed map rather than a string-keyed one. Ids are never reused: a prefix seen once keeps
 * its id for the life of the RIB, which bounds memory by the distinct prefixes ever seen.
 *
 * The text → number step goes through `PrefixNumbers`, shared by every RIB of a simulation (through
 * the shared AttributeStore): a route server's UPDATE reaches its members one after another, so the
 * shared lookup is of the same text each time (a one-entry memo, else one warm map), and each RIB
 * then reads one slot of its own typed array instead of probing its own string-keyed map, which for
 * a thousand RIBs is a cache miss per probe.
 */
import type { Prefix } from '../wire/message.js';

/** Prefix text → a number unique within the simulation (not a RIB's id: ids stay in first-seen order per RIB). */
export class PrefixNumbers {
  private readonly numbers = new Map<Prefix, number>();
  private lastText: Prefix | undefined = undefined;
  private lastNumber = -1;

  /** The number of `prefix`, allocating one on first sight. */
  number(prefix: Prefix): number {
    if (prefix === this.lastText) return this.lastNumber;
    let n = this.numbers.get(prefix);
    if (n === undefined) {
      n = this.numbers.size;
      this.numbers.set(prefix, n);
    }
    this.lastText = prefix;
    this.lastNumber = n;
    return n;
  }

  /** The number of `prefix`, or -1 when no RIB has seen it. */
  peek(prefix: Prefix): number {
    if (prefix === this.lastText) return this.lastNumber;
    return this.numbers.get(prefix) ?? -1;
  }
}

export class PrefixTable {
  /** Shared number → this table's id + 1 (0: not seen here). */
  private local = new Int32Array(0);
  private readonly prefixes: Prefix[] = [];

  constructor(private readonly numbers: PrefixNumbers = new PrefixNumbers()) {}

  /** The id of `prefix`, allocating one on first sight. */
  intern(prefix: Prefix): number {
    const n = this.numbers.number(prefix);
    let local = this.local;
    if (n < local.length) {
      const id = local[n];
      if (id !== 0) return id - 1;
    } else {
      let size = Math.max(16, local.length);
      while (size <= n) size *= 2;
      const grown = new Int32Array(size);
      grown.set(local);
      this.local = local = grown;
    }
    const id = this.prefixes.length;
    this.prefixes.push(prefix);
    local[n] = id + 1;
    return id;
  }

  /** The id of `prefix`, or -1 when it was never seen. */
  idOf(prefix: Prefix): number {
    const n = this.numbers.peek(prefix);
    return n >= 0 && n < this.local.length ? this.local[n] - 1 : -1;
  }

  prefix(id: number): Prefix {
    return this.prefixes[id];
  }

  /** One more than the highest id handed out. */
  get size(): number {
    return this.prefixes.length;
  }
}
