import { defineConfig } from 'vitest/config';

// The installable forms (npm run test:install builds them first): the npm tarball installed
// offline into a fresh prefix, and the standalone executable. test/install/, loopback only.
export default defineConfig({
  test: {
    include: ['test/install/**/*.test.ts'],
    globalSetup: ['./test/support/fresh-build.ts', './test/support/tmpdir-sandbox.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 120000,
  },
});
