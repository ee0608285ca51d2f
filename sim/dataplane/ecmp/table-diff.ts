/** The change report of a table strategy: entries whose slot differs are the dirty regions. O(table size). */
import type { EcmpChange } from './group.js';
import { MoveTally, type NextHopSlots } from './slots.js';

export function diffTables(before: Int16Array, after: Int16Array, slots: NextHopSlots): EcmpChange {
  const tally = new MoveTally();
  let changed = 0;
  for (let i = 0; i < after.length; i++) if (before[i] !== after[i]) changed++;
  const dirty = new Int32Array(changed);
  let k = 0;
  for (let i = 0; i < after.length; i++) {
    if (before[i] !== after[i]) {
      dirty[k++] = i;
      tally.add(before[i]!, after[i]!, 1);
    }
  }
  return {
    movedFraction: changed / after.length,
    moves: tally.toMoves(slots, after.length),
    dirtyRegions: dirty,
    changedEntries: changed,
  };
}
