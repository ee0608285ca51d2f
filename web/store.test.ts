import { describe, expect, it } from 'vitest';
import { initialUiState, Store } from './store.js';

describe('UI store', () => {
  it('hands listeners a new frozen snapshot and the previous one', () => {
    const store = new Store(initialUiState('a', '{"name":"a"}'));
    const seen: [number, number][] = [];
    store.subscribe((next, prev) => seen.push([next.cursor, prev.cursor]));
    const before = store.state;
    store.update((d) => {
      d.cursor = 5;
    });
    expect(seen).toEqual([[5, 0]]);
    expect(before.cursor).toBe(0);
    expect(Object.isFrozen(store.state)).toBe(true);
    expect(store.state.status).toBe(before.status);
  });

  it('does not notify when a recipe changes nothing', () => {
    const store = new Store(initialUiState('a', '{}'));
    let calls = 0;
    store.subscribe(() => calls++);
    store.update((d) => {
      d.cursor = 0;
    });
    expect(calls).toBe(0);
  });

  it('keeps text that does not parse, with no JSON', () => {
    expect(initialUiState('a', '{oops').json).toBeNull();
  });
});
