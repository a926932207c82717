/**
 * Issue 9 on the real stack, our CLI only: `nodegroup-delete <cluster> ..` used to delete
 * the whole cluster (URL normalisation turned `/clusters/<c>/nodegroups/..` into
 * `DELETE /v1/clusters/<c>/`). Now it exits non-zero before any request, and the cluster
 * and its nodegroups are still there a while later. A `/` in the name, which Magnum
 * decodes before routing, is refused the same way.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnStack } from '../compat/harness';
import { cli, clusterStatus, createCluster, deleteCluster, uniqueName } from '../compat/resources';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describeOnStack('acceptance: identifiers never change which URL is called', { reference: false }, () => {
  const name = uniqueName('accept-dots');

  beforeAll(async () => {
    await createCluster(name, { waitComplete: true });
  }, 180_000);
  afterAll(async () => {
    await deleteCluster(name);
  }, 180_000);

  it('nodegroup-delete <cluster> .. exits 1 and the cluster stays', async () => {
    const r = await cli(['nodegroup-delete', name, '..'], { via: 'ours' });
    expect([r.code, r.stdout, r.stderr]).toEqual([
      1,
      '',
      'ERROR: Invalid nodegroup name or ID "..": "." and ".." are URL path steps, so the request would go to another URL.\n',
    ]);
    // The old client's DELETE took effect within seconds; give the conductor time to show one.
    await sleep(5000);
    expect(await clusterStatus(name)).toBe('CREATE_COMPLETE');
    const groups = await cli(['nodegroup-list', name, '-f', 'value', '-c', 'name'], { via: 'ours' });
    expect([groups.code, groups.stdout.split('\n').filter(Boolean).sort()]).toEqual([0, ['default-master', 'default-worker']]);
  }, 60_000);

  it('cluster-delete <cluster>/nodegroups/default-worker is refused, and deletes nothing', async () => {
    const r = await cli(['cluster-delete', `${name}/nodegroups/default-worker`], { via: 'ours' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: Invalid cluster name or ID ".*": Magnum reads "\/" as a path separator/);
    const groups = await cli(['nodegroup-list', name, '-f', 'value', '-c', 'name'], { via: 'ours' });
    expect(groups.stdout.split('\n').filter(Boolean).sort()).toEqual(['default-master', 'default-worker']);
  }, 60_000);

  it('cluster-show ., "" and cluster-template-show .. exit 1 instead of printing the list or the API root', async () => {
    for (const argv of [
      ['cluster-show', '.'],
      ['cluster-show', ''],
      ['cluster-template-show', '..'],
    ]) {
      const r = await cli(argv, { via: 'ours' });
      expect([argv, r.code, r.stdout]).toEqual([argv, 1, '']);
      expect(r.stderr).toMatch(/^ERROR: Invalid cluster (template )?name or ID /);
    }
  }, 60_000);
});
