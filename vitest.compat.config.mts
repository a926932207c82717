import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/compat/**/*.test.ts'],
    globalSetup: ['./test/support/fresh-build.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 120000,
    fileParallelism: false,
  },
});
