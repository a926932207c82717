// cluster-config's options beyond the reference, through the built CLI against the fake
// cloud: --merge into the user's kubeconfig, --output-certs, --use-keystone.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { EXEC_COMMAND } from '../../src/kube/exec-credential';
import { DEV_ROW, itWithKubectl, PROD_ROW, TWO_CONTEXTS, kubectlContexts } from './merge-fixtures';
import { tempDir } from '../support/temp';
import { cliNode } from '../support/run-cli';

const f = useFakeCloud();
const tmp = (): string => tempDir('magnum-merge-cli-');
const mode = (p: string): number => statSync(p).mode & 0o777;

type Named = { name: string } & Record<string, unknown>;
const names = (file: string, section: string): string[] => (parse(readFileSync(file, 'utf8'))[section] as Named[]).map((e) => e.name);

beforeAll(() => {
  const tls = f.cloud.seedTemplate({ name: 'k8s', coe: 'kubernetes' });
  f.cloud.seedCluster({ name: 'kube-a', cluster_template_id: tls.uuid });
  f.cloud.seedCluster({ name: 'kube-b', cluster_template_id: tls.uuid });
  const swarm = f.cloud.seedTemplate({ name: 'swarm', coe: 'swarm' });
  f.cloud.seedCluster({ name: 'swarm-a', cluster_template_id: swarm.uuid });
});

describe('cluster-config --merge', () => {
  it("adds the cluster to $KUBECONFIG's first file, keeps the other contexts, prints only on stderr", async () => {
    const home = tmp();
    const cwd = tmp();
    const file = join(tmp(), 'config');
    writeFileSync(file, TWO_CONTEXTS, { mode: 0o644 });
    const env = { HOME: home, KUBECONFIG: `${file}:${join(home, 'other')}` };
    const r = await f.magnum(['cluster-config', 'kube-a', '--merge'], { cwd, env });
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: `Added context "kube-a" (cluster "kube-a", user "kube-a-admin") in ${file}; it is now the current context.\n`,
    });
    expect(readdirSync(cwd)).toEqual([]);
    expect(mode(file)).toBe(0o600);
    expect(names(file, 'contexts')).toEqual(['dev', 'prod', 'kube-a']);
    const merged = parse(readFileSync(file, 'utf8'));
    expect(merged['current-context']).toBe('kube-a');
    expect(merged.clusters[2].cluster.server).toBe('https://127.0.0.1:6443');
    expect(Object.keys(merged.users[2].user)).toEqual(['client-certificate-data', 'client-key-data']);

    // Again, and another cluster: replaced in place, then added.
    const again = await f.magnum(['cluster-config', 'kube-a', '--merge'], { cwd, env });
    expect(again.stderr).toBe(`Updated context "kube-a" (cluster "kube-a", user "kube-a-admin") in ${file}; it is now the current context.\n`);
    expect((await f.magnum(['cluster-config', 'kube-b', '--merge'], { cwd, env })).code).toBe(0);
    expect(names(file, 'contexts')).toEqual(['dev', 'prod', 'kube-a', 'kube-b']);
    expect(names(file, 'users')).toEqual(['dev-user', 'prod-user', 'kube-a-admin', 'kube-b-admin']);
    expect(parse(readFileSync(file, 'utf8'))['current-context']).toBe('kube-b');
  });

  itWithKubectl(`kubectl config get-contexts lists the two old contexts and ours`, async () => {
    const file = join(tmp(), 'config');
    writeFileSync(file, TWO_CONTEXTS);
    expect((await f.magnum(['cluster-config', 'kube-a', '--merge'], { env: { KUBECONFIG: file } })).code).toBe(0);
    expect(kubectlContexts(file)).toEqual([DEV_ROW, ['*', 'kube-a', 'kube-a', 'kube-a-admin'], PROD_ROW]);
  });

  it('creates ~/.kube/config (0700 directory, 0600 file) when there is no kubeconfig yet', async () => {
    const home = tmp();
    const r = await f.magnum(['cluster-config', 'kube-a', '--merge'], { env: { HOME: home } });
    const file = join(home, '.kube', 'config');
    expect(r.stderr).toBe(`Added context "kube-a" (cluster "kube-a", user "kube-a-admin") in ${file}; it is now the current context.\n`);
    expect(mode(join(home, '.kube'))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(names(file, 'clusters')).toEqual(['kube-a']);
  });

  it('updates a symlinked kubeconfig where it points', async () => {
    const home = tmp();
    const real = join(tmp(), 'real-config');
    writeFileSync(real, TWO_CONTEXTS);
    mkdirSync(join(home, '.kube'));
    symlinkSync(real, join(home, '.kube', 'config'));
    expect((await f.magnum(['cluster-config', 'kube-a', '--merge'], { env: { HOME: home } })).code).toBe(0);
    expect(names(real, 'contexts')).toEqual(['dev', 'prod', 'kube-a']);
  });

  it('leaves a kubeconfig it cannot parse alone', async () => {
    const file = join(tmp(), 'config');
    writeFileSync(file, 'clusters: [\n');
    const r = await f.magnum(['cluster-config', 'kube-a', '--merge'], { env: { KUBECONFIG: file } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^ERROR: Cannot merge into ${file}: cannot parse it as YAML: `));
    expect(readFileSync(file, 'utf8')).toBe('clusters: [\n');
  });

  it('writes the pem files into --dir only with --output-certs', async () => {
    const dir = tmp();
    const file = join(tmp(), 'config');
    const r = await f.magnum(['cluster-config', 'kube-a', '--merge', '--output-certs', '--dir', dir], { env: { KUBECONFIG: file } });
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['ca.pem', 'cert.pem', 'key.pem']);
    const user = parse(readFileSync(file, 'utf8')).users[0].user;
    expect(Buffer.from(user['client-key-data'], 'base64').toString()).toBe(readFileSync(join(dir, 'key.pem'), 'utf8'));
  });

  it('is for Kubernetes clusters only', async () => {
    const file = join(tmp(), 'config');
    const r = await f.magnum(['cluster-config', 'swarm-a', '--merge'], { env: { KUBECONFIG: file } });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'ERROR: --merge applies to Kubernetes clusters only; cluster swarm-a uses swarm.\n' });
    expect(existsSync(file)).toBe(false);
  });
});

describe('cluster-config --use-keystone and --output-certs', () => {
  it('--use-keystone: the exec-credential kubeconfig (`magnumclient/common/utils.py _config_cluster_kubernetes` (--use-keystone)) with the CA, and only ca.pem', async () => {
    const cwd = tmp();
    const signs = () => f.cloud.requests.filter((q) => q.method === 'POST' && q.path === '/v1/certificates').length;
    const signedBefore = signs();
    const r = await f.magnum(['cluster-config', 'kube-a', '--use-keystone'], { cwd });
    expect(r).toEqual({ code: 0, stderr: '', stdout: `export KUBECONFIG=${cwd}/config\n\n` });
    expect(readdirSync(cwd).sort()).toEqual(['ca.pem', 'config']);
    const text = readFileSync(join(cwd, 'config'), 'utf8');
    expect(text).toContain('current-context: openstackuser@kubernetes\n');
    // This CLI as its own credential plugin (docs/kubectl-plugin.md), not the reference's bash + $OS_TOKEN.
    expect(text).toContain(`      command: ${cliNode}\n`);
    expect(text).toContain('      - exec-credential\n');
    const config = parse(text);
    expect(Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64').toString()).toBe(
      readFileSync(join(cwd, 'ca.pem'), 'utf8'),
    );
    // No client certificate was asked for.
    expect(signs()).toBe(signedBefore);
  });

  it('--use-keystone --merge: a per-cluster exec user', async () => {
    const file = join(tmp(), 'config');
    const r = await f.magnum(['cluster-config', 'kube-b', '--use-keystone', '--merge'], { env: { KUBECONFIG: file } });
    expect(r.stderr).toBe(`Added context "kube-b" (cluster "kube-b", user "kube-b-keystone") in ${file}; it is now the current context.\n`);
    const exec = parse(readFileSync(file, 'utf8')).users[0].user.exec;
    expect(exec.apiVersion).toBe('client.authentication.k8s.io/v1');
    expect(exec.args).toContain('exec-credential');
  });

  it('--output-certs changes nothing without --merge: the pem files are written anyway, as the reference does', async () => {
    const cwd = tmp();
    const r = await f.magnum(['cluster-config', 'kube-a', '--output-certs'], { cwd });
    expect(r.code).toBe(0);
    expect(readdirSync(cwd).sort()).toEqual(['ca.pem', 'cert.pem', 'config', 'key.pem']);
  });

  it('--use-keystone is for Kubernetes clusters only', async () => {
    const r = await f.magnum(['cluster-config', 'swarm-a', '--use-keystone'], { cwd: tmp() });
    expect(r.stderr).toBe('ERROR: --use-keystone applies to Kubernetes clusters only; cluster swarm-a uses swarm.\n');
  });

  it("the options are listed after the reference's help, never in its usage, and never abbreviated", async () => {
    const help = await f.magnum(['help', 'cluster-config']);
    const [reference, additions = ''] = help.stdout.split('Additional options (this client):\n');
    expect(reference).not.toMatch(/--merge|--use-keystone|--output-certs|--wait/);
    for (const flag of ['--use-keystone', '--output-certs', '--merge', '--wait']) expect(additions).toContain(`  ${flag} `);
    const r = await f.magnum(['cluster-config', 'kube-a', '--mer'], { cwd: tmp() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: unrecognized arguments: --mer\n');
  });
});

describe('cluster-config --context-name', () => {
  it('--merge --context-name names the context; a re-merge keeps the namespace the user set and every other byte', async () => {
    const file = join(tmp(), 'config');
    writeFileSync(file, TWO_CONTEXTS);
    const env = { KUBECONFIG: file };
    const r = await f.magnum(['cluster-config', 'kube-a', '--merge', '--context-name', 'team-a@kube-a'], { env });
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: `Added context "team-a@kube-a" (cluster "kube-a", user "kube-a-admin") in ${file}; it is now the current context.\n`,
    });
    // The user sets a namespace on it (what `kubectl config set-context --current --namespace web` does).
    const mine = readFileSync(file, 'utf8').replace(
      '    user: kube-a-admin\n  name: team-a@kube-a\n',
      '    namespace: web\n    user: kube-a-admin\n  name: team-a@kube-a\n',
    );
    writeFileSync(file, mine);
    const again = await f.magnum(['cluster-config', 'kube-a', '--merge', '--context-name', 'team-a@kube-a'], { env });
    expect(again.stderr).toBe(`Updated context "team-a@kube-a" (cluster "kube-a", user "kube-a-admin") in ${file}; it is now the current context.\n`);
    const after = readFileSync(file, 'utf8');
    // Only the new client certificate and key differ.
    const changed = after.split('\n').filter((line, i) => line !== mine.split('\n')[i]);
    expect(changed.map((line) => line.replace(/: .*/, ''))).toEqual(['    client-certificate-data', '    client-key-data']);
    expect(parse(after).contexts[2]).toEqual({ context: { cluster: 'kube-a', namespace: 'web', user: 'kube-a-admin' }, name: 'team-a@kube-a' });
  });

  it('names the context of a standalone config', async () => {
    const cwd = tmp();
    expect((await f.magnum(['cluster-config', 'kube-a', '--context-name', 'yes'], { cwd })).code).toBe(0);
    const text = readFileSync(join(cwd, 'config'), 'utf8');
    expect(text).toContain('  name: "yes"\ncurrent-context: "yes"\n');
    expect(parse(text)['current-context']).toBe('yes');
  });

  it('refuses an empty name or one on several lines', async () => {
    for (const name of ['', 'a\nb']) {
      const r = await f.magnum(['cluster-config', 'kube-a', '--merge', '--context-name', name], { env: { KUBECONFIG: join(tmp(), 'config') } });
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: `ERROR: --context-name must be a non-empty name on one line, not ${JSON.stringify(name)}.\n`,
      });
    }
  });
});

describe('cluster-config --stdout', () => {
  it('prints the certificate kubeconfig and writes nothing, not even --dir', async () => {
    const home = tmp();
    const cwd = tmp();
    const r = await f.magnum(['cluster-config', 'kube-a', '--stdout'], { cwd, env: { HOME: home } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const config = parse(r.stdout);
    expect(config['current-context']).toBe('default');
    expect(Object.keys(config.users[0].user)).toEqual(['client-certificate-data', 'client-key-data']);
    expect(r.stdout).toMatch(/^apiVersion: v1\nclusters:\n- cluster:\n {4}certificate-authority-data: /);
    expect([readdirSync(cwd), readdirSync(home)]).toEqual([[], []]);
  });

  it('prints the --use-keystone kubeconfig, with --context-name', async () => {
    const cwd = tmp();
    const r = await f.magnum(['cluster-config', 'kube-b', '--stdout', '--use-keystone', '--context-name', 'kb'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const config = parse(r.stdout);
    expect(config.contexts).toEqual([{ context: { cluster: 'kube-b', user: 'openstackuser' }, name: 'kb' }]);
    // The exec user of docs/kubectl-plugin.md: kubectl runs magnum itself.
    expect(config.users[0].user.exec.apiVersion).toBe('client.authentication.k8s.io/v1');
    expect(config.users[0].user.exec.args).toContain(EXEC_COMMAND);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('is for Kubernetes clusters, and refuses the options that write files', async () => {
    const swarm = await f.magnum(['cluster-config', 'swarm-a', '--stdout'], { cwd: tmp() });
    expect(swarm).toEqual({ code: 1, stdout: '', stderr: 'ERROR: --stdout applies to Kubernetes clusters only; cluster swarm-a uses swarm.\n' });
    for (const [flag, ...rest] of [['--merge'], ['--output-certs'], ['--force'], ['--dir', 'x']]) {
      const r = await f.magnum(['cluster-config', 'kube-a', '--stdout', flag, ...rest], { cwd: tmp() });
      expect(r).toEqual({ code: 1, stdout: '', stderr: `ERROR: --stdout writes no file: it cannot be used with ${flag}.\n` });
    }
  });
});
