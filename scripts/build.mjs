// Bundles src/ into one CommonJS file. One file means no module-resolution I/O at
// start-up (docs/performance.md); heavy or optional packages stay external and are
// required lazily by the code paths that need them.
import { build } from 'esbuild';
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
