/**
 * A binary min-heap of (time, connection, generation) in typed arrays: connection ends and TCP
 * user-timeout deadlines. Entries are never removed early; the owner skips stale ones when they
 * surface (the connection's generation or deadline no longer matches), so arming is O(log n) and
 * cancelling is free.
 */
export class TimerHeap {
  private t: Float64Array;
  private id: Int32Array;
  private gen: Uint32Array;
  private n = 0;

  constructor(capacity = 1024) {
    this.t = new Float64Array(capacity);
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

  push(time: number, id: number, gen: number): void {
    if (this.n === this.t.length) this.grow();
    let i = this.n++;
    const t = this.t;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (t[p]! <= time) break;
      t[i] = t[p]!;
      this.id[i] = this.id[p]!;
      this.gen[i] = this.gen[p]!;
      i = p;
    }
    t[i] = time;
    this.id[i] = id;
    this.gen[i] = gen;
  }

  pop(): void {
    const n = --this.n;
    if (n === 0) return;
    const t = this.t;
    const time = t[n]!;
    const id = this.id[n]!;
    const gen = this.gen[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && t[c + 1]! < t[c]!) c++;
      if (t[c]! >= time) break;
      t[i] = t[c]!;
      this.id[i] = this.id[c]!;
      this.gen[i] = this.gen[c]!;
      i = c;
    }
    t[i] = time;
    this.id[i] = id;
    this.gen[i] = gen;
  }

  bytes(): number {
    return this.t.byteLength + this.id.byteLength + this.gen.byteLength;
  }

  private grow(): void {
    const cap = Math.ceil(this.t.length * 1.5) + 16;
    const t = new Float64Array(cap);
    const id = new Int32Array(cap);
    const gen = new Uint32Array(cap);
    t.set(this.t);
    id.set(this.id);
    gen.set(this.gen);
    this.t = t;
    this.id = id;
    this.gen = gen;
  }
}
