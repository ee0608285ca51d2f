/**
 * `stalepath calibrate [SCENARIO...] [--daemon frr|bird|gobgp] [--json] [--tolerance 50ms]`: each
 * case simulated and run against the real daemon its router's profile describes, in a private
 * network namespace (live/calibrate/). Prints per prefix the real and simulated state sequences and
 * whether they agree; exit 0 only when every case agrees, 1 when one does not, 2 on bad input or
 * when the machine cannot run it (not root, `ip` or a daemon missing).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { formatCalibration } from '../live/calibrate/format.js';
import { type CaseResult, calibrateCases, daemonOfScenario, loadCase } from '../live/calibrate/run.js';
import { DAEMON_NAMES, type DaemonName, daemonProblems } from '../live/daemons/preflight.js';
import { parseDuration } from '../sim/index.js';

interface CalibrateOptions {
  daemon?: string;
  json?: boolean;
  tolerance: string;
  concurrency: string;
  keep?: boolean;
}

export function registerCalibrateCommand(program: Command, scenarioDir: string): void {
  program
    .command('calibrate')
    .description('run calibration cases both simulated and against real FRR / BIRD / GoBGP, and compare')
    .argument('[scenarios...]', 'case files (default: every case in scenarios/calibration/ for the daemon)')
    .option('--daemon <name>', 'frr, bird or gobgp (default: all three)')
    .option('--json', 'print {cases:[...]} as JSON')
    .option('--tolerance <duration>', 'largest |real − sim| of a change that still agrees', '50ms')
    .option('--concurrency <n>', 'cases at a time, each in its own namespace', '2')
    .option('--keep', 'keep each run directory (config, daemon log, readings) under the temp dir')
    .action(async (files: string[], opts: CalibrateOptions) => {
      const problems: string[] = [];
      const daemons: DaemonName[] = [];
      if (opts.daemon === undefined) daemons.push(...DAEMON_NAMES);
      else if ((DAEMON_NAMES as readonly string[]).includes(opts.daemon)) daemons.push(opts.daemon as DaemonName);
      else problems.push(`--daemon ${opts.daemon}: must be one of ${DAEMON_NAMES.join(', ')}`);
      let tolerance = 0;
      try {
        const t = parseDuration(opts.tolerance);
        if (t === undefined || !Number.isFinite(t) || t < 0) throw new Error();
        tolerance = t / 1e6;
      } catch {
        problems.push(`--tolerance ${opts.tolerance}: must be a duration such as "50ms" or "1s"`);
      }
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
        problems.push(`--concurrency ${opts.concurrency}: must be an integer 1..16`);
      const dir = join(scenarioDir, 'calibration');
      const candidates =
        files.length > 0
          ? files
          : readdirSync(dir)
              .filter((f) => f.endsWith('.json'))
              .sort()
              .map((f) => join(dir, f));
      const chosen: string[] = [];
      const need = new Set<DaemonName>();
      for (const f of candidates) {
        let d: DaemonName | null;
        try {
          d = daemonOfScenario(loadCase(f));
        } catch (e) {
          problems.push((e as Error).message);
          continue;
        }
        if (d === null) {
          problems.push(
            `${f}: routers[0].bgp.profile: names no installed daemon's profile (frr-8.4, bird-2.0, gobgp-3.10)`,
          );
          continue;
        }
        if (!daemons.includes(d)) {
          if (files.length > 0) problems.push(`${f}: routers[0].bgp.profile: a ${d} case, but --daemon ${opts.daemon}`);
          continue;
        }
        chosen.push(f);
        need.add(d);
      }
      if (problems.length === 0) for (const d of need) problems.push(...daemonProblems(d));
      if (problems.length > 0) {
        for (const p of [...new Set(problems)]) process.stderr.write(`calibrate: ${p}\n`);
        process.exit(2);
      }
      let done = 0;
      const results: CaseResult[] = await calibrateCases(chosen, {
        tolerance,
        concurrency,
        keep: opts.keep,
        onResult: (r) => {
          done++;
          process.stderr.write(
            `calibrate: [${done}/${chosen.length}] ${r.scenario}: ${r.agree ? 'agree' : 'DISAGREE'}\n`,
          );
        },
      });
      if (opts.json) process.stdout.write(`${JSON.stringify({ cases: results }, null, 2)}\n`);
      else process.stdout.write(formatCalibration(results, tolerance));
      process.exit(results.every((r) => r.agree) ? 0 : 1);
    });
}
