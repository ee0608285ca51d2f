// The MetalLB importer never throws, whatever the manifests hold (issue 16, deliverable 7): the bundled
// example manifests, parsed to documents, have random fields replaced by hostile values (wrong types,
// huge numbers, bad addresses, odd strings, deleted fields), are written back as YAML, and must come
// out either as a valid scenario or as errors that each name the file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { importMetallb } from './import-metallb.js';

const dir = fileURLToPath(new URL('../../scenarios/metallb-from-manifests/', import.meta.url));
const manifests = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((file) => ({ file, docs: parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => d.toJS()) }));

const hostile = fc.oneof(
  fc.constantFrom(
    1e308,
    -1,
    2 ** 53 + 2,
    5e-324,
    '1e400',
    '10.0.0.300',
    ':::::/64',
    'fd00::1/64',
    '99999999999999999999s',
    '',
    '-5s',
    null,
    true,
    [],
    {},
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The paths of every value in a document. */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return [at, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v !== null && typeof v === 'object') return [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return [at];
}

function mutate(doc: Json, path: (string | number)[], value: unknown, remove: boolean): Json {
  if (path.length === 0) return remove ? null : (value as Json);
  const copy = structuredClone(doc) as Record<string | number, Json>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (remove && !Array.isArray(node)) delete node[last];
  else node[last] = value as Json;
  return copy as Json;
}

describe('import metallb under hostile manifests', () => {
  it('never throws: a scenario, or errors that each name their file', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), hostile, fc.boolean(), (fi, di, pi, value, remove) => {
        const m = manifests[fi % manifests.length];
        const di2 = di % m.docs.length;
        const all = paths(m.docs[di2] as Json);
        const path = all[pi % all.length];
        const docs = m.docs.map((d, i) => (i === di2 ? mutate(d as Json, path, value, remove) : d));
        const text = docs.map((d) => stringify(d)).join('---\n');
        const inputs = manifests.map((x) =>
          x === m ? { file: m.file, text } : { file: x.file, text: readFileSync(join(dir, x.file), 'utf8') },
        );
        const r = importMetallb({ manifests: inputs });
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) expect(e.length).toBeGreaterThan(0);
        }
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 12), numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });
});
