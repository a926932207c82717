import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();

const magnumRequests = () => f.cloud.requests.filter((q) => q.server === 'magnum');

describe('cluster-upgrade', () => {
  it('POSTs the upgrade action with the template as given and max_batch_size 1', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s' });
    const t = f.cloud.seedTemplate({ name: 'k8s-v2', labels: { kube_tag: 'v1.25.0' } });
    const before = magnumRequests().length;
    const r = await f.magnum(['cluster-upgrade', 'k8s', 'k8s-v2']);
    expect(r).toEqual({ code: 0, stderr: '', stdout: 'Request to upgrade cluster k8s has been accepted.\n' });
    const calls = magnumRequests().slice(before);
    expect(calls.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /v1/clusters/k8s', `POST /v1/clusters/${c.uuid}/actions/upgrade`]);
    expect(calls[1].body).toBe('{"cluster_template":"k8s-v2","max_batch_size":1}');
    expect(c.cluster_template_id).toBe(t.uuid);
  });

  it('sends --max-batch-size and --nodegroup; a batch size of 0 is left out as in the reference', async () => {
    f.cloud.seedCluster({ name: 'k8s-2' });
    expect((await f.magnum(['cluster-upgrade', 'k8s-2', 'k8s-v2', '--max-batch-size', '3', '--nodegroup', 'default-worker'])).code).toBe(0);
    expect(magnumRequests().at(-1)?.body).toBe('{"cluster_template":"k8s-v2","max_batch_size":3,"nodegroup":"default-worker"}');
    f.cloud.seedCluster({ name: 'k8s-3' });
    expect((await f.magnum(['cluster-upgrade', 'k8s-3', 'k8s-v2', '--max-batch-size', '0'])).code).toBe(0);
    expect(magnumRequests().at(-1)?.body).toBe('{"cluster_template":"k8s-v2"}');
  });

  it("reports the server's refusal and exits 1", async () => {
    f.cloud.seedCluster({ name: 'k8s-4', status: 'CREATE_IN_PROGRESS' });
    const r = await f.magnum(['cluster-upgrade', 'k8s-4', 'k8s-v2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: Upgrading a cluster when status is "CREATE_IN_PROGRESS" is not supported \(HTTP 400\)/);
  });
});
