import { defineCommand } from './define';
import { getCaCertificate } from '../api/resources';
import { resolveDeprecatedPositional } from './shared/name-args';
import { CLUSTER_OR_MISSING, pemLine, targetClusterUuid } from './shared/cluster-target';

export const caShow = defineCommand({
  name: 'ca-show',
  pathArgs: { positional_cluster: CLUSTER_OR_MISSING, cluster: CLUSTER_OR_MISSING },
  help: 'Show details about the CA certificate for a cluster.',
  positionals: [{ dest: 'positional_cluster', metavar: '<cluster>', nargs: '?', help: 'ID or name of the cluster.' }],
  options: [
    {
      flags: ['--cluster'],
      dest: 'cluster',
      metavar: '<cluster>',
      help:
        'ID or name of the cluster. The --cluster parameter is deprecated and will be removed in a future release. ' +
        'Use the <cluster> positional parameter instead.',
    },
  ],
  async run(ctx, args) {
    // validate_cluster_args (`magnumclient/v1/certificates_shell.py do_ca_show`): both given is DuplicateArgs with the main help.
    const cluster = resolveDeprecatedPositional(
      ctx,
      { metavar: '<cluster>', flag: '--cluster', helpFor: null },
      args.positional_cluster,
      args.cluster,
    );
    const certificate = await getCaCertificate(ctx.client, await targetClusterUuid(ctx, cluster));
    ctx.io.out(pemLine(certificate));
  },
});
