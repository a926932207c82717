/**
 * Authentication on the real stack (run with demo-openrc in the environment): an
 * application credential made for the occasion (and deleted afterwards), clouds.yaml +
 * secure.yaml found through OS_CLIENT_CONFIG_FILE and the search path, a token with an
 * endpoint override, and the token cache. Keystone is reached with plain fetch for the
 * set-up, so these tests do not depend on the code they test.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnStack } from '../compat/harness';
import { applyOverrides, baseEnv, freshTempDir, OPENRC_LOGIN, runOurs, unsetVars, type EnvOverrides, type ProcessResult } from '../compat/processes';
import { uniqueName } from '../compat/resources';
import { keystoneV3Url, passwordTokenFromKeystone, type DirectToken } from '../support/keystone-direct';

/** Every OS_* password-auth variable of demo-openrc removed, so only what a case sets counts. */
const NO_OPENRC = unsetVars(...OPENRC_LOGIN, 'OS_AUTH_URL');
const REQUEST_ID = '\\(Request-ID: req-[0-9a-f-]+\\)';

async function keystone(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (init.token) headers['X-Auth-Token'] = init.token;
  return fetch(`${keystoneV3Url(process.env.OS_AUTH_URL)}${path}`, { ...init, headers });
}

describeOnStack('acceptance: authentication', { reference: false }, () => {
  const tmp = freshTempDir('magnum-acceptance-auth-');
  const credName = uniqueName('magnum-ac');
  let demo: DirectToken;
  let cred: { id: string; secret: string } | undefined;

  beforeAll(async () => {
    demo = await passwordTokenFromKeystone();
    const res = await keystone(`/users/${demo.userId}/application_credentials`, {
      method: 'POST',
      token: demo.token,
      body: JSON.stringify({ application_credential: { name: credName, description: 'magnum-ts acceptance test (auth.test.ts)' } }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { application_credential: { id: string; secret: string } };
    cred = body.application_credential;
  });

  afterAll(async () => {
    if (cred) {
      const res = await keystone(`/users/${demo.userId}/application_credentials/${cred.id}`, { method: 'DELETE', token: demo.token });
      expect(res.status).toBe(204);
    }
    rmSync(tmp, { recursive: true, force: true });
  });

  async function ours(argv: string[], overrides: EnvOverrides = {}, cwd?: string): Promise<ProcessResult> {
    const home = join(tmp, `home-${uniqueName('h')}`);
    mkdirSync(home);
    return runOurs(argv, { cwd: cwd ?? home, env: applyOverrides(baseEnv(home), overrides) });
  }
  const listsKubernetes = (r: ProcessResult): void => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\| [0-9a-f-]{36} \| kubernetes +\|$/m);
  };
  const appCredEnv = (): EnvOverrides => ({
    ...NO_OPENRC,
    OS_AUTH_TYPE: 'v3applicationcredential',
    OS_AUTH_URL: process.env.OS_AUTH_URL,
    OS_APPLICATION_CREDENTIAL_ID: cred?.id,
    OS_APPLICATION_CREDENTIAL_SECRET: cred?.secret,
  });

  it('an application credential by id', async () => {
    listsKubernetes(await ours(['cluster-template-list'], appCredEnv()));
  });

  it('an application credential by name and user', async () => {
    const env = {
      ...appCredEnv(),
      OS_APPLICATION_CREDENTIAL_ID: undefined,
      OS_APPLICATION_CREDENTIAL_NAME: credName,
      OS_USERNAME: 'demo',
      OS_USER_DOMAIN_NAME: 'Default',
    };
    listsKubernetes(await ours(['cluster-template-list'], env));
  });

  it('an application credential with a stray OS_PROJECT_NAME: keystone’s 401, as keystone says it', async () => {
    const r = await ours(['cluster-template-list'], { ...appCredEnv(), OS_PROJECT_NAME: 'demo', OS_PROJECT_DOMAIN_NAME: 'Default' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^ERROR: Error authenticating with application credential: Application credentials cannot request a scope\\. \\(HTTP 401\\) ${REQUEST_ID}\\n$`,
      ),
    );
  });

  it('an application credential with a wrong secret', async () => {
    const r = await ours(['cluster-template-list'], { ...appCredEnv(), OS_APPLICATION_CREDENTIAL_SECRET: 'wrong' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^ERROR: The request you have made requires authentication\\. \\(HTTP 401\\) ${REQUEST_ID}\\n$`));
  });

  it('clouds.yaml via OS_CLIENT_CONFIG_FILE with the password in ./secure.yaml', async () => {
    const dir = join(tmp, 'clouds-password');
    mkdirSync(join(dir, 'conf'), { recursive: true });
    const e = process.env;
    writeFileSync(
      join(dir, 'conf', 'clouds.yaml'),
      `clouds:\n  stack:\n    auth:\n      auth_url: ${e.OS_AUTH_URL}\n      username: ${e.OS_USERNAME}\n      project_name: ${e.OS_PROJECT_NAME}\n` +
        `      user_domain_name: ${e.OS_USER_DOMAIN_NAME}\n      project_domain_name: ${e.OS_PROJECT_DOMAIN_NAME}\n    region_name: RegionOne\n    interface: internal\n`,
    );
    writeFileSync(join(dir, 'secure.yaml'), `clouds:\n  stack:\n    auth:\n      password: ${e.OS_PASSWORD}\n`);
    const env = {
      ...NO_OPENRC,
      OS_REGION_NAME: undefined,
      OS_INTERFACE: undefined,
      OS_CLOUD: 'stack',
      OS_CLIENT_CONFIG_FILE: join(dir, 'conf', 'clouds.yaml'),
    };
    listsKubernetes(await ours(['cluster-template-list'], env, dir));
    // Without secure.yaml there is no password.
    const r = await ours(['cluster-template-list'], env);
    expect(r.stderr).toBe('ERROR: You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response\n');
  });

  it('clouds.yaml with an application credential, its secret in secure.yaml', async () => {
    const dir = join(tmp, 'clouds-appcred');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'clouds.yaml'),
      `clouds:\n  ac:\n    auth_type: v3applicationcredential\n    auth:\n      auth_url: ${process.env.OS_AUTH_URL}\n      application_credential_id: ${cred?.id}\n`,
    );
    writeFileSync(join(dir, 'secure.yaml'), `clouds:\n  ac:\n    auth:\n      application_credential_secret: ${cred?.secret}\n`);
    listsKubernetes(
      await ours(['--os-cloud', 'ac', 'cluster-template-list'], { ...NO_OPENRC, OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml') }, dir),
    );
  });

  it('a token and an endpoint override: no keystone involved', async () => {
    const env = { ...NO_OPENRC, OS_TOKEN: demo.token, OS_ENDPOINT_OVERRIDE: demo.magnumUrl };
    listsKubernetes(await ours(['cluster-template-list'], env));
    const r = await ours(['--debug', 'cluster-template-list'], env);
    expect(r.stderr).not.toContain('auth/tokens');
  });

  it('v3token: the token re-scoped through keystone', async () => {
    const env = {
      ...NO_OPENRC,
      OS_AUTH_TYPE: 'v3token',
      OS_AUTH_URL: process.env.OS_AUTH_URL,
      OS_TOKEN: demo.token,
      OS_PROJECT_NAME: 'demo',
      OS_PROJECT_DOMAIN_NAME: 'Default',
    };
    listsKubernetes(await ours(['cluster-template-list'], env));
  });

  it('the token cache: the second run does not authenticate', async () => {
    const cache = join(tmp, 'xdg-cache');
    const first = await ours(['--debug', 'cluster-template-list'], { OS_CACHE: 'true', XDG_CACHE_HOME: cache });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`POST ${(process.env.OS_AUTH_URL ?? '').replace(/\/+$/, '')}/auth/tokens`);
    expect(first.stderr).toMatch(new RegExp(`^magnum: token cached in ${cache}/magnum/token-[0-9a-f]{64}\\.json \\(no usable keyring\\)$`, 'm'));
    const second = await ours(['--debug', 'cluster-template-list'], { OS_CACHE: 'true', XDG_CACHE_HOME: cache });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('Reusing authentication from the token cache');
    expect(second.stderr).not.toContain('auth/tokens');
  });
});
