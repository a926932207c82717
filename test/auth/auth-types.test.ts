// The auth types (OS_AUTH_TYPE / auth_type:) end to end against the fake keystone:
// which requests each one makes, what it sends, and Keystone's errors as Keystone
// words them (`keystoneauth1/identity/v3/base.py Auth.get_auth_ref`, docs/reference-behaviour.md, Keystone failures as the user sees them).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CREDENTIAL, startFakeCloud, type FakeCloud, type RecordedRequest } from '../support/fake-cloud';
import { openrcEnv, runCli, type RunCliResult } from '../support/run-cli';

let cloud: FakeCloud;
let dir: string;
beforeAll(async () => {
  cloud = await startFakeCloud();
  cloud.seedCluster({ name: 'mine' });
  dir = mkdtempSync(join(tmpdir(), 'magnum-auth-types-'));
});
afterAll(async () => {
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(env: Record<string, string>, args = ['cluster-list']): Promise<{ r: RunCliResult; keystone: RecordedRequest[] }> {
  const before = cloud.requests.length;
  const r = await runCli(args, { env });
  return { r, keystone: cloud.requests.slice(before).filter((q) => q.server === 'keystone') };
}
const listed = (r: RunCliResult): string[] =>
  r.stdout
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| uuid'))
    .map((l) => l.split('|')[2].trim());
const lines = (reqs: RecordedRequest[]): string[] => reqs.map((q) => `${q.method} ${q.path}`);
const posted = (reqs: RecordedRequest[]): unknown => JSON.parse(reqs.find((q) => q.method === 'POST')?.body ?? 'null');
const REQUEST_ID = '\\(Request-ID: req-[0-9a-f-]+\\)';

const appCred = (): Record<string, string> => ({
  OS_AUTH_TYPE: 'v3applicationcredential',
  OS_AUTH_URL: cloud.authUrlV3,
  OS_APPLICATION_CREDENTIAL_ID: APP_CREDENTIAL.id,
  OS_APPLICATION_CREDENTIAL_SECRET: APP_CREDENTIAL.secret,
});

describe('password', () => {
  it('password (generic) discovers the version first, from an unversioned URL too', async () => {
    const { r, keystone } = await run({ ...openrcEnv(cloud), OS_AUTH_URL: cloud.keystoneUrl });
    expect([r.code, listed(r), lines(keystone)]).toEqual([0, ['mine'], ['GET /', 'POST /v3/auth/tokens']]);
  });

  it('v3password posts directly', async () => {
    const { r, keystone } = await run({ ...openrcEnv(cloud), OS_AUTH_TYPE: 'v3password' });
    expect([r.code, lines(keystone)]).toEqual([0, ['POST /v3/auth/tokens']]);
  });

  it('a wrong password gets keystone’s 401 as it says it', async () => {
    const { r } = await run({ ...openrcEnv(cloud), OS_PASSWORD: 'wrong' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^ERROR: The request you have made requires authentication\\. \\(HTTP 401\\) ${REQUEST_ID}\\n$`));
  });

  it('OS_DEFAULT_DOMAIN_ID fills the domains for the generic plugin', async () => {
    const env = { ...openrcEnv(cloud), OS_USER_DOMAIN_NAME: '', OS_PROJECT_DOMAIN_NAME: '', OS_DEFAULT_DOMAIN_ID: 'default' };
    const { r, keystone } = await run(env);
    expect(r.code).toBe(0);
    expect(posted(keystone)).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { password: 'secret', name: 'demo', domain: { id: 'default' } } } },
        scope: { project: { name: 'demo', domain: { id: 'default' } } },
      },
    });
  });
});

describe('v3applicationcredential', () => {
  it('by id: no username, password or project needed, no discovery, no scope', async () => {
    const { r, keystone } = await run(appCred());
    expect([r.code, r.stderr, listed(r), lines(keystone)]).toEqual([0, '', ['mine'], ['POST /v3/auth/tokens']]);
    expect(posted(keystone)).toEqual({
      auth: { identity: { methods: ['application_credential'], application_credential: { id: APP_CREDENTIAL.id, secret: APP_CREDENTIAL.secret } } },
    });
  });

  it('by name with the user', async () => {
    const env = {
      ...appCred(),
      OS_APPLICATION_CREDENTIAL_ID: '',
      OS_APPLICATION_CREDENTIAL_NAME: APP_CREDENTIAL.name,
      OS_USERNAME: 'demo',
      OS_USER_DOMAIN_NAME: 'Default',
    };
    const { r, keystone } = await run(env);
    expect([r.code, listed(r)]).toEqual([0, ['mine']]);
    expect(posted(keystone)).toEqual({
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: { name: APP_CREDENTIAL.name, user: { name: 'demo', domain: { name: 'Default' } }, secret: APP_CREDENTIAL.secret },
        },
      },
    });
  });

  it('a stray project gets keystone’s refusal, as keystone words it', async () => {
    const { r } = await run({ ...appCred(), OS_PROJECT_NAME: 'demo', OS_PROJECT_DOMAIN_NAME: 'Default' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^ERROR: Error authenticating with application credential: Application credentials cannot request a scope\\. \\(HTTP 401\\) ${REQUEST_ID}\\n$`,
      ),
    );
  });

  it('a bad secret gets the generic 401', async () => {
    const { r } = await run({ ...appCred(), OS_APPLICATION_CREDENTIAL_SECRET: 'nope' });
    expect(r.stderr).toMatch(new RegExp(`^ERROR: The request you have made requires authentication\\. \\(HTTP 401\\) ${REQUEST_ID}\\n$`));
  });

  it('a missing secret is caught before any request', async () => {
    const { r, keystone } = await run({ ...appCred(), OS_APPLICATION_CREDENTIAL_SECRET: '' });
    expect([r.stderr, r.code, keystone.length]).toEqual([
      'ERROR: Missing value application_credential_secret required for auth plugin v3applicationcredential\n',
      1,
      0,
    ]);
  });

  it('from clouds.yaml', async () => {
    const file = join(dir, 'appcred.yaml');
    writeFileSync(
      file,
      `clouds:\n  appcred:\n    auth_type: v3applicationcredential\n    auth:\n      auth_url: ${cloud.authUrlV3}\n` +
        `      application_credential_id: ${APP_CREDENTIAL.id}\n      application_credential_secret: ${APP_CREDENTIAL.secret}\n    region_name: RegionOne\n`,
    );
    const { r, keystone } = await run({ OS_CLOUD: 'appcred', OS_CLIENT_CONFIG_FILE: file });
    expect([r.code, r.stderr, listed(r), lines(keystone)]).toEqual([0, '', ['mine'], ['POST /v3/auth/tokens']]);
  });
});

describe('tokens', () => {
  it('token (generic): the token method with the token also in X-Auth-Token (no discovery at a /v3 URL)', async () => {
    const token = cloud.issueToken();
    const { r, keystone } = await run({
      OS_AUTH_TYPE: 'token',
      OS_AUTH_URL: cloud.authUrlV3,
      OS_TOKEN: token,
      OS_PROJECT_NAME: 'demo',
      OS_PROJECT_DOMAIN_ID: 'default',
    });
    expect([r.code, listed(r), lines(keystone)]).toEqual([0, ['mine'], ['POST /v3/auth/tokens']]);
    expect(keystone[0].headers['x-auth-token']).toBe(token);
    expect(posted(keystone)).toEqual({
      auth: { identity: { methods: ['token'], token: { id: token } }, scope: { project: { name: 'demo', domain: { id: 'default' } } } },
    });
  });

  it('v3token posts directly; a bogus token gets keystone’s 404 text', async () => {
    const ok = await run({ OS_AUTH_TYPE: 'v3token', OS_AUTH_URL: cloud.authUrlV3, OS_TOKEN: cloud.issueToken() });
    expect([ok.r.code, lines(ok.keystone)]).toEqual([0, ['POST /v3/auth/tokens']]);
    const bad = await run({ OS_AUTH_TYPE: 'v3token', OS_AUTH_URL: cloud.authUrlV3, OS_TOKEN: 'bogus' });
    expect(bad.r.stderr).toMatch(new RegExp(`^ERROR: Could not recognize Fernet token \\(HTTP 404\\) ${REQUEST_ID}\\n$`));
  });

  it('--os-token with --os-auth-url uses the token method (the reference fails on it)', async () => {
    const { r, keystone } = await run({}, ['--os-token', cloud.issueToken(), '--os-auth-url', cloud.authUrlV3, 'cluster-list']);
    expect([r.code, listed(r), lines(keystone)]).toEqual([0, ['mine'], ['POST /v3/auth/tokens']]);
  });

  it('token + endpoint override: no keystone at all', async () => {
    const { r, keystone } = await run({ OS_TOKEN: cloud.issueToken(), OS_ENDPOINT_OVERRIDE: cloud.magnumUrl });
    expect([r.code, listed(r), keystone.length]).toEqual([0, ['mine'], 0]);
  });

  it('admin_token (token_endpoint) from clouds.yaml: no keystone at all', async () => {
    const file = join(dir, 'admintoken.yaml');
    writeFileSync(
      file,
      `clouds:\n  direct:\n    auth_type: token_endpoint\n    auth:\n      endpoint: ${cloud.magnumUrl}\n      token: ${cloud.issueToken()}\n`,
    );
    const { r, keystone } = await run({ OS_CLOUD: 'direct', OS_CLIENT_CONFIG_FILE: file });
    expect([r.code, r.stderr, listed(r), keystone.length]).toEqual([0, '', ['mine'], 0]);
  });

  it('admin_token with OS_ENDPOINT', async () => {
    const { r, keystone } = await run({ OS_AUTH_TYPE: 'admin_token', OS_TOKEN: cloud.issueToken(), OS_ENDPOINT: cloud.magnumUrl });
    expect([r.code, listed(r), keystone.length]).toEqual([0, ['mine'], 0]);
  });
});

it('an unknown auth type is refused before any request', async () => {
  const { r, keystone } = await run({ ...openrcEnv(cloud), OS_AUTH_TYPE: 'v2password' });
  expect([r.stderr, r.code, keystone.length]).toEqual([
    'ERROR: The plugin v2password could not be found; this client supports password, v3password, token, v3token, v3applicationcredential, v3totp, v3multifactor, v3oidcaccesstoken, v3oidcpassword, v3oidcclientcredentials, admin_token\n',
    1,
    0,
  ]);
});

it('region and interface from clouds.yaml choose the catalog endpoint', async () => {
  const file = join(dir, 'region.yaml');
  const cloudWith = (extra: string): string =>
    `clouds:\n  r:\n${extra}    auth: {auth_url: "${cloud.authUrlV3}", username: demo, password: secret, project_name: demo, ` +
    'user_domain_name: Default, project_domain_name: Default}\n';
  // RegionTwo's magnum endpoint is http://127.0.0.1:1/v1 in the fake catalog: nothing listens there.
  writeFileSync(file, cloudWith('    region_name: RegionTwo\n'));
  const { r } = await run({ OS_CLOUD: 'r', OS_CLIENT_CONFIG_FILE: file });
  expect(r).toEqual({
    stdout: '',
    stderr: 'ERROR: Unable to establish connection to http://127.0.0.1:1/v1/clusters: connect ECONNREFUSED 127.0.0.1:1\n',
    code: 1,
  });
  writeFileSync(file, cloudWith('    region_name: RegionOne\n    interface: bogus\n'));
  expect((await run({ OS_CLOUD: 'r', OS_CLIENT_CONFIG_FILE: file })).r.stderr).toBe(
    'ERROR: bogus endpoint for container service in RegionOne region not found\n',
  );
});
