import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/acceptance/**/*.test.ts'],
    globalSetup: ['./test/support/fresh-build.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 180000,
    fileParallelism: false,
  },
});
