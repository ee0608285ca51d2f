/**
 * Reads an input file (scenario, manifest, router config, shard output) checked before it is
 * read: opened without blocking (a FIFO with no writer would otherwise hang the open), checked
 * with fstat to be a regular file no bigger than the limit, then read with a bound (a file whose
 * size fstat does not know, such as /proc's, still cannot grow past the limit). Every way it can
 * fail is one line naming the file.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** The scenario loader's own limit (sim/scenario/load.ts MAX_BYTES); manifests and configs share it. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export type InputText = { readonly text: string } | { readonly error: string };

const MiB = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EROFS':
      return 'read-only file system';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENAMETOOLONG':
      return 'file name too long';
    default:
      return code ?? String((e as Error)?.message ?? e);
  }
}

/**
 * The text of `file`. `what` names the expected content in the "is a directory" line
 * ("a scenario file"); `limit` is the largest size accepted, in bytes.
 */
export function readInputFile(file: string, what = 'a file', limit = MAX_INPUT_BYTES): InputText {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') return { error: `${file}: is a directory, not ${what}` };
    return { error: `${file}: cannot read (${errnoText(e)})` };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { error: `${file}: is a directory, not ${what}` };
    if (!st.isFile()) return { error: `${file}: is ${kindOf(st)}, not ${what}; give a regular file` };
    if (st.size > limit) return { error: `${file}: is ${MiB(st.size)}; the limit is ${MiB(limit)}` };
    return readBounded(fd, file, limit);
  } catch (e) {
    return { error: `${file}: cannot read (${errnoText(e)})` };
  } finally {
    closeSync(fd);
  }
}

/** Standard input (`-`), read with the same bound: `< /dev/zero` stops at the limit. */
export function readStdin(limit = MAX_INPUT_BYTES): InputText {
  try {
    return readBounded(0, '<stdin>', limit);
  } catch (e) {
    return { error: `<stdin>: cannot read (${errnoText(e)})` };
  }
}

function readBounded(fd: number, file: string, limit: number): InputText {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      // A non-blocking pipe with nothing in it yet: wait a moment and read again.
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      continue;
    }
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
    if (total > limit) return { error: `${file}: is larger than the limit of ${MiB(limit)}` };
  }
  return { text: Buffer.concat(chunks, total).toString('utf8') };
}
