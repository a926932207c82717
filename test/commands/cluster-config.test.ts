import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { useFakeCloud } from '../support/cli-fixture';
import { tempDir } from '../support/temp';

const f = useFakeCloud();
const tmp = (): string => tempDir('magnum-config-');
const mode = (p: string): number => statSync(p).mode & 0o777;

describe('cluster-config, kubernetes with TLS', () => {
  it('writes a kubeconfig with embedded certs, 0600 key and config, and prints the export line', async () => {
    const t = f.cloud.seedTemplate({ name: 'k8s', coe: 'kubernetes', tls_disabled: false });
    f.cloud.seedCluster({ name: 'mykubcluster', cluster_template_id: t.uuid });
    const cwd = tmp();
    const r = await f.magnum(['cluster-config', 'mykubcluster', '--dir', 'magnum/mykubcluster'], { cwd });
    const dir = join(cwd, 'magnum/mykubcluster');
    expect(r).toEqual({ stdout: `export KUBECONFIG=${dir}/config\n\n`, stderr: '', code: 0 });
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'key.pem'))).toBe(0o600);
    expect(mode(join(dir, 'config'))).toBe(0o600);
    expect(mode(join(dir, 'cert.pem'))).toBe(0o644);
    execFileSync('openssl', ['verify', '-CAfile', join(dir, 'ca.pem'), join(dir, 'cert.pem')]);
    const kubeconfig = parse(readFileSync(join(dir, 'config'), 'utf8'));
    expect(kubeconfig.clusters[0].cluster.server).toBe('https://127.0.0.1:6443');
    const user = kubeconfig.users[0].user;
    expect(Buffer.from(user['client-key-data'], 'base64').toString()).toBe(readFileSync(join(dir, 'key.pem'), 'utf8'));
    expect(Buffer.from(kubeconfig.clusters[0].cluster['certificate-authority-data'], 'base64').toString()).toBe(
      readFileSync(join(dir, 'ca.pem'), 'utf8'),
    );
    const subject = execFileSync('openssl', ['x509', '-noout', '-subject', '-in', join(dir, 'cert.pem')]).toString();
    expect(subject).toMatch(/CN ?= ?admin/);
  });

  it('changes nothing when a file exists, unless --force', async () => {
    const cwd = tmp();
    writeFileSync(join(cwd, 'config'), 'mine');
    const r = await f.magnum(['cluster-config', 'mykubcluster'], { cwd });
    expect(r).toEqual({ stdout: '', stderr: `ERROR: File ${cwd}/config exists, aborting.\n`, code: 1 });
    expect(existsSync(join(cwd, 'key.pem'))).toBe(false);
    expect(readFileSync(join(cwd, 'config'), 'utf8')).toBe('mine');
    const forced = await f.magnum(['cluster-config', 'mykubcluster', '--force'], { cwd });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(cwd, 'config'), 'utf8')).toContain('client-certificate-data');
  });

  it('speaks csh and fish', async () => {
    const cwd = tmp();
    const csh = await f.magnum(['cluster-config', 'mykubcluster'], { cwd, env: { SHELL: '/bin/tcsh' } });
    expect(csh.stdout).toBe(`setenv KUBECONFIG ${cwd}/config\n\n`);
    const fish = await f.magnum(['cluster-config', 'mykubcluster', '--force'], { cwd, env: { SHELL: '/usr/bin/fish' } });
    expect(fish.stdout).toBe(`set -gx KUBECONFIG ${cwd}/config\n\n`);
  });
});

describe('cluster-config, other cases', () => {
  it('writes the no-TLS kubeconfig without the stray quote', async () => {
    const t = f.cloud.seedTemplate({ name: 'k8s-notls', coe: 'kubernetes', tls_disabled: true });
    f.cloud.seedCluster({ name: 'plain', cluster_template_id: t.uuid });
    const cwd = tmp();
    const r = await f.magnum(['cluster-config', 'plain'], { cwd });
    expect(r.code).toBe(0);
    expect(existsSync(join(cwd, 'key.pem'))).toBe(false);
    expect(readFileSync(join(cwd, 'config'), 'utf8').endsWith('users:\n- name: plain\n')).toBe(true);
  });

  it('prints the docker environment for swarm', async () => {
    const t = f.cloud.seedTemplate({ name: 'swarm', coe: 'swarm', tls_disabled: false });
    f.cloud.seedCluster({ name: 'sw', cluster_template_id: t.uuid });
    const cwd = tmp();
    const r = await f.magnum(['cluster-config', 'sw'], { cwd });
    expect(r).toEqual({
      stdout: `export DOCKER_HOST=https://127.0.0.1:6443\nexport DOCKER_CERT_PATH=${cwd}\nexport DOCKER_TLS_VERIFY=True\n\n`,
      stderr: '',
      code: 0,
    });
    expect(existsSync(join(cwd, 'ca.pem'))).toBe(true);
    expect(existsSync(join(cwd, 'config'))).toBe(false);
  });

  it('warns on stderr when the API address is not known yet', async () => {
    const t = f.cloud.seedTemplate({ name: 'k8s-2', coe: 'kubernetes', tls_disabled: true });
    f.cloud.seedCluster({ name: 'early', cluster_template_id: t.uuid, status: 'CREATE_IN_PROGRESS', api_address: null });
    const cwd = tmp();
    const r = await f.magnum(['cluster-config', 'early'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("WARNING: The cluster's api_address is not known yet.\n");
    expect(r.stdout).toBe(`export KUBECONFIG=${cwd}/config\n\n`);
  });
});
