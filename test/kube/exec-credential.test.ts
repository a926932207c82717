// The exec user cluster-config --use-keystone writes (docs/kubectl-plugin.md): its exact
// text, how the CLI names itself, how kubeconfig-check recognises entries, and what
// cluster-config writes with and without --merge.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { classifyUser, execCredentialText, renderExecKubeconfig, rfc3339, selfInvocation, yamlScalar } from '../../src/kube/exec-credential';
import { renderKeystoneKubeconfig } from '../../src/kube/kubeconfig';
import { useFakeCloud } from '../support/cli-fixture';
import { cliPath, cliNode } from '../support/run-cli';
import { tempDir } from '../support/temp';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const NODE = { command: '/usr/bin/node', prefix: ['/usr/lib/node_modules/magnum/bin/magnum'] };

describe('renderExecKubeconfig', () => {
  it('is the reference’s head (its --use-keystone names) with a v1 exec user that runs magnum', () => {
    const text = renderExecKubeconfig(
      { clusterName: 'k8s', server: 'https://10.0.0.5:6443', caPem: CA },
      { self: NODE, cloud: 'my cloud', clusterUuid: 'f00' },
    );
    expect(text).toBe(
      [
        'apiVersion: v1',
        'clusters:',
        '- cluster:',
        `    certificate-authority-data: ${Buffer.from(CA).toString('base64')}`,
        '    server: https://10.0.0.5:6443',
        '  name: k8s',
        'contexts:',
        '- context:',
        '    cluster: k8s',
        '    user: openstackuser',
        '  name: openstackuser@kubernetes',
        'current-context: openstackuser@kubernetes',
        'kind: Config',
        'preferences: {}',
        'users:',
        '- name: openstackuser',
        '  user:',
        '    exec:',
        '      apiVersion: client.authentication.k8s.io/v1',
        '      command: /usr/bin/node',
        '      args:',
        '      - /usr/lib/node_modules/magnum/bin/magnum',
        '      - --os-cloud',
        '      - "my cloud"',
        '      - exec-credential',
        '      - --cluster',
        '      - f00',
        '      interactiveMode: Never',
        '      provideClusterInfo: false',
        '      installHint: "This kubeconfig runs the magnum CLI (OpenStack Magnum) to get a Keystone token; install it, or rerun `magnum cluster-config --use-keystone`."',
        '',
      ].join('\n'),
    );
  });

  it('parses back to the same values whatever the path, cloud or uuid look like', () => {
    const odd = ['/opt/my tools/magnum', 'C:\\x', 'yes', '123', '-', '#x', 'a: b', "it's", '"q"', '1e5', 'null', '~'];
    for (const value of odd) {
      const text = renderExecKubeconfig(
        { clusterName: 'k', server: null, caPem: CA },
        { self: { command: value, prefix: [value] }, cloud: value, clusterUuid: value },
      );
      const exec = parse(text).users[0].user.exec;
      expect(exec.command).toBe(value);
      expect(exec.args).toEqual([value, '--os-cloud', value, 'exec-credential', '--cluster', value]);
    }
    expect(yamlScalar('/usr/bin/node')).toBe('/usr/bin/node');
    expect(yamlScalar('--os-cloud')).toBe('--os-cloud');
    expect(yamlScalar('2ce1fbe5-ded0')).toBe('"2ce1fbe5-ded0"');
  });
});

describe('selfInvocation', () => {
  it('node + the script path as started (an npm bin symlink stays a symlink)', () => {
    const self = selfInvocation({ execPath: '/usr/bin/node', argv1: 'bin/magnum', isSea: false }, (p) => `/home/me/${p}`);
    expect(self).toEqual({ command: '/usr/bin/node', prefix: ['/home/me/bin/magnum'] });
  });
  it('a single executable is its own command', () => {
    expect(selfInvocation({ execPath: '/usr/local/bin/magnum', argv1: '/usr/local/bin/magnum', isSea: true }, (p) => p)).toEqual({
      command: '/usr/local/bin/magnum',
      prefix: [],
    });
  });
});

describe('execCredentialText', () => {
  it('holds the token and the expiry in RFC 3339', () => {
    expect(execCredentialText('tok', '2026-12-01T16:43:31.000000Z')).toBe(
      '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{},"status":{"token":"tok","expirationTimestamp":"2026-12-01T16:43:31Z"}}\n',
    );
    expect(execCredentialText('tok', undefined)).not.toContain('expirationTimestamp');
    expect(rfc3339('not a date')).toBe('not a date');
  });
});

describe('classifyUser', () => {
  const none = () => null;
  it('recognises our entry, the reference’s, certificates and others', () => {
    const ours = parse(renderExecKubeconfig({ clusterName: 'k', server: null, caPem: CA }, { self: NODE, cloud: 'c', clusterUuid: 'u-1' })).users[0]
      .user;
    expect(classifyUser(ours, none)).toMatchObject({ kind: 'magnum-exec', command: '/usr/bin/node', clusterUuid: 'u-1', cloud: 'c' });
    const reference = parse(renderKeystoneKubeconfig({ clusterName: 'k', server: null, caPem: CA })).users[0].user;
    expect(classifyUser(reference, none)).toEqual({ kind: 'reference-exec' });
    expect(classifyUser({ 'client-certificate-data': Buffer.from('PEM').toString('base64') }, none)).toEqual({ kind: 'certificate', certPem: 'PEM' });
    expect(classifyUser({ 'client-certificate': '/x.pem' }, (p) => `read ${p}`)).toEqual({
      kind: 'certificate',
      certPem: 'read /x.pem',
      certFile: '/x.pem',
    });
    expect(classifyUser({ exec: { command: 'aws', args: ['eks', 'get-token'] } }, none)).toEqual({ kind: 'other-exec', command: 'aws' });
    expect(classifyUser({ token: 'abc' }, none)).toEqual({ kind: 'other' });
    expect(classifyUser(undefined, none)).toEqual({ kind: 'other' });
  });
});

describe('cluster-config --use-keystone', () => {
  const f = useFakeCloud();

  it('writes the exec kubeconfig that runs this CLI, and only ca.pem beside it', async () => {
    const t = f.cloud.seedTemplate({ name: 'k8s', coe: 'kubernetes', tls_disabled: false });
    const c = f.cloud.seedCluster({ name: 'ks', cluster_template_id: t.uuid });
    const cwd = tempDir('magnum-exec-');
    const r = await f.magnum(['cluster-config', 'ks', '--use-keystone'], { cwd });
    expect(r).toEqual({ stdout: `export KUBECONFIG=${cwd}/config\n\n`, stderr: '', code: 0 });
    expect(readdirSync(cwd).sort()).toEqual(['ca.pem', 'config']);
    const exec = parse(readFileSync(join(cwd, 'config'), 'utf8')).users[0].user.exec;
    expect(exec).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1',
      command: cliNode, // the Node that runs the CLI writes its own path
      args: [cliPath, 'exec-credential', '--cluster', c.uuid],
      interactiveMode: 'Never',
      provideClusterInfo: false,
      installHint: expect.stringContaining('magnum cluster-config --use-keystone') as unknown,
    });
  });

  it('records the cloud of --os-cloud (or OS_CLOUD) in the args', async () => {
    const cwd = tempDir('magnum-exec-');
    writeFileSync(
      join(cwd, 'clouds.yaml'),
      `clouds:\n  fake:\n    auth:\n      auth_url: ${f.cloud.authUrlV3}\n      username: demo\n      password: secret\n      project_name: demo\n      user_domain_name: Default\n      project_domain_name: Default\n`,
    );
    const env = { OS_AUTH_URL: '', OS_USERNAME: '', OS_PASSWORD: '', OS_PROJECT_NAME: '' };
    const r = await f.magnum(['--os-cloud', 'fake', 'cluster-config', 'ks', '--use-keystone'], { cwd, env });
    expect(r.stderr).toBe('');
    expect(parse(readFileSync(join(cwd, 'config'), 'utf8')).users[0].user.exec.args.slice(1, 4)).toEqual(['--os-cloud', 'fake', 'exec-credential']);
  });

  it('--merge next to the reference’s v1alpha1 entry leaves that entry (and the rest) as it was, also on a re-merge', async () => {
    const home = tempDir('magnum-exec-home-');
    const kubeconfig = join(home, 'config');
    const reference = renderKeystoneKubeconfig({ clusterName: 'old', server: 'https://10.1.1.1:6443', caPem: CA });
    writeFileSync(kubeconfig, reference, { mode: 0o600 });
    for (let i = 0; i < 2; i++) {
      const r = await f.magnum(['cluster-config', 'ks', '--use-keystone', '--merge'], { env: { KUBECONFIG: kubeconfig } });
      expect(r.code, r.stderr).toBe(0);
    }
    const text = readFileSync(kubeconfig, 'utf8');
    const merged = parse(text);
    const before = parse(reference);
    expect(merged.users[0]).toEqual(before.users[0]);
    expect(merged.clusters[0]).toEqual(before.clusters[0]);
    expect(merged.contexts[0]).toEqual(before.contexts[0]);
    expect(merged.users.map((u: { name: string }) => u.name)).toEqual(['openstackuser', 'ks-keystone']);
    expect(merged.users[1].user.exec.apiVersion).toBe('client.authentication.k8s.io/v1');
    // The reference's bash snippet is still the same folded text, line for line.
    expect(text).toContain(reference.slice(reference.indexOf('- name: openstackuser')));
  });
});
