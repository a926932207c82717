// scripts/build.mjs --if-stale (every suite's globalSetup, test/support/fresh-build.ts) must
// build when an input changed or an output is missing, and only then. Run in a copy of the
// build's inputs, so the working tree's dist/ is not touched.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';

const ROOT = join(__dirname, '..', '..');
const BUILT = { stderr: 'build: src/ changed since dist/ was built; building again\n', code: 0 };
const FRESH = { stderr: '', code: 0 };

function copyOfInputs(): string {
  const dir = tempDir('magnum-fresh-build-');
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
  for (const f of ['scripts/build.mjs', 'package.json', 'package-lock.json']) cpSync(join(ROOT, f), join(dir, f));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  // Tracked directories the build writes into (completions/*, man/magnum.1).
  for (const d of ['completions', 'man']) mkdirSync(join(dir, d));
  return dir;
}

function buildIfStale(dir: string): { stderr: string; code: number | null } {
  const r = spawnSync(process.execPath, [join(dir, 'scripts', 'build.mjs'), '--if-stale'], { encoding: 'utf8' });
  return { stderr: r.stderr, code: r.status };
}

describe('scripts/build.mjs --if-stale', () => {
  it('builds when there is no build, after an edit, after undoing it and after a new file; not otherwise', { timeout: 60000 }, () => {
    const dir = copyOfInputs();
    expect(buildIfStale(dir)).toEqual(BUILT);
    expect(existsSync(join(dir, 'dist', 'magnum.cjs'))).toBe(true);
    expect(buildIfStale(dir)).toEqual(FRESH);

    const cli = join(dir, 'src', 'cli.ts');
    const original = readFileSync(cli, 'utf8');
    writeFileSync(cli, `${original}// an edit\n`);
    expect(buildIfStale(dir)).toEqual(BUILT);
    expect(buildIfStale(dir)).toEqual(FRESH);
    writeFileSync(cli, original);
    expect(buildIfStale(dir)).toEqual(BUILT);

    writeFileSync(join(dir, 'src', 'new-module.ts'), 'export const x = 1;\n');
    expect(buildIfStale(dir)).toEqual(BUILT);
    expect(buildIfStale(dir)).toEqual(FRESH);
  });

  it('builds again when an output is missing, with the sources unchanged', { timeout: 60000 }, () => {
    const dir = copyOfInputs();
    expect(buildIfStale(dir)).toEqual(BUILT);
    rmSync(join(dir, 'dist', 'yaml.cjs'));
    expect(buildIfStale(dir)).toEqual(BUILT);
    expect(existsSync(join(dir, 'dist', 'yaml.cjs'))).toBe(true);
    expect(buildIfStale(dir)).toEqual(FRESH);
  });
});
