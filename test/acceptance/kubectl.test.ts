/**
 * Real `kubectl get pod` (kubectl 1.32) against a loopback Kubernetes API server on
 * 127.0.0.1:6443, where the stack's clusters' api_address points
 * (test/support/kube-api.ts): its server certificate comes from our `ca-sign` with a CSR
 * carrying subjectAltName=IP:127.0.0.1 and extendedKeyUsage=serverAuth, and it lets in a
 * client certificate of the cluster CA or a bearer token that Keystone validates.
 *
 * Cases: the certificate kubeconfig; the --use-keystone kubeconfig (the exec credential of
 * docs/kubectl-plugin.md) with only OS_* variables, with only a clouds.yaml cloud, with an
 * application credential, merged beside the reference's v1alpha1 entry; the token cache
 * (two kubectl calls, at most one token POST, counted by a proxy in front of Keystone;
 * an expired or nearly expired cached token is replaced); a wrong password and a Keystone
 * that does not answer. Then kubeconfig-check: an expiring certificate, and a CA rotated
 * for real with ca-rotate (a fedora-coreos template: Magnum refuses ca-rotate for
 * fedora-atomic, test/stack/README.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnStack } from '../compat/harness';
import {
  applyOverrides,
  baseEnv,
  freshTempDir,
  OPENRC_LOGIN,
  runOurs,
  runProcess,
  unsetVars,
  type Env,
  type EnvOverrides,
  type ProcessResult,
} from '../compat/processes';
import { deleteCluster, deleteClusterTemplate, uniqueName, waitForClusterStatus } from '../compat/resources';
import { KUBECTL, kubectlMissing, startApiForCluster, type KubeApi } from '../support/kube-api';
import { itNeeds } from '../support/tools';
import { renderKeystoneKubeconfig } from '../../src/kube/kubeconfig';

const NO_OPENRC = unsetVars(...OPENRC_LOGIN, 'OS_AUTH_URL', 'OS_REGION_NAME', 'OS_INTERFACE', 'OS_IDENTITY_API_VERSION', 'OS_TOKEN', 'OS_CLOUD');

/** A plain-HTTP proxy in front of Keystone that counts POST …/auth/tokens (each one a login). */
async function countingKeystoneProxy(target: URL): Promise<{ authUrl: string; posts: () => number; close(): Promise<void> }> {
  let posts = 0;
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && /\/auth\/tokens\/?$/.test(req.url ?? '')) posts++;
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    authUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`,
    posts: () => posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function keystone(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const base = (process.env.OS_AUTH_URL ?? '').replace(/\/+$/, '').replace(/\/v3$/, '');
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (init.token) headers['X-Auth-Token'] = init.token;
  return fetch(`${base}/v3${path}`, { ...init, headers });
}

describeOnStack('acceptance: kubectl with magnum kubeconfigs', { reference: false }, () => {
  const why = kubectlMissing();
  const tmp = freshTempDir('magnum-acceptance-kubectl-');
  const template = uniqueName('accept-fcos');
  const cluster = uniqueName('accept-kube');
  let templateCreated = false;
  let clusterCreated = false;
  let api: (KubeApi & { certPem: string }) | undefined;
  let proxy: Awaited<ReturnType<typeof countingKeystoneProxy>> | undefined;
  let appCred: { id: string; secret: string; userId: string; token: string } | undefined;
  const transcripts: string[] = [];

  /** The demo openrc, with Keystone reached through the counting proxy. */
  const openrc = (): EnvOverrides => ({ OS_AUTH_URL: proxy?.authUrl });

  function home(name: string): string {
    const dir = join(tmp, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  async function magnum(argv: string[], dir: string, overrides: EnvOverrides = {}): Promise<ProcessResult> {
    const r = await runOurs(argv, { cwd: dir, env: applyOverrides(baseEnv(dir), { ...openrc(), ...overrides }) });
    transcripts.push(`$ magnum ${argv.join(' ')}\n${r.stdout}${r.stderr}[exit ${r.code}]`);
    return r;
  }

  async function kubectl(kubeconfig: string, dir: string, overrides: EnvOverrides = {}, args = ['get', 'pod']): Promise<ProcessResult> {
    const env: Env = applyOverrides({ ...baseEnv(dir), KUBECONFIG: kubeconfig }, overrides);
    const r = await runProcess(KUBECTL, args, { cwd: dir, env, timeoutMs: 60_000 });
    transcripts.push(`$ kubectl ${args.join(' ')}\n${r.stdout}${r.stderr}[exit ${r.code}]`);
    return r;
  }

  const listsThePod = (r: ProcessResult): void => {
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nloopback +1\/1 +Running +0 +1m\n$/);
  };
  const lastIdentity = (): string | undefined => api?.requests.at(-1)?.identity;

  beforeAll(async () => {
    if (why) return;
    const dir = home('setup');
    proxy = await countingKeystoneProxy(new URL(process.env.OS_AUTH_URL ?? ''));
    // A fedora-coreos template: the only kind Magnum lets ca-rotate (test/stack/README.md).
    let r = await magnum(
      [
        'cluster-template-create',
        template,
        '--coe',
        'kubernetes',
        '--image',
        'fedora-coreos-latest',
        '--external-network',
        'public',
        '--master-flavor',
        'm1.medium',
        '--flavor',
        'm1.medium',
        '--network-driver',
        'flannel',
        '--docker-volume-size',
        '10',
        '--docker-storage-driver',
        'overlay2',
      ],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    templateCreated = true;
    r = await magnum(['cluster-create', cluster, '--cluster-template', template, '--node-count', '1'], dir);
    clusterCreated = true;
    expect(r.code, r.stderr).toBe(0);
    await waitForClusterStatus(cluster, ['CREATE_COMPLETE']);

    // The API server's certificate, signed by the cluster CA through Magnum.
    api = await startApiForCluster((argv) => magnum(argv, dir), cluster, process.env.OS_AUTH_URL ?? '');
    const ext = execFileSync('openssl', ['x509', '-noout', '-ext', 'subjectAltName,extendedKeyUsage'], { input: api.certPem, encoding: 'utf8' });
    expect(ext).toMatch(/IP Address:127\.0\.0\.1/);
    expect(ext).toMatch(/TLS Web Server Authentication/);

    // An application credential of the demo user, deleted in afterAll.
    const login = await keystone('/auth/tokens', {
      method: 'POST',
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: {
              user: { name: process.env.OS_USERNAME, domain: { name: process.env.OS_USER_DOMAIN_NAME }, password: process.env.OS_PASSWORD },
            },
          },
          scope: { project: { name: process.env.OS_PROJECT_NAME, domain: { name: process.env.OS_PROJECT_DOMAIN_NAME } } },
        },
      }),
    });
    expect(login.status).toBe(201);
    const userId = ((await login.json()) as { token: { user: { id: string } } }).token.user.id;
    const token = login.headers.get('x-subject-token') ?? '';
    const created = await keystone(`/users/${userId}/application_credentials`, {
      method: 'POST',
      token,
      body: JSON.stringify({
        application_credential: { name: uniqueName('magnum-kubectl'), description: 'magnum-ts acceptance test (kubectl.test.ts)' },
      }),
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { application_credential: { id: string; secret: string } };
    appCred = { ...body.application_credential, userId, token };
  }, 300_000);

  afterAll(async () => {
    if (appCred) {
      const res = await keystone(`/users/${appCred.userId}/application_credentials/${appCred.id}`, { method: 'DELETE', token: appCred.token });
      expect(res.status).toBe(204);
    }
    await api?.close();
    if (clusterCreated) await deleteCluster(cluster);
    if (templateCreated) await deleteClusterTemplate(template);
    await proxy?.close();
    if (process.env.MAGNUM_TRANSCRIPTS) writeFileSync(process.env.MAGNUM_TRANSCRIPTS, `${transcripts.join('\n\n')}\n`);
    rmSync(tmp, { recursive: true, force: true });
  }, 300_000);

  if (why) {
    itNeeds(false, why)('kubectl cases', () => undefined);
    return;
  }

  it('the certificate kubeconfig: $(magnum cluster-config …) then kubectl get pod', async () => {
    const dir = home('cert');
    const script = `$('${process.execPath}' '${join(__dirname, '..', '..', 'bin', 'magnum')}' cluster-config '${cluster}' --dir '${dir}/cfg') || exit 99\nkubectl get pod\n`;
    const r = await runProcess('/bin/bash', ['-c', script], { cwd: dir, env: applyOverrides(baseEnv(dir), openrc()), timeoutMs: 90_000 });
    transcripts.push(`$ $(magnum cluster-config ${cluster} --dir ${dir}/cfg); kubectl get pod\n${r.stdout}${r.stderr}[exit ${r.code}]`);
    listsThePod(r);
    expect(lastIdentity()).toBe('certificate:admin');
  });

  describe('--use-keystone with only OS_* variables (no OS_TOKEN)', () => {
    const dir = join(tmp, 'openrc');
    const kubeconfig = join(dir, 'cfg', 'config');
    const cacheDir = join(dir, '.cache', 'magnum');

    it('writes a v1 exec user that runs magnum, and kubectl get pod works', async () => {
      home('openrc');
      const r = await magnum(['cluster-config', cluster, '--use-keystone', '--dir', join(dir, 'cfg')], dir);
      expect(r.code, r.stderr).toBe(0);
      const text = readFileSync(kubeconfig, 'utf8');
      expect(text).toContain('apiVersion: client.authentication.k8s.io/v1\n');
      expect(text).toContain('interactiveMode: Never\n');
      expect(text).not.toContain('OS_TOKEN');
      const before = proxy?.posts() ?? 0;
      listsThePod(await kubectl(kubeconfig, dir, openrc()));
      expect(lastIdentity()).toBe('keystone:demo');
      listsThePod(await kubectl(kubeconfig, dir, openrc()));
      // Two kubectl calls, one Keystone login: the second is served from the token cache.
      expect((proxy?.posts() ?? 0) - before).toBe(1);
      transcripts.push(`[token POSTs for the two kubectl calls: ${(proxy?.posts() ?? 0) - before}]`);
    });

    function cacheFile(): string {
      const files = readdirSync(cacheDir).filter((f) => /^token-[0-9a-f]{64}\.json$/.test(f));
      expect(files).toHaveLength(1);
      return join(cacheDir, files[0]);
    }

    function setCachedExpiry(date: Date): void {
      const file = cacheFile();
      const entry = JSON.parse(readFileSync(file, 'utf8')) as { expires_at: string };
      entry.expires_at = date.toISOString();
      writeFileSync(file, JSON.stringify(entry));
      chmodSync(file, 0o600);
    }

    it('the cache file is 0600; an expired cached token is replaced by one login', async () => {
      const { statSync } = await import('node:fs');
      expect(statSync(cacheFile()).mode & 0o777).toBe(0o600);
      setCachedExpiry(new Date(Date.now() - 60_000));
      const before = proxy?.posts() ?? 0;
      listsThePod(await kubectl(kubeconfig, dir, openrc()));
      listsThePod(await kubectl(kubeconfig, dir, openrc()));
      expect((proxy?.posts() ?? 0) - before).toBe(1);
      transcripts.push(`[token POSTs after the cached expiry was set in the past: ${(proxy?.posts() ?? 0) - before}]`);
      const entry = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { expires_at: string };
      expect(Date.parse(entry.expires_at)).toBeGreaterThan(Date.now() + 10 * 60_000);
    });

    it('a cached token with less than 5 minutes left is replaced before it expires', async () => {
      setCachedExpiry(new Date(Date.now() + 2 * 60_000));
      const before = proxy?.posts() ?? 0;
      listsThePod(await kubectl(kubeconfig, dir, openrc()));
      expect((proxy?.posts() ?? 0) - before).toBe(1);
    });

    it('a wrong password: one clear line from magnum, kubectl fails', async () => {
      const r = await kubectl(kubeconfig, dir, { ...openrc(), OS_PASSWORD: 'wrong', XDG_CACHE_HOME: join(dir, 'other-cache') });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^ERROR: magnum could not get a Keystone token for kubectl: The request you have made requires authentication\. \(HTTP 401\) \(Request-ID: req-[0-9a-f-]+\)\n/,
      );
      expect(r.stderr).toMatch(/getting credentials: exec: executable \S+ failed with exit code 1/);
      // client-go runs the plugin again for its next request, so kubectl may show the line twice: one line per run.
      for (const line of r.stderr.split('\n').filter((l) => l.startsWith('magnum') || l.startsWith('ERROR'))) {
        expect(line).toMatch(/^ERROR: magnum could not get a Keystone token for kubectl: The request you have made requires authentication\. /);
      }
    });

    it('Keystone not answering: one clear line', async () => {
      const r = await kubectl(kubeconfig, dir, { OS_AUTH_URL: 'http://127.0.0.1:1/v3', XDG_CACHE_HOME: join(dir, 'down-cache') });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^ERROR: magnum could not get a Keystone token for kubectl: Unable to establish connection to http:\/\/127\.0\.0\.1:1\/v3\/auth\/tokens: .*ECONNREFUSED.*\n/,
      );
    });
  });

  it('--use-keystone with only a clouds.yaml cloud: the cloud is recorded, no OS_* needed', async () => {
    const dir = home('clouds');
    mkdirSync(join(dir, '.config', 'openstack'), { recursive: true });
    const e = process.env;
    writeFileSync(
      join(dir, '.config', 'openstack', 'clouds.yaml'),
      [
        'clouds:',
        '  kube-test:',
        '    auth:',
        `      auth_url: ${proxy?.authUrl}`,
        `      username: ${e.OS_USERNAME}`,
        `      password: ${e.OS_PASSWORD}`,
        `      project_name: ${e.OS_PROJECT_NAME}`,
        `      user_domain_name: ${e.OS_USER_DOMAIN_NAME}`,
        `      project_domain_name: ${e.OS_PROJECT_DOMAIN_NAME}`,
        `    region_name: ${e.OS_REGION_NAME ?? 'RegionOne'}`,
        '',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    const r = await magnum(['--os-cloud', 'kube-test', 'cluster-config', cluster, '--use-keystone', '--dir', join(dir, 'cfg')], dir, NO_OPENRC);
    expect(r.code, r.stderr).toBe(0);
    const kubeconfig = join(dir, 'cfg', 'config');
    expect(readFileSync(kubeconfig, 'utf8')).toMatch(/ {6}- --os-cloud\n {6}- kube-test\n {6}- exec-credential\n/);
    const before = proxy?.posts() ?? 0;
    listsThePod(await kubectl(kubeconfig, dir, NO_OPENRC));
    expect(lastIdentity()).toBe('keystone:demo');
    listsThePod(await kubectl(kubeconfig, dir, NO_OPENRC));
    expect((proxy?.posts() ?? 0) - before).toBe(1);
    transcripts.push(`[token POSTs for the two kubectl calls (clouds.yaml): ${(proxy?.posts() ?? 0) - before}]`);
    // The recorded cloud wins over an openrc of the shell kubectl runs in.
    listsThePod(await kubectl(kubeconfig, dir, { ...NO_OPENRC, OS_USERNAME: 'nobody', OS_PASSWORD: 'wrong', OS_AUTH_URL: 'http://127.0.0.1:1/v3' }));
  });

  it('--use-keystone with an application credential', async () => {
    const dir = home('appcred');
    const env: EnvOverrides = {
      ...NO_OPENRC,
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_AUTH_URL: proxy?.authUrl,
      OS_APPLICATION_CREDENTIAL_ID: appCred?.id,
      OS_APPLICATION_CREDENTIAL_SECRET: appCred?.secret,
    };
    const r = await magnum(['cluster-config', cluster, '--use-keystone', '--dir', join(dir, 'cfg')], dir, env);
    expect(r.code, r.stderr).toBe(0);
    const before = proxy?.posts() ?? 0;
    listsThePod(await kubectl(join(dir, 'cfg', 'config'), dir, env));
    expect(lastIdentity()).toBe('keystone:demo');
    listsThePod(await kubectl(join(dir, 'cfg', 'config'), dir, env));
    expect((proxy?.posts() ?? 0) - before).toBe(1);
  });

  it('--use-keystone --merge beside the reference’s v1alpha1 entry leaves that entry as it was', async () => {
    const dir = home('merge');
    const kubeconfig = join(dir, '.kube', 'config');
    mkdirSync(join(dir, '.kube'));
    const caPem = (await magnum(['ca-show', cluster], dir)).stdout;
    writeFileSync(kubeconfig, renderKeystoneKubeconfig({ clusterName: 'old', server: 'https://127.0.0.1:6443', caPem }), { mode: 0o600 });
    const view = async () =>
      JSON.parse((await kubectl(kubeconfig, dir, {}, ['config', 'view', '--raw', '-o', 'json'])).stdout) as {
        users: { name: string; user: unknown }[];
      };
    const referenceUser = (await view()).users.find((u) => u.name === 'openstackuser');
    const r = await magnum(['cluster-config', cluster, '--use-keystone', '--merge'], dir, { KUBECONFIG: kubeconfig });
    expect(r.code, r.stderr).toBe(0);
    const again = await magnum(['cluster-config', cluster, '--use-keystone', '--merge'], dir, { KUBECONFIG: kubeconfig });
    expect(again.code, again.stderr).toBe(0);
    const after = await view();
    expect(after.users.find((u) => u.name === 'openstackuser')).toEqual(referenceUser);
    expect(after.users.map((u) => u.name).sort()).toEqual([`${cluster}-keystone`, 'openstackuser']);
    listsThePod(await kubectl(kubeconfig, dir, openrc()));
    expect(lastIdentity()).toBe('keystone:demo');
  });

  describe('kubeconfig-check', () => {
    const dir = join(tmp, 'check');
    const certConfig = join(dir, 'cert', 'config');
    const execConfig = join(dir, 'exec', 'config');

    beforeAll(async () => {
      home('check');
      expect((await magnum(['cluster-config', cluster, '--dir', join(dir, 'cert')], dir)).code).toBe(0);
      expect((await magnum(['cluster-config', cluster, '--use-keystone', '--dir', join(dir, 'exec')], dir)).code).toBe(0);
    });

    it('all fine: exit 0', async () => {
      const r = await magnum(['kubeconfig-check', '--kubeconfig', `${certConfig}:${execConfig}`], dir);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(/\| default +\| .*client certificate +\| OK +\| expires \d{4}-\d\d-\d\d \(in 18\d\d days\)/);
      expect(r.stdout).toMatch(/\| default +\| .*CA +\| OK +\| matches the CA Magnum serves/);
      expect(r.stdout).toMatch(/\| openstackuser@kubernetes +\| .*exec credential +\| OK +\| token valid until /);
    });

    it('a certificate expiring within --days: exit 1', async () => {
      const r = await magnum(['kubeconfig-check', '--kubeconfig', certConfig, '--days', '3650'], dir);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stdout).toMatch(/\| default +\| .*client certificate +\| WARN +\| expires \d{4}-\d\d-\d\d \(in 18\d\d days\)/);
    });

    it('after a real ca-rotate: the CA no longer matches, exit 1', async () => {
      const r = await magnum(['ca-rotate', '--cluster', cluster], dir);
      expect(r.code, r.stderr).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await waitForClusterStatus(cluster, ['UPDATE_COMPLETE']);
      const check = await magnum(['kubeconfig-check', '--kubeconfig', `${certConfig}:${execConfig}`], dir);
      expect(check.code, check.stdout + check.stderr).toBe(1);
      expect(check.stdout).toMatch(/\| default +\| .*CA +\| FAIL +\| Magnum now serves another CA/);
      expect(check.stdout).toMatch(/\| openstackuser@kubernetes +\| .*CA +\| FAIL +\| Magnum now serves another CA/);
    });
  });
});
