/**
 * Prints, as the last lines of a test run, every group skipped (or, under CI=true, failed) for a
 * missing requirement (tools/requirements.ts) and the command that enables it, so that `npm test`
 * never passes with a group silently skipped. Listed after the default reporter in vitest.config.ts.
 */
import type { Reporter, TestModule } from 'vitest/node';

export function missingLines(testModules: ReadonlyArray<TestModule>): string[] {
  const lines: string[] = [];
  for (const m of testModules) {
    for (const t of m.children.allTests()) {
      const r = t.meta().missingRequirement;
      if (!r) continue;
      const state = t.result().state;
      const verdict = state === 'skipped' ? 'skipped' : state === 'failed' ? 'failed (CI=true)' : null;
      if (verdict) lines.push(`${verdict}: ${r.group}: ${r.missing} — enable: ${r.enable}`);
    }
  }
  return lines;
}

export default class SkippedReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const lines = missingLines(testModules);
    if (lines.length > 0) process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
