import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();

function lastPost(): unknown {
  const req = [...f.cloud.requests].reverse().find((q) => q.method === 'POST' && q.path === '/v1/clusters');
  return req ? JSON.parse(req.body) : undefined;
}

describe('cluster-create', () => {
  it('resolves the template, sends the reference body and prints the accepted line', async () => {
    const t = f.cloud.seedTemplate({ name: 'kubernetes' });
    const r = await f.magnum(['cluster-create', '--name', 'mykubcluster', '--cluster-template', 'kubernetes', '--node-count', '100']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Request to create cluster [0-9a-f-]{36} has been accepted\.\n$/);
    expect(r.stderr).toBe(
      'WARNING: The --name parameter is deprecated and will be removed in a future release. Use the <name> positional parameter to avoid seeing this message.\n',
    );
    expect(JSON.stringify(lastPost())).toBe(
      JSON.stringify({ name: 'mykubcluster', cluster_template_id: t.uuid, keypair: null, node_count: 100, master_count: 1, discovery_url: null, create_timeout: 60 }),
    );
  });

  it('parses labels as the reference does and warns about --keypair-id on stderr', async () => {
    const r = await f.magnum([
      'cluster-create', 'c2', '--cluster-template', 'kubernetes', '--keypair-id', 'mykey',
      '--labels', 'kube_tag=v1.21.1,foo=bar', '--labels', 'x=y', '--docker-volume-size', '5',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'WARNING: The --keypair-id parameter is deprecated and will be removed in a future release. Use the --keypair parameter to avoid seeing this message.\n',
    );
    expect(lastPost()).toMatchObject({ name: 'c2', keypair: 'mykey', docker_volume_size: 5, labels: { kube_tag: 'v1.21.1,foo=bar', x: 'y' } });
  });

  it('refuses a name given twice, printing the command help first', async () => {
    const r = await f.magnum(['cluster-create', 'a', '--name', 'b', '--cluster-template', 'kubernetes']);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('usage: magnum cluster-create ')).toBe(true);
    expect(r.stderr.endsWith('ERROR: Duplicate "<name>" arguments: a, b\n')).toBe(true);
  });

  it('fails on an unknown template before creating anything', async () => {
    const r = await f.magnum(['cluster-create', 'c3', '--cluster-template', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: ClusterTemplate nope could not be found \(HTTP 404\)/);
  });

  it('prints the reference failure line for a refused create, and exits 1', async () => {
    const r = await f.magnum(['cluster-create', 'c4', '--cluster-template', 'kubernetes', '--master-count', '2']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Create for cluster c4 failed: .+ \(HTTP 400\)/);
  });

  it('rejects labels without =', async () => {
    const r = await f.magnum(['cluster-create', 'c5', '--cluster-template', 'kubernetes', '--labels', 'a=1,b=2,']);
    expect(r).toEqual({ stdout: '', stderr: 'ERROR: labels must be a list of KEY=VALUE not \n', code: 1 });
  });
});
