/**
 * "This group needs X" for test files: a test group that cannot run here (no Chromium, no review
 * directory) is never skipped silently. `needs(...)` returns whether the requirement is met; when
 * it is not, it adds one test to the file that
 *   - under CI=true fails, naming what is missing and the command that enables it (a CI machine
 *     must run every group);
 *   - elsewhere is skipped.
 * Either way the test carries the reason and the command in its meta, and the reporter
 * (tools/skipped-reporter.ts) prints them as the last lines of the run.
 * Use: `describe.runIf(needs({ group, missing, enable }))('...', () => { ... })`.
 */
import { it } from 'vitest';

export interface Requirement {
  /** The group that needs it, as a person would call it: "browser tests (web/e2e.test.ts)". */
  readonly group: string;
  /** Why it cannot run here ("Chromium missing at /usr/bin/chromium"), or null when it can. */
  readonly missing: string | null;
  /** The command (or step) that makes it runnable. */
  readonly enable: string;
  /**
   * Something outside the project (the shared review beside a checkout), not a tool the project
   * installs: skipped and named even under CI, where a clone may stand alone.
   */
  readonly outsideProject?: boolean;
}

/** What a missing requirement's test carries to the reporter. */
export interface MissingRequirement {
  readonly group: string;
  readonly missing: string;
  readonly enable: string;
}

declare module 'vitest' {
  interface TaskMeta {
    missingRequirement?: MissingRequirement;
  }
}

/** True when `ci` is set as CI services set it (GitHub, GitLab, … all export CI=true). */
export const underCi = (env: NodeJS.ProcessEnv = process.env): boolean => env.CI === 'true' || env.CI === '1';

export function needs(req: Requirement): boolean {
  if (req.missing === null) return true;
  const { group, missing, enable } = req;
  if (underCi() && !req.outsideProject) {
    it(`${group} can run (CI=true: a missing requirement fails)`, (ctx) => {
      ctx.task.meta.missingRequirement = { group, missing, enable };
      throw new Error(`${group}: ${missing}; under CI=true this fails rather than skip — enable: ${enable}`);
    });
  } else {
    it(`${group} can run`, (ctx) => {
      ctx.task.meta.missingRequirement = { group, missing, enable };
      ctx.skip(`${missing} — enable: ${enable}`);
    });
  }
  return false;
}
