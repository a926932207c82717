/**
 * nodegroup-update: `openstack coe nodegroup update` in the magnum shell (magnumclient.md
 * `magnumclient/osc/v1`): the JSON patch of cluster-update (`magnumclient/common/utils.py args_array_to_patch`), PATCH /v1/clusters/<cluster>/nodegroups/<ng>.
 */
import type { CommandModule } from './types';
import { getNodegroup, updateNodegroup } from '../api/resources';
import { argsArrayToPatch } from './shared/patch';
import { ATTRIBUTES_POSITIONAL, OP_POSITIONAL } from './shared/update-args';
import { waitOptions, waitSettings } from '../wait/options';
import { waitUntilDone } from '../wait/poll';
import { nodegroupTarget } from '../wait/targets';

export const nodegroupUpdate: CommandModule = {
  name: 'nodegroup-update',
  help: 'Update information about the given nodegroup.',
  extension: true,
  positionals: [
    { dest: 'cluster', metavar: '<cluster>', help: 'ID or name of the cluster where the nodegroup belongs.' },
    { dest: 'nodegroup', metavar: '<nodegroup>', help: 'UUID or name of nodegroup' },
    OP_POSITIONAL,
    ATTRIBUTES_POSITIONAL,
  ],
  options: waitOptions(true, 'the update'),
  async run(ctx, args) {
    const wait = waitSettings(args);
    const cluster = args.cluster as string;
    const ident = args.nodegroup as string;
    const patch = argsArrayToPatch(args.op as string, args.attributes as string[]);
    // With --wait, a snapshot first: the answer to the PATCH may predate the conductor's work.
    const before = wait ? await getNodegroup(ctx.client, cluster, ident) : null;
    await updateNodegroup(ctx.client, cluster, ident, patch);
    ctx.io.out(`Request to update nodegroup ${ident} has been accepted.\n`);
    if (wait && before) {
      await waitUntilDone(ctx, nodegroupTarget(ctx.client, cluster, String(before.uuid), ident, 'update', before), wait);
    }
  },
};
