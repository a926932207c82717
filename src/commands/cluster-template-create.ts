import type { DefaultDest, Option, OptionSpec } from '../argparse/spec';
import { defaultDest } from '../argparse/spec';
import { defineCommand, defineOptions } from './define';
import { createClusterTemplate, withoutLinks } from '../api/resources';
import type { Resource } from '../api/resources';
import { handleLabels } from './shared/labels';
import { resolveNameArgs } from './shared/name-args';
import { deprecatedPair, deprecatedPairGroup, enabledDisabledPair, labelsOption, pairValue } from './shared/cluster-options';

/** What a string option may add: required, a default, int type, addition. */
type StrExtra = { required?: true; default?: string; type?: 'int'; addition?: true };
/** A string option with argparse's dest and metavar; the signature keeps what `extra` says for ArgsOf. */
function str<const Flag extends `--${string}`, const Extra extends StrExtra = Record<never, never>>(
  flag: Flag,
  help: string,
  extra?: Extra,
): Option<DefaultDest<Flag>, Extra>;
function str(flag: `--${string}`, help: string, extra: StrExtra = {}): OptionSpec {
  return { flags: [flag], dest: defaultDest(flag), metavar: `<${flag.slice(2)}>`, help, ...extra };
}
const flag = <const Flag extends `--${string}`>(name: Flag, help: string): Option<DefaultDest<Flag>, { action: 'store_true' }> => ({
  flags: [name],
  dest: defaultDest(name),
  action: 'store_true',
  help,
});

/** Options in the reference's help order: the deprecated pairs first (DEPRECATING_PARAMS order), `magnumclient/v1/cluster_templates_shell.py do_cluster_template_create`. */
const OPTIONS = defineOptions([
  ...deprecatedPair('external-network', 'The external Neutron network name or UUID to connect to this Cluster Template.'),
  ...deprecatedPair('flavor', 'The nova flavor name or UUID to use when launching the Cluster.', 'm1.medium'),
  ...deprecatedPair('image', 'The name or UUID of the base image to customize for the Cluster.'),
  ...deprecatedPair('keypair', 'The name of the SSH keypair to load into the Cluster nodes.'),
  ...deprecatedPair('master-flavor', 'The nova flavor name or UUID to use when launching the master node of the Cluster.'),
  str(
    '--name',
    'Name of the cluster template to create. The --name parameter is deprecated and will be removed in a future release. ' +
      'Use the <name> positional parameter instead.',
  ),
  str('--coe', 'Specify the Container Orchestration Engine to use.', { required: true }),
  str('--fixed-network', 'The private Neutron network name to connect to this Cluster model.'),
  str('--fixed-subnet', 'The private Neutron subnet name to connect to Cluster.'),
  str('--network-driver', 'The network driver name for instantiating container networks.'),
  str('--volume-driver', 'The volume driver name for instantiating container volume.'),
  str('--dns-nameserver', 'The DNS nameserver to use for this cluster template.', { default: '8.8.8.8' }),
  str('--docker-volume-size', 'Specify the number of size in GB for the docker volume to use.', { type: 'int' }),
  // devicemapper, not the OSC plugin's overlay2: the reference's default (`magnumclient/v1/cluster_templates_shell.py do_cluster_template_create`).
  str('--docker-storage-driver', 'Select a docker storage driver. Supported: devicemapper, overlay. Default: devicemapper', {
    default: 'devicemapper',
  }),
  str('--http-proxy', 'The http_proxy address to use for nodes in Cluster.'),
  str('--https-proxy', 'The https_proxy address to use for nodes in Cluster.'),
  str('--no-proxy', 'The no_proxy address to use for nodes in Cluster.'),
  labelsOption('cluster template', []),
  flag('--tls-disabled', 'Disable TLS in the Cluster.'),
  flag('--public', 'Make cluster template public.'),
  flag('--registry-enabled', 'Enable docker registry in the Cluster'),
  str('--server-type', 'Specify the server type to be used for example vm. For this release default server type will be vm.', {
    default: 'vm',
  }),
  flag('--master-lb-enabled', 'Indicates whether created Clusters should have a load balancer for master nodes or not.'),
  // Both append into one list so that giving both can be reported (`magnumclient/v1/cluster_templates_shell.py do_cluster_template_create`).
  ...enabledDisabledPair(
    'floating-ip',
    'floating_ip_enabled',
    'Indicates whether created Clusters should have a floating ip.',
    'Disables floating ip creation on the new Cluster',
  ),
  str('--insecure-registry', 'url of docker registry'),
  // One dest, so the last of --hidden/--visible wins.
  flag('--hidden', 'Make cluster template hidden.'),
  { flags: ['--visible'], dest: 'hidden', action: 'store_false', help: 'Make cluster template visible.' },
  // Additions from `openstack coe cluster template create` (osc/v1/cluster_templates.py).
  str('--driver', 'The name of the Magnum driver to use for this cluster template.', { addition: true }),
  {
    flags: ['--tags'],
    dest: 'tags',
    action: 'append',
    default: [],
    metavar: '<--tags tag1 --tags tag2,tag3>',
    help: 'Tags to be added to the cluster template.',
    addition: true,
  },
]);

/**
 * `--tags a --tags b,c` → `a,b,c`: every tag once. `openstack coe` joins a Python set (an
 * order that changes from run to run); the first-seen order is one of those orders.
 */
function joinTags(values: readonly string[]): string | undefined {
  if (values.length === 0) return undefined;
  return [...new Set(values.join(',').split(','))].join(',');
}

export const clusterTemplateCreate = defineCommand({
  name: 'cluster-template-create',
  output: 'show',
  help: 'Create a cluster template.',
  positionals: [{ dest: 'positional_name', metavar: '<name>', nargs: '?', help: 'Name of the cluster template to create.' }],
  options: OPTIONS,
  groups: [
    deprecatedPairGroup('external-network', true),
    deprecatedPairGroup('flavor'),
    deprecatedPairGroup('image', true),
    deprecatedPairGroup('keypair'),
    deprecatedPairGroup('master-flavor'),
  ],
  deprecatedFlags: {
    '--external-network-id': '--external-network',
    '--flavor-id': '--flavor',
    '--image-id': '--image',
    '--keypair-id': '--keypair',
    '--master-flavor-id': '--master-flavor',
  },
  async run(ctx, args) {
    const name = resolveNameArgs(ctx, 'cluster-template-create', args.positional_name, args.name);
    // Every key, nulls included, in the order the reference sends them (`magnumclient/v1/cluster_templates_shell.py do_cluster_template_create`).
    const body: Resource = {
      name,
      flavor_id: args.flavor,
      master_flavor_id: args.master_flavor,
      image_id: args.image,
      keypair_id: args.keypair,
      external_network_id: args.external_network,
      fixed_network: args.fixed_network,
      fixed_subnet: args.fixed_subnet,
      network_driver: args.network_driver,
      volume_driver: args.volume_driver,
      dns_nameserver: args.dns_nameserver,
      docker_volume_size: args.docker_volume_size,
      docker_storage_driver: args.docker_storage_driver,
      coe: args.coe,
      http_proxy: args.http_proxy,
      https_proxy: args.https_proxy,
      no_proxy: args.no_proxy,
      labels: handleLabels(args.labels),
      tls_disabled: args.tls_disabled,
      public: args.public,
      registry_enabled: args.registry_enabled,
      server_type: args.server_type,
      master_lb_enabled: args.master_lb_enabled,
      insecure_registry: args.insecure_registry,
      hidden: args.hidden,
    };
    // Only when given, so that the reference's body is unchanged (servers before `driver` reject unknown keys).
    if (args.driver != null) body.driver = args.driver;
    const tags = joinTags(args.tags);
    if (tags !== undefined) body.tags = tags;
    // Checked after the labels, as in the reference, so a bad label is reported first.
    const floatingIp = pairValue(args.floating_ip_enabled, 'floating-ip');
    if (floatingIp !== undefined) body.floating_ip_enabled = floatingIp;
    const template = await createClusterTemplate(ctx.client, body);
    ctx.render.show(withoutLinks(template));
  },
});
