import type { ArgsOf, Option } from '../argparse/spec';
import { defineCommand, defineOptions } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { ApiError } from '../api/errors';
import { CommandError } from '../errors';
import { createCluster, getClusterTemplate } from '../api/resources';
import type { Resource } from '../api/resources';
import { handleLabels } from './shared/labels';
import { resolveNameArgs } from './shared/name-args';
import { enabledDisabledPair, keypairOptions, KEYPAIR_GROUP, labelsOption, pairValue } from './shared/cluster-options';
import { waitOptions, waitSettings } from '../wait/options';
import { waitUntilDone } from '../wait/poll';
import { clusterTarget } from '../wait/targets';

const addition = <const Dest extends string>(flag: string, dest: Dest, help: string, metavar = `<${flag.slice(2)}>`): Option<Dest> => ({
  flags: [flag],
  dest,
  metavar,
  help,
  addition: true,
});

const COE_CREATE_OPTIONS = defineOptions([
  addition('--master-flavor', 'master_flavor', 'The nova flavor name or UUID to use when launching the master node of the Cluster.'),
  addition('--flavor', 'flavor', 'The nova flavor name or UUID to use when launching the Cluster.'),
  addition('--fixed-network', 'fixed_network', 'The private Neutron network name to connect to this Cluster template.'),
  addition('--fixed-subnet', 'fixed_subnet', 'The private Neutron subnet name to connect to Cluster.'),
  ...enabledDisabledPair(
    'floating-ip',
    'floating_ip_enabled',
    'Indicates whether created Clusters should have a floating ip.',
    'Disables floating ip creation on the new Cluster',
    { addition: true },
  ),
  {
    flags: ['--merge-labels'],
    dest: 'merge_labels',
    action: 'store_true',
    help: 'The labels provided will be merged with the labels configured in the specified cluster template.',
    addition: true,
  },
  ...enabledDisabledPair(
    'master-lb',
    'master_lb_enabled',
    'Enable master LB creation on the new cluster',
    'Disable master LB creation on the new cluster',
    { addition: true },
  ),
]);

/** The keys `openstack coe cluster create` adds, in its checks' order (floating IP, labels, ..., master LB). */
function coeCreateFields(args: ArgsOf<typeof COE_CREATE_OPTIONS> & { readonly master_count: number }): Resource {
  const floatingIp = pairValue(args.floating_ip_enabled, 'floating-ip');
  const fields: Resource = {};
  if (args.master_flavor != null) fields.master_flavor_id = args.master_flavor;
  if (args.flavor != null) fields.flavor_id = args.flavor;
  if (args.fixed_network != null) fields.fixed_network = args.fixed_network;
  if (args.fixed_subnet != null) fields.fixed_subnet = args.fixed_subnet;
  if (floatingIp !== undefined) fields.floating_ip_enabled = floatingIp;
  // Only when true, as CreateCluster does, "to avoid breaking older APIs".
  if (args.merge_labels) fields.merge_labels = true;
  const masterLb = pairValue(args.master_lb_enabled, 'master-lb');
  if (masterLb !== undefined) {
    if (!masterLb && args.master_count > 1) {
      throw new CommandError('Master node count can only be one if master loadbalancer is disabled.');
    }
    fields.master_lb_enabled = masterLb;
  }
  return fields;
}

export const clusterCreate = defineCommand({
  name: 'cluster-create',
  pathArgs: { cluster_template: IDENTIFIER.clusterTemplate },
  help: 'Create a cluster.',
  positionals: [{ dest: 'positional_name', metavar: '<name>', nargs: '?', help: 'Name of the cluster to create.' }],
  options: [
    ...keypairOptions('Name of the keypair to use for this cluster.'),
    {
      flags: ['--name'],
      dest: 'name',
      metavar: '<name>',
      help:
        'Name of the cluster to create. The --name parameter is deprecated and will be removed in a future release. ' +
        'Use the <name> positional parameter instead.',
    },
    {
      flags: ['--cluster-template'],
      dest: 'cluster_template',
      metavar: '<cluster_template>',
      required: true,
      help: 'ID or name of the cluster template.',
    },
    {
      flags: ['--docker-volume-size'],
      dest: 'docker_volume_size',
      metavar: '<docker-volume-size>',
      type: 'int',
      help: 'The size in GB for the docker volume to use',
    },
    labelsOption('cluster'),
    { flags: ['--node-count'], dest: 'node_count', metavar: '<node-count>', type: 'int', default: 1, help: 'The cluster node count.' },
    {
      flags: ['--master-count'],
      dest: 'master_count',
      metavar: '<master-count>',
      type: 'int',
      default: 1,
      help: 'The number of master nodes for the cluster.',
    },
    { flags: ['--discovery-url'], dest: 'discovery_url', metavar: '<discovery-url>', help: 'Specifies custom discovery url for node discovery.' },
    {
      flags: ['--timeout'],
      dest: 'timeout',
      metavar: '<timeout>',
      type: 'int',
      default: 60,
      help: 'The timeout for cluster creation in minutes. The default is 60 minutes.',
    },
    // Beyond the reference: `openstack coe cluster create`'s options (osc/v1/clusters.py
    // CreateCluster) and --wait (docs/wait.md), additions listed after the reference's help.
    ...COE_CREATE_OPTIONS,
    ...waitOptions(false, 'the cluster is created'),
  ],
  groups: [KEYPAIR_GROUP],
  deprecatedFlags: { '--keypair-id': '--keypair' },
  async run(ctx, args) {
    const name = resolveNameArgs(ctx, 'cluster-create', args.positional_name, args.name);
    const wait = waitSettings(args);
    const coeFields = coeCreateFields(args);
    const template = await getClusterTemplate(ctx.client, args.cluster_template);
    // Body keys in the reference's order (`magnumclient/v1/clusters_shell.py do_cluster_create`).
    const body: Resource = { name, cluster_template_id: template.uuid, keypair: args.keypair ?? null };
    if (args.docker_volume_size != null) body.docker_volume_size = args.docker_volume_size;
    if (args.labels != null) body.labels = handleLabels(args.labels);
    body.node_count = args.node_count;
    body.master_count = args.master_count;
    body.discovery_url = args.discovery_url ?? null;
    body.create_timeout = args.timeout;
    Object.assign(body, coeFields);
    let uuid: string;
    try {
      const created = await createCluster(ctx.client, body);
      uuid = created.uuid;
      ctx.io.out(`Request to create cluster ${uuid} has been accepted.\n`);
    } catch (e) {
      // Only the server's refusal is the reference's failure line: a timeout or a 2xx we
      // cannot read is no refusal (the cluster may well exist), so that is `ERROR:` instead.
      if (!(e instanceof ApiError)) throw e;
      // Same line as the reference, but a failure exits 1 so scripts can see it.
      ctx.io.out(`Create for cluster ${name ?? 'None'} failed: ${(e as Error).message}\n`);
      ctx.exitCode = 1;
      return;
    }
    if (wait) await waitUntilDone(ctx, clusterTarget(ctx.client, uuid, name ?? uuid, 'create'), wait);
  },
});
