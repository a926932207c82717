/**
 * Issue 10 on the real stack, our CLI only: `openstack coe`'s options, credential-rotate and
 * the stack_id/cluster_id columns on whichever Magnum the OS_* variables name. The cases are
 * chosen by the server's own maximum microversion (test/support/magnum-generation.ts), not
 * skipped: on Magnum 23 (1.14) the new fields are set and read back; on Magnum 15 (1.10) the
 * commands that need 1.12/1.14 must fail before sending anything but the version read. Every
 * name is unique and afterAll deletes what was created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnStack } from '../compat/harness';
import type { ProcessResult } from '../compat/processes';
import { cli, deleteCluster, deleteClusterTemplate, uniqueName } from '../compat/resources';
import { compareVersions } from '../../src/api/client';
import { serverMaxVersion } from '../support/magnum-generation';

const MAX = process.env.OS_AUTH_URL ? await serverMaxVersion() : '0';
const ours = (argv: string[]): Promise<ProcessResult> => cli(argv, { via: 'ours' });
const json = (r: ProcessResult): Record<string, unknown> => {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};
/** The Magnum requests a --debug run made (`DEBUG REQ: <METHOD> <url>` lines to port 9511/19511). */
const magnumRequests = (r: ProcessResult): string[] =>
  r.stderr
    .split('\n')
    .filter((l) => /^DEBUG REQ: \S+ https?:\/\/[^/]+:1?9511\//.test(l))
    .map((l) => l.split(' ').slice(2, 4).join(' '));

describeOnStack(`acceptance: Magnum API ${MAX}, openstack coe options, credential-rotate`, { reference: false }, () => {
  const cluster = uniqueName('h10-coe');
  const template = uniqueName('h10-tmpl');
  // After every describe below: the last one still reads the cluster.
  afterAll(async () => {
    await deleteCluster(cluster);
    await deleteClusterTemplate(template);
  }, 180_000);

  if (compareVersions(MAX, '1.14') >= 0) {
    describe(`Magnum with API ${MAX} (>= 1.14)`, () => {
      it('cluster-template-create --driver --tags', async () => {
        const t = json(
          await ours([
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
            'kube_tag=v1.30.4',
            '--driver',
            'fake_k8s',
            '--tags',
            'blue',
            '--tags',
            'green,blue',
            '-f',
            'json',
          ]),
        );
        expect([t.driver, t.tags]).toEqual(['fake_k8s', 'blue,green']);
      });

      it('cluster-create --flavor --master-flavor --merge-labels --labels --master-lb-enabled, reflected by cluster-show', async () => {
        const r = await ours([
          'cluster-create',
          cluster,
          '--cluster-template',
          template,
          '--flavor',
          'm1.small',
          '--master-flavor',
          'm1.large',
          '--merge-labels',
          '--labels',
          'team=h10',
          '--master-lb-enabled',
          '--wait',
        ]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/^Request to create cluster [0-9a-f-]{36} has been accepted\.\n$/);
        const c = json(
          await ours([
            'cluster-show',
            cluster,
            '-f',
            'json',
            '-c',
            'status',
            '-c',
            'flavor_id',
            '-c',
            'master_flavor_id',
            '-c',
            'labels',
            '-c',
            'labels_added',
            '-c',
            'master_lb_enabled',
          ]),
        );
        expect(c).toEqual({
          status: 'CREATE_COMPLETE',
          flavor_id: 'm1.small',
          master_flavor_id: 'm1.large',
          // merged: the template's kube_tag stays beside the new label
          labels: { kube_tag: 'v1.30.4', team: 'h10' },
          labels_added: { team: 'h10' },
          master_lb_enabled: true,
        });
      });

      it('nodegroup-create --node-labels --node-taints', async () => {
        const r = await ours([
          'nodegroup-create',
          cluster,
          'gpu',
          '--node-labels',
          'accel=gpu,zone=a',
          '--node-taints',
          'gpu=true:NoSchedule',
          '--node-taints',
          'spot:PreferNoSchedule',
          '--wait',
        ]);
        expect(r.code, r.stderr).toBe(0);
        const ng = json(await ours(['nodegroup-show', cluster, 'gpu', '-f', 'json', '-c', 'node_labels', '-c', 'node_taints']));
        expect(ng).toEqual({
          node_labels: { accel: 'gpu', zone: 'a' },
          node_taints: [
            { key: 'gpu', value: 'true', effect: 'NoSchedule' },
            { key: 'spot', value: '', effect: 'PreferNoSchedule' },
          ],
        });
      });

      it('credential-rotate --wait', async () => {
        const uuid = json(await ours(['cluster-show', cluster, '-f', 'json', '-c', 'uuid'])).uuid;
        const r = await ours(['credential-rotate', cluster, '--wait']);
        expect(r).toMatchObject({ code: 0, stderr: '', stdout: `Request to rotate credentials for cluster ${String(uuid)} has been accepted.\n` });
      });

      it('cluster-update <c> --node-count 3 --wait', async () => {
        const r = await ours(['cluster-update', cluster, '--node-count', '3', '--wait']);
        expect(r).toMatchObject({ code: 0, stderr: '', stdout: `Request to update cluster ${cluster} has been accepted.\n` });
        const ng = json(await ours(['nodegroup-show', cluster, 'default-worker', '-f', 'json', '-c', 'node_count', '-c', 'status']));
        expect(ng).toEqual({ node_count: 3, status: 'UPDATE_COMPLETE' });
      });
    });
  } else {
    describe(`Magnum with API ${MAX} (< 1.12): what needs a newer API fails before it is sent`, () => {
      beforeAll(async () => {
        const r = await ours(['cluster-create', cluster, '--cluster-template', 'kubernetes', '--wait']);
        expect(r.code, r.stderr).toBe(0);
      }, 180_000);

      it('credential-rotate: the version message, and no request but the version read', async () => {
        const r = await ours(['--debug', 'credential-rotate', cluster]);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr.split('\n').at(-2)).toBe(`ERROR: credential-rotate needs Magnum API 1.12 or newer, but the server supports at most ${MAX}.`);
        expect(magnumRequests(r)).toHaveLength(1);
        expect(magnumRequests(r)[0]).toMatch(/^GET \S+\/v1$/);
      });

      it('nodegroup-create --node-taints: the version message, and no request but the version read', async () => {
        const r = await ours(['--debug', 'nodegroup-create', cluster, 'ng', '--node-taints', 'gpu=true:NoSchedule']);
        expect(r.code).toBe(1);
        expect(r.stderr.split('\n').at(-2)).toBe(`ERROR: --node-taints needs Magnum API 1.14 or newer, but the server supports at most ${MAX}.`);
        expect(magnumRequests(r).map((l) => l.split(' ')[0])).toEqual(['GET']);
      });
    });
  }

  describe('-c cluster_id and -c stack_id name the same value on either generation', () => {
    it('cluster-show and cluster-list', async () => {
      const shown = json(await ours(['cluster-show', cluster, '-f', 'json', '-c', 'cluster_id', '-c', 'stack_id']));
      expect(typeof shown.cluster_id).toBe('string');
      expect(shown.stack_id).toBe(shown.cluster_id);
      // The full table has the one name this server sends, as the reference prints it.
      const table = (await ours(['cluster-show', cluster])).stdout;
      const sent = compareVersions(MAX, '1.13') >= 0 ? 'cluster_id' : 'stack_id';
      const other = sent === 'cluster_id' ? 'stack_id' : 'cluster_id';
      expect(table).toMatch(new RegExp(`\\| ${sent} +\\| ${String(shown.cluster_id)} +\\|`));
      expect(table).not.toMatch(new RegExp(`\\| ${other} `));
      const listed = await ours(['cluster-list', '--fields', 'stack_id,cluster_id']);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toContain(`| ${String(shown.cluster_id)} | ${String(shown.cluster_id)} |`);
    });
  });
});
