import { defineCommand } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { deleteCluster } from '../api/resources';
import { deleteEach } from './shared/delete-each';
import { waitOptions, waitSettings } from '../wait/options';
import { waitForEach } from '../wait/poll';
import { clusterTarget } from '../wait/targets';

export const clusterDelete = defineCommand({
  name: 'cluster-delete',
  pathArgs: { cluster: IDENTIFIER.cluster },
  help: 'Delete specified cluster.',
  positionals: [{ dest: 'cluster', metavar: '<cluster>', nargs: '+', help: 'ID or name of the (cluster)s to delete.' }],
  // Beyond the reference (docs/wait.md); hidden from the reference's help.
  options: waitOptions(false, 'the clusters are deleted'),
  async run(ctx, args) {
    const wait = waitSettings(args);
    const accepted = await deleteEach(ctx, 'cluster', args.cluster, (id) => deleteCluster(ctx.client, id));
    if (
      wait &&
      !(await waitForEach(
        ctx,
        accepted.map((id) => clusterTarget(ctx.client, id, id, 'delete')),
        wait,
      ))
    )
      ctx.exitCode = 1;
  },
});
