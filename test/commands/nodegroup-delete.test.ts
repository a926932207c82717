import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();

describe('nodegroup-delete', () => {
  it('deletes each nodegroup, one line each; a failure does not stop the others and exits 1', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s' });
    f.cloud.seedNodegroup(c, { name: 'a' });
    f.cloud.seedNodegroup(c, { name: 'b' });
    const r = await f.magnum(['nodegroup-delete', 'k8s', 'a', 'nope', 'b']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /^Request to delete nodegroup a has been accepted\.\nDelete for nodegroup nope failed: Nodegroup nope could not be found \(HTTP 404\).*\nRequest to delete nodegroup b has been accepted\.\n$/,
    );
    const deletes = f.cloud.requests.filter((q) => q.method === 'DELETE').map((q) => q.path);
    expect(deletes).toEqual(['/v1/clusters/k8s/nodegroups/a', '/v1/clusters/k8s/nodegroups/nope', '/v1/clusters/k8s/nodegroups/b']);
  });

  it('exits 0 when every delete is accepted', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s-2' });
    f.cloud.seedNodegroup(c, { name: 'c' });
    expect(await f.magnum(['nodegroup-delete', 'k8s-2', 'c'])).toEqual({
      code: 0,
      stderr: '',
      stdout: 'Request to delete nodegroup c has been accepted.\n',
    });
  });
});
