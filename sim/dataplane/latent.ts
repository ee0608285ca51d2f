/**
 * Latent connections (issue 13): a connection opened through a healthy group, whose forwarding no
 * event has touched since, is fully described by its draws — it delivers to the node it hashed to
 * from its birth to its planned end. Such a connection is kept as one compact record here (no
 * table slot, no timer, no lane or region link, no rate-sum update) and costs its closed form
 * (closed-form.ts) when it ends or when its totals are read. The data plane materialises a group's
 * records into its connection table only when a forwarding change, a node failure or a path
 * change touches the group (DataPlane.materialise), each one exactly as if it had been in the
 * table since its birth.
 */

export class LatentStore {
  n = 0;
  /** Birth, planned end, and the µs its totals were brought up to (closed form from there). */
  born = new Float64Array(0);
  end = new Float64Array(0);
  from = new Float64Array(0);
  hash = new Uint32Array(0);
  phase = new Float32Array(0);
  /** Its open ordinal in the group (its canonical key with the group: DataPlane.keyOf). */
  ordinal = new Uint32Array(0);
  pps = new Float32Array(0);
  bytes = new Uint16Array(0);
  node = new Int32Array(0);
  slot = new Int16Array(0);
  /** Its key (for a reconnect after materialisation); keyed 0 when opened from a bare hash. */
  src = new Uint32Array(0);
  dst = new Uint32Array(0);
  srcPort = new Uint16Array(0);
  dstPort = new Uint16Array(0);
  protocol = new Uint8Array(0);
  /** Records held before the next sweep of ended ones. */
  sweepAt = 4096;

  static readonly BYTES_PER_RECORD = 8 * 3 + 4 * 4 + 2 + 4 + 2 + 4 + 4 + 2 + 2 + 1;

  storageBytes(): number {
    return this.born.length * LatentStore.BYTES_PER_RECORD;
  }

  push(
    born: number,
    end: number,
    hash: number,
    phase: number,
    ordinal: number,
    pps: number,
    bytes: number,
    node: number,
    slot: number,
    src: number,
    dst: number,
    srcPort: number,
    dstPort: number,
    protocol: number,
  ): void {
    const i = this.n;
    if (i === this.born.length) this.grow(Math.max(256, i * 2));
    this.born[i] = born;
    this.end[i] = end;
    this.from[i] = born;
    this.hash[i] = hash;
    this.phase[i] = phase;
    this.ordinal[i] = ordinal;
    this.pps[i] = pps;
    this.bytes[i] = bytes;
    this.node[i] = node;
    this.slot[i] = slot;
    this.src[i] = src;
    this.dst[i] = dst;
    this.srcPort[i] = srcPort;
    this.dstPort[i] = dstPort;
    this.protocol[i] = protocol;
    this.n = i + 1;
  }

  /** Drops every record and its storage (all materialised). */
  clear(): void {
    this.n = 0;
    this.sweepAt = 4096;
    if (this.born.length > 0) this.grow(0);
  }

  /** Copies record `i` to `j` (j ≤ i), for in-place compaction. */
  move(i: number, j: number): void {
    this.born[j] = this.born[i]!;
    this.end[j] = this.end[i]!;
    this.from[j] = this.from[i]!;
    this.hash[j] = this.hash[i]!;
    this.phase[j] = this.phase[i]!;
    this.ordinal[j] = this.ordinal[i]!;
    this.pps[j] = this.pps[i]!;
    this.bytes[j] = this.bytes[i]!;
    this.node[j] = this.node[i]!;
    this.slot[j] = this.slot[i]!;
    this.src[j] = this.src[i]!;
    this.dst[j] = this.dst[i]!;
    this.srcPort[j] = this.srcPort[i]!;
    this.dstPort[j] = this.dstPort[i]!;
    this.protocol[j] = this.protocol[i]!;
  }

  private grow(cap: number): void {
    const g = <
      T extends Float64Array | Float32Array | Uint32Array | Int32Array | Uint16Array | Int16Array | Uint8Array,
    >(
      old: T,
      make: (n: number) => T,
    ): T => {
      const a = make(cap);
      if (cap >= old.length) a.set(old as never);
      return a;
    };
    this.born = g(this.born, (n) => new Float64Array(n));
    this.end = g(this.end, (n) => new Float64Array(n));
    this.from = g(this.from, (n) => new Float64Array(n));
    this.hash = g(this.hash, (n) => new Uint32Array(n));
    this.phase = g(this.phase, (n) => new Float32Array(n));
    this.ordinal = g(this.ordinal, (n) => new Uint32Array(n));
    this.pps = g(this.pps, (n) => new Float32Array(n));
    this.bytes = g(this.bytes, (n) => new Uint16Array(n));
    this.node = g(this.node, (n) => new Int32Array(n));
    this.slot = g(this.slot, (n) => new Int16Array(n));
    this.src = g(this.src, (n) => new Uint32Array(n));
    this.dst = g(this.dst, (n) => new Uint32Array(n));
    this.srcPort = g(this.srcPort, (n) => new Uint16Array(n));
    this.dstPort = g(this.dstPort, (n) => new Uint16Array(n));
    this.protocol = g(this.protocol, (n) => new Uint8Array(n));
  }
}
