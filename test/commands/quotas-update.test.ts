import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { PROJECTS } from '../support/fake-cloud';
import { lastBody, magnumCalls } from './recorded';

const f = useFakeCloud({}, 'admin');
const P = PROJECTS.demo.id;

describe('quotas-update', () => {
  it('PATCHes a plain object (not JSON-Patch) and prints the updated quota', async () => {
    f.cloud.state.quotas.push({
      id: 4,
      hard_limit: 3,
      project_id: P,
      resource: 'Cluster',
      created_at: '2026-11-24T16:07:43+00:00',
      updated_at: null,
    });
    const since = f.cloud.requests.length;
    const r = await f.magnum(['quotas-update', '--project-id', P, '--resource', 'Cluster', '--hard-limit', '9']);
    expect(magnumCalls(f.cloud, since)).toEqual([`PATCH /v1/quotas/${P}/Cluster`]);
    expect(lastBody(f.cloud, 'PATCH')).toBe(`{"project_id":"${P}","resource":"Cluster","hard_limit":9}`);
    const updatedAt = String(f.cloud.state.quotas[0]?.updated_at);
    expect(r).toEqual({
      stdout:
        '+------------+----------------------------------+\n' +
        '| Property   | Value                            |\n' +
        '+------------+----------------------------------+\n' +
        '| id         | 4                                |\n' +
        '| hard_limit | 9                                |\n' +
        `| project_id | ${P} |\n` +
        '| resource   | Cluster                          |\n' +
        '| created_at | 2026-11-24T16:07:43+00:00        |\n' +
        `| updated_at | ${updatedAt} |\n` +
        '+------------+----------------------------------+\n',
      stderr: '',
      code: 0,
    });
  });

  it('fails on a missing quota (not caught, as in the reference)', async () => {
    const r = await f.magnum(['quotas-update', '--project-id', 'nosuch', '--resource', 'Cluster', '--hard-limit', '9']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^ERROR: Quota could not be found: project_id nosuch resource Cluster \(HTTP 404\) \(Request-ID: req-[0-9a-f-]{36}\)\n$/,
    );
  });
});
