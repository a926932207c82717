import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { lastBody, magnumCalls } from './recorded';

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

const m23 = useFakeCloud({ generation: 23 });

describe("nodegroup-update with openstack coe's named flags", () => {
  it('--min-nodes/--max-nodes without the positional form', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s-named' });
    f.cloud.seedNodegroup(c, { name: 'extra', node_count: 2 });
    const since = f.cloud.requests.length;
    const r = await f.magnum(['nodegroup-update', 'k8s-named', 'extra', '--min-nodes', '1', '--max-nodes', '5']);
    expect(r).toEqual({ code: 0, stderr: '', stdout: 'Request to update nodegroup extra has been accepted.\n' });
    expect(magnumCalls(f.cloud, since)).toEqual(['PATCH /v1/clusters/k8s-named/nodegroups/extra']);
    expect(lastBody(f.cloud, 'PATCH')).toBe(
      '[{"op":"replace","path":"/min_node_count","value":1},{"op":"replace","path":"/max_node_count","value":5}]',
    );
  });

  it('on Magnum 23 sends node labels and taints as their Python repr, and an empty value clears them', async () => {
    const c = m23.cloud.seedCluster({ name: 'k8s' });
    const ng = m23.cloud.seedNodegroup(c, { name: 'extra', node_count: 1 });
    const r = await m23.magnum(['nodegroup-update', 'k8s', 'extra', '--node-labels', 'a=1', '--node-taints', 'k=v:NoExecute']);
    expect(r.code).toBe(0);
    expect(lastBody(m23.cloud, 'PATCH')).toBe(
      '[{"op":"replace","path":"/node_labels","value":"{\'a\': \'1\'}"},' +
        '{"op":"replace","path":"/node_taints","value":"[{\'key\': \'k\', \'value\': \'v\', \'effect\': \'NoExecute\'}]"}]',
    );
    expect([ng.node_labels, ng.node_taints]).toEqual([{ a: '1' }, [{ key: 'k', value: 'v', effect: 'NoExecute' }]]);
    await m23.magnum(['nodegroup-update', 'k8s', 'extra', '--node-taints', '']);
    expect(lastBody(m23.cloud, 'PATCH')).toBe('[{"op":"replace","path":"/node_taints","value":"[]"}]');
    expect(ng.node_taints).toEqual([]);
  });

  it('on Magnum 15 --node-taints fails before the PATCH, naming both versions', async () => {
    const since = f.cloud.requests.length;
    const r = await f.magnum(['nodegroup-update', 'k8s-named', 'extra', '--node-taints', 'k:NoSchedule']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ERROR: --node-taints needs Magnum API 1.14 or newer, but the server supports at most 1.10.\n',
    });
    expect(magnumCalls(f.cloud, since)).toEqual(['GET /v1']);
  });
});
