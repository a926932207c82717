/**
 * nodegroup-update: `openstack coe nodegroup update` in the magnum shell (python-magnumclient 5.0.0
 * `magnumclient/osc/v1`): the JSON patch of cluster-update (`magnumclient/common/utils.py args_array_to_patch`),
 * PATCH /v1/clusters/<cluster>/nodegroups/<ng>, and UpdateNodeGroup's named flags (python-magnumclient 5.0.0
 * osc/v1/nodegroups.py).
 */
import { defineCommand } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { getNodegroup, updateNodegroup } from '../api/resources';
import { pyRepr } from '../output';
import { argsArrayToPatch } from './shared/patch';
import type { PatchOp } from './shared/patch';
import { handleLabels, handleTaints } from './shared/labels';
import { nodeFieldOptions, requireNodeFieldsVersion, type NodeFieldArgs } from './shared/node-fields';
import { ATTRIBUTES_POSITIONAL, OP_POSITIONAL } from './shared/update-args';
import { waitOptions, waitSettings } from '../wait/options';
import { waitUntilDone } from '../wait/poll';
import { nodegroupTarget } from '../wait/targets';

const NAMED_FLAGS = ['--min-nodes', '--max-nodes', '--node-labels', '--node-taints'];

/**
 * UpdateNodeGroup's patch. The API's patch values are text or integers, so the label dict
 * and the taint list go as their Python repr (the server literal-evals them); an empty
 * value (`--node-labels ''`) clears the field.
 */
function namedFlagsPatch(args: NodeFieldArgs & { readonly min_node_count: number | null; readonly max_node_count: number | null }): PatchOp[] {
  const patch: PatchOp[] = [];
  if (args.min_node_count != null) patch.push({ op: 'replace', path: '/min_node_count', value: args.min_node_count });
  if (args.max_node_count != null) patch.push({ op: 'replace', path: '/max_node_count', value: args.max_node_count });
  const given = (v: readonly string[]): string[] => v.filter((x) => x !== '');
  if (args.node_labels != null) patch.push({ op: 'replace', path: '/node_labels', value: pyRepr(handleLabels(given(args.node_labels))) });
  if (args.node_taints != null) patch.push({ op: 'replace', path: '/node_taints', value: pyRepr(handleTaints(given(args.node_taints))) });
  return patch;
}

export const nodegroupUpdate = defineCommand({
  name: 'nodegroup-update',
  pathArgs: { cluster: IDENTIFIER.cluster, nodegroup: IDENTIFIER.nodegroup },
  help: 'Update information about the given nodegroup.',
  extension: true,
  positionals: [
    { dest: 'cluster', metavar: '<cluster>', help: 'ID or name of the cluster where the nodegroup belongs.' },
    { dest: 'nodegroup', metavar: '<nodegroup>', help: 'UUID or name of nodegroup' },
    // Optional when a named flag says what to change (`nodegroup-update c ng --max-nodes 5`).
    { ...OP_POSITIONAL, optionalWith: NAMED_FLAGS },
    { ...ATTRIBUTES_POSITIONAL, optionalWith: NAMED_FLAGS },
  ],
  options: [
    { flags: ['--min-nodes'], dest: 'min_node_count', metavar: '<min-nodes>', type: 'int', help: 'The minimum node count for the nodegroup.' },
    { flags: ['--max-nodes'], dest: 'max_node_count', metavar: '<max-nodes>', type: 'int', help: 'The maximum node count for the nodegroup.' },
    ...nodeFieldOptions(true),
    ...waitOptions(true, 'the update has finished'),
  ],
  async run(ctx, args) {
    const wait = waitSettings(args);
    const cluster = args.cluster;
    const ident = args.nodegroup;
    const positional = args.op == null ? [] : argsArrayToPatch(args.op, args.attributes);
    const patch = [...positional, ...namedFlagsPatch(args)];
    await requireNodeFieldsVersion(ctx.client, args);
    // With --wait, a snapshot first: the answer to the PATCH may predate the conductor's work.
    const before = wait ? await getNodegroup(ctx.client, cluster, ident) : null;
    await updateNodegroup(ctx.client, cluster, ident, patch);
    ctx.io.out(`Request to update nodegroup ${ident} has been accepted.\n`);
    if (wait && before) {
      await waitUntilDone(ctx, nodegroupTarget(ctx.client, cluster, before.uuid, ident, 'update', before), wait);
    }
  },
});
