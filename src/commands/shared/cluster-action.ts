/**
 * The common run of cluster-resize and cluster-upgrade (`openstack coe cluster resize`
 * and `upgrade`, `magnumclient/osc/v1`): GET the cluster for its UUID, POST the action, print
 * the accepted line with the cluster as the user named it, then `--wait` if asked.
 */
import type { MagnumClient } from '../../api/client';
import { getCluster } from '../../api/resources';
import { waitSettings, type WaitArgs } from '../../wait/options';
import { waitUntilDone } from '../../wait/poll';
import { clusterTarget } from '../../wait/targets';
import type { CommandContext } from '../types';

export async function runClusterAction(
  ctx: CommandContext,
  args: WaitArgs & { readonly cluster: string },
  verb: 'resize' | 'upgrade',
  send: (client: MagnumClient, uuid: string) => Promise<unknown>,
): Promise<void> {
  const wait = waitSettings(args);
  const name = args.cluster;
  const cluster = await getCluster(ctx.client, name);
  const uuid = cluster.uuid;
  await send(ctx.client, uuid);
  ctx.io.out(`Request to ${verb} cluster ${name} has been accepted.\n`);
  // The GET above is the snapshot that tells a settled status from this action's result.
  if (wait) await waitUntilDone(ctx, clusterTarget(ctx.client, uuid, name, 'update', cluster), wait);
}
