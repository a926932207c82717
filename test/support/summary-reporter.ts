// Prints `N passed, N failed[, N skipped]` as the very last line of a vitest run,
// counting individual tests. A test file that fails without running any test
// (import error, failing beforeAll with no tests reported) counts as one failure,
// so a broken run never reports "0 failed". Files left in the run's $TMPDIR
// (tmpdir-sandbox.ts) count as one failure too. A test that passed only when retried (the
// suites against a real cloud allow one retry) is named on its own line.
import { readdirSync } from 'node:fs';
import type { Reporter, SerializedError, TestModule, Vitest } from 'vitest/node';
import { SANDBOX_VARIABLE } from './tmpdir-sandbox';

export default class SummaryReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const retried: string[] = [];
    for (const mod of testModules) {
      let tests = 0;
      for (const test of mod.children.allTests()) {
        tests++;
        const state = test.result().state;
        if (state === 'passed' && (test.diagnostic()?.retryCount ?? 0) > 0) retried.push(`${mod.moduleId} > ${test.fullName}`);
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (tests === 0 && mod.state() === 'failed') failed++;
    }
    if (unhandledErrors.length > 0 && failed === 0) failed++;
    // Nothing ran at all (a failing globalSetup, a broken config): never "0 failed".
    if (testModules.length === 0) failed++;
    const left = this.leftInTmpdir();
    if (left.length > 0) {
      this.log(`FAIL the tests left ${left.length} entries in $TMPDIR (use test/support/temp.ts): ${left.join(', ')}`);
      failed++;
    }
    for (const name of retried) this.log(`RETRIED (passed on a second attempt): ${name}`);
    const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
    this.log(line);
  }

  private log(line: string): void {
    if (this.vitest) this.vitest.logger.log(line);
    else process.stdout.write(`${line}\n`);
  }

  private leftInTmpdir(): string[] {
    const sandbox = process.env[SANDBOX_VARIABLE];
    if (!sandbox) return [];
    try {
      return readdirSync(sandbox).sort();
    } catch {
      return [];
    }
  }
}
