import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { PROJECTS } from '../support/fake-cloud';
import { magnumCalls } from './recorded';

const f = useFakeCloud();
const table = (clusters: number, nodes: number): string =>
  '+----------+-------+\n| Property | Value |\n+----------+-------+\n' +
  `| clusters | ${String(clusters).padEnd(5)} |\n| nodes    | ${String(nodes).padEnd(5)} |\n+----------+-------+\n`;

describe('stats-list', () => {
  it("prints the project's cluster and node counts", async () => {
    f.cloud.seedCluster({ node_count: 2, master_count: 1 });
    f.cloud.seedCluster({ node_count: 3, master_count: 1 });
    const since = f.cloud.requests.length;
    const r = await f.magnum(['stats-list']);
    expect(r).toEqual({ stdout: table(2, 7), stderr: '', code: 0 });
    expect(magnumCalls(f.cloud, since)).toEqual(['GET /v1/stats']);
  });

  it('passes --project-id as a query parameter', async () => {
    const since = f.cloud.requests.length;
    const r = await f.magnum(['stats-list', '--project-id', PROJECTS.demo.id]);
    expect(r).toEqual({ stdout: table(2, 7), stderr: '', code: 0 });
    expect(magnumCalls(f.cloud, since)).toEqual([`GET /v1/stats?project_id=${PROJECTS.demo.id}`]);
  });

  it("reports the refusal for another project's stats", async () => {
    const r = await f.magnum(['stats-list', '--project-id', PROJECTS.admin.id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: Not authorized \(HTTP 403\)/);
  });
});
