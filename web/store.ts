/**
 * The UI's own state, kept as immutable immer snapshots: every change is a recipe, every view
 * re-renders from the snapshot it is handed. Runs (large, already frozen traces) live in a
 * registry beside the store and are referenced by id.
 */
import { type Draft, freeze, produce } from 'immer';

export interface UiState {
  readonly picked: string;
  /** The scenario being edited, as parsed JSON (null when the text does not parse). */
  readonly json: unknown;
  readonly text: string;
  readonly errors: readonly string[];
  /** The loader's warnings on a valid scenario, shown beside it. */
  readonly warnings: readonly string[];
  readonly seed: number | null;
  /** What is wrong with the seed box's text, shown beside it; null when it is fine. */
  readonly seedError: string | null;
  readonly status: { readonly running: boolean; readonly phase: string; readonly fraction: number };
  readonly runId: number | null;
  readonly baselineId: number | null;
  /** Cursor time, µs. */
  readonly cursor: number;
  readonly playing: boolean;
  /** Simulated seconds per real second. */
  readonly speed: number;
  /** Events per real second when playing event by event; 0 plays in time at `speed`. */
  readonly eventsPerSecond: number;
}

export type Listener<S> = (state: S, previous: S) => void;

export class Store<S> {
  private current: S;
  private readonly listeners = new Set<Listener<S>>();

  constructor(initial: S) {
    this.current = freeze(initial, true);
  }

  get state(): S {
    return this.current;
  }

  update(recipe: (draft: Draft<S>) => void): void {
    const prev = this.current;
    const next = produce(prev, recipe);
    if (next === prev) return;
    this.current = next;
    for (const l of this.listeners) l(next, prev);
  }

  subscribe(l: Listener<S>): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

export function initialUiState(picked: string, text: string): UiState {
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return {
    picked,
    json,
    text,
    errors: [],
    warnings: [],
    seed: null,
    seedError: null,
    status: { running: false, phase: '', fraction: 0 },
    runId: null,
    baselineId: null,
    cursor: 0,
    playing: false,
    speed: 10,
    eventsPerSecond: 0,
  };
}
