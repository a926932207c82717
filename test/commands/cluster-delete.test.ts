import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { magnumCalls } from './recorded';

const f = useFakeCloud();
const REQUEST_ID = /\(Request-ID: req-[0-9a-f-]{36}\)/g;

describe('cluster-delete', () => {
  it('deletes several clusters, one accepted line each', async () => {
    const a = f.cloud.seedCluster({ name: 'a' });
    f.cloud.seedCluster({ name: 'b' });
    const since = f.cloud.requests.length;
    const r = await f.magnum(['cluster-delete', 'b', a.uuid]);
    expect(r).toEqual({
      stdout: `Request to delete cluster b has been accepted.\nRequest to delete cluster ${a.uuid} has been accepted.\n`,
      stderr: '',
      code: 0,
    });
    expect(magnumCalls(f.cloud, since)).toEqual(['DELETE /v1/clusters/b', `DELETE /v1/clusters/${a.uuid}`]);
  });

  it('goes on after a failure, prints the reference line and exits 1', async () => {
    f.cloud.seedCluster({ name: 'c' });
    const r = await f.magnum(['cluster-delete', 'nope', 'c']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.replace(REQUEST_ID, '(Request-ID: <id>)')).toBe(
      'Delete for cluster nope failed: Cluster nope could not be found (HTTP 404) (Request-ID: <id>)\n' +
        'Request to delete cluster c has been accepted.\n',
    );
  });

  it('needs at least one cluster (usage error, exit 2)', async () => {
    const r = await f.magnum(['cluster-delete']);
    expect(r).toEqual({
      stdout: '',
      stderr:
        'usage: magnum cluster-delete <cluster> [<cluster> ...]\n' +
        'error: the following arguments are required: <cluster>\n' +
        "Try 'magnum help cluster-delete' for more information.\n",
      code: 2,
    });
  });
});
