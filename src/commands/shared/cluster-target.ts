/**
 * The cluster the ca-* commands act on (certificates_shell._get_target_uuid,
 * `magnumclient/v1/certificates_shell.py do_ca_show`, `magnumclient/v1/certificates_shell.py do_ca_sign`, `magnumclient/v1/certificates_shell.py do_ca_rotate`): no cluster named is MissingArgs (the main help, then
 * `Missing arguments: --cluster`); otherwise the cluster is fetched for its uuid.
 */
import type { CommandContext } from '../types';
import { getCluster } from '../../api/resources';
import { ArgumentsError } from '../../errors';

export async function targetClusterUuid(ctx: CommandContext, cluster: string | null): Promise<string> {
  // Python's truthiness: an empty name counts as none.
  if (!cluster) throw new ArgumentsError('Missing arguments: --cluster', null);
  const found = await getCluster(ctx.client, cluster);
  return String(found.uuid);
}

/** `print(certificate.pem)`: the PEM as the server sent it, plus one newline. */
export function pemLine(certificate: Record<string, unknown>): string {
  return `${String(certificate.pem)}\n`;
}
