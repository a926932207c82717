import { defineCommand } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { getCluster, updateCluster } from '../api/resources';
import { ApiError } from '../api/errors';
import { CommandError } from '../errors';
import { argsArrayToPatch } from './shared/patch';
import type { PatchOp } from './shared/patch';
import { ATTRIBUTES_POSITIONAL, OP_POSITIONAL } from './shared/update-args';
import { waitOptions, waitSettings } from '../wait/options';
import { waitUntilDone } from '../wait/poll';
import { clusterTarget } from '../wait/targets';

/** The named flags of `openstack coe cluster update` (osc/v1/clusters.py UpdateCluster). */
const NAMED_FLAGS = ['--node-count', '--master-count', '--label', '--no-label'];

/** UpdateCluster's patch: replace node_count/master_count, add /labels/<k>, remove /labels/<k>. */
function namedFlagsPatch(args: {
  readonly node_count: number | null;
  readonly master_count: number | null;
  readonly label: readonly string[] | null;
  readonly no_label: readonly string[] | null;
}): PatchOp[] {
  const patch: PatchOp[] = [];
  if (args.node_count != null) patch.push({ op: 'replace', path: '/node_count', value: args.node_count });
  if (args.master_count != null) patch.push({ op: 'replace', path: '/master_count', value: args.master_count });
  for (const label of args.label ?? []) {
    const eq = label.indexOf('=');
    // UpdateCluster crashes on this (`k, v = label.split('=', 1)`); a clear line instead.
    if (eq < 0) throw new CommandError(`--label must be KEY=VALUE, not ${label}`);
    patch.push({ op: 'add', path: `/labels/${label.slice(0, eq)}`, value: label.slice(eq + 1) });
  }
  for (const key of args.no_label ?? []) patch.push({ op: 'remove', path: `/labels/${key}` });
  return patch;
}

export const clusterUpdate = defineCommand({
  name: 'cluster-update',
  pathArgs: { cluster: IDENTIFIER.cluster },
  help: 'Update information about the given cluster.',
  positionals: [
    { dest: 'cluster', metavar: '<cluster>', help: 'UUID or name of cluster' },
    // Optional when a named flag says what to change (`cluster-update c --node-count 3`).
    { ...OP_POSITIONAL, optionalWith: NAMED_FLAGS },
    { ...ATTRIBUTES_POSITIONAL, optionalWith: NAMED_FLAGS },
  ],
  options: [
    { flags: ['--rollback'], dest: 'rollback', action: 'store_true', help: 'Rollback cluster on update failure.' },
    // Beyond the reference: `openstack coe cluster update`'s named flags and --wait
    // (docs/wait.md), additions listed after the reference's help.
    {
      flags: ['--node-count'],
      dest: 'node_count',
      metavar: '<node-count>',
      type: 'int',
      help: 'New number of nodes in the cluster.',
      addition: true,
    },
    {
      flags: ['--master-count'],
      dest: 'master_count',
      metavar: '<master-count>',
      type: 'int',
      help: 'New number of master nodes in the cluster.',
      addition: true,
    },
    {
      flags: ['--label'],
      dest: 'label',
      metavar: '<key=value>',
      action: 'append',
      help: 'Label to add or update on the cluster (repeat to set multiple labels).',
      addition: true,
    },
    {
      flags: ['--no-label'],
      dest: 'no_label',
      metavar: '<key>',
      action: 'append',
      help: 'Label key to remove from the cluster (repeat to remove multiple labels).',
      addition: true,
    },
    ...waitOptions(false, 'the update has finished'),
  ],
  async run(ctx, args) {
    const apiVersion = ctx.config.apiVersion;
    const rollback = args.rollback;
    if (rollback && ['1.0', '1.1', '1.2'].includes(apiVersion)) {
      throw new CommandError(`Rollback is not supported in API v${apiVersion}. Please use API v1.3+.`);
    }
    // The positional form first (the reference's), then the named flags.
    const positional = args.op == null ? [] : argsArrayToPatch(args.op, args.attributes);
    const patch = [...positional, ...namedFlagsPatch(args)];
    const wait = waitSettings(args);
    // With --wait, a snapshot first: right after the PATCH the cluster may still show its old status.
    const before = wait ? await getCluster(ctx.client, args.cluster) : null;
    try {
      await updateCluster(ctx.client, args.cluster, patch, rollback);
    } catch (e) {
      // The reference prints the server's full message (`e.details`) on stdout (`magnumclient/v1/clusters_shell.py do_cluster_update`);
      // we keep that line but exit 1.
      if (!(e instanceof ApiError)) throw e;
      ctx.io.out(`ERROR: ${e.detailsOrSummary}\n`);
      ctx.exitCode = 1;
      return;
    }
    // Also with --magnum-api-version 1.1, whose "show" mode crashes the reference on
    // current servers (README difference 10).
    ctx.io.out(`Request to update cluster ${args.cluster} has been accepted.\n`);
    if (wait && before) {
      await waitUntilDone(ctx, clusterTarget(ctx.client, before.uuid, args.cluster, 'update', before), wait);
    }
  },
});
