import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['sim/**/*.test.ts', 'cli/**/*.test.ts', 'web/**/*.test.ts', 'scenarios/**/*.test.ts'],
    reporters: ['default'],
    testTimeout: 60_000,
    env: { TZ: 'UTC' },
  },
});
