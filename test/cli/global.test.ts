// The CLI's global behaviour, run as a child process: version, help, usage errors,
// the auth pre-checks and connection errors (`magnumclient/shell.py main`, `magnumclient/shell.py _ensure_auth_info`, `magnumclient/shell.py _check_version`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { openrcEnv, runCli } from '../support/run-cli';

let cloud: FakeCloud;
beforeAll(async () => {
  cloud = await startFakeCloud();
});
afterAll(async () => {
  await cloud.close();
});

const CLUSTER_LIST_USAGE =
  'usage: magnum cluster-list [--marker <marker>] [--limit <limit>]\n' +
  '                           [--sort-key <sort-key>] [--sort-dir <sort-dir>]\n' +
  '                           [--fields <fields>]\n';

describe('version and help', () => {
  it('--version prints 4.0.0 wherever it is', async () => {
    for (const argv of [['--version'], ['cluster-list', '--version'], ['--vers']]) {
      expect(await runCli(argv)).toEqual({ stdout: '4.0.0\n', stderr: '', code: 0 });
    }
  });

  it('help and no arguments print the main help', async () => {
    const expected = readFileSync(new URL('../fixtures/reference-main-help.txt', import.meta.url), 'utf8');
    const r = await runCli(['help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith(expected.split('Positional arguments:')[0])).toBe(true);
    expect((await runCli([])).stdout).toBe(r.stdout);
    expect((await runCli(['-h'])).stdout).toBe(r.stdout);
  });

  it('<command> --help shows that command (a deliberate difference)', async () => {
    const r = await runCli(['cluster-list', '--help']);
    expect(r).toEqual({ stdout: (await runCli(['help', 'cluster-list'])).stdout, stderr: '', code: 0 });
    expect(r.stdout.startsWith(CLUSTER_LIST_USAGE)).toBe(true);
  });

  it('help of an unknown command is an error', async () => {
    expect(await runCli(['help', 'foo'])).toEqual({ stdout: '', stderr: "ERROR: 'foo' is not a valid subcommand\n", code: 1 });
  });
});

describe('usage errors exit 2 with the reference text', () => {
  it('an invalid choice', async () => {
    const r = await runCli(['cluster-list', '--sort-dir', 'up']);
    expect(r).toEqual({
      stdout: '',
      stderr: `${CLUSTER_LIST_USAGE}error: argument --sort-dir: invalid choice: 'up'\nTry 'magnum help cluster-list' for more information.\n`,
      code: 2,
    });
  });

  it('an unknown subcommand and unrecognised arguments use the main usage and a trailing space', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^usage: magnum \[--version\] \[--debug\] \[--os-cache\]\n/);
    expect(unknown.stderr).toMatch(/\nerror: argument <subcommand>: invalid choice: 'frobnicate'\nTry 'magnum help ' for more information\.\n$/);
    const extra = await runCli(['cluster-list', '--debug']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/\nerror: unrecognized arguments: --debug\nTry 'magnum help ' for more information\.\n$/);
  });

  it('a missing required option and a bad integer', async () => {
    const missing = await runCli(['cluster-create', 'c1']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /\nerror: the following arguments are required: --cluster-template\nTry 'magnum help cluster-create' for more information\.\n$/,
    );
    const badInt = await runCli(['cluster-create', 'c1', '--cluster-template', 't', '--node-count', 'abc']);
    expect(badInt.code).toBe(2);
    expect(badInt.stderr).toContain("error: argument --node-count: invalid int value: 'abc'\n");
  });

  it('an ambiguous abbreviation of a global option, wherever it is', async () => {
    const r = await runCli(['cluster-list', '--s', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: ambiguous option: --s could match --service-type, --service_type\n');
  });
});

describe('configuration errors', () => {
  const base = (): Record<string, string> => openrcEnv(cloud);
  const without = (...names: string[]): Record<string, string> => {
    const env = base();
    for (const n of names) delete env[n];
    return env;
  };

  it('names the first missing credential, before any request', async () => {
    const before = cloud.requests.length;
    expect(await runCli(['cluster-list'], { env: without('OS_USERNAME') })).toEqual({
      stdout: '',
      stderr: 'ERROR: You must provide a username via either --os-username or via env[OS_USERNAME]\n',
      code: 1,
    });
    expect((await runCli(['cluster-list'], { env: without('OS_PASSWORD') })).stderr).toBe(
      'ERROR: You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response\n',
    );
    expect((await runCli(['cluster-list'], { env: without('OS_PROJECT_NAME') })).stderr).toBe(
      'ERROR: You must provide a project name or project id via --os-project-name, --os-project-id, env[OS_PROJECT_NAME] or env[OS_PROJECT_ID]\n',
    );
    expect((await runCli(['cluster-list'], { env: without('OS_AUTH_URL') })).stderr).toBe(
      'ERROR: You must provide an auth url via either --os-auth-url or via env[OS_AUTH_URL]\n',
    );
    expect(cloud.requests.length).toBe(before);
  });

  it('rejects a malformed microversion even for help', async () => {
    const r = await runCli(['--magnum-api-version', '1.2.3', 'help']);
    expect(r).toEqual({
      stdout: '',
      stderr: "ERROR: The requested API version 1.2.3 is an unexpected format. Acceptable formats are 'X', 'X.Y', or the literal string 'latest'.\n",
      code: 1,
    });
  });

  it('sends the raw microversion and reports the server refusal', async () => {
    const r = await runCli(['--magnum-api-version', '1.99', 'cluster-list'], { env: base() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: Requested microversion is unsupported \(HTTP 406\) \(Request-ID: req-[0-9a-f-]+\)\n$/);
    expect(cloud.requests.at(-1)?.headers['openstack-api-version']).toBe('container-infra 1.99');
  });

  it('reports a Keystone that is down', async () => {
    const r = await runCli(['cluster-list'], { env: { ...base(), OS_AUTH_URL: 'http://127.0.0.1:9/v3' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: Unable to establish connection to http:\/\/127\.0\.0\.1:9\/v3\/auth\/tokens: .*ECONNREFUSED.*\n$/);
  });

  it("shows Keystone's 401 as Keystone words it", async () => {
    const r = await runCli(['cluster-list'], { env: { ...base(), OS_PASSWORD: 'wrong' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: The request you have made requires authentication\. \(HTTP 401\)( \(Request-ID: req-[0-9a-f-]+\))?\n$/);
  });

  it('names the missing endpoint like the reference', async () => {
    const r = await runCli(['cluster-list'], { env: { ...base(), OS_REGION_NAME: 'RegionX' } });
    expect(r).toEqual({ stdout: '', stderr: 'ERROR: public endpoint for container service in RegionX region not found\n', code: 1 });
  });
});

describe('auth paths', () => {
  it('discovers the v3 endpoint from an unversioned auth URL', async () => {
    const before = cloud.requests.length;
    const r = await runCli(['cluster-list'], { env: { ...openrcEnv(cloud), OS_AUTH_URL: cloud.keystoneUrl } });
    expect(r.code).toBe(0);
    const ks = cloud.requests
      .slice(before)
      .filter((q) => q.server === 'keystone')
      .map((q) => `${q.method} ${q.path}`);
    expect(ks).toEqual(['GET /', 'POST /v3/auth/tokens']);
  });

  it('uses a token and an endpoint override without Keystone', async () => {
    const token = cloud.issueToken('demo');
    const before = cloud.requests.length;
    const r = await runCli(['--os-token', token, '--os-endpoint-override', cloud.magnumUrl, 'cluster-list']);
    expect(r.code).toBe(0);
    expect(cloud.requests.slice(before).every((q) => q.server === 'magnum')).toBe(true);
  });

  it('never prints the token or the password with --debug', async () => {
    const r = await runCli(['--debug', 'cluster-list'], { env: openrcEnv(cloud) });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('DEBUG');
    expect(r.stderr).not.toContain('secret');
    for (const token of cloud.state.tokens.keys()) expect(r.stderr).not.toContain(token);
  });
});
