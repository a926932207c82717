/**
 * Issue 4's commands end to end with our CLI only, on whatever cloud OS_* names: a
 * template is created, updated and used by a cluster (which is updated, has its CA shown
 * and a CSR signed), both are deleted; quotas go through create/show/update/list/delete
 * on a keystone project made for the run; stats-list and service-list are read. Every
 * name is unique and afterAll removes whatever a failed step left behind.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClientKeyAndCsr } from '../../src/certs/csr';
import { adminEnv, createProject, deleteProject } from '../compat/admin-cloud';
import { describeOnStack } from '../compat/harness';
import { freshTempDir } from '../compat/processes';
import { cli, deleteCluster, deleteClusterTemplate, parseShowTable, showCluster, uniqueName, waitForClusterStatus } from '../compat/resources';

const ADMIN = adminEnv();
const ours = (argv: string[], env?: Record<string, string | undefined>) => cli(argv, { via: 'ours', env });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeOnStack('acceptance: template, cluster and quota lifecycle', { reference: false }, () => {
  const template = uniqueName('accept4-tmpl');
  const cluster = uniqueName('accept4');
  const tmp = freshTempDir('magnum-lifecycle-');

  afterAll(async () => {
    await deleteCluster(cluster);
    await deleteClusterTemplate(template);
    rmSync(tmp, { recursive: true, force: true });
  }, 180_000);

  describe('cluster template and cluster', () => {
    it('cluster-template-create shows the new template', async () => {
      const r = await ours([
        // A master flavor: Magnum 23 refuses a template without one ("Unable to find flavor None").
        'cluster-template-create',
        template,
        '--coe',
        'kubernetes',
        '--image',
        'fedora-coreos-35',
        '--external-network',
        'public',
        '--master-flavor',
        'm1.medium',
        '--docker-storage-driver',
        'overlay2',
        '--labels',
        'auto_healing_enabled=true,auto_healing_controller=magnum-auto-healer;kube_tag=v1.21.1',
        '--floating-ip-disabled',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const fields = parseShowTable(r.stdout);
      expect(fields.get('name')).toBe(template);
      expect(fields.get('docker_storage_driver')).toBe('overlay2');
      expect(fields.get('floating_ip_enabled')).toBe('False');
      expect(fields.get('labels')).toBe("{'auto_healing_enabled': 'true', 'auto_healing_controller': 'magnum-auto-healer', 'kube_tag': 'v1.21.1'}");
    });

    it('cluster-template-update changes it and shows the result', async () => {
      const r = await ours(['cluster-template-update', template, 'replace', 'dns_nameserver=1.1.1.1', 'docker_volume_size=4']);
      expect(r.code, r.stderr).toBe(0);
      const fields = parseShowTable(r.stdout);
      expect(fields.get('dns_nameserver')).toBe('1.1.1.1');
      expect(fields.get('docker_volume_size')).toBe('4');
      expect(parseShowTable((await ours(['cluster-template-show', template])).stdout).get('dns_nameserver')).toBe('1.1.1.1');
    });

    it('a cluster made from it completes', async () => {
      const r = await ours(['cluster-create', cluster, '--cluster-template', template]);
      expect(r.code, r.stderr).toBe(0);
      expect(await waitForClusterStatus(cluster, ['CREATE_COMPLETE'])).toBe('CREATE_COMPLETE');
    }, 150_000);

    it('cluster-template-delete refuses the template in use, exit 1', async () => {
      const r = await ours(['cluster-template-delete', template]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(
        new RegExp(
          `^Delete for cluster template ${template} failed: ClusterTemplate [0-9a-f-]{36} is referenced by one or multiple clusters \\(HTTP 400\\)`,
        ),
      );
    });

    it('cluster-update is accepted and the cluster ends UPDATE_COMPLETE with the new count', async () => {
      const r = await ours(['cluster-update', cluster, 'replace', 'node_count=2']);
      expect(r).toMatchObject({ stdout: `Request to update cluster ${cluster} has been accepted.\n`, code: 0 });
      expect(await waitForClusterStatus(cluster, ['UPDATE_COMPLETE'])).toBe('UPDATE_COMPLETE');
      expect((await showCluster(cluster))?.get('node_count')).toBe('2');
    }, 150_000);

    it('cluster-update reports a refused change on stdout, exit 1', async () => {
      const r = await ours(['cluster-update', cluster, 'replace', 'master_count=3']);
      expect(r).toMatchObject({ stdout: 'ERROR: cannot change cluster property(ies) master_count.\n', code: 1 });
    });

    it('ca-show prints the CA and ca-sign a certificate it verifies', async () => {
      const ca = await ours(['ca-show', cluster]);
      expect(ca.code, ca.stderr).toBe(0);
      expect(ca.stdout).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
      writeFileSync(join(tmp, 'ca.pem'), ca.stdout);
      writeFileSync(join(tmp, 'client.csr'), generateClientKeyAndCsr().csrPem);
      const signed = await ours(['ca-sign', '--cluster', cluster, '--csr', join(tmp, 'client.csr')]);
      expect(signed.code, signed.stderr).toBe(0);
      writeFileSync(join(tmp, 'cert.pem'), signed.stdout);
      expect(execFileSync('openssl', ['verify', '-CAfile', 'ca.pem', 'cert.pem'], { cwd: tmp, encoding: 'utf8' })).toBe('cert.pem: OK\n');
    });

    it('ca-rotate is accepted silently and replaces the CA', async () => {
      const before = (await ours(['ca-show', cluster])).stdout;
      const r = await ours(['ca-rotate', '--cluster', cluster]);
      expect(r).toMatchObject({ stdout: '', stderr: '', code: 0 });
      expect(await waitForClusterStatus(cluster, ['UPDATE_COMPLETE'])).toBe('UPDATE_COMPLETE');
      const after = await ours(['ca-show', cluster]);
      expect(after.code, after.stderr).toBe(0);
      expect(after.stdout).not.toBe(before);
    }, 150_000);

    it('stats-list counts the cluster', async () => {
      const r = await ours(['stats-list']);
      expect(r.code, r.stderr).toBe(0);
      expect(Number(parseShowTable(r.stdout).get('clusters'))).toBeGreaterThanOrEqual(1);
    });

    it('cluster-delete and cluster-template-delete remove both', async () => {
      const r = await ours(['cluster-delete', cluster]);
      expect(r).toMatchObject({ stdout: `Request to delete cluster ${cluster} has been accepted.\n`, code: 0 });
      const deadline = Date.now() + 120_000;
      while ((await showCluster(cluster)) !== undefined) {
        expect(Date.now() < deadline, 'deleted within 120 s').toBe(true);
        await sleep(2000);
      }
      const t = await ours(['cluster-template-delete', template]);
      expect(t).toMatchObject({ stdout: `Request to delete cluster template ${template} has been accepted.\n`, code: 0 });
      const gone = await ours(['cluster-template-show', template]);
      expect(gone.code).toBe(1);
      expect(gone.stderr).toMatch(new RegExp(`^ERROR: ClusterTemplate ${template} could not be found \\(HTTP 404\\)`));
    }, 150_000);
  });

  describe('quotas (admin)', () => {
    let project = '';
    const q = (verb: string, ...rest: string[]) => ours([`quotas-${verb}`, '--project-id', project, '--resource', 'Cluster', ...rest], ADMIN);
    beforeAll(async () => {
      project = await createProject(uniqueName('accept4-project'));
    });
    afterAll(async () => {
      if (!project) return;
      await q('delete');
      await deleteProject(project);
    });

    it('create, show, update, list, delete', async () => {
      const created = await q('create', '--hard-limit', '3');
      expect(created.code, created.stdout + created.stderr).toBe(0);
      expect(parseShowTable(created.stdout).get('hard_limit')).toBe('3');
      expect(parseShowTable((await q('show')).stdout).get('hard_limit')).toBe('3');

      const again = await q('create');
      expect(again).toMatchObject({
        stdout: `Create quota for project_id ${project} resource Cluster failed: Quota for project ${project} already exists for resource Cluster.\n`,
        code: 1,
      });

      const updated = await q('update', '--hard-limit', '5');
      expect(updated.code, updated.stderr).toBe(0);
      expect(parseShowTable(updated.stdout).get('hard_limit')).toBe('5');

      const list = await ours(['quotas-list', '--all-tenants'], ADMIN);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toMatch(new RegExp(`^\\| ${project} \\| Cluster +\\| 5 +\\|$`, 'm'));

      const deleted = await q('delete');
      expect(deleted).toMatchObject({
        stdout: `Request to delete quota for project id ${project} and resource Cluster has been accepted.\n`,
        code: 0,
      });
      expect(parseShowTable((await q('show')).stdout).get('hard_limit')).toBe('20');
      const twice = await q('delete');
      expect(twice.code).toBe(1);
      expect(twice.stdout).toBe(
        `Quota delete failed for project id ${project} and resource Cluster :Quota could not be found: project_id ${project} resource Cluster.\n`,
      );
    });
  });

  it('service-list (admin) shows the conductor', async () => {
    const r = await ours(['service-list'], ADMIN);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\| \d+ +\| \S+ +\| magnum-conductor \| up +\|/m);
  });
});
