/**
 * The trace records (records.ts) as a schema, for reading a trace back from a file (`run --trace`,
 * `live --trace`): each JSON line checked against its record type before anything narrates it. The
 * compile-time check below keeps it equal to `WorldRecord`, so the type keeps one home.
 */
import { z } from 'zod';
import type { Time } from '../base/time.js';
import type { WorldRecord } from './records.js';

// µs; a steady start's records from before t = 0 are negative.
const time = z
  .number()
  .int()
  .transform((v) => v as Time);
const base = { t: time, subject: z.string() };
const text = z.string();

export const worldRecordSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('fault'), fault: text, detail: text }),
  z.object({
    ...base,
    type: z.literal('bgp-state'),
    from: text,
    to: text,
    reason: text,
    clause: text,
    peerOpen: text.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('bgp-message'),
    dir: z.enum(['sent', 'received']),
    message: text,
    detail: text,
    clause: text,
  }),
  z.object({
    ...base,
    type: z.literal('bgp-keepalive-span'),
    first: time,
    period: z.number().positive(),
    count: z.number().int().min(0),
  }),
  z.object({ ...base, type: z.literal('bgp-down'), reason: text, gr: z.boolean(), clause: text }),
  z.object({ ...base, type: z.literal('gr'), action: text, family: text, reason: text, clause: text }),
  z.object({ ...base, type: z.literal('explain'), clause: text, text }),
  z.object({ ...base, type: z.literal('bfd-state'), from: text, to: text, diag: text, reason: text, clause: text }),
  z.object({ ...base, type: z.literal('bfd-down-decision'), action: text, reason: text, clause: text }),
  z.object({
    ...base,
    type: z.literal('fib'),
    prefix: text,
    nextHops: z.array(text).readonly(),
    states: z.array(text).readonly(),
  }),
  z.object({
    ...base,
    type: z.literal('ecmp-change'),
    prefix: text,
    movedFraction: z.number(),
    moved: z.number(),
    reset: z.number(),
  }),
  z.object({ ...base, type: z.literal('resets'), cause: text, count: z.number().int().min(0) }),
  z.object({
    ...base,
    type: z.literal('totals'),
    started: z.number(),
    reset: z.number(),
    delivered: z.number(),
    lost: z.number(),
    trafficDigest: text,
  }),
  z.object({
    ...base,
    type: z.literal('churn'),
    updates: z.number().int().min(0),
    withdrawals: z.number().int().min(0),
  }),
  z.object({
    ...base,
    type: z.literal('process'),
    state: z.enum(['up', 'down']),
    what: z.enum(['speaker', 'bgpd', 'kernel', 'link']),
  }),
]);

// The schema and the type are the same set of records, both ways.
type Parsed = z.output<typeof worldRecordSchema>;
type Same = [Parsed] extends [WorldRecord] ? ([WorldRecord] extends [Parsed] ? true : false) : false;
const same: Same = true;
void same;

export type TraceRead = { ok: true; records: WorldRecord[] } | { ok: false; errors: string[] };

/** A JSON Lines trace (`run --trace`, `live --trace`), every line checked; errors name file, line and field. */
export function readTraceLines(textIn: string, file: string): TraceRead {
  const records: WorldRecord[] = [];
  const errors: string[] = [];
  const lines = textIn.split('\n');
  for (let i = 0; i < lines.length && errors.length < 20; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      errors.push(`${file}:${i + 1}: not JSON (${(e as Error).message})`);
      continue;
    }
    const r = worldRecordSchema.safeParse(json);
    if (r.success) records.push(r.data);
    else
      for (const issue of r.error.issues) {
        const path = issue.path.join('.') || '(record)';
        const value = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown>)?.[k], json);
        errors.push(`${file}:${i + 1}: ${path}: ${JSON.stringify(value) ?? 'missing'}: ${issue.message}`);
      }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, records };
}
