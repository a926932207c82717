// globalSetup: the command tests run the built CLI (bin/magnum → dist/magnum.cjs) as a child
// process, so after an edit `npx vitest run test/x.test.ts` would test the previous build.
// scripts/build.mjs --if-stale builds again when a hash of its inputs (src/, the build script,
// the lock file) differs from the one the last build recorded, and costs ~0.1 s when not.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}
