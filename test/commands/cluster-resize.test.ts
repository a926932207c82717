import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();

const magnumRequests = () => f.cloud.requests.filter((q) => q.server === 'magnum');

describe('cluster-resize', () => {
  it('looks the cluster up, POSTs the resize action by UUID and prints the accepted line', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s' });
    const before = magnumRequests().length;
    const r = await f.magnum(['cluster-resize', 'k8s', '3']);
    expect(r).toEqual({ code: 0, stderr: '', stdout: 'Request to resize cluster k8s has been accepted.\n' });
    const calls = magnumRequests().slice(before);
    expect(calls.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /v1/clusters/k8s', `POST /v1/clusters/${c.uuid}/actions/resize`]);
    expect(calls[1].body).toBe('{"node_count":3}');
    expect(c.nodegroups.find((ng) => ng.name === 'default-worker')?.node_count).toBe(3);
  });

  it('sends --nodes-to-remove (repeatable) and --nodegroup', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s-2', node_count: 3 });
    f.cloud.seedNodegroup(c, { name: 'extra', node_count: 2 });
    const r = await f.magnum(['cluster-resize', 'k8s-2', '1', '--nodes-to-remove', 's-1', '--nodes-to-remove', 's-2', '--nodegroup', 'extra']);
    expect(r.code).toBe(0);
    expect(magnumRequests().at(-1)?.body).toBe('{"node_count":1,"nodes_to_remove":["s-1","s-2"],"nodegroup":"extra"}');
  });

  it("reports the server's refusal and exits 1", async () => {
    f.cloud.seedCluster({ name: 'k8s-3' });
    const r = await f.magnum(['cluster-resize', 'k8s-3', '2', '--nodegroup', 'default-master']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR: Resizing a master nodegroup is not supported \(HTTP 400\)/);
  });

  it('wants an integer node count', async () => {
    const r = await f.magnum(['cluster-resize', 'k8s', 'three']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: argument <node-count>: invalid int value: 'three'\n");
  });
});
