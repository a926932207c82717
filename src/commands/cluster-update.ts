import type { CommandModule } from './types';
import { getCluster, updateCluster } from '../api/resources';
import { ApiError } from '../api/errors';
import { CommandError } from '../errors';
import { argsArrayToPatch } from './shared/patch';
import { ATTRIBUTES_POSITIONAL, OP_POSITIONAL } from './shared/update-args';
import { waitOptions, waitSettings } from '../wait/options';
import { waitUntilDone } from '../wait/poll';
import { clusterTarget } from '../wait/targets';

export const clusterUpdate: CommandModule = {
  name: 'cluster-update',
  help: 'Update information about the given cluster.',
  positionals: [{ dest: 'cluster', metavar: '<cluster>', help: 'UUID or name of cluster' }, OP_POSITIONAL, ATTRIBUTES_POSITIONAL],
  options: [
    { flags: ['--rollback'], dest: 'rollback', action: 'store_true', help: 'Rollback cluster on update failure.' },
    // Beyond the reference (docs/wait.md); hidden from the reference's help.
    ...waitOptions(false),
  ],
  async run(ctx, args) {
    const apiVersion = ctx.config.apiVersion;
    const rollback = args.rollback === true;
    if (rollback && ['1.0', '1.1', '1.2'].includes(apiVersion)) {
      throw new CommandError(`Rollback is not supported in API v${apiVersion}. Please use API v1.3+.`);
    }
    const patch = argsArrayToPatch(args.op as string, args.attributes as string[]);
    const wait = waitSettings(args);
    // With --wait, a snapshot first: right after the PATCH the cluster may still show its old status.
    const before = wait ? await getCluster(ctx.client, args.cluster as string) : null;
    try {
      await updateCluster(ctx.client, args.cluster as string, patch, rollback);
    } catch (e) {
      // The reference prints the server's full message (`e.details`) on stdout (`magnumclient/v1/clusters_shell.py do_cluster_update`);
      // we keep that line but exit 1.
      if (!(e instanceof ApiError)) throw e;
      ctx.io.out(`ERROR: ${e.details}\n`);
      ctx.exitCode = 1;
      return;
    }
    // Also with --magnum-api-version 1.1, whose "show" mode crashes the reference on
    // current servers (README difference 10).
    ctx.io.out(`Request to update cluster ${String(args.cluster)} has been accepted.\n`);
    if (wait && before) {
      await waitUntilDone(ctx, clusterTarget(ctx.client, String(before.uuid), String(args.cluster), 'update', before), wait);
    }
  },
};
