import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { lastBody, magnumCalls } from './recorded';

const f = useFakeCloud();
const REQUIRED = ['--coe', 'kubernetes', '--image', 'fedora-coreos-35', '--external-network', 'public'];
const deprecated = (old: string, replacement: string): string =>
  `WARNING: The ${old} parameter is deprecated and will be removed in a future release. Use the ${replacement} parameter to avoid seeing this message.\n`;

/** `magnum cluster-template-show <name>`: the same print_dict the create prints. */
async function shown(name: string): Promise<string> {
  const r = await f.magnum(['cluster-template-show', name]);
  expect(r.code).toBe(0);
  return r.stdout;
}

/** The usage block and the "Try" line around an argparse error. */
async function usageError(message: string): Promise<string> {
  const help = (await f.magnum(['help', 'cluster-template-create'])).stdout;
  const usage = help.slice(0, help.indexOf('\n\n') + 1);
  return `${usage}error: ${message}\nTry 'magnum help cluster-template-create' for more information.\n`;
}

describe('cluster-template-create', () => {
  it('sends every key with the reference defaults, in the reference order, and shows the result', async () => {
    const r = await f.magnum(['cluster-template-create', 'k8s-min', ...REQUIRED]);
    expect(lastBody(f.cloud, 'POST')).toBe(
      JSON.stringify({
        name: 'k8s-min',
        flavor_id: 'm1.medium',
        master_flavor_id: null,
        image_id: 'fedora-coreos-35',
        keypair_id: null,
        external_network_id: 'public',
        fixed_network: null,
        fixed_subnet: null,
        network_driver: null,
        volume_driver: null,
        dns_nameserver: '8.8.8.8',
        docker_volume_size: null,
        docker_storage_driver: 'devicemapper',
        coe: 'kubernetes',
        http_proxy: null,
        https_proxy: null,
        no_proxy: null,
        labels: {},
        tls_disabled: false,
        public: false,
        registry_enabled: false,
        server_type: 'vm',
        master_lb_enabled: false,
        insecure_registry: null,
        hidden: false,
      }),
    );
    expect(r).toEqual({ stdout: await shown('k8s-min'), stderr: '', code: 0 });
    expect(r.stdout).toMatch(/^\+-+\+-+\+\n\| Property +\| Value +\|\n/);
    expect(r.stdout).not.toMatch(/\| links /);
  });

  it('sends every option given, floating_ip_enabled last, labels parsed', async () => {
    const r = await f.magnum([
      'cluster-template-create',
      'k8s-all',
      ...REQUIRED,
      '--flavor',
      'm1.small',
      '--master-flavor',
      'm1.large',
      '--keypair',
      'mykey',
      '--fixed-network',
      'private',
      '--fixed-subnet',
      'private-subnet',
      '--network-driver',
      'calico',
      '--volume-driver',
      'cinder',
      '--dns-nameserver',
      '1.1.1.1',
      '--docker-volume-size',
      '5',
      '--docker-storage-driver',
      'overlay2',
      '--http-proxy',
      'http://p:3128',
      '--https-proxy',
      'https://p:3129',
      '--no-proxy',
      'localhost',
      '--labels',
      'kube_tag=v1.21.1,foo=bar',
      '--labels',
      'x=y',
      '--tls-disabled',
      '--registry-enabled',
      '--server-type',
      'bm',
      '--master-lb-enabled',
      '--floating-ip-disabled',
      '--insecure-registry',
      '10.0.0.1:5000',
    ]);
    expect(lastBody(f.cloud, 'POST')).toBe(
      JSON.stringify({
        name: 'k8s-all',
        flavor_id: 'm1.small',
        master_flavor_id: 'm1.large',
        image_id: 'fedora-coreos-35',
        keypair_id: 'mykey',
        external_network_id: 'public',
        fixed_network: 'private',
        fixed_subnet: 'private-subnet',
        network_driver: 'calico',
        volume_driver: 'cinder',
        dns_nameserver: '1.1.1.1',
        docker_volume_size: 5,
        docker_storage_driver: 'overlay2',
        coe: 'kubernetes',
        http_proxy: 'http://p:3128',
        https_proxy: 'https://p:3129',
        no_proxy: 'localhost',
        labels: { kube_tag: 'v1.21.1,foo=bar', x: 'y' },
        tls_disabled: true,
        public: false,
        registry_enabled: true,
        server_type: 'bm',
        master_lb_enabled: true,
        insecure_registry: '10.0.0.1:5000',
        hidden: false,
        floating_ip_enabled: false,
      }),
    );
    expect(r).toEqual({ stdout: await shown('k8s-all'), stderr: '', code: 0 });
  });

  it('splits a single --labels on , and ;', async () => {
    await f.magnum(['cluster-template-create', 'k8s-lbl', ...REQUIRED, '--labels', 'a=1;b=2,c=3', '--floating-ip-enabled']);
    expect(JSON.parse(lastBody(f.cloud, 'POST') ?? '{}')).toMatchObject({ labels: { a: '1', b: '2', c: '3' }, floating_ip_enabled: true });
  });

  it('accepts the deprecated -id spellings, warning on stderr for each in the reference order', async () => {
    const r = await f.magnum([
      'cluster-template-create',
      'k8s-old',
      '--coe',
      'kubernetes',
      '--image-id',
      'fedora-coreos-35',
      '--external-network-id',
      'public',
      '--flavor-id',
      'm1.small',
      '--keypair-id',
      'mykey',
      '--master-flavor-id',
      'm1.large',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      // DEPRECATING_PARAMS order, not command-line order (`magnumclient/common/cliutils.py deprecation_map`).
      deprecated('--external-network-id', '--external-network') +
        deprecated('--flavor-id', '--flavor') +
        deprecated('--image-id', '--image') +
        deprecated('--keypair-id', '--keypair') +
        deprecated('--master-flavor-id', '--master-flavor'),
    );
    expect(JSON.parse(lastBody(f.cloud, 'POST') ?? '{}')).toMatchObject({
      flavor_id: 'm1.small',
      master_flavor_id: 'm1.large',
      image_id: 'fedora-coreos-35',
      keypair_id: 'mykey',
      external_network_id: 'public',
    });
  });

  it('takes the deprecated --name with a warning', async () => {
    const r = await f.magnum(['cluster-template-create', '--name', 'k8s-named', ...REQUIRED]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'WARNING: The --name parameter is deprecated and will be removed in a future release. Use the <name> positional parameter to avoid seeing this message.\n',
    );
    expect(JSON.parse(lastBody(f.cloud, 'POST') ?? '{}')).toMatchObject({ name: 'k8s-named' });
  });

  it.each([
    [['--hidden', '--visible'], false],
    [['--visible', '--hidden'], true],
    [['--visible'], false],
  ])('%j sends hidden=%s (one dest, the last wins)', async (flags, hidden) => {
    await f.magnum(['cluster-template-create', 'k8s-hid', ...REQUIRED, ...flags]);
    expect(JSON.parse(lastBody(f.cloud, 'POST') ?? '{}')).toMatchObject({ hidden });
  });

  it('refuses --floating-ip-enabled with --floating-ip-disabled, before any request', async () => {
    const since = f.cloud.requests.length;
    const r = await f.magnum(['cluster-template-create', 'x', ...REQUIRED, '--floating-ip-enabled', '--floating-ip-disabled']);
    expect(r).toEqual({
      stdout: '',
      stderr: 'ERROR: --floating-ip-enabled and --floating-ip-disabled are mutually exclusive and should be specified only once.\n',
      code: 1,
    });
    expect(magnumCalls(f.cloud, since)).toEqual([]);
  });

  it.each([
    ['a label without =', ['--labels', 'a=1', '--labels', 'b'], 'labels must be a list of KEY=VALUE not b'],
    ['an empty label item', ['--labels', 'a=1,b=2,'], 'labels must be a list of KEY=VALUE not '],
  ])('refuses %s', async (_what, extra, message) => {
    const since = f.cloud.requests.length;
    const r = await f.magnum(['cluster-template-create', 'x', ...REQUIRED, ...extra]);
    expect(r).toEqual({ stdout: '', stderr: `ERROR: ${message}\n`, code: 1 });
    expect(magnumCalls(f.cloud, since)).toEqual([]);
  });

  it('refuses the name given twice: the command help on stdout, DuplicateArgs', async () => {
    const help = (await f.magnum(['help', 'cluster-template-create'])).stdout;
    const r = await f.magnum(['cluster-template-create', 'a', '--name', 'b', ...REQUIRED]);
    expect(r).toEqual({
      stdout: help,
      stderr:
        'WARNING: The --name parameter is deprecated and will be removed in a future release. Use the <name> positional parameter to avoid seeing this message.\n' +
        'ERROR: Duplicate "<name>" arguments: a, b\n',
      code: 1,
    });
  });

  it.each([
    ['an old and a new spelling together', ['--image-id', 'x'], 'argument --image-id: not allowed with argument --image'],
    ['a non-integer --docker-volume-size', ['--docker-volume-size', 'abc'], "argument --docker-volume-size: invalid int value: 'abc'"],
  ])('refuses %s (exit 2)', async (_what, extra, message) => {
    const r = await f.magnum(['cluster-template-create', 'x', ...REQUIRED, ...extra]);
    expect(r).toEqual({ stdout: '', stderr: await usageError(message), code: 2 });
  });

  it.each([
    [['--image', 'i', '--external-network', 'n'], 'the following arguments are required: --coe'],
    [['--coe', 'kubernetes', '--external-network', 'n'], 'one of the arguments --image-id --image is required'],
    [['--coe', 'kubernetes', '--image', 'i'], 'one of the arguments --external-network-id --external-network is required'],
  ])('needs the required options: %j (exit 2)', async (args, message) => {
    const r = await f.magnum(['cluster-template-create', 'x', ...args]);
    expect(r).toEqual({ stdout: '', stderr: await usageError(message), code: 2 });
  });

  it('reports a server refusal as ERROR, exit 1', async () => {
    const r = await f.magnum(['cluster-template-create', 'x', '--coe', 'mesos', '--image', 'i', '--external-network', 'n']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR: Requested COE type mesos is not supported \(HTTP 400\) \(Request-ID: req-[0-9a-f-]{36}\)\n$/);
  });
});

const m23 = useFakeCloud({ generation: 23 });

describe("cluster-template-create with openstack coe's --driver and --tags", () => {
  it('appends driver and the tags (each once, first-seen order) after the reference body', async () => {
    const r = await m23.magnum([
      'cluster-template-create',
      'k8s-drv',
      ...REQUIRED,
      '--driver',
      'k8s_capi_helm_v1',
      '--tags',
      'a',
      '--tags',
      'b,a',
      '-c',
      'driver',
      '-c',
      'tags',
    ]);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout:
        '+----------+------------------+\n| Property | Value            |\n+----------+------------------+\n' +
        '| driver   | k8s_capi_helm_v1 |\n| tags     | a,b              |\n+----------+------------------+\n',
    });
    const body = lastBody(m23.cloud, 'POST') ?? '';
    expect(body.endsWith('"hidden":false,"driver":"k8s_capi_helm_v1","tags":"a,b"}')).toBe(true);
  });

  it('sends neither key when not given, so the reference body is unchanged', async () => {
    await f.magnum(['cluster-template-create', 'k8s-nodrv', ...REQUIRED]);
    const body = JSON.parse(lastBody(f.cloud, 'POST') ?? '{}') as Record<string, unknown>;
    expect(['driver' in body, 'tags' in body]).toEqual([false, false]);
  });
});
