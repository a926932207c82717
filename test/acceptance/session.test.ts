/**
 * README's session end to end with our CLI only, on whatever cloud OS_* names:
 * templates, cluster-create, wait for CREATE_COMPLETE, `$(magnum cluster-config …)` +
 * `kubectl get pod` (against the loopback API server of test/support/kube-api.ts), the certificates and file modes, then delete. The steps share one
 * cluster and run in order; afterAll deletes it whatever happened.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnStack } from '../compat/harness';
import { OUR_BIN, baseEnv, freshTempDir, runProcess, type ProcessResult } from '../compat/processes';
import { cli, deleteCluster, showCluster, uniqueName } from '../compat/resources';
import { itNeeds } from '../support/tools';
import { KUBECTL, kubectlMissing, startApiForCluster } from '../support/kube-api';

const CREATE_TIMEOUT_MS = 120_000;

const ours = (argv: string[]) => cli(argv, { via: 'ours' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The status column of `name`'s row in a cluster-list table. */
function statusInList(table: string, name: string): string | undefined {
  for (const line of table.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells[2] === name) return cells[6];
  }
  return undefined;
}

describeOnStack('acceptance: README session', { reference: false }, () => {
  const name = uniqueName('accept');
  const tmp = freshTempDir('magnum-acceptance-');
  const configDir = join(tmp, 'magnum', name);
  let created = false;

  afterAll(async () => {
    if (created) await deleteCluster(name);
    rmSync(tmp, { recursive: true, force: true });
  }, 180_000);

  it('cluster-template-list shows the seeded templates', async () => {
    const r = await ours(['cluster-template-list']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\| uuid +\| name +\|$/m);
    expect(r.stdout).toMatch(/^\| [0-9a-f-]{36} \| kubernetes +\|$/m);
  });

  it('cluster-template-show kubernetes', async () => {
    const r = await ours(['cluster-template-show', 'kubernetes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\| coe +\| kubernetes +\|$/m);
    expect(r.stdout).toMatch(/^\| tls_disabled +\| False +\|$/m);
  });

  it('cluster-create --name … --node-count 100 is accepted', async () => {
    const r = await ours(['cluster-create', '--name', name, '--cluster-template', 'kubernetes', '--node-count', '100']);
    created = true; // even a failed create may have left something to delete
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Request to create cluster [0-9a-f-]{36} has been accepted\.\n$/);
    // The deprecated --name warning goes to stderr (README difference 3), never stdout.
    expect(r.stderr).toBe(
      'WARNING: The --name parameter is deprecated and will be removed in a future release. Use the <name> positional parameter to avoid seeing this message.\n',
    );
  });

  it(
    `cluster-list reaches CREATE_COMPLETE within ${CREATE_TIMEOUT_MS / 1000} s`,
    async () => {
      const deadline = Date.now() + CREATE_TIMEOUT_MS;
      let last: ProcessResult | undefined;
      let status: string | undefined;
      while (Date.now() < deadline) {
        last = await ours(['cluster-list']);
        // Right after a create, magnum 15 briefly answers 400 "Invalid input for field/attribute
        // master_count" (the nodegroups are not written yet; test/compat/resources.ts): ask again.
        if (last.code !== 0 && /master_count/.test(last.stderr)) {
          await sleep(2000);
          continue;
        }
        expect(last.code, last.stderr).toBe(0);
        status = statusInList(last.stdout, name);
        if (status === 'CREATE_COMPLETE' || status?.endsWith('FAILED')) break;
        await sleep(2000);
      }
      expect(status, last?.stdout).toBe('CREATE_COMPLETE');
      const fields = await showCluster(name);
      expect(fields?.get('node_count')).toBe('100');
      expect(fields?.get('api_address')).toMatch(/^https:\/\//);
    },
    CREATE_TIMEOUT_MS + 30_000,
  );

  describe('cluster-config + kubectl', () => {
    const why = kubectlMissing();
    let shell: ProcessResult;
    let identities: string[] = [];
    beforeAll(async () => {
      if (why) return;
      // `magnum` on PATH as a user has it after `npm install -g`.
      const binDir = join(tmp, 'bin');
      mkdirSync(binDir);
      writeFileSync(join(binDir, 'magnum'), `#!/bin/sh\nexec '${process.execPath}' '${OUR_BIN}' "$@"\n`);
      chmodSync(join(binDir, 'magnum'), 0o755);
      const env = { ...baseEnv(tmp), PATH: `${binDir}:/usr/bin:/bin` };
      // Exactly README's two lines: the command substitution runs the `export KUBECONFIG=…`.
      const script = `$(magnum cluster-config '${name}' --dir '${configDir}') || exit 99\nkubectl get pod\n`;
      // The stack's api_address is https://127.0.0.1:6443: the loopback API server of the
      // tests listens there, trusting the cluster CA (test/support/kube-api.ts).
      const api = await startApiForCluster(ours, name, process.env.OS_AUTH_URL ?? '');
      try {
        shell = await runProcess('/bin/bash', ['-c', script], { cwd: tmp, env, timeoutMs: 90_000 });
        identities = api.requests.map((r) => r.identity);
      } finally {
        await api.close();
      }
    }, 120_000);

    it.skipIf(why !== undefined)('kubectl get pod works with the certificate kubeconfig', () => {
      const output = shell.stdout + shell.stderr;
      expect(shell.code, output).toBe(0);
      expect(shell.stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nloopback +1\/1 +Running +0 +1m\n$/);
      expect(new Set(identities)).toEqual(new Set(['certificate:admin']));
    });

    it.skipIf(why !== undefined)('writes the certificates and the kubeconfig with private modes', () => {
      for (const f of ['ca.pem', 'cert.pem', 'key.pem', 'config']) expect(existsSync(join(configDir, f)), f).toBe(true);
      expect(statSync(join(configDir, 'key.pem')).mode & 0o777).toBe(0o600);
      expect(statSync(join(configDir, 'config')).mode & 0o777).toBe(0o600);
      const verify = execFileSync('openssl', ['verify', '-CAfile', 'ca.pem', 'cert.pem'], { cwd: configDir, encoding: 'utf8' });
      expect(verify).toBe('cert.pem: OK\n');
      // The client key matches the signed certificate.
      const modulus = (args: string[]) => execFileSync('openssl', args, { cwd: configDir, encoding: 'utf8' });
      expect(modulus(['rsa', '-in', 'key.pem', '-noout', '-modulus'])).toBe(modulus(['x509', '-in', 'cert.pem', '-noout', '-modulus']));
    });

    it.skipIf(why !== undefined)('the kubeconfig carries the same CA and client certificate as the pem files', () => {
      const kubectl = (jsonpath: string) =>
        execFileSync(KUBECTL, ['config', 'view', '--raw', '-o', `jsonpath=${jsonpath}`], {
          env: { ...baseEnv(tmp), KUBECONFIG: join(configDir, 'config') },
          encoding: 'utf8',
        });
      const embeddedOrFile = (dataPath: string, filePath: string) => {
        const data = kubectl(dataPath);
        return data ? Buffer.from(data, 'base64').toString('utf8') : readFileSync(kubectl(filePath), 'utf8');
      };
      expect(embeddedOrFile('{.clusters[0].cluster.certificate-authority-data}', '{.clusters[0].cluster.certificate-authority}')).toBe(
        readFileSync(join(configDir, 'ca.pem'), 'utf8'),
      );
      expect(embeddedOrFile('{.users[0].user.client-certificate-data}', '{.users[0].user.client-certificate}')).toBe(
        readFileSync(join(configDir, 'cert.pem'), 'utf8'),
      );
      expect(kubectl('{.clusters[0].cluster.server}')).toBe('https://127.0.0.1:6443');
    });

    // Without kubectl: skipped, or failing under CI=true (test/support/tools.ts).
    if (why) itNeeds(false, why)('kubectl steps', () => undefined);
  });

  it('cluster-delete is accepted and the cluster disappears', async () => {
    const r = await ours(['cluster-delete', name]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Request to delete cluster ${name} has been accepted.\n`);
    const deadline = Date.now() + 120_000;
    while ((await showCluster(name)) !== undefined) {
      expect(Date.now() < deadline, 'deleted within 120 s').toBe(true);
      await sleep(2000);
    }
    created = false;
    const list = await ours(['cluster-list']);
    expect(statusInList(list.stdout, name)).toBeUndefined();
  }, 150_000);
});
