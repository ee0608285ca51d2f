/**
 * A sweep's plan: the scenario text, the grid, the replicates and the base seed, from which
 * every run's identity (point, replicate, seed) follows by arithmetic alone. The main thread
 * and every worker build the same plan from the same inputs; nothing else is shared.
 */
import {
  loadScenarioText,
  PROFILE_NAMES,
  PreparedScenario,
  runScenario,
  type Scenario,
  validateScenario,
} from '../../sim/index.js';
import { SweepInputError } from './errors.js';
import { type Param, type ParamValue, pointCount, pointValues } from './grid.js';
import { applyOverrides, blameParam } from './overrides.js';
import { columns, type Row, type RunId, resultRow } from './row.js';
import { runSeed } from './seeds.js';

/** What the main thread hands each worker once (structured-cloneable). */
export interface PlanInput {
  readonly text: string;
  readonly source: string;
  readonly params: readonly Param[];
  readonly replicates: number;
  /** Default: the scenario's own seed. */
  readonly baseSeed?: number;
}

export class SweepPlan {
  readonly raw: unknown;
  readonly base: Scenario;
  readonly baseSeed: number;
  readonly points: number;
  readonly total: number;
  readonly columns: string[];
  /** Validated scenario per point; a worker mostly sees one point's replicates in a row. */
  private readonly cache = new Map<number, Scenario>();
  /** The point whose replicates run now, its world spec built once for all of them. */
  private current: { point: number; prepared: PreparedScenario } | undefined;

  constructor(readonly input: PlanInput) {
    const loaded = loadScenarioText(input.text, input.source, { profiles: PROFILE_NAMES });
    if (!loaded.ok) throw new SweepInputError(loaded.errors.join('\n'));
    this.base = loaded.scenario;
    this.raw = JSON.parse(input.text);
    if (!Number.isInteger(input.replicates) || input.replicates < 1)
      throw new SweepInputError(`--replicates ${input.replicates}: expected a whole number ≥ 1`);
    this.baseSeed = input.baseSeed ?? this.base.seed;
    this.points = pointCount(input.params);
    this.total = this.points * input.replicates;
    this.columns = columns(input.params);
    for (const p of input.params) {
      if (p.path === 'seed')
        throw new SweepInputError(
          '--param seed: each run gets its own seed from --seed, the point and the replicate; sweep --replicates instead',
        );
      if (this.columns.filter((c) => c === p.path).length > 1)
        throw new SweepInputError(`--param ${p.path}: the name collides with an output column of the same name`);
    }
  }

  get params(): readonly Param[] {
    return this.input.params;
  }

  runId(run: number): RunId {
    const point = Math.floor(run / this.input.replicates);
    const replicate = run % this.input.replicates;
    return { run, point, replicate, seed: runSeed(this.baseSeed, point, replicate) };
  }

  values(point: number): ParamValue[] {
    return pointValues(this.input.params, point);
  }

  /** The validated scenario of a grid point, or every validator error naming the --param at fault. */
  scenario(point: number): Scenario {
    const hit = this.cache.get(point);
    if (hit) return hit;
    if (this.input.params.length === 0) return this.base;
    const values = this.values(point);
    const r = validateScenario(applyOverrides(this.raw, this.input.params, values), this.input.source, {
      profiles: PROFILE_NAMES,
    });
    if (!r.ok)
      throw new SweepInputError(
        r.errors.map((e) => blameParam(e, this.input.source, this.input.params, values)).join('\n'),
      );
    if (this.cache.size > 64) this.cache.clear();
    this.cache.set(point, r.scenario);
    return r.scenario;
  }

  /** Checks every point before any run starts: a bad value fails the sweep now, not hours in. */
  validateAll(): void {
    for (let p = 0; p < this.points; p++) this.scenario(p);
  }

  run(run: number): Row {
    const id = this.runId(run);
    if (this.current?.point !== id.point)
      this.current = { point: id.point, prepared: PreparedScenario.of(this.scenario(id.point)) };
    return resultRow(id, this.values(id.point), runScenario(this.current.prepared, { seed: id.seed }));
  }
}
