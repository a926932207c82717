import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { magnumCalls } from './recorded';

const f = useFakeCloud();
const REQUEST_ID = /\(Request-ID: req-[0-9a-f-]{36}\)/g;

describe('cluster-template-delete', () => {
  it('deletes several templates, one accepted line each', async () => {
    const a = f.cloud.seedTemplate({ name: 'a' });
    f.cloud.seedTemplate({ name: 'b' });
    const since = f.cloud.requests.length;
    const r = await f.magnum(['cluster-template-delete', a.uuid, 'b']);
    expect(r).toEqual({
      stdout: `Request to delete cluster template ${a.uuid} has been accepted.\nRequest to delete cluster template b has been accepted.\n`,
      stderr: '',
      code: 0,
    });
    expect(magnumCalls(f.cloud, since)).toEqual([`DELETE /v1/clustertemplates/${a.uuid}`, 'DELETE /v1/clustertemplates/b']);
    expect(f.cloud.state.templates.map((t) => t.name)).toEqual([]);
  });

  it('reports a template still in use and an unknown one, goes on, and exits 1', async () => {
    const used = f.cloud.seedTemplate({ name: 'used' });
    f.cloud.seedCluster({ cluster_template_id: used.uuid });
    f.cloud.seedTemplate({ name: 'free' });
    const r = await f.magnum(['cluster-template-delete', 'used', 'nope', 'free']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.replace(REQUEST_ID, '(Request-ID: <id>)')).toBe(
      `Delete for cluster template used failed: ClusterTemplate ${used.uuid} is referenced by one or multiple clusters (HTTP 400) (Request-ID: <id>)\n` +
        'Delete for cluster template nope failed: ClusterTemplate nope could not be found (HTTP 404) (Request-ID: <id>)\n' +
        'Request to delete cluster template free has been accepted.\n',
    );
    expect(f.cloud.state.templates.map((t) => t.name)).toEqual(['used']);
  });

  it('needs at least one template (usage error, exit 2)', async () => {
    const r = await f.magnum(['cluster-template-delete']);
    expect(r).toEqual({
      stdout: '',
      stderr:
        'usage: magnum cluster-template-delete <cluster_templates>\n' +
        '                                      [<cluster_templates> ...]\n' +
        'error: the following arguments are required: <cluster_templates>\n' +
        "Try 'magnum help cluster-template-delete' for more information.\n",
      code: 2,
    });
  });
});
