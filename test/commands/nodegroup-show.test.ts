import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();

describe('nodegroup-show', () => {
  it('prints the nodegroup as a Property/Value table without links, - for None', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s' });
    const ng = f.cloud.seedNodegroup(c, { name: 'extra', node_count: 2, labels: { a: 'b' }, docker_volume_size: null });
    const r = await f.magnum(['nodegroup-show', 'k8s', 'extra']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('| '))
      .map((l) =>
        l
          .split('|')
          .map((s) => s.trim())
          .slice(1, 3),
      );
    expect(rows[0]).toEqual(['Property', 'Value']);
    const table = Object.fromEntries(rows.slice(1));
    expect(table).toMatchObject({
      uuid: ng.uuid,
      name: 'extra',
      cluster_id: c.uuid,
      docker_volume_size: '-',
      labels: "{'a': 'b'}",
      node_addresses: "['10.0.2.10', '10.0.2.11']",
      node_count: '2',
      is_default: 'False',
      status: 'CREATE_COMPLETE',
    });
    expect('links' in table).toBe(false);
    const get = f.cloud.requests.filter((q) => q.server === 'magnum').at(-1);
    expect(get?.path).toBe('/v1/clusters/k8s/nodegroups/extra');
  });

  it('reports an unknown nodegroup', async () => {
    f.cloud.seedCluster({ name: 'k8s-2' });
    const r = await f.magnum(['nodegroup-show', 'k8s-2', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: Nodegroup nope could not be found \(HTTP 404\)/);
  });
});
