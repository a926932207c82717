/**
 * Issue 6 on the real stack, our CLI only: `--wait` on create (a `slow-…` cluster that
 * stays in progress 25 s, a plain one, a `fail-…` one), resize, upgrade, nodegroup
 * create/delete and delete; `-f json` against the API's own answers; `cluster-config
 * --merge` into a kubeconfig that holds two other contexts, checked with kubectl. Every
 * name is unique and afterAll deletes whatever is left. With MAGNUM_ACCEPTANCE_TRANSCRIPT
 * set to a file, every command, its output, exit code and duration are appended to it.
 */
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnStack } from '../compat/harness';
import { freshTempDir, type ProcessResult } from '../compat/processes';
import { cli, deleteCluster, uniqueName } from '../compat/resources';
import { compareVersions } from '../../src/api/client';
import { serverMaxVersion } from '../support/magnum-generation';
import { passwordTokenFromKeystone } from '../support/keystone-direct';
import { DEV_ROW, HAVE_KUBECTL, KUBECTL, PROD_ROW, TWO_CONTEXTS, kubectlContexts } from '../kube/merge-fixtures';

const TRANSCRIPT = process.env.MAGNUM_ACCEPTANCE_TRANSCRIPT;
// The second template each stack seeds, the upgrade target: kubernetes-preview on Magnum 15
// (test/stack/lib/seed_templates.py), kubernetes-latest on Magnum 23 (next.sh's seed_templates_next.py).
const UPGRADE_TO = process.env.OS_AUTH_URL && compareVersions(await serverMaxVersion(), '1.11') >= 0 ? 'kubernetes-latest' : 'kubernetes-preview';

/** Runs our CLI, recording the run in the transcript file when one is asked for. */
async function ours(argv: string[], opts: { env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<ProcessResult> {
  const started = new Date().toISOString();
  const r = await cli(argv, { via: 'ours', ...opts });
  if (TRANSCRIPT) {
    const env = Object.entries(opts.env ?? {})
      .map(([k, v]) => `${k}=${v ?? ''} `)
      .join('');
    appendFileSync(
      TRANSCRIPT,
      `\n$ ${env}magnum ${argv.join(' ')}    # started ${started}, took ${(r.durationMs / 1000).toFixed(1)} s, exit ${r.code}\n` +
        `--- stdout\n${r.stdout}--- stderr\n${r.stderr}`,
    );
  }
  return r;
}

/** The API's own answer for `path`, with a token straight from keystone (not our code). */
async function api(path: string): Promise<Record<string, unknown>> {
  const { token, magnumUrl: magnum } = await passwordTokenFromKeystone();
  const res = await fetch(`${magnum.replace(/\/+$/, '')}${path}`, {
    headers: {
      'X-Auth-Token': token,
      'OpenStack-API-Version': 'container-infra latest',
      Accept: 'application/json',
    },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

const withoutLinks = ({ links: _links, ...rest }: Record<string, unknown>): Record<string, unknown> => rest;
const json = (r: ProcessResult): Record<string, unknown> => JSON.parse(r.stdout) as Record<string, unknown>;

describeOnStack('acceptance: --wait, -f json, nodegroups, resize, upgrade, --merge', { reference: false }, () => {
  const slow = uniqueName('slow-beyond');
  const plain = uniqueName('beyond');
  const failing = uniqueName('fail-beyond');
  const tmp = freshTempDir('magnum-beyond-');
  // The three creates run side by side; each test awaits its own.
  let slowCreate: Promise<ProcessResult>;
  let plainCreate: Promise<ProcessResult>;
  let failingCreate: Promise<ProcessResult>;

  beforeAll(() => {
    if (TRANSCRIPT) appendFileSync(TRANSCRIPT, `\n=== test/acceptance/beyond.test.ts, ${new Date().toISOString()} ===\n`);
    slowCreate = ours(['cluster-create', slow, '--cluster-template', 'kubernetes', '--wait']);
    plainCreate = ours(['cluster-create', plain, '--cluster-template', 'kubernetes', '--wait']);
    failingCreate = ours(['cluster-create', failing, '--cluster-template', 'kubernetes', '--wait']);
  });

  afterAll(async () => {
    await Promise.allSettled([slowCreate, plainCreate, failingCreate]);
    for (const name of [slow, plain, failing]) await deleteCluster(name);
    rmSync(tmp, { recursive: true, force: true });
  }, 180_000);

  describe('cluster-create --wait', () => {
    it('returns only after CREATE_COMPLETE for a slow cluster, stdout as without --wait', async () => {
      const r = await slowCreate;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Request to create cluster [0-9a-f-]{36} has been accepted\.\n$/);
      expect(r.stderr).toBe('');
      expect(r.durationMs).toBeGreaterThan(25_000);
      const shown = await ours(['cluster-show', slow, '-f', 'value', '-c', 'status']);
      expect(shown.stdout).toBe('CREATE_COMPLETE\n');
    });

    it('exits 1 with the status and reason of a cluster that fails', async () => {
      const r = await failingCreate;
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^Request to create cluster [0-9a-f-]{36} has been accepted\.\n$/);
      expect(r.stderr).toMatch(new RegExp(`^ERROR: Cluster ${failing} failed: CREATE_FAILED: .+\\n(  \\S+: .+\\n)*$`));
      const reason = (await api(`/clusters/${failing}`)).status_reason;
      expect(r.stderr.split('\n')[0]).toBe(`ERROR: Cluster ${failing} failed: CREATE_FAILED: ${String(reason)}`);
    });

    it('completes a plain cluster', async () => {
      const r = await plainCreate;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
    });
  });

  describe('resize, nodegroups and upgrade with --wait', () => {
    it('cluster-resize --wait returns with the cluster UPDATE_COMPLETE at the new size', async () => {
      const r = await ours(['cluster-resize', plain, '2', '--wait']);
      expect(r).toMatchObject({ code: 0, stderr: '', stdout: `Request to resize cluster ${plain} has been accepted.\n` });
      const cluster = await api(`/clusters/${plain}`);
      expect([cluster.status, cluster.node_count]).toEqual(['UPDATE_COMPLETE', 2]);
    });

    it('nodegroup-create --wait returns with the nodegroup CREATE_COMPLETE', async () => {
      const r = await ours(['nodegroup-create', plain, 'extra', '--node-count', '2', '--wait']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Request to create nodegroup [0-9a-f-]{36} has been accepted\.\n$/);
      const listed = await ours(['nodegroup-list', plain, '-f', 'value', '-c', 'name', '-c', 'node_count', '-c', 'status']);
      expect(listed.stdout.split('\n')).toContain('extra 2 CREATE_COMPLETE');
    });

    it('nodegroup-delete --wait returns once the nodegroup is gone', async () => {
      const r = await ours(['nodegroup-delete', plain, 'extra', '--wait']);
      expect(r).toMatchObject({ code: 0, stderr: '', stdout: 'Request to delete nodegroup extra has been accepted.\n' });
      const names = ((await api(`/clusters/${plain}/nodegroups`)).nodegroups as { name: string }[]).map((ng) => ng.name);
      expect(names).toEqual(['default-master', 'default-worker']);
    });

    it('cluster-upgrade --wait returns with the cluster on the new template', async () => {
      const r = await ours(['cluster-upgrade', plain, UPGRADE_TO, '--wait']);
      expect(r).toMatchObject({ code: 0, stderr: '', stdout: `Request to upgrade cluster ${plain} has been accepted.\n` });
      const template = await api(`/clustertemplates/${UPGRADE_TO}`);
      const cluster = await api(`/clusters/${plain}`);
      expect([cluster.status, cluster.cluster_template_id]).toEqual(['UPDATE_COMPLETE', template.uuid]);
    });
  });

  describe('-f json', () => {
    it('cluster-show, nodegroup-show and cluster-template-show parse and equal the API objects (without links)', async () => {
      expect(json(await ours(['cluster-show', plain, '-f', 'json']))).toEqual(withoutLinks(await api(`/clusters/${plain}`)));
      expect(json(await ours(['nodegroup-show', plain, 'default-worker', '-f', 'json']))).toEqual(
        withoutLinks(await api(`/clusters/${plain}/nodegroups/default-worker`)),
      );
      expect(json(await ours(['cluster-template-show', 'kubernetes', '-f', 'json']))).toEqual(
        withoutLinks(await api('/clustertemplates/kubernetes')),
      );
    });

    it('cluster-list: the table columns of the API objects; -c reaches any of their keys', async () => {
      const listed = (await api('/clusters')).clusters as Record<string, unknown>[];
      const columns = ['uuid', 'name', 'keypair', 'node_count', 'master_count', 'status'];
      const mine = (items: unknown): Record<string, unknown>[] =>
        (items as Record<string, unknown>[]).filter((c) => [slow, plain, failing].includes(String(c.name)));
      expect(mine(JSON.parse((await ours(['cluster-list', '-f', 'json'])).stdout))).toEqual(
        mine(listed.map((c) => Object.fromEntries(columns.map((k) => [k, c[k]])))),
      );
      // One column under two names (README difference 16): Magnum 23 sends it as cluster_id.
      const picked = await ours(['cluster-list', '-f', 'json', '-c', 'name', '-c', 'labels', '-c', 'stack_id']);
      expect(mine(JSON.parse(picked.stdout))).toEqual(
        mine(listed.map((c) => ({ name: c.name, labels: c.labels, stack_id: c.stack_id ?? c.cluster_id }))),
      );
    });
  });

  describe('cluster-config --merge', () => {
    it('adds the cluster to a kubeconfig with two other contexts and keeps them (kubectl get-contexts)', async () => {
      const file = join(tmp, 'kubeconfig');
      writeFileSync(file, TWO_CONTEXTS);
      const r = await ours(['cluster-config', plain, '--merge'], { env: { KUBECONFIG: file }, cwd: tmp });
      expect(r).toEqual(
        expect.objectContaining({
          code: 0,
          stdout: '',
          stderr: `Added context "${plain}" (cluster "${plain}", user "${plain}-admin") in ${file}; it is now the current context.\n`,
        }),
      );
      if (!HAVE_KUBECTL) {
        if (process.env.CI === 'true') throw new Error(`CI=true but ${KUBECTL} is not installed`);
        return;
      }
      if (TRANSCRIPT) {
        const out = execFileSync(KUBECTL, ['config', 'get-contexts', '--kubeconfig', file], { encoding: 'utf8' });
        appendFileSync(TRANSCRIPT, `\n$ kubectl config get-contexts --kubeconfig ${file}\n${out}`);
      }
      expect(kubectlContexts(file)).toEqual([['*', plain, plain, `${plain}-admin`], DEV_ROW, PROD_ROW]);
      const server = execFileSync(KUBECTL, ['config', 'view', '--minify', '-o', 'jsonpath={.clusters[0].cluster.server}', '--kubeconfig', file], {
        encoding: 'utf8',
      });
      expect(server).toBe(String((await api(`/clusters/${plain}`)).api_address));
      expect(readFileSync(file, 'utf8')).toContain('client-key-data: ');
    });
  });

  describe('cluster-delete --wait', () => {
    it('returns once every cluster is gone', async () => {
      await Promise.allSettled([slowCreate, plainCreate, failingCreate]);
      const r = await ours(['cluster-delete', slow, plain, failing, '--wait']);
      expect(r).toMatchObject({
        code: 0,
        stderr: '',
        stdout: [slow, plain, failing].map((n) => `Request to delete cluster ${n} has been accepted.\n`).join(''),
      });
      const names = ((await api('/clusters')).clusters as { name: string }[]).map((c) => c.name);
      expect(names.filter((n) => [slow, plain, failing].includes(n))).toEqual([]);
    });
  });
});
