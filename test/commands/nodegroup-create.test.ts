import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();

const lastBody = (): string | undefined => f.cloud.requests.filter((q) => q.method === 'POST' && q.server === 'magnum').at(-1)?.body;

describe('nodegroup-create', () => {
  it('sends the body of openstack coe nodegroup create and prints the accepted line', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s' });
    const r = await f.magnum(['nodegroup-create', 'k8s', 'ng-1']);
    const ng = c.nodegroups.find((x) => x.name === 'ng-1');
    expect(r).toEqual({ code: 0, stderr: '', stdout: `Request to create nodegroup ${ng?.uuid} has been accepted.\n` });
    // Key order of CreateNodeGroup's dict; max_node_count null when not given.
    expect(lastBody()).toBe('{"name":"ng-1","node_count":1,"max_node_count":null,"min_node_count":0,"role":"worker"}');
    expect(f.cloud.requests.filter((q) => q.method === 'POST').at(-1)?.path).toBe('/v1/clusters/k8s/nodegroups/');
  });

  it('adds labels, volume size, flavor, image and merge_labels after them', async () => {
    f.cloud.seedCluster({ name: 'k8s-2' });
    const r = await f.magnum([
      'nodegroup-create', 'k8s-2', 'ng-2', '--node-count', '3', '--min-nodes', '1', '--max-nodes', '5', '--role', 'gpu',
      '--labels', 'a=1,b=2', '--docker-volume-size', '20', '--flavor', 'm1.large', '--image', 'fedora-coreos-35', '--merge-labels',
    ]);
    expect(r.code).toBe(0);
    expect(lastBody()).toBe(
      '{"name":"ng-2","node_count":3,"max_node_count":5,"min_node_count":1,"role":"gpu","labels":{"a":"1","b":"2"},' +
        '"docker_volume_size":20,"flavor_id":"m1.large","image_id":"fedora-coreos-35","merge_labels":true}',
    );
  });

  it("reports the server's refusal and exits 1", async () => {
    f.cloud.seedCluster({ name: 'k8s-3' });
    const r = await f.magnum(['nodegroup-create', 'k8s-3', 'default-worker']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR: A node group with name default-worker already exists in the cluster k8s-3 \(HTTP 409\)/);
  });

  it('rejects a non-integer count as a usage error', async () => {
    const r = await f.magnum(['nodegroup-create', 'k8s', 'ng-x', '--node-count', 'two']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: argument --node-count: invalid int value: 'two'\n");
  });
});
