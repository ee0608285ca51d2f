/**
 * One sweep run as one flat row: identity columns, the swept values, then the metrics. The
 * column list is the output's contract (CSV header, JSONL key order); add to its end only.
 */
import { METRIC_NAMES, metricValue, type RunResult } from '../../sim/index.js';
import type { Param, ParamValue } from './grid.js';

export const ID_COLUMNS = ['run', 'point', 'replicate', 'seed'] as const;

/**
 * The scenario's metric names, in their order, minus the balance figure (not part of the file's
 * columns), then the expectation counts and the trace hash, then the metrics named after those
 * columns were fixed (the TCP model's stall metrics from `connections.stalled` on, then the per-family ones), so that the
 * first columns keep their places.
 */
const ROW_METRICS = METRIC_NAMES.filter((n) => n !== 'balance.maxOverMean');
const LATER = ROW_METRICS.indexOf('connections.stalled');
const FIRST_METRICS = ROW_METRICS.slice(0, LATER);
const LATER_METRICS = ROW_METRICS.slice(LATER);
export const METRIC_COLUMNS = [
  ...FIRST_METRICS,
  'expectationsPassed',
  'expectationsFailed',
  'traceHash',
  ...LATER_METRICS,
] as const;

export type Row = ParamValue[];

export function columns(params: readonly Param[]): string[] {
  return [...ID_COLUMNS, ...params.map((p) => p.path), ...METRIC_COLUMNS];
}

export interface RunId {
  readonly run: number;
  readonly point: number;
  readonly replicate: number;
  readonly seed: number;
}

export function resultRow(id: RunId, values: readonly ParamValue[], r: RunResult): Row {
  const passed = r.expectations.filter((e) => e.passed).length;
  return [
    id.run,
    id.point,
    id.replicate,
    id.seed,
    ...values,
    ...FIRST_METRICS.map((name) => metricValue(r.metrics, name)),
    passed,
    r.expectations.length - passed,
    r.traceHash,
    ...LATER_METRICS.map((name) => metricValue(r.metrics, name)),
  ];
}
