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
      JSON.stringify({
        name: 'mykubcluster',
        cluster_template_id: t.uuid,
        keypair: null,
        node_count: 100,
        master_count: 1,
        discovery_url: null,
        create_timeout: 60,
      }),
    );
  });

  it('parses labels as the reference does and warns about --keypair-id on stderr', async () => {
    const r = await f.magnum([
      'cluster-create',
      'c2',
      '--cluster-template',
      'kubernetes',
      '--keypair-id',
      'mykey',
      '--labels',
      'kube_tag=v1.21.1,foo=bar',
      '--labels',
      'x=y',
      '--docker-volume-size',
      '5',
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

describe("cluster-create with openstack coe's options", () => {
  it('appends their keys after the reference body, in CREATION_ATTRIBUTES order', async () => {
    const t = f.cloud.seedTemplate({ name: 'k8s-coe' });
    const r = await f.magnum([
      'cluster-create',
      'coe-1',
      '--cluster-template',
      'k8s-coe',
      '--labels',
      'a=1',
      '--flavor',
      'm1.small',
      '--master-flavor',
      'm1.large',
      '--fixed-network',
      'net',
      '--fixed-subnet',
      'sub',
      '--floating-ip-disabled',
      '--merge-labels',
      '--master-lb-enabled',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.stringify(lastPost())).toBe(
      JSON.stringify({
        name: 'coe-1',
        cluster_template_id: t.uuid,
        keypair: null,
        labels: { a: '1' },
        node_count: 1,
        master_count: 1,
        discovery_url: null,
        create_timeout: 60,
        master_flavor_id: 'm1.large',
        flavor_id: 'm1.small',
        fixed_network: 'net',
        fixed_subnet: 'sub',
        floating_ip_enabled: false,
        merge_labels: true,
        master_lb_enabled: true,
      }),
    );
  });

  it('sends --master-lb-disabled and --floating-ip-enabled as false/true, and no merge_labels without the flag', async () => {
    await f.magnum(['cluster-create', 'coe-2', '--cluster-template', 'kubernetes', '--master-lb-disabled', '--floating-ip-enabled']);
    const body = lastPost() as Record<string, unknown>;
    expect([body.master_lb_enabled, body.floating_ip_enabled, 'merge_labels' in body]).toEqual([false, true, false]);
  });

  it.each([
    [
      ['--floating-ip-enabled', '--floating-ip-disabled'],
      '--floating-ip-enabled and --floating-ip-disabled are mutually exclusive and should be specified only once.',
    ],
    [
      ['--master-lb-enabled', '--master-lb-disabled'],
      '--master-lb-enabled and --master-lb-disabled are mutually exclusive and should be specified only once.',
    ],
    [['--master-lb-disabled', '--master-count', '3'], 'Master node count can only be one if master loadbalancer is disabled.'],
  ])('checks %j before any request', async (extra, message) => {
    const since = f.cloud.requests.length;
    const r = await f.magnum(['cluster-create', 'coe-x', '--cluster-template', 'kubernetes', ...extra]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `ERROR: ${message}\n` });
    expect(f.cloud.requests.slice(since).filter((q) => q.server === 'magnum')).toEqual([]);
  });

  it('matches the added options only when spelled out (the reference has no --flavor to abbreviate)', async () => {
    const r = await f.magnum(['cluster-create', 'coe-y', '--cluster-template', 'kubernetes', '--flav', 'm1.small']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: unrecognized arguments: --flav m1.small\n');
  });
});
