// The npm package as a registry would serve it: `npm pack`, then installed globally from the
// tarball with --offline, an empty cache and a fresh prefix (nothing may need the network),
// and run from there. Also what the tarball holds: only what runs, its licence, the docs its
// README links to, no dependency that the bundle already contains.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { repoRoot } from '../support/run-cli';

const f = useFakeCloud();
const work = mkdtempSync(join(tmpdir(), 'magnum-pack-'));
const prefix = join(work, 'prefix');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  scripts: Record<string, string>;
};
const tarball = join(work, `${pkg.name}-${pkg.version}.tgz`);
let files: string[] = [];

const npm = (args: string[]): string => execFileSync('npm', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  npm(['pack', '--pack-destination', work, '--silent']);
  files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((p) => p.replace(/^package\//, ''));
  npm(['install', '-g', '--offline', '--no-audit', '--no-fund', '--cache', join(work, 'cache'), '--prefix', prefix, tarball]);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm tarball', () => {
  it('ships what runs, the licence and the docs, and no source map', () => {
    for (const needed of ['bin/magnum', 'dist/magnum.cjs', 'dist/yaml.cjs', 'LICENSE', 'README.md', 'package.json']) {
      expect(files).toContain(needed);
    }
    expect(files.filter((p) => p.endsWith('.map'))).toEqual([]);
    expect(files.filter((p) => p.startsWith('src/') || p.startsWith('test/'))).toEqual([]);
    expect(readFileSync(join(repoRoot, 'LICENSE'), 'utf8')).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  });

  it('has every file its README links to', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const relative = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((href) => !/^[a-z]+:/.test(href));
    expect(relative.length).toBeGreaterThan(5);
    expect(relative.filter((href) => !files.includes(href))).toEqual([]);
  });

  it('declares no dependency the bundle contains, and nothing that runs at install', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook]).toBeUndefined();
  });

  it('installed offline into a fresh prefix, answers as the working tree does', async () => {
    const installed = join(prefix, 'bin', 'magnum');
    const path = `${dirname(process.execPath)}:/usr/bin:/bin`;
    f.cloud.seedTemplate({ name: 'k8s-pack' });
    for (const args of [['--version'], ['cluster-template-list'], ['help', 'cluster-list']]) {
      const fromTree = await f.magnum(args);
      const fromPackage = await f.magnum(args, { executable: installed, env: { PATH: path } });
      expect(fromPackage).toEqual(fromTree);
    }
    expect(readdirSync(join(prefix, 'lib', 'node_modules'))).toEqual([pkg.name]);
  });

  it('installs the man page where `man magnum` finds it', () => {
    const page = execFileSync('man', ['magnum'], {
      encoding: 'utf8',
      env: { ...process.env, MANPATH: join(prefix, 'share', 'man'), MANWIDTH: '80', PAGER: 'cat', MANPAGER: 'cat' },
    });
    expect(page).toContain('magnum - command-line client for OpenStack Magnum');
  });
});
