/**
 * The sweep's output file, CSV or JSON Lines by extension, written row by row in run order.
 * Workers finish out of order; rows wait in a buffer until every earlier run is written, so the
 * file is always a prefix of the finished one. Each row goes to the kernel as soon as it is in
 * order (writeSync, no user-space buffer), which is what lets `--resume` pick up after a SIGKILL:
 * it keeps the complete lines, drops a torn last one, and runs only what is missing.
 */
import { closeSync, existsSync, statSync, truncateSync } from 'node:fs';
import { extname } from 'node:path';
import { readInputFile } from '../input-file.js';
import { OutputError, openOutputFile, writeAllSync } from '../output-file.js';
import { SweepInputError } from './errors.js';
import type { ParamValue } from './grid.js';
import { ID_COLUMNS, type Row, type RunId } from './row.js';

export type Format = 'csv' | 'jsonl';

export function formatOf(file: string): Format {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new SweepInputError(`${file}: the output must end in .csv or .jsonl`);
}

function csvField(v: ParamValue): string {
  const t = String(v);
  return /[",\r\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
}

export function headerText(format: Format, columns: readonly string[]): string {
  return format === 'csv' ? `${columns.map(csvField).join(',')}\n` : '';
}

export function rowText(format: Format, columns: readonly string[], row: readonly ParamValue[]): string {
  if (format === 'csv') return `${row.map(csvField).join(',')}\n`;
  const o: Record<string, ParamValue> = {};
  columns.forEach((c, i) => {
    o[c] = row[i];
  });
  return `${JSON.stringify(o)}\n`;
}

/** The text a row of this run starts with: identity columns in the output's own formatting. */
function idPrefix(format: Format, id: RunId): string {
  const t = rowText(format, ID_COLUMNS, [id.run, id.point, id.replicate, id.seed]);
  return format === 'csv' ? `${t.slice(0, -1)},` : `${t.slice(0, -2)},`;
}

/** Number of fields in one CSV line (quotes respected). */
export function csvFieldCount(line: string): number {
  let n = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) n++;
  }
  return n;
}

export interface OutputSpec {
  readonly file: string;
  readonly format: Format;
  readonly columns: readonly string[];
  /** The runs this process owns, in the order they go into the file. */
  readonly order: readonly number[];
  readonly runId: (run: number) => RunId;
  /** Reruns one run (resume checks the last kept row against it). */
  readonly recompute?: (run: number) => Row;
}

export interface OpenedOutput {
  readonly fd: number;
  /** How many runs of `order` the file already holds (0 unless resuming). */
  readonly done: number;
}

/** Opens the output fresh, or (resume) keeps its valid prefix and reports how far it got. */
export function openOutput(spec: OutputSpec, resume: boolean): OpenedOutput {
  const { file } = spec;
  if (existsSync(file) && statSync(file).isDirectory())
    throw new SweepInputError(`${file}: is a directory, not an output file`);
  if (!resume || !existsSync(file)) {
    if (!resume && existsSync(file))
      throw new SweepInputError(`${file}: already exists (add --resume to continue that sweep, or remove it)`);
    const fd = openSafe(file, 'w');
    writeAll(fd, headerText(spec.format, spec.columns), file);
    return { fd, done: 0 };
  }
  const read = readInputFile(file, 'an output file', MAX_RESUME_BYTES);
  if ('error' in read) throw new SweepInputError(read.error);
  const text = read.text;
  const keep = validPrefix(spec, text);
  if (keep.rows > 0 && spec.recompute) {
    // The rows name their runs and seeds but not the scenario text or the simulator version:
    // rerun the last kept run and require the very same bytes before trusting the others.
    const last = spec.order[keep.rows - 1];
    if (text.slice(keep.lastRow, keep.chars) !== rowText(spec.format, spec.columns, spec.recompute(last)))
      throw new SweepInputError(
        `${file}: cannot resume: run ${last} now gives a different row than the file holds (the scenario or stalepath changed since it was written)`,
      );
  }
  truncateSync(file, keep.bytes);
  const fd = openSafe(file, 'a');
  if (keep.bytes === 0) writeAll(fd, headerText(spec.format, spec.columns), file);
  return { fd, done: keep.rows };
}

/** Resume and merge hold a whole output in one string; V8 strings end a little below 512 MiB. */
export const MAX_RESUME_BYTES = 500 * 1024 * 1024;

function openSafe(file: string, flags: string): number {
  try {
    return openOutputFile(file, flags);
  } catch (e) {
    throw e instanceof OutputError ? new SweepInputError(e.message) : e;
  }
}

/** The byte length of the complete, matching lines of an existing output, and how many rows they are. */
export function validPrefix(
  spec: OutputSpec,
  text: string,
): { bytes: number; rows: number; chars: number; lastRow: number } {
  const header = headerText(spec.format, spec.columns);
  const mismatch = (why: string) =>
    new SweepInputError(`${spec.file}: cannot resume: ${why}; it was written by a different sweep`);
  if (!text.startsWith(header)) {
    // Killed while writing the header itself: start over.
    if (header.startsWith(text)) return { bytes: 0, rows: 0, chars: 0, lastRow: 0 };
    throw mismatch('its header differs from this sweep’s columns');
  }
  let pos = header.length;
  let lastRow = pos;
  let rows = 0;
  const width = spec.columns.length;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) break; // a torn last line (or nothing): dropped
    const line = text.slice(pos, nl);
    if (rows >= spec.order.length) throw mismatch(`it holds more rows than this sweep's ${spec.order.length} runs`);
    const id = spec.runId(spec.order[rows]);
    if (!line.startsWith(idPrefix(spec.format, id)))
      throw mismatch(`row ${rows + 1} is not run ${id.run} with seed ${id.seed}`);
    if (!wellFormed(spec.format, line, width)) throw mismatch(`row ${rows + 1} is malformed`);
    rows++;
    lastRow = pos;
    pos = nl + 1;
  }
  return { bytes: Buffer.byteLength(text.slice(0, pos), 'utf8'), rows, chars: pos, lastRow };
}

function wellFormed(format: Format, line: string, width: number): boolean {
  if (format === 'csv') return csvFieldCount(line) === width;
  try {
    const o = JSON.parse(line) as unknown;
    return typeof o === 'object' && o !== null && Object.keys(o).length === width;
  } catch {
    return false;
  }
}

/** Buffers rows that finish early and writes the longest in-order prefix as soon as it exists. */
export class OrderedWriter {
  private readonly pending = new Map<number, string>();
  private next: number;

  constructor(
    private readonly fd: number,
    private readonly spec: OutputSpec,
    done: number,
  ) {
    this.next = done;
  }

  /** Rows written so far (including those kept on resume). */
  get written(): number {
    return this.next;
  }

  put(run: number, row: Row): void {
    this.pending.set(run, rowText(this.spec.format, this.spec.columns, row));
    let chunk = '';
    for (;;) {
      const r = this.spec.order[this.next];
      const text = r === undefined ? undefined : this.pending.get(r);
      if (text === undefined) break;
      this.pending.delete(r);
      chunk += text;
      this.next++;
    }
    if (chunk !== '') writeAll(this.fd, chunk, this.spec.file);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Every byte to the kernel; a failed write (a full disk) is an OutputError naming the file. */
function writeAll(fd: number, text: string, file: string): void {
  writeAllSync(fd, text, file);
}
