// Temporary directories for a test file, removed when that file's tests end: `npm test`
// leaves $TMPDIR as it found it (test/support/tmpdir-sandbox.ts checks that it does).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

// Registered when a test file first imports this module (vitest evaluates modules afresh
// for each test file), so it runs after that file's own afterAll hooks.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** mkdtemp under $TMPDIR, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
