import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();

describe('cluster-show', () => {
  it('shows lists with str()-ed elements and --long template rows', async () => {
    const t = f.cloud.seedTemplate({ name: 'k8s-tmpl' });
    f.cloud.seedCluster({ name: 'k8s-1', cluster_template_id: t.uuid, node_count: 2 });
    const r = await f.magnum(['cluster-show', 'k8s-1', '--long']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\| node_addresses +\| \['[0-9.]+', '[0-9.]+'\] +\|\n/);
    const keys = r.stdout.split('\n').filter((l) => l.startsWith('| ')).map((l) => l.split('|')[1].trim());
    expect(keys[1]).toBe('uuid');
    expect(keys).toContain('clustertemplate_coe');
    expect(keys).not.toContain('clustertemplate_uuid');
    expect(keys).not.toContain('links');
    expect(keys.indexOf('updated_at')).toBeLessThan(keys.indexOf('clustertemplate_name'));
  });

  it('reports an unknown cluster', async () => {
    const r = await f.magnum(['cluster-show', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: Cluster nope could not be found \(HTTP 404\)/);
  });
});
