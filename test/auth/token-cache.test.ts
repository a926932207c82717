// The opt-in token cache end to end, with its file backend (no D-Bus session here, so
// the keyring is skipped at once): the built CLI against the fake cloud.
import { chmodSync, chownSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { openrcEnv, runCli, type RunCliResult } from '../support/run-cli';

let cloud: FakeCloud;
let root: string;
let cacheHome: string;
let home: string;

beforeAll(async () => {
  cloud = await startFakeCloud();
  cloud.seedCluster({ name: 'cached' });
  root = mkdtempSync(join(tmpdir(), 'magnum-token-cache-'));
});
afterAll(async () => {
  await cloud.close();
  rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
  cacheHome = mkdtempSync(join(root, 'cache-'));
  home = mkdtempSync(join(root, 'home-'));
});

const cacheDir = (): string => join(cacheHome, 'magnum');
const cacheFiles = (): string[] => {
  try {
    return readdirSync(cacheDir()).map((f) => join(cacheDir(), f));
  } catch {
    return [];
  }
};
const onlyCacheFile = (): string => {
  const files = cacheFiles();
  expect(files).toHaveLength(1);
  return files[0];
};

async function run(args: string[], env: Record<string, string> = {}): Promise<{ r: RunCliResult; keystone: string[] }> {
  const before = cloud.requests.length;
  const r = await runCli(args, { env: { ...openrcEnv(cloud), HOME: home, XDG_CACHE_HOME: cacheHome, ...env } });
  const keystone = cloud.requests
    .slice(before)
    .filter((q) => q.server === 'keystone')
    .map((q) => `${q.method} ${q.path}`);
  return { r, keystone };
}
const listed = (r: RunCliResult): string[] =>
  r.stdout
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| uuid'))
    .map((l) => l.split('|')[2].trim());
// OS_AUTH_URL ends in /v3: no version discovery (docs/configuration.md, Identity version discovery).
const AUTH = ['POST /v3/auth/tokens'];

/** Rewrites the cache entry as if its token had expired (and with `changes`). */
function expireCachedToken(changes: Record<string, unknown> = {}): void {
  const file = onlyCacheFile();
  const entry = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...entry, expires_at: '2020-01-01T00:00:00.000000Z', ...changes }));
}

describe('version discovery with an unversioned auth URL', () => {
  it('runs without the cache every time; with it, once: an expired entry still knows where to authenticate', async () => {
    const unversioned = { OS_AUTH_URL: cloud.keystoneUrl };
    for (let i = 0; i < 2; i++) {
      const { r, keystone } = await run(['cluster-list'], unversioned);
      expect([r.code, r.stderr, keystone]).toEqual([0, '', ['GET /', 'POST /v3/auth/tokens']]);
    }
    const env = { ...unversioned, OS_CACHE: 'true' };
    const first = await run(['cluster-list'], env);
    expect([first.r.code, listed(first.r), first.keystone]).toEqual([0, ['cached'], ['GET /', 'POST /v3/auth/tokens']]);
    const entry = JSON.parse(readFileSync(onlyCacheFile(), 'utf8')) as { identity_url: string };
    expect(entry.identity_url).toBe(`${cloud.keystoneUrl}/v3`);
    expireCachedToken();
    const second = await run(['cluster-list'], env);
    expect([second.r.code, second.r.stderr, listed(second.r), second.keystone]).toEqual([0, '', ['cached'], ['POST /v3/auth/tokens']]);
  });

  it('discovers again when the remembered endpoint answers 404 (Keystone moved)', async () => {
    const env = { OS_AUTH_URL: cloud.keystoneUrl, OS_CACHE: 'true' };
    await run(['cluster-list'], env);
    expireCachedToken({ identity_url: `${cloud.keystoneUrl}/moved/v3` });
    const again = await run(['cluster-list'], env);
    expect([again.r.code, again.r.stderr, listed(again.r), again.keystone]).toEqual([
      0,
      '',
      ['cached'],
      ['POST /moved/v3/auth/tokens', 'GET /', 'POST /v3/auth/tokens'],
    ]);
  });
});

describe('opting in', () => {
  it('without --os-cache or OS_CACHE nothing is cached and every run authenticates', async () => {
    for (let i = 0; i < 2; i++) {
      const { r, keystone } = await run(['cluster-list']);
      expect([r.code, r.stderr, keystone]).toEqual([0, '', AUTH]);
    }
    expect(cacheFiles()).toEqual([]);
  });

  it.each([
    ['OS_CACHE=true', [], { OS_CACHE: 'true' }],
    ['--os-cache', ['--os-cache'], {}],
  ])('with %s the second run makes no Keystone request', async (_name, flags, env) => {
    const first = await run([...flags, 'cluster-list'], env as Record<string, string>);
    expect([first.r.code, listed(first.r), first.keystone]).toEqual([0, ['cached'], AUTH]);
    const file = onlyCacheFile();
    expect(first.r.stderr).toBe(`magnum: token cached in ${file} (no usable keyring)\n`);
    const second = await run([...flags, 'cluster-list'], env as Record<string, string>);
    expect([second.r.code, second.r.stderr, listed(second.r), second.keystone]).toEqual([0, '', ['cached'], []]);
  });

  it('falls back to the file when a D-Bus session has no usable keyring', async () => {
    const env = { OS_CACHE: 'true', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    const first = await run(['cluster-list'], env);
    expect([first.r.code, first.keystone, first.r.stderr]).toEqual([0, AUTH, `magnum: token cached in ${onlyCacheFile()} (no usable keyring)\n`]);
    const second = await run(['cluster-list'], env);
    expect([second.r.code, second.r.stderr, second.keystone]).toEqual([0, '', []]);
  });

  it('with clouds.yaml cache: {auth: true}', async () => {
    const file = join(home, 'clouds.yaml');
    writeFileSync(
      file,
      `cache:\n  auth: true\nclouds:\n  fake:\n    auth: {auth_url: "${cloud.authUrlV3}", username: demo, password: secret, project_name: demo, ` +
        'user_domain_name: Default, project_domain_name: Default}\n',
    );
    const env = { OS_CLOUD: 'fake', OS_CLIENT_CONFIG_FILE: file, OS_USERNAME: '', OS_PASSWORD: '', OS_PROJECT_NAME: '', OS_AUTH_URL: '' };
    expect((await run(['cluster-list'], env)).keystone).toEqual(AUTH);
    const again = await run(['cluster-list'], env);
    expect([again.r.code, again.keystone]).toEqual([0, []]);
  });
});

describe('the cache file', () => {
  beforeEach(async () => {
    expect((await run(['cluster-list'], { OS_CACHE: 'true' })).keystone).toEqual(AUTH);
  });

  it('is 0600 in a 0700 directory, and holds the token and catalog but no password', () => {
    const file = onlyCacheFile();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(cacheDir()).mode & 0o777).toBe(0o700);
    const text = readFileSync(file, 'utf8');
    const entry = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(entry).sort()).toEqual([
      'catalog',
      'expires_at',
      'format',
      'identity_url',
      'key',
      'methods',
      'project_id',
      'project_name',
      'token',
      'user_id',
      'user_name',
    ]);
    expect(cloud.state.tokens.has(entry.token as string)).toBe(true);
    expect(text).not.toContain('secret');
    expect(readdirSync(cacheDir())).toEqual([file.split('/').pop()]);
  });

  it('is keyed by project: another project authenticates and gets its own file', async () => {
    const other = await run(['cluster-list'], { OS_CACHE: 'true', OS_PROJECT_NAME: 'admin', OS_USERNAME: 'admin' });
    expect([other.r.code, other.keystone]).toEqual([0, AUTH]);
    expect(cacheFiles()).toHaveLength(2);
  });

  it('is keyed by region and interface', async () => {
    expect((await run(['cluster-list'], { OS_CACHE: 'true', OS_INTERFACE: 'internal' })).keystone).toEqual(AUTH);
    expect(cacheFiles()).toHaveLength(2);
  });

  it('is ignored when group or others may read it', async () => {
    const file = onlyCacheFile();
    chmodSync(file, 0o640);
    const { r, keystone } = await run(['cluster-list'], { OS_CACHE: 'true' });
    expect([r.code, r.stderr, keystone]).toEqual([0, '', AUTH]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is ignored when another user owns it', async () => {
    const file = onlyCacheFile();
    chownSync(file, 4242, 4242);
    const { r, keystone } = await run(['cluster-list'], { OS_CACHE: 'true' });
    expect([r.code, keystone]).toEqual([0, AUTH]);
    expect(statSync(file).uid).toBe(process.getuid?.());
  });

  it.each([
    ['not JSON', (t: string) => `${t.slice(0, 40)}`],
    ['another key', (t: string) => t.replace(/"key":"[0-9a-f]+"/, `"key":"${'0'.repeat(64)}"`)],
    ['no expiry', (t: string) => t.replace(/"expires_at":"[^"]+"/, '"expires_at":null')],
  ])('is ignored when tampered with (%s)', async (_name, tamper) => {
    const file = onlyCacheFile();
    writeFileSync(file, tamper(readFileSync(file, 'utf8')), { mode: 0o600 });
    const { r, keystone } = await run(['cluster-list'], { OS_CACHE: 'true' });
    expect([r.code, r.stderr, keystone]).toEqual([0, '', AUTH]);
    expect((await run(['cluster-list'], { OS_CACHE: 'true' })).keystone).toEqual([]);
  });

  it.each([
    ['expired', -3600_000],
    ['expiring within 120 s', 60_000],
  ])('is a miss when %s', async (_name, offsetMs) => {
    const file = onlyCacheFile();
    const entry = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    entry.expires_at = new Date(Date.now() + offsetMs).toISOString();
    writeFileSync(file, JSON.stringify(entry), { mode: 0o600 });
    const { r, keystone } = await run(['cluster-list'], { OS_CACHE: 'true' });
    expect([r.code, keystone]).toEqual([0, AUTH]);
    const fresh = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(fresh.token).not.toBe(entry.token);
  });

  it('is replaced after magnum answers 401 to the cached token (re-authenticate once, retry)', async () => {
    const file = onlyCacheFile();
    const revoked = (JSON.parse(readFileSync(file, 'utf8')) as { token: string }).token;
    cloud.state.tokens.delete(revoked);
    const before = cloud.requests.length;
    const { r, keystone } = await run(['cluster-list'], { OS_CACHE: 'true' });
    expect([r.code, r.stderr, listed(r), keystone]).toEqual([0, '', ['cached'], AUTH]);
    const magnum = cloud.requests.slice(before).filter((q) => q.server === 'magnum');
    expect(magnum.map((q) => q.headers['x-auth-token'] === revoked)).toEqual([true, false]);
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { token: string };
    expect(entry.token).not.toBe(revoked);
    expect(cloud.state.tokens.has(entry.token)).toBe(true);
  });

  it('is dropped after a 401 even when re-authenticating fails', async () => {
    const file = onlyCacheFile();
    cloud.state.tokens.delete((JSON.parse(readFileSync(file, 'utf8')) as { token: string }).token);
    // The password is not part of the key: the same identity with a now-wrong password.
    const { r, keystone } = await run(['cluster-list'], { OS_CACHE: 'true', OS_PASSWORD: 'wrong' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: The request you have made requires authentication\. \(HTTP 401\) \(Request-ID: req-[0-9a-f-]+\)\n$/);
    expect(keystone).toEqual(AUTH);
    expect(cacheFiles()).toEqual([]);
  });
});
