import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeOutputs } from './merge.js';

const dir = mkdtempSync(join(tmpdir(), 'stalepath-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const header = 'run,point,replicate,seed,traceHash\n';
const line = (r: number) => `${r},${r},0,${100 + r},h${r}\n`;
const file = (name: string, runs: number[], h = header) => {
  const f = join(dir, name);
  writeFileSync(f, h + runs.map(line).join(''));
  return f;
};

describe('mergeOutputs', () => {
  it('orders the rows of striped shards by run index, bytes unchanged', () => {
    const out = join(dir, 'all.csv');
    const n = mergeOutputs([file('s1.csv', [1, 4]), file('s0.csv', [0, 3]), file('s2.csv', [2])], out, { runs: 5 });
    expect(n).toBe(5);
    expect(readFileSync(out, 'utf8')).toBe(header + [0, 1, 2, 3, 4].map(line).join(''));
  });

  it('merges JSON Lines the same way', () => {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    writeFileSync(a, '{"run":1,"x":"b"}\n');
    writeFileSync(b, '{"run":0,"x":"a"}\n');
    mergeOutputs([a, b], join(dir, 'all.jsonl'));
    expect(readFileSync(join(dir, 'all.jsonl'), 'utf8')).toBe('{"run":0,"x":"a"}\n{"run":1,"x":"b"}\n');
  });

  it('reports runs that appear twice', () => {
    expect(() => mergeOutputs([file('d0.csv', [0, 1]), file('d1.csv', [1, 2])], join(dir, 'x.csv'))).toThrow(
      /merge: 1 duplicate run\(s\): run 1 \(.*d0\.csv, .*d1\.csv\)/,
    );
  });

  it('reports missing runs, including those past the last one when --runs is given', () => {
    expect(() => mergeOutputs([file('g.csv', [0, 2])], join(dir, 'x.csv'))).toThrow('merge: 1 run(s) missing: 1');
    expect(() => mergeOutputs([file('t.csv', [0, 1])], join(dir, 'x.csv'), { runs: 4 })).toThrow(
      'merge: 2 run(s) missing: 2, 3',
    );
  });

  it('refuses torn shards, different sweeps and mixed formats', () => {
    const torn = join(dir, 'torn.csv');
    writeFileSync(torn, `${header}${line(0)}1,1,0`);
    expect(() => mergeOutputs([torn], join(dir, 'x.csv'))).toThrow(/last line is torn .* --resume/);
    expect(() =>
      mergeOutputs(
        [file('h0.csv', [0]), file('h1.csv', [1], 'run,point,replicate,seed,x,traceHash\n')],
        join(dir, 'x.csv'),
      ),
    ).toThrow(/columns differ/);
    expect(() => mergeOutputs([file('m.csv', [0])], join(dir, 'x.jsonl'))).toThrow(/is CSV, but --out .* is JSONL/);
    expect(() => mergeOutputs([join(dir, 'nope.csv')], join(dir, 'x.csv'))).toThrow(
      /nope\.csv: cannot read \(no such file\)/,
    );
  });
});
