// globalSetup: the run gets a $TMPDIR of its own inside the real one, and it is removed at
// the end, so `npm test` leaves $TMPDIR as it found it. Whatever a test leaves in it is
// reported by summary-reporter.ts as a failure (test/support/temp.ts cleans up after a
// test file): on a shared machine only a private directory can tell whose files they are.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Names the sandbox for the reporter (same process as this setup). */
export const SANDBOX_VARIABLE = 'MAGNUM_TEST_TMPDIR_SANDBOX';

export default function setup(): () => void {
  const sandbox = mkdtempSync(join(tmpdir(), 'magnum-test-run-'));
  // Workers are started after this and inherit it; os.tmpdir() reads TMPDIR each time.
  process.env.TMPDIR = sandbox;
  process.env[SANDBOX_VARIABLE] = sandbox;
  return () => rmSync(sandbox, { recursive: true, force: true });
}
