import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { PROJECTS } from '../support/fake-cloud';
import { lastBody, magnumCalls } from './recorded';

const admin = useFakeCloud({}, 'admin');
const demo = useFakeCloud();
const P = PROJECTS.demo.id;

describe('quotas-create', () => {
  it('POSTs the plain quota and prints it', async () => {
    const since = admin.cloud.requests.length;
    const r = await admin.magnum(['quotas-create', '--project-id', P, '--resource', 'Cluster', '--hard-limit', '10']);
    expect(magnumCalls(admin.cloud, since)).toEqual(['POST /v1/quotas']);
    expect(lastBody(admin.cloud, 'POST')).toBe(`{"project_id":"${P}","resource":"Cluster","hard_limit":10}`);
    const q = admin.cloud.state.quotas[0];
    const rows: [string, string][] = [
      ['id', String(q?.id)],
      ['hard_limit', '10'],
      ['project_id', P],
      ['resource', 'Cluster'],
      ['created_at', String(q?.created_at)],
      ['updated_at', '-'],
    ];
    const w = Math.max(...rows.map(([, v]) => v.length));
    const rule = `+------------+${'-'.repeat(w + 2)}+\n`;
    expect(r).toEqual({
      stdout: `${rule}| Property   | ${'Value'.padEnd(w)} |\n${rule}${rows.map(([k, v]) => `| ${k.padEnd(10)} | ${v.padEnd(w)} |\n`).join('')}${rule}`,
      stderr: '',
      code: 0,
    });
  });

  it('defaults --hard-limit to 1', async () => {
    await admin.magnum(['quotas-create', '--project-id', PROJECTS.admin.id, '--resource', 'Cluster']);
    expect(lastBody(admin.cloud, 'POST')).toBe(`{"project_id":"${PROJECTS.admin.id}","resource":"Cluster","hard_limit":1}`);
  });

  it('prints the reference line with the full server message for a quota that exists, exit 1', async () => {
    const r = await admin.magnum(['quotas-create', '--project-id', P, '--resource', 'Cluster', '--hard-limit', '3']);
    expect(r).toEqual({
      stdout: `Create quota for project_id ${P} resource Cluster failed: Quota for project ${P} already exists for resource Cluster.\n`,
      stderr: '',
      code: 1,
    });
  });

  it('reports an unknown project the same way', async () => {
    const r = await admin.magnum(['quotas-create', '--project-id', 'nosuch', '--resource', 'Cluster']);
    expect(r).toEqual({
      stdout: 'Create quota for project_id nosuch resource Cluster failed: The project_id nosuch could not be found.\n',
      stderr: '',
      code: 1,
    });
  });

  it('reports a non-admin caller the same way', async () => {
    const r = await demo.magnum(['quotas-create', '--project-id', P, '--resource', 'Cluster']);
    expect(r).toEqual({
      stdout: `Create quota for project_id ${P} resource Cluster failed: Policy doesn't allow quota:create to be performed.\n`,
      stderr: '',
      code: 1,
    });
  });

  it('refuses a non-integer --hard-limit (exit 2)', async () => {
    const r = await admin.magnum(['quotas-create', '--project-id', P, '--resource', 'Cluster', '--hard-limit', 'ten']);
    expect(r).toEqual({
      stdout: '',
      stderr:
        'usage: magnum quotas-create --project-id <project-id> --resource <resource>\n' +
        '                            [--hard-limit <hard-limit>]\n' +
        "error: argument --hard-limit: invalid int value: 'ten'\n" +
        "Try 'magnum help quotas-create' for more information.\n",
      code: 2,
    });
  });

  it('needs --project-id and --resource (exit 2)', async () => {
    const r = await admin.magnum(['quotas-create']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: the following arguments are required: --project-id, --resource\n');
  });
});
