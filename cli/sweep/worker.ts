/**
 * The piscina task: one run of the sweep, returned as one flat row. The plan arrives once per
 * thread as workerData; a task is just its global run index, so the seed, the point and its
 * values are recomputed here from the same arithmetic the main thread uses.
 */
import { workerData } from 'node:worker_threads';
import { type PlanInput, SweepPlan } from './plan.js';
import type { Row } from './row.js';

let plan: SweepPlan | undefined;

export default function runTask(run: number): Row {
  plan ??= new SweepPlan(workerData as PlanInput);
  return plan.run(run);
}
