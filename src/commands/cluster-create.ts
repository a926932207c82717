import type { CommandModule } from './types';
import { createCluster, getClusterTemplate } from '../api/resources';
import type { Resource } from '../api/resources';
import { handleLabels } from './shared/labels';
import { resolveNameArgs } from './shared/name-args';
import { keypairOptions, KEYPAIR_GROUP, labelsOption } from './shared/cluster-options';
import { waitOptions, waitSettings } from '../wait/options';
import { waitUntilDone } from '../wait/poll';
import { clusterTarget } from '../wait/targets';

export const clusterCreate: CommandModule = {
  name: 'cluster-create',
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
    { flags: ['--cluster-template'], dest: 'cluster_template', metavar: '<cluster_template>', required: true, help: 'ID or name of the cluster template.' },
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
    // Beyond the reference (docs/wait.md); hidden from the reference's help.
    ...waitOptions(false),
  ],
  groups: [KEYPAIR_GROUP],
  deprecatedFlags: { '--keypair-id': '--keypair' },
  async run(ctx, args) {
    const name = resolveNameArgs(ctx, 'cluster-create', args.positional_name, args.name);
    const wait = waitSettings(args);
    const template = await getClusterTemplate(ctx.client, args.cluster_template as string);
    // Body keys in the reference's order (`magnumclient/v1/clusters_shell.py do_cluster_create`).
    const body: Resource = { name, cluster_template_id: template.uuid, keypair: args.keypair ?? null };
    if (args.docker_volume_size != null) body.docker_volume_size = args.docker_volume_size;
    if (args.labels != null) body.labels = handleLabels(args.labels as string[]);
    body.node_count = args.node_count;
    body.master_count = args.master_count;
    body.discovery_url = args.discovery_url ?? null;
    body.create_timeout = args.timeout;
    let uuid: string;
    try {
      const created = await createCluster(ctx.client, body);
      uuid = String(created.uuid);
      ctx.io.out(`Request to create cluster ${uuid} has been accepted.\n`);
    } catch (e) {
      // Same line as the reference, but a failure exits 1 so scripts can see it.
      ctx.io.out(`Create for cluster ${name ?? 'None'} failed: ${(e as Error).message}\n`);
      ctx.exitCode = 1;
      return;
    }
    if (wait) await waitUntilDone(ctx, clusterTarget(ctx.client, uuid, name ?? uuid, 'create'), wait);
  },
};
