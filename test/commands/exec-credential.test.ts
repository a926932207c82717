// The hidden exec-credential command (docs/kubectl-plugin.md) as kubectl runs it: the
// built CLI against the fake cloud, with the token cache on by default (file backend:
// no D-Bus session here, so no keyring).
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();
const root = mkdtempSync(join(tmpdir(), 'magnum-exec-cred-'));
let cacheHome: string;
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  cacheHome = mkdtempSync(join(root, 'cache-'));
});

const posts = (): number => f.cloud.requests.filter((r) => r.server === 'keystone' && r.method === 'POST').length;
const magnumCalls = (): number => f.cloud.requests.filter((r) => r.server === 'magnum').length;
const run = (env: Record<string, string> = {}, args: string[] = ['exec-credential', '--cluster', 'c0ffee']) =>
  f.magnum(args, { env: { XDG_CACHE_HOME: cacheHome, ...env } });
const cacheFile = (): string => {
  const dir = join(cacheHome, 'magnum');
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  return join(dir, files[0]);
};
function setCachedExpiry(ms: number): void {
  const entry = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { expires_at: string };
  entry.expires_at = new Date(ms).toISOString();
  writeFileSync(cacheFile(), JSON.stringify(entry));
  chmodSync(cacheFile(), 0o600);
}
interface Credential {
  apiVersion: string;
  kind: string;
  status: { token: string; expirationTimestamp: string };
}
const credential = (stdout: string): Credential => JSON.parse(stdout) as Credential;

describe('exec-credential', () => {
  it('prints a v1 ExecCredential with the Keystone token and its expiry, and caches it (0600)', async () => {
    const before = posts();
    const r = await run();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cred = credential(r.stdout);
    expect(cred.apiVersion).toBe('client.authentication.k8s.io/v1');
    expect(cred.kind).toBe('ExecCredential');
    const issued = f.cloud.state.tokens.get(cred.status.token);
    expect(issued?.user.name).toBe('demo');
    // RFC 3339 without fractions, as client-go parses it.
    expect(cred.status.expirationTimestamp).toBe(issued?.expiresAt.toISOString().replace('.000Z', 'Z'));
    expect(posts() - before).toBe(1);
    expect(statSync(cacheFile()).mode & 0o777).toBe(0o600);
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });

  it('a second run is a cache hit: no Keystone request, no Magnum request', async () => {
    const first = credential((await run()).stdout);
    const before = f.cloud.requests.length;
    const second = await run();
    expect(second.code).toBe(0);
    expect(credential(second.stdout).status.token).toBe(first.status.token);
    expect(f.cloud.requests.length).toBe(before);
    expect(magnumCalls()).toBe(0);
  });

  it('a cached token with less than 5 minutes left is replaced; one with more is kept', async () => {
    const first = credential((await run()).stdout);
    setCachedExpiry(Date.now() + 6 * 60_000);
    let before = posts();
    expect(credential((await run()).stdout).status.token).toBe(first.status.token);
    expect(posts()).toBe(before);
    setCachedExpiry(Date.now() + 4 * 60_000);
    before = posts();
    const renewed = credential((await run()).stdout);
    expect(posts() - before).toBe(1);
    expect(renewed.status.token).not.toBe(first.status.token);
    expect(JSON.parse(readFileSync(cacheFile(), 'utf8')).token).toBe(renewed.status.token);
  });

  it('--no-cache neither reads nor writes the cache', async () => {
    const r = await run({}, ['exec-credential', '--no-cache']);
    expect(r.code).toBe(0);
    expect(() => readdirSync(join(cacheHome, 'magnum'))).toThrow();
  });

  it('a wrong password: one ERROR line on stderr, exit 1, nothing on stdout', async () => {
    const r = await run({ OS_PASSWORD: 'wrong' });
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^ERROR: magnum could not get a Keystone token for kubectl: The request you have made requires authentication\. \(HTTP 401\) \(Request-ID: req-[0-9a-f-]+\)\n$/,
    );
  });

  it('Keystone down: one ERROR line', async () => {
    const r = await run({ OS_AUTH_URL: 'http://127.0.0.1:1/v3' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^ERROR: magnum could not get a Keystone token for kubectl: Unable to establish connection to http:\/\/127\.0\.0\.1:1\/v3\/auth\/tokens: [^\n]+\n$/,
    );
  });

  it('no credentials at all: the usual pre-check message, one line', async () => {
    const r = await run({ OS_AUTH_URL: '', OS_USERNAME: '', OS_PASSWORD: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'ERROR: magnum could not get a Keystone token for kubectl: You must provide a username via either --os-username or via env[OS_USERNAME]\n',
    );
  });

  it('answers in the version kubectl asks for (KUBERNETES_EXEC_INFO), v1 otherwise', async () => {
    const info = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', spec: { interactive: false } });
    expect(credential((await run({ KUBERNETES_EXEC_INFO: info })).stdout).apiVersion).toBe('client.authentication.k8s.io/v1beta1');
  });

  it('an application credential works', async () => {
    const { APP_CREDENTIAL } = await import('../support/fake-state');
    const r = await run({
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_APPLICATION_CREDENTIAL_ID: APP_CREDENTIAL.id,
      OS_APPLICATION_CREDENTIAL_SECRET: APP_CREDENTIAL.secret,
      OS_USERNAME: '',
      OS_PASSWORD: '',
      OS_PROJECT_NAME: '',
      OS_PROJECT_DOMAIN_NAME: '',
    });
    expect(r.stderr).toBe('');
    expect(f.cloud.state.tokens.get(credential(r.stdout).status.token)?.appCredential?.id).toBe(APP_CREDENTIAL.id);
  });

  it('with a recorded --os-cloud, the OS_* variables of the shell are ignored', async () => {
    const home = mkdtempSync(join(root, 'home-'));
    mkdirSync(join(home, '.config', 'openstack'), { recursive: true });
    writeFileSync(
      join(home, '.config', 'openstack', 'clouds.yaml'),
      `clouds:\n  fake:\n    auth:\n      auth_url: ${f.cloud.authUrlV3}\n      username: admin\n      password: secret\n      project_name: admin\n      user_domain_name: Default\n      project_domain_name: Default\n`,
    );
    // An openrc of another user (and a dead Keystone) in the shell kubectl runs in.
    const r = await run({ HOME: home, OS_USERNAME: 'demo', OS_PASSWORD: 'wrong', OS_AUTH_URL: 'http://127.0.0.1:1/v3' }, [
      '--os-cloud',
      'fake',
      'exec-credential',
      '--cluster',
      'c0ffee',
    ]);
    expect(r.stderr).toBe('');
    expect(f.cloud.state.tokens.get(credential(r.stdout).status.token)?.user.name).toBe('admin');
  });
});
