import { defineCommand } from './define';
import { rotateCa } from '../api/resources';
import { CLUSTER_OR_MISSING, targetClusterUuid } from './shared/cluster-target';

/** Prints nothing on success, as the reference on its session path (`magnumclient/v1/certificates_shell.py do_ca_rotate`). */
export const caRotate = defineCommand({
  name: 'ca-rotate',
  pathArgs: { cluster: CLUSTER_OR_MISSING },
  help: 'Rotate the CA certificate for a cluster to revoke access.',
  options: [{ flags: ['--cluster'], dest: 'cluster', metavar: '<cluster>', required: true, help: 'ID or name of the cluster.' }],
  async run(ctx, args) {
    await rotateCa(ctx.client, await targetClusterUuid(ctx, args.cluster));
  },
});
