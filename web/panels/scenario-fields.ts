/**
 * The form's fields: which parameters of a scenario are editable, where they live in the JSON and
 * how a typed value is written back. Field paths are spelled exactly as the loader spells error
 * paths (`routers[0].bgp.gracefulRestart.restartTime`), so each error lands next to its field.
 */
import { produce } from 'immer';
import { parseDuration } from '../../sim/index.js';

export type FieldKind = 'text' | 'bool' | 'enum';

export interface Field {
  /** Error-path spelling. */
  readonly path: string;
  readonly keys: readonly (string | number)[];
  readonly label: string;
  readonly kind: FieldKind;
  readonly options?: readonly string[];
  readonly group: string;
  readonly hint?: string;
  /** A duration: a bare number is seconds, or the text carries its unit ("300ms", "90s", "2h"). */
  readonly duration?: true;
}

type Json = Record<string, unknown>;

/** Nodes beyond this many get no per-node fields (edit the JSON instead). */
export const MAX_NODE_FIELDS = 8;

export function pathOf(keys: readonly (string | number)[]): string {
  let out = '';
  for (const k of keys) out += typeof k === 'number' ? `[${k}]` : out === '' ? k : `.${k}`;
  return out;
}

function side(group: string, base: (string | number)[], gr: boolean): Field[] {
  const f = (rest: string[], label: string, kind: FieldKind, options?: string[], hint?: string): Field => {
    const keys = [...base, ...rest];
    return { path: pathOf(keys), keys, label, kind, group, ...(options ? { options } : {}), ...(hint ? { hint } : {}) };
  };
  const d = (rest: string[], label: string, hint: string): Field => ({
    ...f(rest, label, 'text', undefined, hint),
    duration: true,
  });
  return [
    f(['gracefulRestart', 'mode'], 'GR mode', 'enum', ['restart', 'helper', 'disable']),
    ...(gr ? [d(['gracefulRestart', 'restartTime'], 'restart time', '≤ 4095 s')] : []),
    d(['gracefulRestart', 'stalePathTime'], 'stale-path time', 'e.g. 360s'),
    f(['gracefulRestart', 'notification'], 'N bit (RFC 8538)', 'bool'),
    f(['gracefulRestart', 'preserveForwarding'], 'F bit', 'bool'),
    f(['llgr', 'enabled'], 'LLGR', 'bool'),
    d(['llgr', 'staleTime'], 'LLGR stale time', '≤ 16777215 s'),
    f(['bfd', 'enabled'], 'BFD', 'bool'),
    d(['bfd', 'transmitInterval'], 'BFD interval', 'e.g. 300ms'),
    f(['bfd', 'detectMultiplier'], 'BFD multiplier', 'text'),
    f(['bfd', 'controlPlaneIndependent'], 'BFD C bit', 'bool'),
  ];
}

export function fieldsFor(json: unknown): Field[] {
  const sc = (json && typeof json === 'object' ? json : {}) as Json;
  const out: Field[] = [...side('speakers (all nodes)', ['speaker'], true)];
  const routers = Array.isArray(sc.routers) ? (sc.routers as Json[]) : [];
  routers.forEach((r, i) => {
    const group = `router ${typeof r?.name === 'string' ? r.name : i}`;
    out.push(...side(group, ['routers', i, 'bgp'], true));
    out.push({
      path: `routers[${i}].ecmp.type`,
      keys: ['routers', i, 'ecmp', 'type'],
      label: 'ECMP scheme',
      kind: 'enum',
      options: ['modulo', 'hash-threshold', 'resilient', 'maglev', 'rendezvous'],
      group,
    });
    out.push({
      path: `routers[${i}].hash.fields`,
      keys: ['routers', i, 'hash', 'fields'],
      label: 'hash fields',
      kind: 'enum',
      options: ['3-tuple', '5-tuple'],
      group,
    });
  });
  // Per-node GR overrides ("GR on/off per peer"), while the list stays short enough for a form.
  const nodes = Array.isArray(sc.nodes) ? (sc.nodes as Json[]) : [];
  if (nodes.length <= MAX_NODE_FIELDS)
    nodes.forEach((n, i) => {
      const keys = ['nodes', i, 'speaker', 'gracefulRestart', 'mode'];
      out.push({
        path: pathOf(keys),
        keys,
        label: 'GR mode',
        kind: 'enum',
        options: ['restart', 'helper', 'disable'],
        group: `node ${typeof n?.name === 'string' ? n.name : i} (overrides)`,
      });
    });
  const faults = Array.isArray(sc.faults) ? (sc.faults as Json[]) : [];
  faults.forEach((fl, i) => {
    const group = `fault ${i + 1}: ${typeof fl?.type === 'string' ? fl.type : '?'}`;
    out.push({
      path: `faults[${i}].at`,
      keys: ['faults', i, 'at'],
      label: 'at',
      kind: 'text',
      group,
      hint: 'e.g. 60s',
      duration: true,
    });
    if (fl && 'downtime' in fl && typeof fl.downtime !== 'object')
      out.push({
        path: `faults[${i}].downtime`,
        keys: ['faults', i, 'downtime'],
        label: 'downtime',
        kind: 'text',
        group,
        hint: 'e.g. 90s',
        duration: true,
      });
  });
  out.push({
    path: 'duration',
    keys: ['duration'],
    label: 'duration',
    kind: 'text',
    group: 'run',
    hint: 'e.g. 10m',
    duration: true,
  });
  return out;
}

export function getIn(json: unknown, keys: readonly (string | number)[]): unknown {
  let v: unknown = json;
  for (const k of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/** The form shows a value as text; an empty string means "not set" (the profile default). */
export function displayValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Text → JSON value: numbers stay numbers (so `5000` reaches the validator as 5000), booleans for bool fields. */
export function parseInput(kind: FieldKind, text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (kind === 'bool') return t === 'true';
  if (kind === 'text' && /^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}

/**
 * What a duration field says beside its box, so a bare number is never read in the wrong unit:
 * "s" for a bare number (or nothing yet), the value in seconds for text with its own unit, and
 * nothing for text that is no duration (the loader's error says why).
 */
export function durationUnit(text: string): string {
  const t = text.trim();
  if (t === '' || /^-?\d+(\.\d+)?$/.test(t)) return 's';
  const us = parseDuration(t);
  if (us === undefined) return '';
  return /^\s*[\d.]+\s*s\s*$/.test(t) ? '' : `= ${Number((us / 1e6).toPrecision(12))} s`;
}

/** Writes (or with `undefined` removes) a value, creating the objects on the way. */
export function setIn<T>(json: T, keys: readonly (string | number)[], value: unknown): T {
  return produce(json, (d) => {
    let o = d as Record<string | number, unknown>;
    for (const k of keys.slice(0, -1)) {
      if (o[k] === null || typeof o[k] !== 'object') o[k] = {};
      o = o[k] as Record<string | number, unknown>;
    }
    const last = keys[keys.length - 1]!;
    if (value === undefined) delete o[last];
    else o[last] = value;
  });
}

/**
 * Splits loader errors (`scenario: a.b[0].c: message`) over the fields: an error goes to the field
 * whose path it names or lies under; the rest stay general.
 */
export function errorsByField(
  errors: readonly string[],
  fields: readonly Field[],
  source = 'scenario',
): { byField: Map<string, string[]>; general: string[] } {
  const byField = new Map<string, string[]>();
  const general: string[] = [];
  const prefix = `${source}: `;
  for (const raw of errors) {
    for (const e of raw.split('\n')) {
      const rest = e.startsWith(prefix) ? e.slice(prefix.length) : e;
      const i = rest.indexOf(': ');
      const path = i < 0 ? '' : rest.slice(0, i);
      const msg = i < 0 ? rest : rest.slice(i + 2);
      const field = fields.find(
        (f) => path === f.path || path.startsWith(`${f.path}.`) || path.startsWith(`${f.path}[`),
      );
      if (field) byField.set(field.path, [...(byField.get(field.path) ?? []), msg]);
      else general.push(rest);
    }
  }
  return { byField, general };
}
