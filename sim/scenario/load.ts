/**
 * Untrusted text → typed Scenario. Validation happens only here. Every problem is reported at
 * once as `field.path: value — rule`, never a stack trace and never a silent default.
 */
import type { z } from 'zod';
import { buildWorldSpec } from './build.js';
import { knobIssues } from './profile-knobs.js';
import { referenceIssues } from './references.js';
import { type Scenario, scenarioSchema } from './schema.js';

/** `warnings`: accepted but not applied as written (a knob the profile's implementation lacks). */
export type LoadResult = { ok: true; scenario: Scenario; warnings?: string[] } | { ok: false; errors: string[] };

/** Deeper than any real scenario; guards JSON.parse's recursion against hostile input. */
const MAX_DEPTH = 64;
const MAX_BYTES = 16 * 1024 * 1024;

export interface LoadOptions {
  /** Profile names the world knows; unknown ones are reported with the list. */
  profiles?: readonly string[];
}

export function loadScenarioText(text: string, source = 'scenario', options: LoadOptions = {}): LoadResult {
  const fail = (msg: string): LoadResult => ({ ok: false, errors: [`${source}: ${msg}`] });
  if (text.length > MAX_BYTES) return fail(`file is ${text.length} bytes; the limit is ${MAX_BYTES}`);
  if (isBinary(text)) return fail('is binary, not a JSON scenario');
  if (text.trim() === '') return fail('is empty; expected a JSON scenario object');
  const depth = nestingDepth(text);
  if (depth > MAX_DEPTH) return fail(`nests ${depth} levels deep; the limit is ${MAX_DEPTH}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail(`is not valid JSON (${(e as Error).message})`);
  }
  return validateScenario(json, source, options);
}

export function validateScenario(json: unknown, source = 'scenario', options: LoadOptions = {}): LoadResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, errors: [`${source}: expected a JSON object at the top level, got ${describe(json)}`] };
  }
  const r = scenarioSchema.safeParse(json, { reportInput: true });
  const errors = r.success ? [] : r.error.issues.map((i) => formatIssue(i, json));
  errors.push(...referenceIssues(json).map((i) => `${formatPath(i.path)}: ${i.message}`));
  if (r.success && options.profiles) errors.push(...checkProfiles(r.data, options.profiles));
  const knobs = r.success ? knobIssues(r.data) : { errors: [], warnings: [] };
  errors.push(...knobs.errors);
  // What only the profile can judge (a helper-only profile asked to restart, its timer ranges):
  // the world's own build, so a scenario that loads also builds (never a ScenarioBuildError later).
  if (errors.length === 0 && r.success) {
    const built = buildWorldSpec(r.data, r.data.seed);
    if (!built.ok) errors.push(...built.errors.map(userPath));
  }
  if (errors.length > 0 || !r.success) {
    // One line per problem, each naming the file (a union or unknown keys may give several).
    return { ok: false, errors: errors.flatMap((e) => e.split('\n')).map((e) => `${source}: ${e}`) };
  }
  if (knobs.warnings.length > 0) {
    return { ok: true, scenario: r.data, warnings: knobs.warnings.map((w) => `${source}: ${w}`) };
  }
  return { ok: true, scenario: r.data };
}

/** The profile's names for the scenario's fields: `….bgp.gr.stalePathTime` → `….bgp.gracefulRestart.stalePathTime`. */
function userPath(line: string): string {
  return line.replace(/\.gr\./, '.gracefulRestart.').replace(/\.timers\.(\w+)/, '.$1');
}

function checkProfiles(sc: Scenario, known: readonly string[]): string[] {
  const out: string[] = [];
  const check = (path: string, p: string | undefined) => {
    if (p !== undefined && !known.includes(p))
      out.push(`${path}: "${p}" is not a known profile (known: ${known.join(', ')})`);
  };
  check('speaker.profile', sc.speaker.profile);
  sc.nodes.forEach((n, i) => {
    check(`nodes[${i}].speaker.profile`, n.speaker?.profile);
  });
  sc.routers.forEach((r, i) => {
    check(`routers[${i}].bgp.profile`, r.bgp?.profile);
  });
  return out;
}

/** `peers[1].gracefulRestart.restartTime` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    // A key that is not a plain name (empty, spaces, dots) is quoted, so the path stays one token.
    else if (!/^[A-Za-z$_][\w$]*$/.test(String(p))) out += `[${JSON.stringify(String(p))}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(top level)' : out;
}

function formatIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const path = formatPath(issue.path);
  const input = 'input' in issue ? issue.input : valueAt(root, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => `${formatPath([...issue.path, k])}: unknown field`).join('\n');
    case 'invalid_type':
      return input === undefined
        ? `${path}: required field is missing (expected ${issue.expected})`
        : `${path}: ${describe(input)} is not a${/^[aeiou]/.test(issue.expected) ? 'n' : ''} ${issue.expected}`;
    case 'too_big':
    case 'too_small':
      // A bound that states its own rule (the schema's durations, whole seconds): value + rule.
      if (!/^Too (big|small)/.test(issue.message)) return `${path}: ${describe(input)} ${issue.message}`;
      return issue.code === 'too_big'
        ? `${path}: ${describe(input)} exceeds the maximum of ${String(issue.maximum)}${issue.origin === 'array' ? ' items' : ''}`
        : `${path}: ${describe(input)} is below the minimum of ${String(issue.minimum)}${issue.origin === 'array' ? ' items' : ''}`;
    case 'invalid_value':
      return `${path}: ${describe(input)} is not one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        const last = issue.path[issue.path.length - 1];
        const at = last === issue.discriminator ? issue.path : [...issue.path, issue.discriminator];
        return `${formatPath(at)}: ${describe(valueAt(root, at))} is not a known type (${issue.message})`;
      }
      // A union of shapes: report the branch that got furthest (fewest issues).
      const branches = issue.errors.filter((b) => b.length > 0).sort((a, b) => a.length - b.length);
      if (branches[0])
        return branches[0].map((i) => formatIssue({ ...i, path: [...issue.path, ...i.path] }, root)).join('\n');
      return `${path}: ${describe(input)} matches none of the allowed forms`;
    }
    case 'invalid_format':
      return `${path}: ${describe(input)} ${issue.message}`;
    case 'not_multiple_of':
      return `${path}: ${describe(input)} is not a multiple of ${String(issue.divisor)}`;
    case 'custom':
      return `${path}: ${issue.message}`;
    default:
      return `${path}: ${issue.message}`;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Control characters other than tab, newline and carriage return never appear in JSON text. */
function isBinary(text: string): boolean {
  for (let i = 0; i < Math.min(text.length, 65_536); i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) return true;
  }
  return false;
}
