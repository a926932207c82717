/**
 * nodegroup-create: `openstack coe nodegroup create` in the magnum shell (python-magnumclient 5.0.0
 * `magnumclient/osc/v1`, osc/v1/nodegroups.py CreateNodeGroup): POST /v1/clusters/<cluster>/nodegroups/,
 * microversion >= 1.9 (1.14 for --node-labels/--node-taints). The flavor and image are sent as given; the server resolves them.
 */
import { defineCommand } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { createNodegroup } from '../api/resources';
import type { Resource } from '../api/resources';
import { handleLabels, handleTaints } from './shared/labels';
import { nodeFieldOptions, requireNodeFieldsVersion } from './shared/node-fields';
import { labelsOption } from './shared/cluster-options';
import { waitOptions, waitSettings } from '../wait/options';
import { waitUntilDone } from '../wait/poll';
import { nodegroupTarget } from '../wait/targets';

export const nodegroupCreate = defineCommand({
  name: 'nodegroup-create',
  pathArgs: { cluster: IDENTIFIER.cluster },
  help: 'Create a nodegroup.',
  extension: true,
  positionals: [
    { dest: 'cluster', metavar: '<cluster>', help: 'ID or name of the cluster where the nodegroup belongs.' },
    { dest: 'name', metavar: '<name>', help: 'Name of the nodegroup to create.' },
  ],
  options: [
    {
      flags: ['--docker-volume-size'],
      dest: 'docker_volume_size',
      metavar: '<docker-volume-size>',
      type: 'int',
      help: 'The size in GB for the docker volume to use.',
    },
    labelsOption('nodegroup'),
    { flags: ['--node-count'], dest: 'node_count', metavar: '<node-count>', type: 'int', default: 1, help: 'The nodegroup node count.' },
    { flags: ['--min-nodes'], dest: 'min_node_count', metavar: '<min-nodes>', type: 'int', default: 0, help: 'The nodegroup minimum node count.' },
    { flags: ['--max-nodes'], dest: 'max_node_count', metavar: '<max-nodes>', type: 'int', help: 'The nodegroup maximum node count.' },
    { flags: ['--role'], dest: 'role', metavar: '<role>', default: 'worker', help: 'The role of the nodegroup.' },
    { flags: ['--image'], dest: 'image', metavar: '<image>', help: 'The name or UUID of the base image to customize for the NodeGroup.' },
    {
      flags: ['--flavor'],
      dest: 'flavor',
      metavar: '<flavor>',
      help: 'The nova flavor name or UUID to use when launching the nodes in this NodeGroup.',
    },
    {
      flags: ['--merge-labels'],
      dest: 'merge_labels',
      action: 'store_true',
      help: 'The labels provided will be merged with the labels configured in the specified cluster.',
    },
    ...nodeFieldOptions(false),
    ...waitOptions(true, 'the nodegroup is created'),
  ],
  async run(ctx, args) {
    const wait = waitSettings(args);
    // Body keys in CreateNodeGroup's order; merge_labels only when true (older APIs reject it).
    const body: Resource = {
      name: args.name,
      node_count: args.node_count,
      max_node_count: args.max_node_count,
      min_node_count: args.min_node_count,
      role: args.role,
    };
    if (args.labels != null) body.labels = handleLabels(args.labels);
    if (args.docker_volume_size != null) body.docker_volume_size = args.docker_volume_size;
    if (args.flavor != null) body.flavor_id = args.flavor;
    if (args.image != null) body.image_id = args.image;
    if (args.merge_labels) body.merge_labels = true;
    if (args.node_labels != null) body.node_labels = handleLabels(args.node_labels);
    if (args.node_taints != null) body.node_taints = handleTaints(args.node_taints);
    await requireNodeFieldsVersion(ctx.client, args);
    const cluster = args.cluster;
    const created = await createNodegroup(ctx.client, cluster, body);
    const uuid = created.uuid;
    ctx.io.out(`Request to create nodegroup ${uuid} has been accepted.\n`);
    if (wait) await waitUntilDone(ctx, nodegroupTarget(ctx.client, cluster, uuid, args.name, 'create'), wait);
  },
});
