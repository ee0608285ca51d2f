/**
 * The sweep grid: `--param PATH=V1,V2,...` flags parsed into typed values and their cartesian
 * product. PATH addresses the raw scenario JSON (`faults[0].downtime`), so a sweep can vary any
 * field the scenario format has; whether a value suits its field is the validator's call, made
 * up front for every point (see plan.ts), never the grid's.
 */
import { parseDuration } from '../../sim/index.js';
import { SweepInputError } from './errors.js';

export type ParamValue = number | string | boolean;
export type PathSegment = string | number;

export interface Param {
  /** As the user wrote it, normalised: the column name in the output. */
  readonly path: string;
  readonly segments: readonly PathSegment[];
  readonly values: readonly ParamValue[];
}

/** Guards against a typo such as `0..1e9:1` eating all memory before anything runs. */
export const MAX_VALUES_PER_PARAM = 100_000;

const SEGMENT = /^([A-Za-z_$][\w$-]*)((?:\[\d+\])*)$/;

/** `routers[0].ecmp.type` → ['routers', 0, 'ecmp', 'type']. */
export function parsePath(path: string, flag = path): PathSegment[] {
  const fail = (why: string) => new SweepInputError(`--param ${flag}: ${why}`);
  if (path.trim() === '') throw fail('the path before "=" is empty (expected e.g. faults[0].downtime)');
  const out: PathSegment[] = [];
  for (const part of path.split('.')) {
    const m = SEGMENT.exec(part);
    if (!m) throw fail(`"${part}" is not a field name or field[index] (path "${path}")`);
    out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const p of segments) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const DURATION = /^\d+(\.\d+)?(us|µs|ms|s|m|h|d)$/;

/** `true`/`false` are booleans, plain numbers are numbers, `"quoted"` and anything else stay strings. */
function scalar(text: string): ParamValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (NUMBER.test(text)) return Number(text);
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1);
  return text;
}

const decimals = (t: string) => (t.includes('.') ? t.length - t.indexOf('.') - 1 : 0);

/** `30..300:30` (numbers) or `20s..90s:10s` (durations, emitted in the unit of the start). */
function range(text: string, flag: string): ParamValue[] {
  const fail = (why: string) => new SweepInputError(`--param ${flag}: range "${text}" ${why}`);
  const dots = text.indexOf('..');
  const colon = text.indexOf(':', dots);
  const a = text.slice(0, dots).trim();
  const b = text.slice(dots + 2, colon < 0 ? undefined : colon).trim();
  const step = colon < 0 ? '' : text.slice(colon + 1).trim();
  if (step === '') throw fail('has no step (write START..END:STEP, e.g. 30..300:30)');
  if (NUMBER.test(a) && NUMBER.test(b) && NUMBER.test(step)) {
    // Work in integers scaled by the finest decimal so 0.1..0.3:0.1 gives 0.1, 0.2, 0.3 exactly.
    const d = Math.max(decimals(a), decimals(b), decimals(step));
    const k = 10 ** d;
    return steps(Math.round(Number(a) * k), Math.round(Number(b) * k), Math.round(Number(step) * k), fail).map(
      (v) => v / k,
    );
  }
  if (DURATION.test(a) && DURATION.test(b) && DURATION.test(step)) {
    const unit = /[a-zµ]+$/.exec(a)![0];
    // 99999999999999999999s is beyond the microsecond clock (2^53 µs): a clear line, not a RangeError.
    const dur = (t: string): number => {
      let v: number | undefined;
      try {
        v = parseDuration(t);
      } catch {
        v = undefined;
      }
      if (v === undefined || !Number.isSafeInteger(v))
        throw fail(`has "${t}", beyond the clock (${Number.MAX_SAFE_INTEGER / 1e6} s)`);
      return v;
    };
    const perUnit = dur(`1${unit}`);
    const values = steps(dur(a), dur(b), dur(step), fail);
    return values.map((us) => {
      const n = us / perUnit;
      // A step finer than the start's unit (1s..2s:500ms) falls back to microseconds, which are exact.
      return Number.isInteger(n) || Number(n.toFixed(6)) === n ? `${n}${unit}` : `${us}us`;
    });
  }
  throw fail('mixes numbers and durations or is not numeric (e.g. 30..300:30 or 20s..90s:10s)');
}

function steps(a: number, b: number, step: number, fail: (why: string) => Error): number[] {
  if (step <= 0) throw fail('has a step that is not positive');
  if (b < a) throw fail('ends before it starts');
  const count = Math.floor((b - a) / step) + 1;
  if (count > MAX_VALUES_PER_PARAM) throw fail(`has ${count} values; the limit is ${MAX_VALUES_PER_PARAM}`);
  return Array.from({ length: count }, (_, i) => a + i * step);
}

/** Parses one `--param PATH=V1,V2,...` flag. */
export function parseParam(flag: string): Param {
  const eq = flag.indexOf('=');
  if (eq < 0) throw new SweepInputError(`--param ${flag}: expected PATH=V1,V2,... (e.g. faults[0].downtime=20s,40s)`);
  const segments = parsePath(flag.slice(0, eq).trim(), flag);
  const list = flag.slice(eq + 1);
  if (list.trim() === '') throw new SweepInputError(`--param ${flag}: no values after "="`);
  const values: ParamValue[] = [];
  for (const raw of list.split(',')) {
    const item = raw.trim();
    if (item === '') throw new SweepInputError(`--param ${flag}: an empty value in the list`);
    if (item.includes('..')) values.push(...range(item, flag));
    else values.push(scalar(item));
  }
  const seen = new Set<string>();
  for (const v of values) {
    const key = JSON.stringify(v);
    if (seen.has(key)) throw new SweepInputError(`--param ${flag}: value ${key} appears twice`);
    seen.add(key);
  }
  if (values.length > MAX_VALUES_PER_PARAM)
    throw new SweepInputError(`--param ${flag}: ${values.length} values; the limit is ${MAX_VALUES_PER_PARAM}`);
  return { path: formatPath(segments), segments, values };
}

export function parseParams(flags: readonly string[]): Param[] {
  const params = flags.map(parseParam);
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.path)) throw new SweepInputError(`--param ${p.path}: given twice; list all its values in one flag`);
    seen.add(p.path);
  }
  return params;
}

/** Number of grid points: the product of the value counts (1 with no param: the replicates alone). */
export function pointCount(params: readonly Param[]): number {
  return params.reduce((n, p) => n * p.values.length, 1);
}

/** The values of point `index`; the first param varies slowest, as in nested loops written in flag order. */
export function pointValues(params: readonly Param[], index: number): ParamValue[] {
  const out: ParamValue[] = new Array(params.length);
  let rest = index;
  for (let i = params.length - 1; i >= 0; i--) {
    const n = params[i].values.length;
    out[i] = params[i].values[rest % n];
    rest = Math.floor(rest / n);
  }
  return out;
}
