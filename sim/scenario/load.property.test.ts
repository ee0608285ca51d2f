// Deliverable 7 of issue 16: every bundled scenario, mutated field by field, either loads and runs
// (1 s of simulated time) or gets one line per problem naming the file and a field path. Never a throw.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { s } from '../base/time.js';
import { profileNames } from '../bgp/profile/index.js';
import { loadScenarioText } from './load.js';
import { runScenario } from './run.js';

const dir = new URL('../../scenarios/', import.meta.url);
const bundled = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, json: JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as unknown }));

const profiles = profileNames();

type Json = unknown;
type Step = (string | number)[];

/** Every path in a JSON value, containers included (the root excluded). */
function paths(v: Json, at: Step = []): Step[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => [[...at, i], ...paths(x, [...at, i])]);
  if (typeof v === 'object' && v !== null) {
    return Object.entries(v).flatMap(([k, x]) => [[...at, k], ...paths(x, [...at, k])]);
  }
  return [];
}

const hostile = fc.constantFrom<Json>(
  1e308,
  -1e308,
  -1,
  -0,
  0,
  0.5,
  1e-9,
  5e-324,
  1e-12,
  2 ** 53,
  2 ** 53 + 2,
  1e10,
  4096,
  65_536,
  '',
  '1e400',
  '99999999999999999999s',
  `${'9'.repeat(400)}d`,
  '-1s',
  'NaN',
  'Infinity',
  '10.0.0.300',
  '010.000.000.001',
  '0.0.0.0',
  ':::::/64',
  'fd00::/64',
  '10.100.0.10/24',
  'node-1',
  'router-1',
  'tor-1',
  null,
  true,
  [],
  {},
);

type Mutation =
  | { kind: 'replace'; pick: number; value: Json }
  | { kind: 'delete'; pick: number }
  | { kind: 'duplicate'; pick: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    pick: fc.nat(),
    value: fc.oneof(hostile, fc.jsonValue({ maxDepth: 2 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat() }),
);

function mutate(root: Json, m: Mutation): void {
  const all = paths(root);
  if (all.length === 0) return;
  const path = all[m.pick % all.length];
  let parent = root as Record<string | number, Json>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, Json>;
  const key = path[path.length - 1];
  if (m.kind === 'replace') parent[key] = structuredClone(m.value);
  else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (Array.isArray(parent)) parent.push(structuredClone(parent[key]));
  else parent[key] = [structuredClone(parent[key])];
}

/** `nodes[1].address`, `workload.ports[0]`, `(top level)`: what every error line names after the file. */
const FIELD = /^(([A-Za-z$_][\w$]*|\["(?:[^"\\]|\\.)*"\])(\[\d+\]|\.[\w$]+|\["(?:[^"\\]|\\.)*"\])*|\(top level\)): \S/;

/** Runs past these would time the test, not the loader: the run's own cost estimate guards them. */
function cheap(sc: {
  workload: { arrivalRate: number; initialConnections: number; clients: number };
  nodes: unknown[];
}) {
  return sc.workload.arrivalRate <= 1000 && sc.workload.initialConnections <= 10_000 && sc.nodes.length <= 20;
}

describe('the scenario loader under mutation (fast-check)', () => {
  it('answers every mutated bundled scenario with error lines naming the file and a field, or a run', () => {
    let runs = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.nat(bundled.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (i, ms) => {
        const { file, json } = bundled[i];
        const j = structuredClone(json);
        for (const m of ms) mutate(j, m);
        const r = loadScenarioText(JSON.stringify(j), file, { profiles });
        if (!r.ok) {
          refused++;
          expect(r.errors.length).toBeGreaterThan(0);
          for (const line of r.errors) {
            expect(line.startsWith(`${file}: `), line).toBe(true);
            expect(line.slice(file.length + 2), line).toMatch(FIELD);
          }
          return;
        }
        if (!cheap(r.scenario)) return;
        runs++;
        const run = runScenario(r.scenario, { until: s(1) });
        expect(Number.isFinite(run.metrics.packets.delivered)).toBe(true);
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 16), numRuns: Number(process.env.FUZZ_RUNS ?? 250) },
    );
    // Both outcomes are exercised, or the property says little.
    expect(runs).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(50);
  });
});
