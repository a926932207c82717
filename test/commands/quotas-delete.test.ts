import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { PROJECTS } from '../support/fake-cloud';
import { magnumCalls } from './recorded';

const f = useFakeCloud({}, 'admin');
const P = PROJECTS.demo.id;

describe('quotas-delete', () => {
  it('DELETEs /quotas/<project>/<resource> and prints the accepted line', async () => {
    f.cloud.state.quotas.push({
      id: 7,
      hard_limit: 3,
      project_id: P,
      resource: 'Cluster',
      created_at: '2026-01-01T00:00:00+00:00',
      updated_at: null,
    });
    const since = f.cloud.requests.length;
    const r = await f.magnum(['quotas-delete', '--project-id', P, '--resource', 'Cluster']);
    expect(r).toEqual({ stdout: `Request to delete quota for project id ${P} and resource Cluster has been accepted.\n`, stderr: '', code: 0 });
    expect(magnumCalls(f.cloud, since)).toEqual([`DELETE /v1/quotas/${P}/Cluster`]);
    expect(f.cloud.state.quotas).toEqual([]);
  });

  it('prints the reference failure line (space before the colon) for a missing quota, exit 1', async () => {
    const r = await f.magnum(['quotas-delete', '--project-id', P, '--resource', 'Cluster']);
    expect(r).toEqual({
      stdout: `Quota delete failed for project id ${P} and resource Cluster :Quota could not be found: project_id ${P} resource Cluster.\n`,
      stderr: '',
      code: 1,
    });
  });

  it('needs --resource (exit 2)', async () => {
    const r = await f.magnum(['quotas-delete', '--project-id', P]);
    expect(r).toEqual({
      stdout: '',
      stderr:
        'usage: magnum quotas-delete --project-id <project-id> --resource <resource>\n' +
        'error: the following arguments are required: --resource\n' +
        "Try 'magnum help quotas-delete' for more information.\n",
      code: 2,
    });
  });
});
