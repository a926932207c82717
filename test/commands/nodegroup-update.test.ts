import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();

describe('nodegroup-update', () => {
  it('sends the JSON patch of cluster-update and prints the accepted line', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s' });
    const ng = f.cloud.seedNodegroup(c, { name: 'extra', node_count: 2 });
    const r = await f.magnum(['nodegroup-update', 'k8s', 'extra', 'replace', 'min_node_count=1', 'max_node_count=4']);
    expect(r).toEqual({ code: 0, stderr: '', stdout: 'Request to update nodegroup extra has been accepted.\n' });
    const patch = f.cloud.requests.filter((q) => q.method === 'PATCH').at(-1);
    expect(patch?.path).toBe('/v1/clusters/k8s/nodegroups/extra');
    expect(patch?.body).toBe('[{"op":"replace","path":"/min_node_count","value":1},{"op":"replace","path":"/max_node_count","value":4}]');
    expect([ng.min_node_count, ng.max_node_count]).toEqual([1, 4]);
  });

  it('reports a refused patch and exits 1', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s-2' });
    f.cloud.seedNodegroup(c, { name: 'extra', node_count: 2 });
    const r = await f.magnum(['nodegroup-update', 'k8s-2', 'extra', 'replace', 'min_node_count=3']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR: min_node_count for extra is invalid/);
  });

  it('rejects an unknown operation as a usage error', async () => {
    const r = await f.magnum(['nodegroup-update', 'k8s', 'extra', 'frob', 'a=1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: argument <op>: invalid choice: 'frob'\n");
  });
});
