// Nothing under sim/ may read the wall clock or an unseeded random source: a run must be
// byte-identical on any machine. Test files are exempt only from this scan's own patterns.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('.', import.meta.url));
const banned = /Math\.random|Date\.now|performance\.now|new Date\(/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (p.endsWith('.ts') && !p.endsWith('determinism.test.ts')) yield p;
  }
}

/** The line without its comment: naming a banned call in prose is not calling it. */
function codeOf(line: string): string {
  const t = line.trim();
  if (t.startsWith('*') || t.startsWith('/*')) return '';
  const i = line.indexOf('//');
  return i >= 0 ? line.slice(0, i) : line;
}

describe('determinism', () => {
  it('no file under sim/ uses Math.random, Date.now, performance.now or new Date(', () => {
    const offenders: string[] = [];
    let scanned = 0;
    for (const f of files(root)) {
      scanned++;
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (banned.test(codeOf(line))) offenders.push(`${relative(root, f)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(scanned).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });

  it('the scan itself catches a call and ignores prose', () => {
    expect(banned.test(codeOf('const x = Math.random();'))).toBe(true);
    expect(banned.test(codeOf('const t = Date.now(); // wall clock'))).toBe(true);
    expect(banned.test(codeOf('// no Math.random here'))).toBe(false);
    expect(banned.test(codeOf(' * never new Date() in sim/'))).toBe(false);
  });
});
