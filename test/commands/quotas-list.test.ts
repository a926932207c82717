import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { PROJECTS } from '../support/fake-cloud';
import { magnumCalls } from './recorded';

const admin = useFakeCloud({}, 'admin');
const demo = useFakeCloud();
const HEADER = '+------------+----------+------------+\n| project_id | resource | hard_limit |\n+------------+----------+------------+\n';

describe('quotas-list', () => {
  it('prints an empty table when there is no quota', async () => {
    const r = await admin.magnum(['quotas-list']);
    expect(r).toEqual({ stdout: `${HEADER}+------------+----------+------------+\n`, stderr: '', code: 0 });
  });

  it("lists the caller's project, or every project with --all-tenants, in server order", async () => {
    const row = (id: number, project: string, limit: number) => ({
      id,
      hard_limit: limit,
      project_id: project,
      resource: 'Cluster',
      created_at: '2026-01-01T00:00:00+00:00',
      updated_at: null,
    });
    admin.cloud.state.quotas.push(row(2, PROJECTS.demo.id, 10), row(1, PROJECTS.admin.id, 3));
    const own = await admin.magnum(['quotas-list']);
    const rule = '+----------------------------------+----------+------------+\n';
    const head = `${rule}| project_id                       | resource | hard_limit |\n${rule}`;
    expect(own.stdout).toBe(`${head}| ${PROJECTS.admin.id} | Cluster  | 3          |\n${rule}`);
    const all = await admin.magnum(['quotas-list', '--all-tenants']);
    expect(all.stdout).toBe(`${head}| ${PROJECTS.admin.id} | Cluster  | 3          |\n| ${PROJECTS.demo.id} | Cluster  | 10         |\n${rule}`);
    // Not re-sorted on our side: the server's descending order is kept.
    const desc = await admin.magnum(['quotas-list', '--all-tenants', '--sort-dir', 'desc']);
    expect(desc.stdout).toBe(`${head}| ${PROJECTS.demo.id} | Cluster  | 10         |\n| ${PROJECTS.admin.id} | Cluster  | 3          |\n${rule}`);
  });

  it('sends the filters in the reference order, without a slash before ?', async () => {
    const since = admin.cloud.requests.length;
    await admin.magnum(['quotas-list', '--all-tenants', '--sort-dir', 'asc', '--sort-key', 'id', '--marker', '1', '--limit', '5']);
    expect(magnumCalls(admin.cloud, since)[0]).toBe('GET /v1/quotas?limit=5&marker=1&sort_key=id&sort_dir=asc&all_tenants=True');
  });

  it('refuses a bad --sort-dir (exit 2)', async () => {
    const r = await admin.magnum(['quotas-list', '--sort-dir', 'up']);
    expect(r).toEqual({
      stdout: '',
      stderr:
        'usage: magnum quotas-list [--marker <marker>] [--limit <limit>]\n' +
        '                          [--sort-key <sort-key>] [--sort-dir <sort-dir>]\n' +
        '                          [--all-tenants]\n' +
        "error: argument --sort-dir: invalid choice: 'up'\n" +
        "Try 'magnum help quotas-list' for more information.\n",
      code: 2,
    });
  });

  it('reports the policy refusal for a non-admin', async () => {
    const r = await demo.magnum(['quotas-list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: Policy doesn't allow quota:get_all to be performed \(HTTP 403\)/);
  });
});
