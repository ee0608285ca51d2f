import { defineConfig } from 'vitest/config';

const CALIBRATION = 'live/calibrate/calibrate.test.ts';
/** The clients' TCP against the kernel's timers: judged on the wall clock too. */
const KERNEL_TCP = 'live/kernel/linux-tcp.test.ts';

export default defineConfig({
  test: {
    // The second prints, last, each group skipped for a missing requirement (tools/requirements.ts).
    reporters: ['default', './tools/skipped-reporter.ts'],
    testTimeout: 60_000,
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: {
          name: 'stalepath',
          include: [
            'sim/**/*.test.ts',
            'cli/**/*.test.ts',
            'live/**/*.test.ts',
            'web/**/*.test.ts',
            'scenarios/**/*.test.ts',
            'tools/**/*.test.ts',
          ],
          exclude: [CALIBRATION, KERNEL_TCP, '**/node_modules/**'],
        },
      },
      {
        // The real daemons are judged within 50 ms on the wall clock, the kernel's TCP timers within
        // 60 ms: these run after every other test file has finished, one file at a time, so no other
        // worker loads the machine meanwhile.
        extends: true,
        test: {
          name: 'calibration',
          include: [CALIBRATION, KERNEL_TCP],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
