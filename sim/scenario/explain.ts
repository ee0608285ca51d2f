/**
 * `stalepath explain`: the run narrated for teaching, one line per protocol step, each with the
 * RFC clause (or implementation behaviour) that explains it. The sentences are the replay's
 * narration (replay/narrate.ts), the same the UI shows when stepping.
 */
import { narrate, narrationText } from '../replay/narrate.js';
import type { WorldRecord } from '../world/index.js';
import { type RunOptions, runScenario } from './run.js';
import type { Scenario } from './schema.js';

export function explainRun(sc: Scenario, options: RunOptions = {}): string[] {
  return explainRecords(runScenario(sc, { ...options, keepTrace: true }).world.sim.trace.records);
}

/** The narrated lines of a trace: a run's, or one read back from a file (`run --trace`, `live --trace`). */
export function explainRecords(records: readonly WorldRecord[]): string[] {
  const lines: string[] = [];
  for (const rec of records) {
    const line = explainLine(rec);
    if (line !== undefined) lines.push(line);
  }
  return lines;
}

/** One line of `explain`: time, subject column, then the narration; undefined for a record not told. */
export function explainLine(rec: WorldRecord): string | undefined {
  const n = narrate(rec);
  return n && `${stamp(rec.t)}  ${rec.subject.padEnd(16)} ${narrationText(n)}`;
}

function stamp(t: number): string {
  return `${(t / 1e6).toFixed(6).padStart(12)} s`;
}
