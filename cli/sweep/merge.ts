/**
 * `stalepath merge`: joins shard outputs into the file one process would have written. Rows are
 * copied byte for byte and ordered by run index; a run that appears twice, a gap in the run
 * indices, a torn shard (killed and not resumed) or shards of different sweeps are errors, since
 * a silently short result is worse than none.
 */
import { closeSync } from 'node:fs';
import { readInputFile } from '../input-file.js';
import { checkOutputPath, OutputError, openOutputFile, writeAllSync } from '../output-file.js';
import { SweepInputError } from './errors.js';
import { type Format, formatOf, MAX_RESUME_BYTES } from './output.js';

export interface MergeOptions {
  /** Runs the whole sweep has; without it only gaps below the highest run index are detected. */
  readonly runs?: number;
}

interface Line {
  readonly run: number;
  readonly text: string;
  readonly file: string;
}

function read(file: string): string {
  const r = readInputFile(file, 'a sweep output', MAX_RESUME_BYTES);
  if ('error' in r) throw new SweepInputError(r.error);
  return r.text;
}

function runOf(format: Format, line: string, file: string, n: number): number {
  let v: unknown;
  if (format === 'csv') v = Number(line.slice(0, line.indexOf(',')));
  else {
    try {
      v = (JSON.parse(line) as { run?: unknown }).run;
    } catch {
      v = undefined;
    }
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw new SweepInputError(`${file}: line ${n} has no run index; not a sweep output`);
  return v;
}

/** Merges sweep outputs into `out`; returns how many rows it wrote. */
export function mergeOutputs(files: readonly string[], out: string, options: MergeOptions = {}): number {
  if (files.length === 0) throw new SweepInputError('merge: no input files');
  const format = formatOf(out);
  // Checked, not opened: --out may be one of the inputs, which must be read before it is replaced.
  try {
    checkOutputPath(out);
  } catch (e) {
    throw e instanceof OutputError ? new SweepInputError(e.message) : e;
  }
  let header: string | undefined;
  const lines: Line[] = [];
  for (const file of files) {
    if (formatOf(file) !== format)
      throw new SweepInputError(
        `${file}: is ${formatOf(file).toUpperCase()}, but --out ${out} is ${format.toUpperCase()}`,
      );
    const text = read(file);
    if (text !== '' && !text.endsWith('\n'))
      throw new SweepInputError(`${file}: its last line is torn (the sweep was killed); finish it with --resume first`);
    const all = text === '' ? [] : text.slice(0, -1).split('\n');
    let start = 0;
    if (format === 'csv') {
      const h = all[0];
      if (h === undefined || !h.startsWith('run,'))
        throw new SweepInputError(`${file}: has no sweep header (expected "run,point,...")`);
      if (header !== undefined && h !== header)
        throw new SweepInputError(`${file}: its columns differ from ${files[0]}'s; these are different sweeps`);
      header = h;
      start = 1;
    }
    for (let i = start; i < all.length; i++)
      lines.push({ run: runOf(format, all[i], file, i + 1), text: all[i], file });
  }
  lines.sort((a, b) => a.run - b.run);
  const dups: string[] = [];
  for (let i = 1; i < lines.length; i++)
    if (lines[i].run === lines[i - 1].run) dups.push(`run ${lines[i].run} (${lines[i - 1].file}, ${lines[i].file})`);
  if (dups.length > 0)
    throw new SweepInputError(
      `merge: ${dups.length} duplicate run(s): ${dups.slice(0, 10).join('; ')}${dups.length > 10 ? '; …' : ''}`,
    );
  const expected = options.runs ?? (lines.length === 0 ? 0 : lines[lines.length - 1].run + 1);
  const present = new Set(lines.map((l) => l.run));
  const missing: number[] = [];
  for (let r = 0; r < expected; r++) if (!present.has(r)) missing.push(r);
  const extra = lines.filter((l) => l.run >= expected).map((l) => l.run);
  if (extra.length > 0)
    throw new SweepInputError(
      `merge: run ${extra[0]} is beyond --runs ${expected}; these are not shards of that sweep`,
    );
  if (missing.length > 0)
    throw new SweepInputError(
      `merge: ${missing.length} run(s) missing: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''} (a shard not given or not finished?)`,
    );
  const body = lines.map((l) => `${l.text}\n`).join('');
  // A failure here (a full disk) stays an OutputError: exit 1, not "invalid input".
  const fd = openOutputFile(out);
  try {
    writeAllSync(fd, header === undefined ? body : `${header}\n${body}`, out);
  } finally {
    closeSync(fd);
  }
  return lines.length;
}
