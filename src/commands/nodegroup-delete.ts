/**
 * nodegroup-delete: `openstack coe nodegroup delete` in the magnum shell (python-magnumclient 5.0.0
 * `magnumclient/osc/v1`): DELETE /v1/clusters/<cluster>/nodegroups/<nodegroup> for each one, with the
 * magnum shell's per-item lines (a failure does not stop the loop; exit 1 at the end).
 */
import { defineCommand } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { deleteNodegroup } from '../api/resources';
import { deleteEach } from './shared/delete-each';
import { waitOptions, waitSettings } from '../wait/options';
import { waitForEach } from '../wait/poll';
import { nodegroupTarget } from '../wait/targets';

export const nodegroupDelete = defineCommand({
  name: 'nodegroup-delete',
  pathArgs: { cluster: IDENTIFIER.cluster, nodegroup: IDENTIFIER.nodegroup },
  help: 'Delete a nodegroup.',
  extension: true,
  positionals: [
    { dest: 'cluster', metavar: '<cluster>', help: 'ID or name of the cluster where the nodegroup(s) belong(s).' },
    { dest: 'nodegroup', metavar: '<nodegroup>', nargs: '+', help: 'ID or name of the nodegroup(s) to delete.' },
  ],
  options: waitOptions(true, 'the nodegroups are deleted'),
  async run(ctx, args) {
    const wait = waitSettings(args);
    const cluster = args.cluster;
    const accepted = await deleteEach(ctx, 'nodegroup', args.nodegroup, (id) => deleteNodegroup(ctx.client, cluster, id));
    if (
      wait &&
      !(await waitForEach(
        ctx,
        accepted.map((id) => nodegroupTarget(ctx.client, cluster, id, id, 'delete')),
        wait,
      ))
    ) {
      ctx.exitCode = 1;
    }
  },
});
