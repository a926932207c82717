import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/acceptance/**/*.test.ts'],
    globalSetup: ['./test/support/fresh-build.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 180000,
    fileParallelism: false,
    // A real cloud's conductor is shared and its timing varies: a failed case runs once more,
    // and the summary reporter names every case that needed it (never silently).
    retry: 1,
  },
});
