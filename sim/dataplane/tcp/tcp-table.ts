/**
 * The per-connection TCP state the data plane keeps beside its connection table (same slot ids):
 * where a stall stands in its retransmission schedule, when the path came back during it, and
 * what a reconnect needs (the flow key and the planned end). Typed arrays, about 30 bytes a slot.
 */
export class TcpTable {
  capacity = 0;
  /** Retransmission-timer expiries so far in the current stall. */
  retx!: Uint16Array;
  /** When the path became deliverable again during the current stall (−1: it has not). */
  pathBack!: Float64Array;
  /** The planned end of the connection's lifetime. */
  endAt!: Float64Array;
  srcIp!: Uint32Array;
  dstIp!: Uint32Array;
  srcPort!: Uint16Array;
  dstPort!: Uint16Array;
  protocol!: Uint8Array;
  /** 1 when opened from a flow key (a reconnect can change its port), 0 when from a bare hash. */
  keyed!: Uint8Array;

  static readonly BYTES_PER_SLOT = 2 + 8 + 8 + 4 + 4 + 2 + 2 + 1 + 1;

  bytes(): number {
    return this.capacity * TcpTable.BYTES_PER_SLOT;
  }

  ensure(capacity: number): void {
    if (capacity <= this.capacity) return;
    const grow = <T extends Uint32Array | Uint16Array | Uint8Array | Float64Array>(
      old: T | undefined,
      make: (n: number) => T,
    ): T => {
      const a = make(capacity);
      if (old) a.set(old as never);
      return a;
    };
    this.retx = grow(this.retx, (n) => new Uint16Array(n));
    this.pathBack = grow(this.pathBack, (n) => new Float64Array(n));
    this.endAt = grow(this.endAt, (n) => new Float64Array(n));
    this.srcIp = grow(this.srcIp, (n) => new Uint32Array(n));
    this.dstIp = grow(this.dstIp, (n) => new Uint32Array(n));
    this.srcPort = grow(this.srcPort, (n) => new Uint16Array(n));
    this.dstPort = grow(this.dstPort, (n) => new Uint16Array(n));
    this.protocol = grow(this.protocol, (n) => new Uint8Array(n));
    this.keyed = grow(this.keyed, (n) => new Uint8Array(n));
    this.capacity = capacity;
  }
}
