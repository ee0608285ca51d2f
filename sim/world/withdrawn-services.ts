/**
 * The services a node's speaker does not advertise (MetalLB: those it is not an announcer of, plus
 * what policy changes withdrew): at first every service of the scenario but the node's own, then
 * edited by policy changes. Kept as that rule plus the edits, not as a set of names per node: with a
 * thousand nodes and a thousand services the sets alone held a million entries.
 */
export class WithdrawnServices {
  /** Names edited since the start: true withdrawn, false advertised. */
  private edits: Map<string, boolean> | null = null;

  constructor(
    /** Every service name of the scenario (shared by the nodes). */
    private readonly all: ReadonlySet<string>,
    /** The node's own services. */
    private readonly own: readonly string[],
  ) {}

  has(name: string): boolean {
    const e = this.edits?.get(name);
    if (e !== undefined) return e;
    return this.all.has(name) && !this.own.includes(name);
  }

  add(name: string): void {
    (this.edits ??= new Map()).set(name, true);
  }

  delete(name: string): void {
    (this.edits ??= new Map()).set(name, false);
  }
}
