import { describe, expect, it } from 'vitest';
import type { MagnumClient } from '../../src/api/client';
import { ApiError } from '../../src/api/errors';
import type { Resource } from '../../src/api/resources';
import { clusterTarget, nodegroupTarget } from '../../src/wait/targets';

/** A client whose GETs answer the given resources in turn (null = 404, 400 = a 400); records the paths. */
function client(answers: (Resource | null | 400)[]): MagnumClient & { paths: string[] } {
  const paths: string[] = [];
  let i = 0;
  const stub = {
    paths,
    request: async (method: string, path: string): Promise<unknown> => {
      paths.push(`${method} ${path}`);
      const answer = answers[Math.min(i++, answers.length - 1)];
      if (answer === null) throw new ApiError(404, `Cluster could not be found.`, '');
      if (answer === 400) throw new ApiError(400, 'Invalid input for field/attribute master_count.', '');
      return answer;
    },
    reply: async (method: string, path: string) => ({ url: path, status: 200, data: (await stub.request(method, path)) as Resource }),
  };
  return stub as unknown as MagnumClient & { paths: string[] };
}

const cluster = (status: string, extra: Resource = {}): Resource => ({
  uuid: 'u-1',
  cluster_template_id: 't-1',
  name: 'k8s',
  status,
  status_reason: null,
  master_count: 1,
  node_count: 3,
  updated_at: '2026-11-24T10:00:00+00:00',
  ...extra,
});

async function states(target: { observe: () => Promise<{ state: string }> }, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((await target.observe()).state);
  return out;
}

describe('clusterTarget', () => {
  it('create: pending while *_IN_PROGRESS, done at *_COMPLETE, polling by UUID', async () => {
    const c = client([cluster('CREATE_IN_PROGRESS'), cluster('CREATE_COMPLETE')]);
    const target = clusterTarget(c, 'u-1', 'k8s', 'create');
    expect(target.description).toBe('cluster k8s');
    expect(await target.observe()).toEqual({ state: 'pending', summary: 'CREATE_IN_PROGRESS, 1 master, 3 nodes' });
    expect(await target.observe()).toEqual({ state: 'done', summary: 'CREATE_COMPLETE, 1 master, 3 nodes' });
    expect(c.paths).toEqual(['GET /clusters/u-1', 'GET /clusters/u-1']);
  });

  it('create: a failure carries the status, the reason and the per-nodegroup faults', async () => {
    const failed = cluster('CREATE_FAILED', {
      status_reason: 'default-master failed, default-worker failed',
      faults: { 'default-master': 'Resource CREATE failed: OverQuota', 'default-worker': 'Resource CREATE failed: OverQuota' },
    });
    const observation = await clusterTarget(client([failed]), 'u-1', 'k8s', 'create').observe();
    expect(observation.state).toBe('failed');
    expect(observation.failure).toBe(
      'Cluster k8s failed: CREATE_FAILED: default-master failed, default-worker failed\n' +
        '  default-master: Resource CREATE failed: OverQuota\n' +
        '  default-worker: Resource CREATE failed: OverQuota',
    );
  });

  it('create: a failure without a reason, and ROLLBACK_COMPLETE, are failures too', async () => {
    expect((await clusterTarget(client([cluster('CREATE_FAILED')]), 'u-1', 'k8s', 'create').observe()).failure).toBe(
      'Cluster k8s failed: CREATE_FAILED',
    );
    expect((await clusterTarget(client([cluster('ROLLBACK_COMPLETE')]), 'u-1', 'k8s', 'create').observe()).state).toBe('failed');
  });

  it('create: 404 and 400 mean "not there yet" until the conductor has written the cluster', async () => {
    // magnum 15 creates the row and then its nodegroups in the conductor, after the 202.
    const c = client([null, 400, cluster('CREATE_IN_PROGRESS'), cluster('CREATE_COMPLETE')]);
    const target = clusterTarget(c, 'u-1', 'k8s', 'create');
    expect(await target.observe()).toEqual({ state: 'pending', summary: 'accepted, not visible yet' });
    expect(await target.observe()).toEqual({ state: 'pending', summary: 'accepted, not visible yet' });
    expect(await states(target, 2)).toEqual(['pending', 'done']);
  });

  it('create: a cluster that disappears once seen is a failure', async () => {
    const target = clusterTarget(client([cluster('CREATE_IN_PROGRESS'), null]), 'u-1', 'k8s', 'create');
    await target.observe();
    expect(await target.observe()).toEqual({ state: 'failed', summary: 'deleted', failure: 'Cluster k8s no longer exists.' });
  });

  it('delete: a 400 (nodegroups gone, cluster row not yet) is still pending, then the 404 is done', async () => {
    const target = clusterTarget(client([cluster('DELETE_IN_PROGRESS'), 400, null]), 'u-1', 'k8s', 'delete');
    await target.observe();
    expect(await target.observe()).toEqual({ state: 'pending', summary: 'nodegroups deleted, the cluster not yet' });
    expect(await target.observe()).toEqual({ state: 'done', summary: 'deleted' });
  });

  it('a 400 is an error for anything but a create or a delete', async () => {
    await expect(clusterTarget(client([400]), 'u-1', 'k8s', 'update', cluster('CREATE_COMPLETE')).observe()).rejects.toThrow(
      'Invalid input for field/attribute master_count.',
    );
  });

  it('update: the settled status of before the request does not count, a changed one does', async () => {
    const before = cluster('CREATE_COMPLETE');
    // The conductor has not picked the request up for two polls, then reports the update.
    const c = client([before, before, cluster('UPDATE_IN_PROGRESS'), cluster('UPDATE_COMPLETE', { updated_at: 'later' })]);
    expect(await states(clusterTarget(c, 'u-1', 'k8s', 'update', before), 4)).toEqual(['pending', 'pending', 'pending', 'done']);
  });

  it('update: a terminal status is fresh once an *_IN_PROGRESS was seen, even with the same updated_at', async () => {
    const before = cluster('UPDATE_COMPLETE');
    const c = client([cluster('UPDATE_IN_PROGRESS'), before]);
    expect(await states(clusterTarget(c, 'u-1', 'k8s', 'update', before), 2)).toEqual(['pending', 'done']);
  });

  it('update: a health-only update that changes updated_at but not the status is done', async () => {
    const before = cluster('CREATE_COMPLETE');
    const c = client([cluster('CREATE_COMPLETE', { updated_at: 'later', health_status: 'HEALTHY' })]);
    expect(await states(clusterTarget(c, 'u-1', 'k8s', 'update', before), 1)).toEqual(['done']);
  });

  it('update: an old UPDATE_FAILED is not this update failing; a fresh one is', async () => {
    const before = cluster('UPDATE_FAILED', { status_reason: 'old' });
    const c = client([before, cluster('UPDATE_IN_PROGRESS'), cluster('UPDATE_FAILED', { status_reason: 'new', updated_at: 'later' })]);
    const target = clusterTarget(c, 'u-1', 'k8s', 'update', before);
    expect(await states(target, 2)).toEqual(['pending', 'pending']);
    expect((await target.observe()).failure).toBe('Cluster k8s failed: UPDATE_FAILED: new');
  });

  it('delete: done on 404; a stale status is pending; a fresh DELETE_FAILED fails', async () => {
    const gone = client([cluster('CREATE_COMPLETE'), cluster('DELETE_IN_PROGRESS'), null]);
    expect(await states(clusterTarget(gone, 'k8s', 'k8s', 'delete'), 3)).toEqual(['pending', 'pending', 'done']);
    const stale = client([cluster('DELETE_FAILED'), cluster('DELETE_IN_PROGRESS'), cluster('DELETE_FAILED', { status_reason: 'stuck' })]);
    const target = clusterTarget(stale, 'k8s', 'k8s', 'delete');
    expect(await states(target, 2)).toEqual(['pending', 'pending']);
    expect((await target.observe()).failure).toBe('Cluster k8s failed: DELETE_FAILED: stuck');
  });

  it('settle: whatever terminal status the cluster has now decides', async () => {
    expect(await states(clusterTarget(client([cluster('UPDATE_COMPLETE')]), 'k8s', 'k8s', 'settle'), 1)).toEqual(['done']);
    expect(await states(clusterTarget(client([cluster('CREATE_FAILED')]), 'k8s', 'k8s', 'settle'), 1)).toEqual(['failed']);
  });

  it('rethrows errors other than 404', async () => {
    const stub = { reply: async () => Promise.reject(new ApiError(403, 'Forbidden', '')) } as unknown as MagnumClient;
    await expect(clusterTarget(stub, 'k8s', 'k8s', 'create').observe()).rejects.toThrow('Forbidden');
  });
});

describe('nodegroupTarget', () => {
  it('polls the nodegroup under its cluster and words its lines for a nodegroup', async () => {
    const ng = (status: string, extra: Resource = {}): Resource => ({ uuid: 'n-1', name: 'ng', status, node_count: 2, updated_at: null, ...extra });
    const c = client([ng('CREATE_IN_PROGRESS'), ng('CREATE_FAILED', { status_reason: 'no capacity' })]);
    const target = nodegroupTarget(c, 'k8s', 'n-1', 'ng', 'create');
    expect(target.description).toBe('nodegroup ng');
    expect(await target.observe()).toEqual({ state: 'pending', summary: 'CREATE_IN_PROGRESS, 2 nodes' });
    expect((await target.observe()).failure).toBe('Nodegroup ng failed: CREATE_FAILED: no capacity');
    expect(c.paths).toEqual(['GET /clusters/k8s/nodegroups/n-1', 'GET /clusters/k8s/nodegroups/n-1']);
  });
});
