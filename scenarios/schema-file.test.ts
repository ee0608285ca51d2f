// Every scenario names a `$schema` for editors; that file exists and is the scenario format's JSON
// Schema as the zod schema generates it today.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCENARIO_JSON_SCHEMA } from '../sim/index.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const named = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    const schema: unknown = JSON.parse(readFileSync(join(dir, f), 'utf8')).$schema;
    return { file: f, path: typeof schema === 'string' ? resolve(dirname(join(dir, f)), schema) : null };
  });

describe('the scenario JSON Schema file', () => {
  it('is named by every bundled scenario, all naming the same file', () => {
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((n) => n.path === null).map((n) => n.file)).toEqual([]);
    expect(new Set(named.map((n) => n.path)).size).toBe(1);
  });

  it('exists and is what the zod schema generates now', () => {
    const path = named[0]!.path!;
    expect(existsSync(path), `${path} is missing: run \`npm run schema\``).toBe(true);
    const committed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const generated: unknown = JSON.parse(JSON.stringify(SCENARIO_JSON_SCHEMA));
    expect(committed, `${path} differs from sim/scenario/schema.ts: run \`npm run schema\``).toEqual(generated);
  });
});
