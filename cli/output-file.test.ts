// Output paths are checked (and opened) before any simulation; write errors after it are a line
// and a non-zero exit; a reader that goes away (`| head`) ends the command quietly.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errnoText } from './input-file.js';
import { BIN, cli, expectRefused, SCENARIO, tmpDir } from './test-cli.js';

const dir = tmpDir('output');
const missing = join(dir, 'no-such-dir');
const ro = join(dir, 'read-only');
mkdirSync(ro);
chmodSync(ro, 0o555);
const aDir = join(dir, 'a-dir.csv');
mkdirSync(aDir);
const root = process.getuid?.() === 0;
// Under CI a missing /dev/full is a failure, not a skip: the test must run there.
const noDevFull = !existsSync('/dev/full') && process.env.CI !== 'true';
// Refused before the run: no sweep summary ("… runs; ran …") was printed.
const fast = (r: { stderr: string }) => expect(r.stderr).not.toMatch(/runs; ran/);

describe('output paths are checked before any simulation', () => {
  it('run --trace into a missing directory or onto a directory exits 2 with one line, before the run', () => {
    const r = cli(['run', SCENARIO, '--trace', join(missing, 't.jsonl')]);
    expectRefused(r, 2, /t\.jsonl: cannot write \(no such directory: .*no-such-dir\)$/);
    expect(r.stdout).toBe('');
    const d = cli(['run', SCENARIO, '--trace', aDir]);
    expectRefused(d, 2, /a-dir\.csv: is a directory, not an output file$/);
    expect(d.stdout).toBe('');
  });

  it('sweep --out into a missing directory or onto a directory exits 2 before any run', () => {
    const r = cli(['sweep', SCENARIO, '--out', join(missing, 'o.csv')]);
    expectRefused(r, 2, /o\.csv: cannot write \(no such directory: .*no-such-dir\)$/);
    fast(r);
    expectRefused(cli(['sweep', SCENARIO, '--out', aDir]), 2, /a-dir\.csv: is a directory, not an output file$/);
  });

  it('merge and import --out check the path before reading or writing anything', () => {
    const shard = join(dir, 'shard.csv');
    writeFileSync(shard, 'run,point,replicate,seed\n0,0,0,1\n');
    expectRefused(
      cli(['merge', shard, '--out', join(missing, 'm.csv')]),
      2,
      /m\.csv: cannot write \(no such directory: .*no-such-dir\)$/,
    );
    expectRefused(cli(['merge', shard, '--out', aDir]), 2, /a-dir\.csv: is a directory, not an output file$/);
    const manifest = join(dir, 'empty.yaml');
    writeFileSync(manifest, 'kind: BGPPeer\n');
    const r = cli(['import', 'metallb', manifest, '--out', join(missing, 's.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/s\.json: cannot write \(no such directory: .*no-such-dir\)$/);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/^ {4}at /m);
  });

  // As root every directory is writable, so there the refusal's wording is checked on the errno itself.
  it(
    root
      ? 'a permission error on an output reads "permission denied" (checked on EACCES: root writes anywhere)'
      : 'a read-only directory for --trace, --out is refused up front',
    () => {
      if (root) {
        expect(errnoText(Object.assign(new Error('EACCES'), { code: 'EACCES' }))).toBe('permission denied');
        return;
      }
      expectRefused(
        cli(['run', SCENARIO, '--trace', join(ro, 't.jsonl')]),
        2,
        /t\.jsonl: cannot write \(permission denied/,
      );
      expectRefused(
        cli(['sweep', SCENARIO, '--out', join(ro, 'o.csv')]),
        2,
        /o\.csv: cannot write \(permission denied/,
      );
    },
  );
});

describe('write errors are reported, never lost', () => {
  it.skipIf(noDevFull)(
    `run > /dev/full and --trace /dev/full exit 1 with one line instead of losing the output${noDevFull ? ' (skipped: this platform has no /dev/full)' : ''}`,
    () => {
      expectRefused(
        cli(['run', SCENARIO], { stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'] }),
        1,
        /^stdout: cannot write \(no space left on device\)$/,
      );
      expectRefused(
        cli(['run', SCENARIO, '--trace', '/dev/full']),
        1,
        /^\/dev\/full: cannot write \(no space left on device\)$/,
      );
    },
  );

  it('a reader that closes the pipe early (| head) ends the command quietly with exit 0', async () => {
    const child = spawn(process.execPath, [BIN, 'schema'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the first byte: every write is EPIPE
    let stderr = '';
    child.stderr.on('data', (b) => {
      stderr += b;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
