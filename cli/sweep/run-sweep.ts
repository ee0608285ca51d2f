/**
 * Runs a sweep (or one shard of it) on a piscina worker pool and writes its output in run order.
 * Run identity is arithmetic on the global run index (plan.ts), so the rows, and the bytes of the
 * file, are the same whatever the worker count, the shard split, or how often it was resumed.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { SweepRunError } from './errors.js';
import { formatOf, OrderedWriter, openOutput } from './output.js';
import { type PlanInput, SweepPlan } from './plan.js';
import type { Row } from './row.js';
import { type Shard, shardRuns, WHOLE } from './shard.js';
import { prepareWorker } from './worker-bundle.js';

export interface SweepOptions extends PlanInput {
  readonly out: string;
  /** Default: every core (os.availableParallelism()). */
  readonly workers?: number;
  readonly shard?: Shard;
  readonly resume?: boolean;
  /** Called after each row is written: rows written (of this shard), rows this shard has in all. */
  readonly onProgress?: (written: number, total: number, started: number) => void;
  /** The module each thread loads; default: worker.ts bundled now (see worker-bundle.ts). */
  readonly workerFile?: string;
}

export interface SweepSummary {
  /** Runs in the whole grid × replicates. */
  readonly total: number;
  /** Runs this shard owns. */
  readonly owned: number;
  /** Of those, already in the output when the sweep (re)started. */
  readonly kept: number;
  /** Runs executed now. */
  readonly ran: number;
  readonly workers: number;
}

/** Validates everything (plan, every grid point, shard, output) before starting any run. */
export async function runSweep(o: SweepOptions): Promise<SweepSummary> {
  const format = formatOf(o.out);
  const plan = new SweepPlan({
    text: o.text,
    source: o.source,
    params: o.params,
    replicates: o.replicates,
    baseSeed: o.baseSeed,
  });
  plan.validateAll();
  const order = shardRuns(plan.total, o.shard ?? WHOLE);
  const spec = {
    file: o.out,
    format,
    columns: plan.columns,
    order,
    runId: (r: number) => plan.runId(r),
    recompute: (r: number) => plan.run(r),
  };
  const { fd, done } = openOutput(spec, o.resume ?? false);
  const writer = new OrderedWriter(fd, spec, done);
  const todo = order.slice(done);
  const workers = Math.max(1, Math.min(o.workers ?? availableParallelism(), todo.length || 1));
  o.onProgress?.(done, order.length, done);
  if (todo.length === 0) {
    writer.close();
    return { total: plan.total, owned: order.length, kept: done, ran: 0, workers: 0 };
  }
  const worker = o.workerFile ? { filename: o.workerFile, dispose: () => {} } : await prepareWorker();
  const pool = new Piscina<number, Row>({
    filename: worker.filename,
    workerData: plan.input,
    minThreads: workers,
    maxThreads: workers,
  });
  try {
    // A bounded window keeps a million-run sweep from holding a million promises and rows.
    const window = workers * 4;
    let nextTask = 0;
    await new Promise<void>((resolve, reject) => {
      let inFlight = 0;
      let failure: Error | undefined;
      // After a failure nothing new starts, but runs already under way still land in the file if
      // they precede the failed one, so the output keeps the longest prefix --resume can use.
      const settle = () => {
        if (failure && inFlight === 0) reject(failure);
      };
      const launch = () => {
        while (!failure && inFlight < window && nextTask < todo.length) {
          const run = todo[nextTask++];
          inFlight++;
          pool.run(run).then(
            (row) => {
              inFlight--;
              try {
                writer.put(run, row);
              } catch (e) {
                // The output cannot be written (a full disk): nothing more can land, stop here.
                failure ??= e as Error;
                settle();
                return;
              }
              o.onProgress?.(writer.written, order.length, done);
              if (writer.written === order.length) resolve();
              else if (failure) settle();
              else launch();
            },
            (err: unknown) => {
              inFlight--;
              failure ??= new SweepRunError(
                `run ${run} failed: ${(err as Error)?.message ?? String(err)} (please report)`,
              );
              settle();
            },
          );
        }
      };
      launch();
    });
  } finally {
    writer.close();
    await pool.destroy();
    worker.dispose();
  }
  return { total: plan.total, owned: order.length, kept: done, ran: todo.length, workers };
}
