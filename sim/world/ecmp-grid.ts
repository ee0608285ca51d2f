/**
 * The ECMP table of one router and prefix as a grid of cells, for the UI: each cell is an equal
 * share of the hash space (or, for table schemes, an equal run of table entries) and shows the
 * next hop a hash there maps to at a moment, plus which cells moved at the last next-hop change.
 *
 * The grid comes from replaying the router's FIB history (its 'fib' records) through a fresh group
 * built from the router's spec and hash seed, because hash-threshold and modulo depend on list
 * order, and resilient groups on their whole history.
 *
 * Resilient groups: the grid assumes every bucket is idle (no traffic marks a bucket used), the
 * worst case for migration: an overweight bucket moves as soon as `idleTimer` has passed since the
 * group was built or the bucket last migrated. With real traffic, busy buckets stay where they are
 * longer. Its upkeep runs at the deadlines the group asks for, up to the moment shown.
 */

import { type Time, us } from '../base/time.js';
import { createEcmpGroup, type EcmpGroup } from '../dataplane/ecmp/index.js';
import { ecmpConfig } from './ecmp-config.js';
import type { EcmpSpec } from './spec.js';

export type { EcmpSpec };

/** One next-hop list the FIB had, from a 'fib' record. */
export interface FibStep {
  readonly t: number;
  readonly nextHops: readonly string[];
}

export interface EcmpGrid {
  readonly scheme: EcmpSpec['type'];
  /** Next hop per cell (null: no next hop). */
  readonly cells: readonly (string | null)[];
  /** Cells whose next hop differs from just before the last change (1) or not (0). */
  readonly moved: Uint8Array;
  readonly movedCount: number;
  /** Next-hop list changes after the group's first list (the first list moves nothing: it builds the table). */
  readonly changes: number;
  /** Time of the last list (the first one: when the table was built), null when the history is empty. */
  readonly changedAt: number | null;
  /** Table entries (resilient buckets, Maglev/rendezvous entries) per cell; 0 for hash-space schemes. */
  readonly entriesPerCell: number;
  /** True for resilient groups: the grid assumes idle buckets (worst case for migration). */
  readonly assumesIdleBuckets: boolean;
}

export const DEFAULT_GRID_CELLS = 256;
const SPACE = 2 ** 32;
/** Bounds the resilient upkeep loop; each upkeep moves the deadline strictly later. */
const MAX_UPKEEPS = 100_000;

/** Table schemes map hash → entry by `hash mod regionCount`; the others divide the 32-bit space. */
const isTable = (g: EcmpGroup) => g.scheme === 'resilient' || g.scheme === 'maglev' || g.scheme === 'rendezvous';

function sample(g: EcmpGroup, cells: number): (string | null)[] {
  const out: (string | null)[] = new Array(cells);
  const table = isTable(g);
  for (let i = 0; i < cells; i++) {
    // Tables: the first entry of the cell's run of entries. Hash-threshold: the cell's midpoint.
    // Modulo has no layout in the hash space (evenly spaced hashes share residues: 2^24·k is even),
    // so cell i stands for the hashes ≡ i, which shows each next hop's share as exactly.
    const h =
      g.scheme === 'modulo'
        ? i
        : table
          ? Math.floor((i * g.regionCount) / cells)
          : Math.floor(((i + 0.5) * SPACE) / cells);
    const slot = g.lookup(h);
    out[i] = slot < 0 ? null : g.nameOf(slot);
  }
  return out;
}

function upkeepUntil(g: EcmpGroup, t: number): void {
  for (let k = 0; k < MAX_UPKEEPS; k++) {
    const due = g.nextUpkeep();
    if (due > t) return;
    g.upkeep(due);
  }
}

/**
 * The world builds a router's groups when the client workload starts, from the FIB then (boot-time
 * convergence never reaches a group): from `builtAt` on, the lists before it collapse into one.
 */
function asBuilt(steps: readonly FibStep[], builtAt: number | undefined, at: number): readonly FibStep[] {
  if (builtAt === undefined || at < builtAt) return steps;
  const before = steps.filter((x) => x.t <= builtAt);
  const last = before[before.length - 1];
  const after = steps.filter((x) => x.t > builtAt);
  return last ? [{ t: builtAt, nextHops: last.nextHops }, ...after] : after;
}

/**
 * The grid at `at` for a router whose FIB for one prefix went through `history` (in time order,
 * only the steps at or before `at` count), its group built at `builtAt` (traffic start) when given.
 * Deterministic: same inputs, same grid.
 */
export function ecmpGridAt(
  ecmp: EcmpSpec,
  hashSeed: number,
  history: readonly FibStep[],
  at: number,
  cells: number = DEFAULT_GRID_CELLS,
  builtAt?: number,
): EcmpGrid {
  const steps = asBuilt(
    history.filter((x) => x.t <= at),
    builtAt,
    at,
  );
  const t0 = steps[0]?.t ?? 0;
  const g = createEcmpGroup(ecmpConfig(ecmp), hashSeed >>> 0, us(t0) as Time);
  let before: (string | null)[] | null = null;
  for (let i = 0; i < steps.length; i++) {
    const st = steps[i]!;
    upkeepUntil(g, st.t);
    if (i === steps.length - 1) before = sample(g, cells);
    g.setNextHops(st.nextHops, us(st.t) as Time);
  }
  upkeepUntil(g, at);
  const now = sample(g, cells);
  // The first list builds the table: nothing moved from anywhere.
  const prev = steps.length > 1 && before ? before : now;
  const moved = new Uint8Array(cells);
  let movedCount = 0;
  for (let i = 0; i < cells; i++) {
    if (prev[i] !== now[i]) {
      moved[i] = 1;
      movedCount++;
    }
  }
  return {
    scheme: ecmp.type,
    cells: now,
    moved,
    movedCount,
    changes: Math.max(0, steps.length - 1),
    changedAt: steps.length > 0 ? steps[steps.length - 1]!.t : null,
    entriesPerCell: isTable(g) ? g.regionCount / cells : 0,
    assumesIdleBuckets: ecmp.type === 'resilient',
  };
}
