/**
 * Per-session wake-up times of one speaker, kept in an indexed binary min-heap so the speaker's next
 * deadline is read in O(1) and a session's new deadline costs O(log n), not a scan of every
 * session after every step (a route server with 1,000 members would scan 1,000 sessions per message).
 * A session's key changes only when the speaker steps it or sets its initial-update time, and the
 * speaker reports each change with `set`.
 */
export class DeadlineIndex {
  private readonly key: Float64Array;
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private readonly n: number;
  private readonly stack: Int32Array;
  /**
   * The key of a one-session index (a node's speaker), kept in a field rather than in `key`: set at
   * every step of each of a route server's thousand members, one object fewer to reach each time.
   */
  private only: number;

  constructor(n: number, initial: number) {
    this.n = n;
    this.only = initial;
    this.key = new Float64Array(n).fill(initial);
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n);
    this.stack = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      this.heap[i] = i;
      this.pos[i] = i;
    }
  }

  /** The earliest key, or `empty` when there are no sessions. */
  min(empty: number): number {
    const n = this.n;
    // One session (a node's speaker): its key is the minimum, without reading the heap.
    if (n === 1) return this.only;
    return n === 0 ? empty : this.key[this.heap[0]];
  }

  set(i: number, k: number): void {
    // One session: a one-entry heap needs no reordering.
    if (this.n === 1) {
      this.only = k;
      return;
    }
    const old = this.key[i];
    if (k === old) return;
    this.key[i] = k;
    if (k < old) this.up(this.pos[i]);
    else this.down(this.pos[i]);
  }

  /** The smallest session index above `after` whose key is ≤ `t`, or -1 (visits only the due entries). */
  firstDueAfter(t: number, after: number): number {
    let best = -1;
    if (this.n === 1) return after < 0 && this.only <= t ? 0 : -1;
    if (this.n === 0 || this.key[this.heap[0]] > t) return best;
    const stack = this.stack;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const p = stack[--top];
      const i = this.heap[p];
      if (this.key[i] > t) continue;
      if (i > after && (best < 0 || i < best)) best = i;
      const c = 2 * p + 1;
      if (c < this.n) stack[top++] = c;
      if (c + 1 < this.n) stack[top++] = c + 1;
    }
    return best;
  }

  private up(p: number): void {
    const { key, heap, pos } = this;
    const i = heap[p];
    const k = key[i];
    while (p > 0) {
      const q = (p - 1) >> 1;
      const j = heap[q];
      if (key[j] <= k) break;
      heap[p] = j;
      pos[j] = p;
      p = q;
    }
    heap[p] = i;
    pos[i] = p;
  }

  private down(p: number): void {
    const { key, heap, pos, n } = this;
    const i = heap[p];
    const k = key[i];
    for (;;) {
      let c = 2 * p + 1;
      if (c >= n) break;
      if (c + 1 < n && key[heap[c + 1]] < key[heap[c]]) c++;
      const j = heap[c];
      if (k <= key[j]) break;
      heap[p] = j;
      pos[j] = p;
      p = c;
    }
    heap[p] = i;
    pos[i] = p;
  }
}
