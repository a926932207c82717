// Bundles src/ into one CommonJS file. One file means no module-resolution I/O at
// start-up (docs/performance.md); heavy or optional packages stay external and are
// required lazily by the code paths that need them.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/magnum.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  external: ['yaml', '@napi-rs/keyring'],
  logLevel: 'warning',
});

// Shell completion scripts, generated from the same command table (docs/completions.md):
// the generator is bundled to a temporary file and run here, writing completions/*.
const completionsBuild = mkdtempSync(join(tmpdir(), 'magnum-completions-'));
try {
  const generator = join(completionsBuild, 'write-completions.cjs');
  await build({
    absWorkingDir: root,
    entryPoints: ['src/completions/write.ts'],
    outfile: generator,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['yaml', '@napi-rs/keyring'],
    logLevel: 'warning',
  });
  createRequire(import.meta.url)(generator).writeCompletions(join(root, 'completions'));
} finally {
  rmSync(completionsBuild, { recursive: true, force: true });
}
