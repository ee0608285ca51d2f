export { registerSweepCommands } from './commands.js';
export { SweepInputError } from './errors.js';
export {
  MAX_VALUES_PER_PARAM,
  type Param,
  type ParamValue,
  parseParam,
  parseParams,
  parsePath,
  pointCount,
  pointValues,
} from './grid.js';
export { type MergeOptions, mergeOutputs } from './merge.js';
export { type Format, formatOf } from './output.js';
export { type PlanInput, SweepPlan } from './plan.js';
export { columns, METRIC_COLUMNS } from './row.js';
export { runSweep, type SweepOptions, type SweepSummary } from './run-sweep.js';
export { runSeed } from './seeds.js';
export { parseShard, type Shard, shardRuns } from './shard.js';
export { prepareWorker, TSX_WORKER_FILE, type WorkerFile } from './worker-bundle.js';
