// What the importer tells the user besides the scenario: defaults it applied, what each router
// config line set, fields it read but does not model, assumptions it made, and conflicts it
// resolved. One line each, with where.

export type NoteLevel = 'default' | 'set' | 'ignored' | 'assumed' | 'warning';

export interface ImportNote {
  readonly level: NoteLevel;
  /** File, line, document and field path, or the scenario element the note is about. */
  readonly where: string;
  readonly message: string;
}

/** Where a manifest came from: file, 1-based document number, object, and a line finder. */
export interface Origin {
  readonly file: string;
  readonly doc: number;
  readonly kind: string;
  readonly name: string;
  /** Path prefix inside the document (non-empty for an item of a List). */
  readonly base?: readonly (string | number)[];
  readonly lineOf: (path: readonly (string | number)[]) => number | undefined;
}

export function fieldPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** "peers.yaml:12 (document 2, BGPPeer router-b) spec.vrf" */
export function originWhere(o: Origin, path: readonly (string | number)[] = []): string {
  const full = [...(o.base ?? []), ...path];
  const line = o.lineOf(full);
  const what = o.kind === '?' ? '' : `, ${o.kind} ${o.name}`;
  const fp = fieldPath(full);
  return `${o.file}${line ? `:${line}` : ''} (document ${o.doc}${what})${fp ? ` ${fp}` : ''}`;
}

export function formatNote(n: ImportNote): string {
  return `${n.level.padEnd(7)} ${n.where}: ${n.message}`;
}
