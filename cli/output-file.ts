/**
 * Output files and standard output, with every failure a clear line. Output paths are checked
 * (and, where nothing else reads them first, opened) before any simulation, so a typo in a
 * directory name costs nothing; a write that fails later (a full disk) is reported, never lost.
 * Writes go straight to the kernel with writeSync, so an error surfaces where it happens rather
 * than in a stream 'error' event after the process has already exited 0.
 */
import { accessSync, constants, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { errnoText } from './input-file.js';

/** An output that cannot be opened or written; its message is the whole line to print. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

function openError(file: string, e: unknown): OutputError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EISDIR') return new OutputError(`${file}: is a directory, not an output file`);
  if (code === 'ENOENT') return new OutputError(`${file}: cannot write (no such directory: ${dirname(file)})`);
  return new OutputError(`${file}: cannot write (${errnoText(e)})`);
}

/** Throws OutputError unless `file` could be created or overwritten; creates nothing. */
export function checkOutputPath(file: string): void {
  if (existsSync(file)) {
    const st = statSync(file);
    if (st.isDirectory()) throw new OutputError(`${file}: is a directory, not an output file`);
    try {
      accessSync(file, constants.W_OK);
    } catch (e) {
      throw openError(file, e);
    }
    return;
  }
  const dir = dirname(resolve(file));
  if (!existsSync(dir)) throw new OutputError(`${file}: cannot write (no such directory: ${dirname(file)})`);
  if (!statSync(dir).isDirectory())
    throw new OutputError(`${file}: cannot write (${dirname(file)} is not a directory)`);
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new OutputError(`${file}: cannot write (${errnoText(e)} in ${dirname(file)})`);
  }
}

/** Opens `file` for writing (truncating it); throws OutputError with the reason. */
export function openOutputFile(file: string, flags = 'w'): number {
  if (existsSync(file) && statSync(file).isDirectory())
    throw new OutputError(`${file}: is a directory, not an output file`);
  try {
    return openSync(file, flags);
  } catch (e) {
    throw openError(file, e);
  }
}

/** Writes every byte of `text` to `fd` (writeSync may write less than asked); OutputError on failure. */
export function writeAllSync(fd: number, text: string | Buffer, name: string): void {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      // A non-blocking pipe that is full: wait for the reader.
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') throw e;
      throw new OutputError(`${name}: cannot write (${errnoText(e)})`);
    }
  }
}

/**
 * Writes to standard output. The reader going away (`| head`) ends the command quietly with 0;
 * any other failure (`> /dev/full`) is one line on stderr and exit 1, never a lost summary.
 */
export function writeStdout(text: string): void {
  try {
    writeAllSync(1, text, 'stdout');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
}
