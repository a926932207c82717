// The summary line CI adds up (.ci/run) counts each test once, by its final state, and names
// a test that passed only when retried (the real-cloud suites allow one retry).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { SANDBOX_VARIABLE } from '../support/tmpdir-sandbox';

const root = resolve(__dirname, '../..');

/**
 * The environment without this run's own VITEST* variables (they would make the child a worker
 * of this run) and its $TMPDIR sandbox (whose other tests' files the child would count).
 */
function outsideVitest(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('VITEST') && key !== SANDBOX_VARIABLE));
}

it('counts passed, failed and skipped tests, and names the retried one', () => {
  const r = spawnSync(
    process.execPath,
    [resolve(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/support-selftest/fixtures/reporter/vitest.fixture.config.mts'],
    { cwd: root, encoding: 'utf8', env: { ...outsideVitest(process.env), CI: 'true', NO_COLOR: '1' }, timeout: 60_000 },
  );
  const lines = r.stdout.trim().split('\n');
  expect(r.stderr).toBe('');
  expect(lines.slice(-2)).toEqual([
    `RETRIED (passed on a second attempt): ${root}/test/support-selftest/fixtures/reporter/cases.fixture.ts > fails once, then passes`,
    '2 passed, 1 failed, 1 skipped',
  ]);
  expect(r.status).toBe(1);
}, 60_000);
