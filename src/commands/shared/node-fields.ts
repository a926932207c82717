/** `node_labels` and `node_taints` of nodegroups: Magnum API 1.14 (rest_api_version_history). */
import type { ParsedValues } from '../../argparse/spec';
import type { MagnumClient } from '../../api/client';

export const NODE_FIELDS_VERSION = '1.14';

/** Before anything is sent: the first of --node-taints/--node-labels given needs 1.14. */
export async function requireNodeFieldsVersion(client: MagnumClient, args: ParsedValues): Promise<void> {
  const flag = args.node_taints != null ? '--node-taints' : args.node_labels != null ? '--node-labels' : null;
  if (flag) await client.requireVersion(NODE_FIELDS_VERSION, flag);
}
