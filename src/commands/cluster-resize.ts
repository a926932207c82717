/**
 * cluster-resize: `openstack coe cluster resize` in the magnum shell (`magnumclient/osc/v1`,
 * osc/v1/clusters.py ResizeCluster): GET the cluster for its UUID, then POST
 * /v1/clusters/<uuid>/actions/resize (microversion >= 1.7; --nodegroup >= 1.9).
 */
import { defineCommand } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { resizeCluster } from '../api/resources';
import type { Resource } from '../api/resources';
import { waitOptions } from '../wait/options';
import { runClusterAction } from './shared/cluster-action';

export const clusterResize = defineCommand({
  name: 'cluster-resize',
  pathArgs: { cluster: IDENTIFIER.cluster },
  help: 'Resize a cluster.',
  extension: true,
  positionals: [
    { dest: 'cluster', metavar: '<cluster>', help: 'The name or UUID of cluster to update' },
    { dest: 'node_count', metavar: '<node-count>', type: 'int', help: 'Desired node count of the cluster.' },
  ],
  options: [
    {
      flags: ['--nodes-to-remove'],
      dest: 'nodes_to_remove',
      metavar: '<Server UUID>',
      action: 'append',
      help: 'Server ID of the nodes to be removed. Repeat to add more server ID',
    },
    { flags: ['--nodegroup'], dest: 'nodegroup', metavar: '<nodegroup>', help: 'The name or UUID of the nodegroup of current cluster.' },
    ...waitOptions(true, 'the resize has finished'),
  ],
  async run(ctx, args) {
    // Body keys in the order magnumclient's ClusterManager.resize builds them.
    const body: Resource = { node_count: args.node_count };
    const toRemove = args.nodes_to_remove;
    if (toRemove && toRemove.length > 0) body.nodes_to_remove = toRemove;
    if (args.nodegroup != null) body.nodegroup = args.nodegroup;
    await runClusterAction(ctx, args, 'resize', (client, uuid) => resizeCluster(client, uuid, body));
  },
});
