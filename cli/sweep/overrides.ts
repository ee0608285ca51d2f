/**
 * Applies a grid point's values to the raw scenario JSON, before validation, so a swept value
 * goes through exactly the checks a hand-edited file would (durations, 12-bit restart time,
 * references), and the sweep can reach any field without knowing the schema.
 */

import { SweepInputError } from './errors.js';
import { formatPath, type Param, type ParamValue } from './grid.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A deep copy of `raw` with each param's path set to its value. */
export function applyOverrides(raw: unknown, params: readonly Param[], values: readonly ParamValue[]): unknown {
  const root = structuredClone(raw) as Json;
  params.forEach((p, i) => {
    setPath(root, p, values[i]);
  });
  return root;
}

function setPath(root: Json, p: Param, value: ParamValue): void {
  const fail = (at: number, why: string) =>
    new SweepInputError(`--param ${p.path}: ${formatPath(p.segments.slice(0, at)) || '(top level)'} ${why}`);
  let node: Json = root;
  for (let i = 0; i < p.segments.length; i++) {
    const seg = p.segments[i];
    const last = i === p.segments.length - 1;
    if (typeof seg === 'number') {
      if (!Array.isArray(node)) throw fail(i, `is not a list, so [${seg}] does not exist`);
      if (seg >= node.length)
        throw fail(i, `has ${node.length} item${node.length === 1 ? '' : 's'}, so [${seg}] does not exist`);
      if (last) node[seg] = value;
      else node = node[seg];
    } else {
      if (node === null || typeof node !== 'object' || Array.isArray(node))
        throw fail(i, `is not an object, so it has no field "${seg}"`);
      if (last) node[seg] = value;
      else {
        // An optional block the file leaves out (e.g. `bfd`) is created; the validator still rejects unknown names.
        if (!(seg in node)) {
          if (typeof p.segments[i + 1] === 'number') throw fail(i + 1, 'does not exist in the scenario');
          node[seg] = {};
        }
        node = node[seg];
      }
    }
  }
}

/**
 * Rewrites a validator error about a swept field to name the --param that put the value there:
 * `--param faults[0].downtime=abc: faults[0].downtime: "abc" is not a duration ...`.
 */
export function blameParam(
  error: string,
  source: string,
  params: readonly Param[],
  values: readonly ParamValue[],
): string {
  const body = error.startsWith(`${source}: `) ? error.slice(source.length + 2) : error;
  const hits = params
    .map((p, i) => ({ p, v: values[i] }))
    .filter(({ p }) => body.startsWith(p.path) && /^($|[.[:])/.test(body.slice(p.path.length)));
  const named = (hits.length > 0 ? hits : params.map((p, i) => ({ p, v: values[i] })))
    .map(({ p, v }) => `--param ${p.path}=${String(v)}`)
    .join(' ');
  return named === '' ? `${source}: ${body}` : `${source}: ${named}: ${body}`;
}
