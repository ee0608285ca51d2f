/**
 * One sweep run as one flat row: identity columns, the swept values, then the metrics. The
 * column list is the output's contract (CSV header, JSONL key order); add to its end only.
 */
import type { RunResult } from '../../sim/index.js';
import type { Param, ParamValue } from './grid.js';

export const ID_COLUMNS = ['run', 'point', 'replicate', 'seed'] as const;

export const METRIC_COLUMNS = [
  'connections.started',
  'connections.reset',
  'connections.resetByCause.rehash',
  'connections.resetByCause.blackhole',
  'connections.resetByCause.nodeFailure',
  'connections.resetByCause.noRoute',
  'packets.delivered',
  'packets.lost',
  'blackholeSeconds',
  'noRouteSeconds',
  'routeChurn.updates',
  'routeChurn.withdrawals',
  'detectionSeconds',
  'sessionFlaps',
  'expectationsPassed',
  'expectationsFailed',
  'traceHash',
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
  const m = r.metrics;
  const passed = r.expectations.filter((e) => e.passed).length;
  return [
    id.run,
    id.point,
    id.replicate,
    id.seed,
    ...values,
    m.connections.started,
    m.connections.reset,
    m.connections.resetByCause.rehash,
    m.connections.resetByCause.blackhole,
    m.connections.resetByCause.nodeFailure,
    m.connections.resetByCause.noRoute,
    m.packets.delivered,
    m.packets.lost,
    m.blackholeSeconds,
    m.noRouteSeconds,
    m.routeChurn.updates,
    m.routeChurn.withdrawals,
    m.detectionSeconds,
    m.sessionFlaps,
    passed,
    r.expectations.length - passed,
    r.traceHash,
  ];
}
