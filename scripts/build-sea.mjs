// `npm run build:sea`: one self-contained executable for this machine's platform (Linux x64
// is what CI builds and tests) that needs no Node installed: Node's single-executable
// application support (https://nodejs.org/api/single-executable-applications.html).
//   1. one CommonJS bundle with everything inlined — an SEA's require() loads only Node
//      built-ins, so yaml is bundled in (still evaluated lazily, on first use) and the
//      optional keyring is left out: the token cache then uses its file store, as it does
//      wherever the keyring cannot load (docs/configuration.md, Token cache);
//   2. the preparation blob (`node --experimental-sea-config`), with V8's code cache so
//      start-up does not compile the bundle each time;
//   3. a copy of the Node binary that runs this script (or $MAGNUM_SEA_NODE) with the blob
//      injected by postject.
// Output: dist/sea/magnum. Tested by test/install/sea.test.ts with a PATH that has no node.
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'dist', 'sea');
const bundle = join(outDir, 'magnum-sea.cjs');
const blob = join(outDir, 'magnum.blob');
const executable = join(outDir, 'magnum');
const node = process.env.MAGNUM_SEA_NODE || process.execPath;

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

await build({
  absWorkingDir: root,
  stdin: { contents: "require('./src/cli').main();", resolveDir: root, loader: 'js' },
  outfile: bundle,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['@napi-rs/keyring'],
  logLevel: 'warning',
});

const config = join(outDir, 'sea-config.json');
writeFileSync(config, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }, null, 2));
// The blob must be made by the same Node binary it is injected into (code cache, V8 version).
execFileSync(node, ['--experimental-sea-config', config], { stdio: 'inherit' });

copyFileSync(node, executable);
chmodSync(executable, 0o755);
const injected = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'postject', 'dist', 'cli.js'),
    executable,
    'NODE_SEA_BLOB',
    blob,
    '--sentinel-fuse',
    'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
  ],
  { encoding: 'utf8' },
);
// LIEF warns about ELF note sections it does not name; harmless, and said for every build.
const noise = /^warning: Can't find string offset for section name '\.note[.\d]*'$/;
process.stderr.write(
  injected.stderr
    .split('\n')
    .filter((l) => l && !noise.test(l))
    .map((l) => `${l}\n`)
    .join(''),
);
if (injected.status !== 0) throw new Error(`postject failed (exit ${injected.status})`);
rmSync(blob);
rmSync(config);
rmSync(bundle);
console.log(`${executable}: ${execFileSync(executable, ['--version'], { encoding: 'utf8' }).trim()}`);
