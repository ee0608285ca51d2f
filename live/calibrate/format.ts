/** `stalepath calibrate`'s text report: per case and prefix, real vs simulated states, then a table. */
import type { StateSeq } from '../route-states.js';
import type { CaseResult } from './run.js';

const seq = (q: StateSeq) => q.map(([s, t]) => `${s}@${t.toFixed(3)}`).join(' → ');
const ms = (s: number | null) => (s === null ? '—' : `${Math.round(s * 1000)} ms`);

/**
 * A clock-seeded daemon's run agreed with another simulated draw than the scenario's seed, or the
 * simulation replayed the daemon's logged draws (and how many of its draws the log did not explain).
 */
const drawn = (r: CaseResult) =>
  r.seed !== undefined
    ? ` (simulation seed ${r.seed})`
    : r.replayed !== undefined
      ? ` (logged draws, ${r.replayed.misfits} misfit${r.replayed.misfits === 1 ? '' : 's'})`
      : '';

export function formatCalibration(results: readonly CaseResult[], tolerance: number): string {
  const L: string[] = [];
  for (const r of results) {
    L.push(
      `${r.scenario} (${r.version}): ${r.agree ? 'agree' : 'DISAGREE'}, max error ${ms(r.maxErrorSeconds)}${drawn(r)}`,
    );
    if (r.error) L.push(`  error: ${r.error}`);
    for (const [p, c] of Object.entries(r.prefixes)) {
      L.push(`  ${p}: ${c.agree ? 'agree' : 'disagree'}${c.reason ? ` (${c.reason})` : ''}`);
      L.push(`    real ${seq(c.real)}`);
      L.push(`    sim  ${seq(c.sim)}`);
    }
  }
  L.push('', markdownTable(results), '');
  const bad = results.filter((r) => !r.agree).length;
  L.push(`${results.length - bad}/${results.length} cases agree (tolerance ${Math.round(tolerance * 1000)} ms)`);
  return `${L.join('\n')}\n`;
}

/** The README's agreement table. */
export function markdownTable(results: readonly CaseResult[]): string {
  const L = ['| daemon | case | agree | max error |', '|---|---|---|---|'];
  for (const r of results)
    L.push(`| ${r.version} | ${r.scenario} | ${r.agree ? 'yes' : 'no'}${drawn(r)} | ${ms(r.maxErrorSeconds)} |`);
  return L.join('\n');
}
