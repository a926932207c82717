/**
 * cluster-upgrade: `openstack coe cluster upgrade` in the magnum shell (`magnumclient/osc/v1`,
 * osc/v1/clusters.py UpgradeCluster): GET the cluster for its UUID, then POST
 * /v1/clusters/<uuid>/actions/upgrade (microversion >= 1.8). The template is sent as
 * given, name or UUID; the server resolves it.
 */
import { defineCommand } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { upgradeCluster } from '../api/resources';
import type { Resource } from '../api/resources';
import { waitOptions } from '../wait/options';
import { runClusterAction } from './shared/cluster-action';

export const clusterUpgrade = defineCommand({
  name: 'cluster-upgrade',
  pathArgs: { cluster: IDENTIFIER.cluster },
  help: 'Upgrade a cluster.',
  extension: true,
  positionals: [
    { dest: 'cluster', metavar: '<cluster>', help: 'The name or UUID of cluster to update' },
    { dest: 'cluster_template', metavar: '<cluster_template>', help: 'The new cluster template ID will be upgraded to.' },
  ],
  options: [
    {
      flags: ['--max-batch-size'],
      dest: 'max_batch_size',
      metavar: '<max_batch_size>',
      type: 'int',
      default: 1,
      help: 'The max batch size for upgrading each time.',
    },
    { flags: ['--nodegroup'], dest: 'nodegroup', metavar: '<nodegroup>', help: 'The name or UUID of the nodegroup of current cluster.' },
    ...waitOptions(true, 'the upgrade has finished'),
  ],
  async run(ctx, args) {
    // ClusterManager.upgrade: max_batch_size only when truthy, nodegroup only when given.
    const body: Resource = { cluster_template: args.cluster_template };
    if (args.max_batch_size) body.max_batch_size = args.max_batch_size;
    if (args.nodegroup != null) body.nodegroup = args.nodegroup;
    await runClusterAction(ctx, args, 'upgrade', (client, uuid) => upgradeCluster(client, uuid, body));
  },
});
