import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'sim/**/*.test.ts',
      'cli/**/*.test.ts',
      'live/**/*.test.ts',
      'web/**/*.test.ts',
      'scenarios/**/*.test.ts',
      'tools/**/*.test.ts',
    ],
    // The second prints, last, each group skipped for a missing requirement (tools/requirements.ts).
    reporters: ['default', './tools/skipped-reporter.ts'],
    testTimeout: 60_000,
    env: { TZ: 'UTC' },
  },
});
