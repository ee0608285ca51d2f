/**
 * Interns a family's prefixes as dense integer ids, so every other RIB structure is a typed array or
 * an integer-keyed map rather than a string-keyed one. Ids are never reused: a prefix seen once keeps
 * its id for the life of the RIB, which bounds memory by the distinct prefixes ever seen.
 */
import type { Prefix } from '../wire/message.js';

export class PrefixTable {
  private readonly ids = new Map<Prefix, number>();
  private readonly prefixes: Prefix[] = [];

  /** The id of `prefix`, allocating one on first sight. */
  intern(prefix: Prefix): number {
    let id = this.ids.get(prefix);
    if (id === undefined) {
      id = this.prefixes.length;
      this.prefixes.push(prefix);
      this.ids.set(prefix, id);
    }
    return id;
  }

  /** The id of `prefix`, or -1 when it was never seen. */
  idOf(prefix: Prefix): number {
    return this.ids.get(prefix) ?? -1;
  }

  prefix(id: number): Prefix {
    return this.prefixes[id];
  }

  /** One more than the highest id handed out. */
  get size(): number {
    return this.prefixes.length;
  }
}
