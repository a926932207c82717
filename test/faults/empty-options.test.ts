// Fault suite (docs/testing.md): an --os-* option given explicitly empty counts as given,
// as in the reference (argparse's value replaces the OS_* default), so it fails instead
// of falling back to the environment; a script passing an unset variable never acts on
// the environment's project. Messages and exit codes as the reference's (checked on the
// Magnum 15 stack with /usr/bin/magnum), in our `ERROR: <message>` form.
import { beforeEach, describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();
beforeEach(() => {
  f.cloud.requests.length = 0;
});

const NO_PROJECT = 'You must provide a project name or project id via --os-project-name, --os-project-id, env[OS_PROJECT_NAME] or env[OS_PROJECT_ID]';

describe('refused before any request', () => {
  it.each([
    ['--os-project-name', NO_PROJECT],
    ['--os-username', 'You must provide a username via either --os-username or via env[OS_USERNAME]'],
    ['--os-password', 'You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response'],
    ['--os-auth-url', 'You must provide an auth url via either --os-auth-url or via env[OS_AUTH_URL]'],
    [
      '--magnum-api-version',
      "The requested API version  is an unexpected format. Acceptable formats are 'X', 'X.Y', or the literal string 'latest'.",
    ],
  ])('%s "" with the OS_* variable set', async (flag, message) => {
    expect(await f.magnum([flag, '', 'cluster-list'])).toEqual({ code: 1, stdout: '', stderr: `ERROR: ${message}\n` });
    expect(f.cloud.requests).toEqual([]);
  });

  it('--os-tenant-name "" is empty too (shell.py: os_project_name or os_tenant_name)', async () => {
    expect(await f.magnum(['--os-project-name', '', '--os-tenant-name', '', 'cluster-list'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `ERROR: ${NO_PROJECT}\n`,
    });
  });

  it('cluster-delete with --os-project-name "" deletes nothing in the environment\'s project', async () => {
    f.cloud.seedCluster({ name: 'env-project-cluster' });
    const r = await f.magnum(['--os-project-name', '', 'cluster-delete', 'env-project-cluster']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `ERROR: ${NO_PROJECT}\n` });
    expect(f.cloud.requests).toEqual([]);
    expect(f.cloud.state.clusters.some((c) => c.name === 'env-project-cluster')).toBe(true);
  });
});

describe("an empty domain is sent as none, and Keystone's refusal is shown", () => {
  it.each([['--os-user-domain-name'], ['--os-project-domain-name']])('%s ""', async (flag) => {
    const r = await f.magnum([flag, '', 'cluster-list']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR: .*\(HTTP (400|401)\)/);
    expect(f.cloud.requests.filter((q) => q.server === 'magnum')).toEqual([]);
  });
});

describe('empty where the reference treats it as not given (Python falsy) still works', () => {
  it.each([
    ['--os-project-id'],
    ['--os-region-name'],
    ['--os-token'],
    ['--os-endpoint-override'],
    ['--os-cloud'],
    ['--service-type'],
    ['--os-interface'],
  ])('%s ""', async (flag) => {
    const r = await f.magnum([flag, '', 'cluster-template-list', '-f', 'value', '-c', 'name']);
    expect([r.code, r.stderr]).toEqual([0, '']);
  });

  it('--os-token "" does not fall back to OS_TOKEN', async () => {
    const r = await f.magnum(['--os-token', '', 'cluster-template-list', '-f', 'value'], { env: { OS_TOKEN: 'not-a-token' } });
    expect([r.code, r.stderr]).toEqual([0, '']);
    const auth = f.cloud.requests.find((q) => q.path.endsWith('/auth/tokens') && q.method === 'POST');
    expect(JSON.parse(auth?.body ?? '{}').auth.identity.methods).toEqual(['password']);
  });
});
