import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { PROJECTS } from '../support/fake-cloud';
import { magnumCalls } from './recorded';

const f = useFakeCloud({}, 'admin');
const P = PROJECTS.demo.id;

describe('quotas-show', () => {
  it('shows the synthesized default when no quota is set', async () => {
    const since = f.cloud.requests.length;
    const r = await f.magnum(['quotas-show', '--project-id', P, '--resource', 'Cluster']);
    expect(magnumCalls(f.cloud, since)).toEqual([`GET /v1/quotas/${P}/Cluster`]);
    expect(r).toEqual({
      stdout:
        '+------------+----------------------------------+\n' +
        '| Property   | Value                            |\n' +
        '+------------+----------------------------------+\n' +
        '| hard_limit | 20                               |\n' +
        `| project_id | ${P} |\n` +
        '| resource   | Cluster                          |\n' +
        '+------------+----------------------------------+\n',
      stderr: '',
      code: 0,
    });
  });

  it('shows a set quota with every field', async () => {
    f.cloud.state.quotas.push({
      id: 4,
      hard_limit: 3,
      project_id: P,
      resource: 'Cluster',
      created_at: '2026-11-24T16:07:43+00:00',
      updated_at: null,
    });
    const r = await f.magnum(['quotas-show', '--project-id', P, '--resource', 'Cluster']);
    expect(r.stdout).toBe(
      '+------------+----------------------------------+\n' +
        '| Property   | Value                            |\n' +
        '+------------+----------------------------------+\n' +
        '| id         | 4                                |\n' +
        '| hard_limit | 3                                |\n' +
        `| project_id | ${P} |\n` +
        '| resource   | Cluster                          |\n' +
        '| created_at | 2026-11-24T16:07:43+00:00        |\n' +
        '| updated_at | -                                |\n' +
        '+------------+----------------------------------+\n',
    );
  });
});
