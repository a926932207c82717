// cluster-config's data safety (issue 9 point 4), through the built CLI against the fake
// cloud: concurrent --merge runs keep every context (kubectl's `<file>.lock`), the files are
// written as one set (all or nothing, also on SIGTERM/SIGINT), concurrent --force runs never
// mix keys and certificates, and the errors a user can meet are one clear line.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { TWO_CONTEXTS } from '../kube/merge-fixtures';
import { tempDir } from '../support/temp';

const f = useFakeCloud();
const tmp = (): string => tempDir('magnum-safety-');
const CLUSTERS = ['c0', 'c1', 'c2', 'c3', 'c4'];
// Several children generate RSA keys at once: on a loaded 2-core machine that takes a while.
const SLOW = { timeoutMs: 90_000 };
const SET = ['ca.pem', 'cert.pem', 'config', 'key.pem'];

beforeAll(() => {
  const t = f.cloud.seedTemplate({ name: 'k8s', coe: 'kubernetes' });
  for (const name of CLUSTERS) f.cloud.seedCluster({ name, cluster_template_id: t.uuid });
  const swarm = f.cloud.seedTemplate({ name: 'swarm', coe: 'swarm' });
  f.cloud.seedCluster({ name: 'sw', cluster_template_id: swarm.uuid });
});

const contextNames = (file: string): string[] => (parse(readFileSync(file, 'utf8')).contexts as { name: string }[]).map((c) => c.name);

/** The RSA modulus of a private key or of a certificate's public key, as base64url. */
const keyModulus = (pem: string): string => String(createPrivateKey(pem).export({ format: 'jwk' }).n);
const certModulus = (pem: string): string => String(new X509Certificate(pem).publicKey.export({ format: 'jwk' }).n);

/** Polls `check` every 10 ms until it is true (or fails the test after 30 s). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !check(); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() - started > 30_000) throw new Error(`timed out waiting until ${what}`);
  }
}

const stagingDirs = (dir: string): string[] => readdirSync(dir).filter((n) => n.startsWith('.magnum-config-'));

describe('cluster-config --merge under concurrency', () => {
  it('five merges at once into one kubeconfig keep every context', async () => {
    const file = join(tmp(), 'config');
    writeFileSync(file, TWO_CONTEXTS);
    const runs = await Promise.all(CLUSTERS.map((c) => f.magnum(['cluster-config', c, '--merge'], { env: { KUBECONFIG: file }, ...SLOW })));
    for (const [i, r] of runs.entries()) {
      expect(r).toEqual({
        code: 0,
        stdout: '',
        stderr: `Added context "c${i}" (cluster "c${i}", user "c${i}-admin") in ${file}; it is now the current context.\n`,
      });
    }
    expect(contextNames(file).slice(0, 2)).toEqual(['dev', 'prod']);
    expect(contextNames(file).slice(2).sort()).toEqual(CLUSTERS);
    expect(existsSync(`${file}.lock`)).toBe(false);
  }, 120_000);

  it('waits while kubectl holds <file>.lock, then merges into what kubectl wrote', async () => {
    const file = join(tmp(), 'config');
    writeFileSync(file, TWO_CONTEXTS);
    writeFileSync(`${file}.lock`, ''); // what client-go's lockFile leaves while it writes
    const run = f.magnum(['cluster-config', 'c0', '--merge'], { env: { KUBECONFIG: file } });
    await new Promise((r) => setTimeout(r, 1500));
    // "kubectl" finishes its own change and releases the lock.
    writeFileSync(file, TWO_CONTEXTS.replace('current-context: prod', 'current-context: dev'));
    spawnSync('rm', [`${file}.lock`]);
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(contextNames(file)).toEqual(['dev', 'prod', 'c0']);
  }, 60_000);

  it('stops with a clear error, changing nothing, when a killed run left the lock', async () => {
    const file = join(tmp(), 'config');
    writeFileSync(file, TWO_CONTEXTS);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(`${file}.lock`, `${dead}\n`);
    const r = await f.magnum(['cluster-config', 'c0', '--merge'], { env: { KUBECONFIG: file } });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `ERROR: ${file}.lock was left behind by process ${dead}, which is no longer running. ` +
        `Remove ${file}.lock if no kubectl or magnum is using ${file}, then retry.\n`,
    });
    expect(readFileSync(file, 'utf8')).toBe(TWO_CONTEXTS);
  }, 60_000);

  it('SIGTERM while waiting for the lock changes nothing and leaves the holder its lock', async () => {
    // Nothing of ours exists yet. The run ends as a SIGTERMed process: 143 when it is already in
    // the lock's wait (the handler is installed before the lock file can be created), or killed
    // by the default action when the signal lands a moment earlier, on a loaded machine.
    const home = tmp();
    const file = join(home, 'config');
    const certDir = join(home, 'certs');
    writeFileSync(file, TWO_CONTEXTS);
    writeFileSync(`${file}.lock`, `${process.pid}\n`);
    let child: ChildProcess | undefined;
    const signs = f.cloud.requests.filter((q) => q.path === '/v1/certificates').length;
    const run = f.magnum(['cluster-config', 'c1', '--merge', '--output-certs', '--dir', certDir], {
      env: { KUBECONFIG: file },
      onSpawn: (c) => (child = c),
    });
    await until(() => f.cloud.requests.filter((q) => q.path === '/v1/certificates').length > signs, 'the certificate was signed');
    await new Promise((r) => setTimeout(r, 300));
    child?.kill('SIGTERM');
    const r = await run;
    expect({ stdout: r.stdout, stderr: r.stderr }).toEqual({ stdout: '', stderr: '' });
    expect([143, null]).toContain(r.code);
    expect(readFileSync(file, 'utf8')).toBe(TWO_CONTEXTS);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    expect(readdirSync(certDir)).toEqual([]);
    expect(readdirSync(home).sort()).toEqual(['certs', 'config', 'config.lock']);
  }, 60_000);
});

describe('cluster-config writes its files as one set', () => {
  it('SIGTERM after the set is staged leaves nothing new and no temporaries', async () => {
    const dir = tmp();
    writeFileSync(join(dir, '.magnum-config.lock'), `${process.pid}\n`); // holds the commit back
    let child: ChildProcess | undefined;
    const run = f.magnum(['cluster-config', 'c0', '--dir', dir], { onSpawn: (c) => (child = c) });
    await until(() => stagingDirs(dir).some((s) => readdirSync(join(dir, s)).length === SET.length), 'the whole set is staged');
    child?.kill('SIGTERM');
    const r = await run;
    expect({ stdout: r.stdout, stderr: r.stderr }).toEqual({ stdout: '', stderr: '' });
    expect([143, null]).toContain(r.code);
    expect(readdirSync(dir)).toEqual(['.magnum-config.lock']);
  }, 60_000);

  it('SIGINT during a --force run keeps the old set whole', async () => {
    const dir = tmp();
    expect((await f.magnum(['cluster-config', 'c0', '--dir', dir])).code).toBe(0);
    const before = SET.map((n) => readFileSync(join(dir, n), 'utf8'));
    writeFileSync(join(dir, '.magnum-config.lock'), `${process.pid}\n`);
    let child: ChildProcess | undefined;
    const run = f.magnum(['cluster-config', 'c0', '--dir', dir, '--force'], { onSpawn: (c) => (child = c) });
    await until(() => stagingDirs(dir).some((s) => readdirSync(join(dir, s)).length === SET.length), 'the whole set is staged');
    child?.kill('SIGINT');
    expect(await run).toEqual({ code: 130, stdout: '', stderr: '' });
    expect(SET.map((n) => readFileSync(join(dir, n), 'utf8'))).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['.magnum-config.lock', ...SET]);
  }, 60_000);

  it('four concurrent --force runs, twice: key.pem, cert.pem and the kubeconfig always belong together', async () => {
    const dir = tmp();
    for (let round = 0; round < 2; round++) {
      const runs = await Promise.all([0, 1, 2, 3].map(() => f.magnum(['cluster-config', 'c2', '--dir', dir, '--force'], SLOW)));
      for (const r of runs) expect(r).toEqual({ code: 0, stdout: `export KUBECONFIG=${dir}/config\n\n`, stderr: '' });
      expect(readdirSync(dir).sort()).toEqual(SET);
      const key = readFileSync(join(dir, 'key.pem'), 'utf8');
      const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
      const user = parse(readFileSync(join(dir, 'config'), 'utf8')).users[0].user;
      expect(Buffer.from(user['client-key-data'], 'base64').toString()).toBe(key);
      expect(Buffer.from(user['client-certificate-data'], 'base64').toString()).toBe(cert);
      expect(certModulus(cert)).toBe(keyModulus(key));
    }
  }, 240_000);

  it('two concurrent runs without --force: one writes the set, the other refuses and adds nothing', async () => {
    const dir = tmp();
    const runs = await Promise.all([0, 1].map(() => f.magnum(['cluster-config', 'c3', '--dir', dir], SLOW)));
    const codes = runs.map((r) => r.code).sort();
    expect(codes).toEqual([0, 1]);
    const refused = runs.find((r) => r.code === 1);
    expect(refused).toEqual({ code: 1, stdout: '', stderr: `ERROR: File ${dir}/key.pem exists, aborting.\n` });
    expect(readdirSync(dir).sort()).toEqual(SET);
    expect(certModulus(readFileSync(join(dir, 'cert.pem'), 'utf8'))).toBe(keyModulus(readFileSync(join(dir, 'key.pem'), 'utf8')));
  }, 60_000);

  it('swarm: the three pem files as one set', async () => {
    const dir = tmp();
    const r = await f.magnum(['cluster-config', 'sw', '--dir', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['ca.pem', 'cert.pem', 'key.pem']);
  }, 60_000);
});

// A SIGTERM that lands right after a staging directory or a lock file is created, before
// anything else runs: a preload makes the CLI signal itself from inside that very call (the
// bundle calls `fs.mkdtempSync` / `fs.openSync` through the module object). Without a handler
// installed before the creation, the default action kills the process on the spot and the
// directory or lock is left behind (the lock then blocks the next --merge for 10 s).
describe('SIGTERM at the instant cluster-config creates its staging directory or lock', () => {
  const preload = (dir: string): string => {
    const file = join(dir, 'sigterm-at-create.cjs');
    writeFileSync(
      file,
      [
        "const fs = require('node:fs');",
        "const path = require('node:path');",
        'const mkdtemp = fs.mkdtempSync;',
        'const open = fs.openSync;',
        'let sent = false;',
        'const stop = () => { if (!sent) { sent = true; process.kill(process.pid, "SIGTERM"); } };',
        'fs.mkdtempSync = function (prefix, ...rest) {',
        '  const made = mkdtemp.call(this, prefix, ...rest);',
        "  if (path.basename(String(prefix)).startsWith('.magnum-config-')) stop();",
        '  return made;',
        '};',
        'fs.openSync = function (file, flags, ...rest) {',
        '  const fd = open.call(this, file, flags, ...rest);',
        "  if (String(file).endsWith('.lock') && typeof flags === 'number' && (flags & fs.constants.O_EXCL)) stop();",
        '  return fd;',
        '};',
        '',
      ].join('\n'),
    );
    return `--require ${file}`;
  };

  it('--dir: no staging directory is left; the directory holds nothing or the whole set', async () => {
    const dir = tmp();
    const hooks = tmp();
    const r = await f.magnum(['cluster-config', 'c0', '--dir', dir], { env: { NODE_OPTIONS: preload(hooks) } });
    expect(stagingDirs(dir)).toEqual([]);
    expect([[], SET]).toContainEqual(readdirSync(dir).sort());
    expect([0, 143]).toContain(r.code);
  }, 60_000);

  it('--merge: the kubeconfig lock is not left behind, and the next --merge works', async () => {
    const home = tmp();
    const hooks = tmp();
    const file = join(home, 'config');
    const r = await f.magnum(['cluster-config', 'c1', '--merge'], { env: { KUBECONFIG: file, NODE_OPTIONS: preload(hooks) } });
    expect([0, 143]).toContain(r.code);
    expect(existsSync(`${file}.lock`)).toBe(false);
    const next = await f.magnum(['cluster-config', 'c2', '--merge'], { env: { KUBECONFIG: file } });
    expect(next.code).toBe(0);
    expect(contextNames(file)).toContain('c2');
  }, 60_000);
});

// A SIGTERM that lands while the set is being committed (one synchronous block of renames) is
// handled once the block is done: the set is whole, and the run still ends as a SIGTERMed
// process does (143), not 0 as if it had never been signalled.
describe('SIGTERM while cluster-config commits its set', () => {
  it('the whole set is written, and the run ends with 143', async () => {
    const dir = tmp();
    const hooks = tmp();
    const file = join(hooks, 'sigterm-at-commit.cjs');
    writeFileSync(
      file,
      [
        "const fs = require('node:fs');",
        'const rename = fs.renameSync;',
        'let sent = false;',
        'fs.renameSync = function (from, to) {',
        "  if (!sent && String(from).includes('.magnum-config-')) { sent = true; process.kill(process.pid, 'SIGTERM'); }",
        '  return rename.call(this, from, to);',
        '};',
        '',
      ].join('\n'),
    );
    const r = await f.magnum(['cluster-config', 'c0', '--dir', dir], { env: { NODE_OPTIONS: `--require ${file}` } });
    expect(readdirSync(dir).sort()).toEqual(SET);
    expect(r.code).toBe(143);
  }, 60_000);
});

describe('cluster-config --dir errors', () => {
  it('a --dir that is a file is one clear line, exit 1', async () => {
    const file = join(tmp(), 'not-a-dir');
    writeFileSync(file, 'x');
    const r = await f.magnum(['cluster-config', 'c0', '--dir', file]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `ERROR: Cannot write into ${file}: it exists and is not a directory.\n` });
    expect(readFileSync(file, 'utf8')).toBe('x');
  }, 60_000);

  it('a --dir below a file is one clear line, exit 1', async () => {
    const file = join(tmp(), 'not-a-dir');
    writeFileSync(file, 'x');
    const r = await f.magnum(['cluster-config', 'c0', '--dir', join(file, 'sub')]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `ERROR: Cannot create directory ${file}/sub: a part of the path is not a directory.\n` });
  }, 60_000);

  it('a --dir it may not create is one clear line, exit 1', async () => {
    // sysfs refuses mkdir to everyone, root included (a 0500 directory would not stop root).
    const dir = '/sys/magnum-cluster-config-test';
    const r = await f.magnum(['cluster-config', 'c0', '--dir', dir]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `ERROR: Cannot create directory ${dir}: permission denied.\n` });
  }, 60_000);

  it('a --dir under procfs (mkdir answers ENOENT there) is one clear line, exit 1, not a hang', async () => {
    const dir = '/proc/magnum-cluster-config-test/sub';
    const r = await f.magnum(['cluster-config', 'c0', '--dir', dir], { timeoutMs: 15_000 });
    expect(r).toEqual({ code: 1, stdout: '', stderr: `ERROR: Cannot create directory ${dir}: no such file or directory.\n` });
  }, 60_000);
});
