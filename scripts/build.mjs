// Bundles src/ into one CommonJS file. One file means no module-resolution I/O at
// start-up (docs/performance.md); heavy or optional packages stay external and are
// required lazily by the code paths that need them.
//
// `--if-stale`: build only when an input changed since the last build. The test configs'
// globalSetup (test/support/fresh-build.ts) runs this, because the command tests run the
// built CLI: without it `npx vitest run x` after an edit would test the previous build.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// What the build reads: the sources, this script, and the locked dependency versions (yaml
// is bundled). A hash of their contents, not their times: a checkout, a stash or an editor
// that keeps times cannot make a stale build look fresh. It is taken before building, so a
// file edited while the build runs makes the next check build again.
const stampFile = join(root, 'dist', '.inputs-sha256');
const outputs = ['dist/magnum.cjs', 'dist/yaml.cjs', 'completions/magnum.bash', 'completions/_magnum', 'completions/magnum.fish', 'man/magnum.1'];
function inputsHash() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk('src');
  files.sort();
  files.push('scripts/build.mjs', 'package-lock.json');
  const hash = createHash('sha256');
  for (const file of files) {
    const content = readFileSync(join(root, file));
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex');
}
const inputs = inputsHash();
const previous = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
if (process.argv.includes('--if-stale') && previous === inputs && outputs.every((o) => existsSync(join(root, o)))) process.exit(0);
if (process.argv.includes('--if-stale')) console.error('build: src/ changed since dist/ was built; building again');
rmSync(stampFile, { force: true });

/** The named exports of the yaml package, spelled out so esbuild can annotate them for import(). */
function yamlExportNames() {
  const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
  return Object.keys(createRequire(import.meta.url)('yaml')).filter((k) => k !== 'default' && identifier.test(k));
}

// `yaml` is needed only for clouds.yaml, `-f yaml` and kubeconfig merging. It gets a
// bundle of its own, required on first use: ~30 ms instead of ~110 ms for the package's
// many files, and nothing at all for the commands that never touch YAML.
const yamlAsSeparateBundle = {
  name: 'yaml-as-separate-bundle',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: './yaml.cjs', external: true }));
  },
};
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/magnum.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['@napi-rs/keyring'],
  plugins: [yamlAsSeparateBundle],
  logLevel: 'warning',
});
await build({
  absWorkingDir: root,
  // ESM in, CJS out: esbuild annotates the export names so that import() sees them too.
  stdin: {
    contents: `export { ${yamlExportNames().join(', ')} } from 'yaml'; export { default } from 'yaml';`,
    resolveDir: root,
    loader: 'js',
  },
  outfile: 'dist/yaml.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});

// Shell completion scripts and the man page, generated from the same command table
// (docs/completions.md):
// the generator is bundled to a temporary file and run here, writing completions/* and man/magnum.1.
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
  const { writeCompletions, writeManPage } = createRequire(import.meta.url)(generator);
  writeCompletions(join(root, 'completions'));
  writeManPage(join(root, 'man'));
} finally {
  rmSync(completionsBuild, { recursive: true, force: true });
}

mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(stampFile, inputs);
