// kubeconfig-check (docs/kubectl-plugin.md) against the fake cloud: kubeconfigs written
// by cluster-config itself, a CA rotated through the fake's ca-rotate, an exec credential
// that works and one that does not, the reference's v1alpha1 entry.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { renderKeystoneKubeconfig } from '../../src/kube/kubeconfig';
import { useFakeCloud } from '../support/cli-fixture';
import { tempDir } from '../support/temp';

const f = useFakeCloud();
const root = tempDir('magnum-kcheck-');
let certConfig: string;
let execConfig: string;
const env = () => ({ XDG_CACHE_HOME: join(root, 'cache') });

/** The table's rows as [context, cluster, check, status, detail]. */
function rows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| context '))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

beforeAll(async () => {
  const t = f.cloud.seedTemplate({ name: 'k8s', coe: 'kubernetes', tls_disabled: false });
  f.cloud.seedCluster({ name: 'prod', cluster_template_id: t.uuid });
  for (const [dir, extra] of [
    ['cert', []],
    ['exec', ['--use-keystone']],
  ] as const) {
    const r = await f.magnum(['cluster-config', 'prod', '--dir', join(root, dir), ...extra]);
    expect(r.code, r.stderr).toBe(0);
  }
  certConfig = join(root, 'cert', 'config');
  execConfig = join(root, 'exec', 'config');
});

describe('kubeconfig-check', () => {
  it('everything fine: a row per check, exit 0', async () => {
    const r = await f.magnum(['kubeconfig-check', '--kubeconfig', `${certConfig}:${execConfig}`], { env: env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toMatch(/^\| context +\| cluster \| check +\| status \| detail +\|$/);
    const got = rows(r.stdout);
    expect(got.map((row) => row.slice(0, 4))).toEqual([
      ['default', 'prod', 'client certificate', 'OK'],
      ['default', 'prod', 'CA', 'OK'],
      ['openstackuser@kubernetes', 'prod', 'CA', 'OK'],
      ['openstackuser@kubernetes', 'prod', 'exec credential', 'OK'],
    ]);
    expect(got[0][4]).toMatch(/^expires \d{4}-\d\d-\d\d \(in 18\d\d days\)$/);
    expect(got[1][4]).toMatch(/^matches the CA Magnum serves; expires \d{4}-\d\d-\d\d \(in 18\d\d days\)$/);
    expect(got[3][4]).toMatch(/^token valid until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('$KUBECONFIG is the default, and -f json works', async () => {
    const r = await f.magnum(['kubeconfig-check', '-f', 'json'], { env: { ...env(), KUBECONFIG: certConfig } });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { check: string }[]).map((x) => x.check)).toEqual(['client certificate', 'CA']);
  });

  it('a certificate that expires within --days: WARN, exit 1', async () => {
    const r = await f.magnum(['kubeconfig-check', '--kubeconfig', certConfig, '--days', '3650'], { env: env() });
    expect(r.code).toBe(1);
    expect(rows(r.stdout).map((row) => row[3])).toEqual(['WARN', 'WARN']);
  });

  it('an exec credential that fails: FAIL with its error line', async () => {
    const broken = parse(readFileSync(execConfig, 'utf8'));
    broken.users[0].user.exec.env = [
      { name: 'OS_PASSWORD', value: 'wrong' },
      { name: 'XDG_CACHE_HOME', value: join(root, 'empty-cache') },
    ];
    const file = join(root, 'broken-exec');
    writeFileSync(file, stringify(broken));
    const r = await f.magnum(['kubeconfig-check', '--kubeconfig', file], { env: env() });
    expect(r.code).toBe(1);
    const exec = rows(r.stdout).find((row) => row[2] === 'exec credential');
    expect(exec?.[3]).toBe('FAIL');
    expect(exec?.[4]).toMatch(
      /^ERROR: magnum could not get a Keystone token for kubectl: The request you have made requires authentication\. \(HTTP 401\)/,
    );
  });

  it('an exec entry whose magnum script moved away: FAIL names the missing file, not node’s stack trace', async () => {
    // Under Node.js the entry's command is node itself, which exists; the script it runs is gone.
    const moved = parse(readFileSync(execConfig, 'utf8'));
    const gone = join(root, 'uninstalled', 'bin', 'magnum');
    moved.users[0].user.exec.args[0] = gone;
    const file = join(root, 'moved-exec');
    writeFileSync(file, stringify(moved));
    const r = await f.magnum(['kubeconfig-check', '--kubeconfig', file], { env: env() });
    expect(r.code).toBe(1);
    const exec = rows(r.stdout).find((row) => row[2] === 'exec credential');
    expect(exec?.slice(3)).toEqual(['FAIL', `${gone} not found: rerun cluster-config --use-keystone`]);
  });

  it('an exec entry whose program is gone (a standalone build removed): FAIL names it', async () => {
    const moved = parse(readFileSync(execConfig, 'utf8'));
    const gone = join(root, 'uninstalled', 'magnum');
    moved.users[0].user.exec.command = gone;
    moved.users[0].user.exec.args.shift();
    const file = join(root, 'gone-exec');
    writeFileSync(file, stringify(moved));
    const r = await f.magnum(['kubeconfig-check', '--kubeconfig', file], { env: env() });
    expect(r.code).toBe(1);
    const exec = rows(r.stdout).find((row) => row[2] === 'exec credential');
    expect(exec?.slice(3)).toEqual(['FAIL', `${gone} not found: rerun cluster-config --use-keystone`]);
  });

  it('the reference’s v1alpha1 $OS_TOKEN entry: FAIL, rerun --use-keystone', async () => {
    const ca = (await f.magnum(['ca-show', 'prod'])).stdout;
    const file = join(root, 'reference');
    writeFileSync(file, renderKeystoneKubeconfig({ clusterName: 'prod', server: 'https://127.0.0.1:6443', caPem: ca }));
    const r = await f.magnum(['kubeconfig-check', '--kubeconfig', file], { env: env() });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual([
      ['openstackuser@kubernetes', 'prod', 'CA', 'OK', expect.stringMatching(/^matches the CA Magnum serves/)],
      [
        'openstackuser@kubernetes',
        'prod',
        'exec credential',
        'FAIL',
        'v1alpha1 $OS_TOKEN entry (kubectl >= 1.24 refuses it): rerun cluster-config --use-keystone',
      ],
    ]);
  });

  it('no magnum context: says so on stderr, exit 0; a missing file or context is an error', async () => {
    const file = join(root, 'other');
    writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'kind', cluster: { server: 'https://127.0.0.1:1' } }],
        users: [{ name: 'u', user: { token: 't' } }],
        contexts: [{ name: 'kind', context: { cluster: 'kind', user: 'u' } }],
      }),
    );
    expect(await f.magnum(['kubeconfig-check', '--kubeconfig', file])).toEqual({ stdout: '', stderr: `No Magnum contexts in ${file}.\n`, code: 0 });
    const missing = await f.magnum(['kubeconfig-check', '--kubeconfig', join(root, 'nope')]);
    expect(missing).toEqual({ stdout: '', stderr: `ERROR: Cannot read ${join(root, 'nope')}: ENOENT\n`, code: 1 });
    const noContext = await f.magnum(['kubeconfig-check', '--kubeconfig', file, '--context', 'x']);
    expect(noContext).toEqual({ stdout: '', stderr: `ERROR: No context "x" in ${file}.\n`, code: 1 });
  });

  it('after ca-rotate the CA no longer matches: FAIL, exit 1', async () => {
    expect((await f.magnum(['ca-rotate', '--cluster', 'prod'])).code).toBe(0);
    const r = await f.magnum(['kubeconfig-check', '--kubeconfig', `${certConfig}:${execConfig}`], { env: env() });
    expect(r.code).toBe(1);
    const ca = rows(r.stdout).filter((row) => row[2] === 'CA');
    expect(ca).toEqual([
      ['default', 'prod', 'CA', 'FAIL', 'Magnum now serves another CA (ca-rotate?): rerun cluster-config'],
      ['openstackuser@kubernetes', 'prod', 'CA', 'FAIL', 'Magnum now serves another CA (ca-rotate?): rerun cluster-config'],
    ]);
  });
});
