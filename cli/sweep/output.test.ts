import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvFieldCount, formatOf, OrderedWriter, type OutputSpec, openOutput, rowText } from './output.js';
import type { RunId } from './row.js';

const dir = mkdtempSync(join(tmpdir(), 'stalepath-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const columns = ['run', 'point', 'replicate', 'seed', 'x', 'traceHash'];
const runId = (run: number): RunId => ({ run, point: run >> 1, replicate: run & 1, seed: 1000 + run });
const row = (run: number) => {
  const id = runId(run);
  return [id.run, id.point, id.replicate, id.seed, `v,${run}`, `h${run}`];
};
const spec = (file: string, order = [0, 1, 2, 3, 4, 5]): OutputSpec => ({
  file,
  format: formatOf(file),
  columns,
  order,
  runId,
});

/** What an uninterrupted writer produces. */
function whole(file: string, order = [0, 1, 2, 3, 4, 5]): string {
  const s = spec(file, order);
  const { fd } = openOutput(s, false);
  const w = new OrderedWriter(fd, s, 0);
  for (const r of order) w.put(r, row(r));
  w.close();
  return readFileSync(file, 'utf8');
}

describe('output formats', () => {
  it('chooses CSV or JSON Lines by extension and rejects others', () => {
    expect(formatOf('a.csv')).toBe('csv');
    expect(formatOf('a.JSONL')).toBe('jsonl');
    expect(() => formatOf('a.txt')).toThrow('a.txt: the output must end in .csv or .jsonl');
  });

  it('quotes CSV fields holding commas or quotes', () => {
    expect(rowText('csv', ['a', 'b', 'c'], [1, 'x,y', 'say "hi"'])).toBe('1,"x,y","say ""hi"""\n');
    expect(csvFieldCount('1,"x,y","say ""hi"""')).toBe(3);
  });

  it('writes JSON Lines with keys in column order and values keeping their types', () => {
    expect(rowText('jsonl', ['a', 'b', 'c'], [1, '20s', true])).toBe('{"a":1,"b":"20s","c":true}\n');
  });
});

describe('OrderedWriter', () => {
  it('writes rows in run order whatever order they finish in, holding back only what must wait', () => {
    const file = join(dir, 'ordered.csv');
    const s = spec(file);
    const { fd } = openOutput(s, false);
    const w = new OrderedWriter(fd, s, 0);
    const lines = () => readFileSync(file, 'utf8').split('\n').length - 2;
    w.put(2, row(2));
    w.put(1, row(1));
    expect(lines()).toBe(0);
    w.put(0, row(0));
    expect(lines()).toBe(3);
    for (const r of [5, 4, 3]) w.put(r, row(r));
    w.close();
    expect(readFileSync(file, 'utf8')).toBe(whole(join(dir, 'ordered-ref.csv')));
  });

  it('refuses to overwrite an existing output without --resume', () => {
    const file = join(dir, 'exists.csv');
    writeFileSync(file, 'x');
    expect(() => openOutput(spec(file), false)).toThrow(/already exists \(add --resume/);
  });
});

describe('resume', () => {
  for (const ext of ['csv', 'jsonl']) {
    it(`keeps complete ${ext} rows, drops a torn last line and finishes byte-identical`, () => {
      const ref = whole(join(dir, `ref.${ext}`));
      // Every cut point: mid-header, on a line boundary, mid-row.
      for (let cut = 0; cut <= ref.length; cut++) {
        const file = join(dir, `cut.${ext}`);
        writeFileSync(file, ref.slice(0, cut));
        const s = spec(file);
        const { fd, done } = openOutput(s, true);
        const w = new OrderedWriter(fd, s, done);
        for (const r of s.order.slice(done)) w.put(r, row(r));
        w.close();
        expect(readFileSync(file, 'utf8')).toBe(ref);
      }
    });
  }

  it('resumes a shard from its own subsequence of runs', () => {
    const order = [1, 3, 5];
    const ref = whole(join(dir, 'shard-ref.csv'), order);
    const file = join(dir, 'shard.csv');
    writeFileSync(file, ref.slice(0, ref.lastIndexOf('\n', ref.length - 2) + 5));
    const s = spec(file, order);
    const { fd, done } = openOutput(s, true);
    expect(done).toBe(2);
    const w = new OrderedWriter(fd, s, done);
    w.put(5, row(5));
    w.close();
    expect(readFileSync(file, 'utf8')).toBe(ref);
  });

  it('refuses to resume an output of a different sweep', () => {
    const ref = whole(join(dir, 'other-ref.csv'));
    const file = join(dir, 'other.csv');
    writeFileSync(file, ref.replace('x,traceHash', 'y,traceHash'));
    expect(() => openOutput(spec(file), true)).toThrow(/header differs/);
    writeFileSync(file, ref.replace('1,0,1,1001,', '1,0,1,999,'));
    expect(() => openOutput(spec(file), true)).toThrow(/row 2 is not run 1 with seed 1001/);
    writeFileSync(file, ref);
    expect(() => openOutput(spec(file, [0, 1]), true)).toThrow(/more rows than this sweep's 2 runs/);
  });
});
