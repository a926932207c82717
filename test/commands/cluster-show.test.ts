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
    const keys = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('| '))
      .map((l) => l.split('|')[1].trim());
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

const m23 = useFakeCloud({ generation: 23 });

describe('stack_id and cluster_id (API 1.13 renamed one to the other)', () => {
  it('Magnum 23 answers cluster_id, shown where the reference shows it; -c stack_id reads it too', async () => {
    const c = m23.cloud.seedCluster({ name: 'k8s' });
    const full = await m23.magnum(['cluster-show', 'k8s']);
    expect(full.stdout).toMatch(new RegExp(`\\| cluster_id +\\| ${c.stack_id} +\\|`));
    expect(full.stdout).not.toMatch(/stack_id/);
    const r = await m23.magnum(['cluster-show', 'k8s', '-c', 'stack_id', '-c', 'cluster_id', '-f', 'json']);
    expect(JSON.parse(r.stdout)).toEqual({ stack_id: c.stack_id, cluster_id: c.stack_id });
  });

  it('Magnum 15 answers stack_id; -c cluster_id reads it, and the full table is unchanged', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s-15' });
    const full = await f.magnum(['cluster-show', 'k8s-15']);
    expect(full.stdout).not.toMatch(/cluster_id /);
    const r = await f.magnum(['cluster-show', 'k8s-15', '-c', 'cluster_id', '-f', 'value']);
    expect(r).toEqual({ code: 0, stderr: '', stdout: `${c.stack_id}\n` });
  });
});
