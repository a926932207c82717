import { defineConfig } from 'vitest/config';

// Hermetic suite: nothing but loopback (test/support/fake-cloud.ts). The compatibility
// harness's own rules (test/compat/harness.test.ts) need no stack and run here too.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/acceptance/**', 'test/compat/!(harness).test.ts', 'test/install/**'],
    globalSetup: ['./test/support/fresh-build.ts', './test/support/tmpdir-sandbox.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 20000,
  },
});
