import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { magnumCalls, magnumRequests } from './recorded';

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
      'nodegroup-create',
      'k8s-2',
      'ng-2',
      '--node-count',
      '3',
      '--min-nodes',
      '1',
      '--max-nodes',
      '5',
      '--role',
      'gpu',
      '--labels',
      'a=1,b=2',
      '--docker-volume-size',
      '20',
      '--flavor',
      'm1.large',
      '--image',
      'fedora-coreos-35',
      '--merge-labels',
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

const m23 = useFakeCloud({ generation: 23 });

describe('nodegroup-create --node-labels/--node-taints (API 1.14)', () => {
  it('on Magnum 23 sends node_labels as a dict and node_taints as handle_taints builds them', async () => {
    m23.cloud.seedCluster({ name: 'k8s' });
    const since = m23.cloud.requests.length;
    const r = await m23.magnum([
      'nodegroup-create',
      'k8s',
      'gpu',
      '--node-labels',
      'role=gpu,zone=a',
      '--node-taints',
      'gpu=true:NoSchedule;spot:PreferNoSchedule',
    ]);
    expect(r.code).toBe(0);
    expect(magnumCalls(m23.cloud, since)).toEqual(['GET /v1', 'POST /v1/clusters/k8s/nodegroups/']);
    expect(magnumRequests(m23.cloud, since, 'POST')[0]?.body).toBe(
      '{"name":"gpu","node_count":1,"max_node_count":null,"min_node_count":0,"role":"worker","node_labels":{"role":"gpu","zone":"a"},' +
        '"node_taints":[{"key":"gpu","value":"true","effect":"NoSchedule"},{"key":"spot","value":"","effect":"PreferNoSchedule"}]}',
    );
    const shown = await m23.magnum(['nodegroup-show', 'k8s', 'gpu', '-c', 'node_labels', '-f', 'json']);
    expect(JSON.parse(shown.stdout)).toEqual({ node_labels: { role: 'gpu', zone: 'a' } });
  });

  it.each([
    ['gpu=true', 'taints must be a list of KEY[=VALUE]:EFFECT, not gpu=true'],
    ['=x:NoSchedule', 'taints must be KEY[=VALUE]:EFFECT where EFFECT is one of NoSchedule, PreferNoSchedule, NoExecute, not =x:NoSchedule'],
    ['k=v:Sometimes', 'taints must be KEY[=VALUE]:EFFECT where EFFECT is one of NoSchedule, PreferNoSchedule, NoExecute, not k=v:Sometimes'],
  ])('checks the taint %s before any request', async (taint, message) => {
    const since = m23.cloud.requests.length;
    const r = await m23.magnum(['nodegroup-create', 'k8s', 'bad', '--node-taints', taint]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `ERROR: ${message}\n` });
    expect(magnumCalls(m23.cloud, since)).toEqual([]);
  });

  it.each([
    ['--node-taints', 'a:NoSchedule'],
    ['--node-labels', 'a=b'],
  ])('on Magnum 15 %s fails before the POST, naming both versions', async (flag, value) => {
    f.cloud.seedCluster({ name: `k8s-15${flag}` });
    const since = f.cloud.requests.length;
    const r = await f.magnum(['nodegroup-create', `k8s-15${flag}`, 'ng', flag, value]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `ERROR: ${flag} needs Magnum API 1.14 or newer, but the server supports at most 1.10.\n` });
    expect(magnumCalls(f.cloud, since)).toEqual(['GET /v1']);
  });
});
