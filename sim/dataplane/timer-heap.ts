/**
 * A binary min-heap of (time, key, connection, generation) in typed arrays: connection ends, TCP
 * retransmission deadlines and moved connections' next packets. Entries are never removed early;
 * the owner skips stale ones when they surface (the connection's generation or deadline no longer
 * matches), so arming is O(log n) and cancelling is free.
 *
 * Entries due in the same µs pop in the order of their `key` (the connection's canonical key,
 * DataPlane.keyOf: its group and open ordinal), not in the order they were pushed: what happens
 * within one µs is then a pure function of the connections, not of the history of the lists they
 * were found through (region and lane lists, latent records materialised, heap shape).
 */
export class TimerHeap {
  private t: Float64Array;
  private k: Float64Array;
  private id: Int32Array;
  private gen: Uint32Array;
  private n = 0;

  constructor(capacity = 1024) {
    this.t = new Float64Array(capacity);
    this.k = new Float64Array(capacity);
    this.id = new Int32Array(capacity);
    this.gen = new Uint32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  topTime(): number {
    return this.n === 0 ? Number.POSITIVE_INFINITY : this.t[0]!;
  }
  topId(): number {
    return this.id[0]!;
  }
  topGen(): number {
    return this.gen[0]!;
  }

  push(time: number, key: number, id: number, gen: number): void {
    if (this.n === this.t.length) this.grow();
    let i = this.n++;
    const t = this.t;
    const k = this.k;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const tp = t[p]!;
      if (tp < time || (tp === time && k[p]! <= key)) break;
      t[i] = tp;
      k[i] = k[p]!;
      this.id[i] = this.id[p]!;
      this.gen[i] = this.gen[p]!;
      i = p;
    }
    t[i] = time;
    k[i] = key;
    this.id[i] = id;
    this.gen[i] = gen;
  }

  pop(): void {
    const n = --this.n;
    if (n === 0) return;
    const t = this.t;
    const k = this.k;
    const time = t[n]!;
    const key = k[n]!;
    const id = this.id[n]!;
    const gen = this.gen[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n) {
        const a = t[c]!;
        const b = t[c + 1]!;
        if (b < a || (b === a && k[c + 1]! < k[c]!)) c++;
      }
      const tc = t[c]!;
      if (tc > time || (tc === time && k[c]! >= key)) break;
      t[i] = tc;
      k[i] = k[c]!;
      this.id[i] = this.id[c]!;
      this.gen[i] = this.gen[c]!;
      i = c;
    }
    t[i] = time;
    k[i] = key;
    this.id[i] = id;
    this.gen[i] = gen;
  }

  bytes(): number {
    return this.t.byteLength + this.k.byteLength + this.id.byteLength + this.gen.byteLength;
  }

  private grow(): void {
    const cap = Math.ceil(this.t.length * 1.5) + 16;
    const t = new Float64Array(cap);
    const k = new Float64Array(cap);
    const id = new Int32Array(cap);
    const gen = new Uint32Array(cap);
    t.set(this.t);
    k.set(this.k);
    id.set(this.id);
    gen.set(this.gen);
    this.t = t;
    this.k = k;
    this.id = id;
    this.gen = gen;
  }
}
