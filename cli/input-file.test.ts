// Input files are checked before they are read: FIFOs, devices, directories, oversized files and
// unbounded standard input each end in one line and exit 2, quickly, for every command that reads.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errnoText, MAX_INPUT_BYTES } from './input-file.js';
import { cli, expectRefused, SCENARIO, tmpDir } from './test-cli.js';

const dir = tmpDir('input');
const fifo = join(dir, 'fifo.json');
const hasMkfifo = (() => {
  try {
    execFileSync('mkfifo', [fifo]);
    return true;
  } catch {
    return false;
  }
})();
const sub = join(dir, 'a-directory.json');
mkdirSync(sub);
// A sparse file: 17 MB on paper, nothing on disk.
const big = join(dir, 'big.json');
const fd = openSync(big, 'w');
ftruncateSync(fd, MAX_INPUT_BYTES + 1024 * 1024);
closeSync(fd);

describe('input files are checked before they are read', () => {
  it.skipIf(!hasMkfifo)(
    `a FIFO as the scenario, manifest, router config or shard file is refused at once, not waited on${hasMkfifo ? '' : ' (skipped: no mkfifo here)'}`,
    () => {
      expectRefused(cli(['validate', fifo]), 2, /fifo\.json: is a FIFO, not a scenario file/);
      expectRefused(cli(['run', fifo]), 2, /fifo\.json: is a FIFO/);
      expectRefused(cli(['import', 'metallb', fifo]), 2, /fifo\.json: is a FIFO/);
      expectRefused(cli(['import', 'metallb', '--router-config', fifo, '--', SCENARIO]), 2, /fifo\.json: is a FIFO/);
      expectRefused(cli(['sweep', fifo, '--out', join(dir, 'o.csv')]), 2, /fifo\.json: is a FIFO/);
    },
  );

  it.skipIf(!existsSync('/dev/zero'))(
    `/dev/zero is refused as not a regular file instead of being read until memory runs out${existsSync('/dev/zero') ? '' : ' (skipped: no /dev/zero here)'}`,
    () => {
      expectRefused(cli(['validate', '/dev/zero']), 2, /^\/dev\/zero: is a character device, not a scenario file/);
      expectRefused(cli(['import', 'metallb', '/dev/zero']), 2, /^\/dev\/zero: is a character device/);
    },
  );

  it('standard input is read with the same bound: `import metallb - < /dev/zero` stops at the limit', () => {
    const input = Buffer.alloc(MAX_INPUT_BYTES + 1);
    expectRefused(cli(['import', 'metallb', '-'], { input }), 2, /^<stdin>: is larger than the limit of 16 MB$/);
  });

  it('a directory, a missing file and an oversized file are one line each, exit 2', () => {
    expectRefused(cli(['validate', sub]), 2, /a-directory\.json: is a directory, not a scenario file$/);
    expectRefused(cli(['validate', join(dir, 'nope.json')]), 2, /nope\.json: cannot read \(no such file\)$/);
    expectRefused(cli(['validate', big]), 2, /big\.json: is 17 MB; the limit is 16 MB$/);
    expectRefused(cli(['import', 'metallb', big, sub]), 2, /big\.json: is 17 MB/, /a-directory\.json: is a directory/);
  });

  it('merge refuses shard files that are directories or missing, naming each', () => {
    expectRefused(
      cli(['merge', join(dir, 'nope.csv'), '--out', join(dir, 'm.csv')]),
      2,
      /nope\.csv: cannot read \(no such file\)$/,
    );
    const d = join(dir, 'shard-dir.csv');
    mkdirSync(d);
    expectRefused(
      cli(['merge', d, '--out', join(dir, 'm.csv')]),
      2,
      /shard-dir\.csv: is a directory, not a sweep output$/,
    );
  });

  // As root the kernel grants every read, so there the refusal's wording is checked on the errno itself.
  const root = process.getuid?.() === 0;
  it(
    root
      ? 'a permission error reads "permission denied" (checked on EACCES: root reads any file)'
      : 'an unreadable file is one line, exit 2',
    () => {
      if (root) {
        expect(errnoText(Object.assign(new Error('EACCES'), { code: 'EACCES' }))).toBe('permission denied');
        return;
      }
      const f = join(dir, 'secret.json');
      closeSync(openSync(f, 'w', 0o000));
      expectRefused(cli(['validate', f]), 2, /secret\.json: cannot read \(permission denied\)$/);
    },
  );
});

describe('YAML in `import metallb` is parsed with alias limits', () => {
  const write = (name: string, text: string) => {
    const f = join(dir, name);
    execFileSync('sh', ['-c', 'cat > "$0"', f], { input: text });
    return f;
  };

  it('a billion-laughs alias bomb is a YAML error with its file and line, not an expansion', () => {
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [x, y] of ['ba', 'cb', 'dc', 'ed', 'fe', 'gf', 'hg'])
      rows.push(`${x}: &${x} [${Array(9).fill(`*${y}`).join(',')}]`);
    const f = write('bomb.yaml', `${rows.join('\n')}\n`);
    expectRefused(
      cli(['import', 'metallb', f]),
      2,
      /bomb\.yaml:2 \(document 1\): YAML: aliases expand more than 100 times/,
    );
  });

  it('a recursive anchor is a YAML error, not a circular object', () => {
    const f = write('rec.yaml', 'kind: BGPPeer\nmetadata: &a\n  name: *a\n');
    expectRefused(
      cli(['import', 'metallb', f]),
      2,
      /rec\.yaml:3 \(document 1\): YAML: anchor &a contains an alias to itself/,
    );
  });

  it('an alias to an anchor of an earlier document is a YAML error naming the line', () => {
    const peer =
      'apiVersion: metallb.io/v1beta2\nkind: BGPPeer\nmetadata:\n  name: p\n  namespace: metallb-system\nspec:\n  myASN: &asn 64500\n  peerASN: 64501\n  peerAddress: 10.0.0.1\n';
    const f = write(
      'cross.yaml',
      `${peer}---\napiVersion: metallb.io/v1beta2\nkind: BGPPeer\nmetadata:\n  name: q\nspec:\n  myASN: *asn\n`,
    );
    expectRefused(
      cli(['import', 'metallb', f]),
      2,
      /cross\.yaml:16 \(document 2\): YAML: alias \*asn has no anchor &asn before it in this document/,
    );
  });

  it('plain YAML syntax errors keep their file and line', () => {
    const f = write('broken.yaml', 'kind: BGPPeer\nspec: [1, 2\n');
    const r = cli(['import', 'metallb', f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:\d+ \(document 1\): YAML: /m);
    expect(r.stderr).not.toMatch(/^ {4}at /m);
  });
});
