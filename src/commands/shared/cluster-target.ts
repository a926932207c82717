/**
 * The cluster the ca-* commands act on (certificates_shell._get_target_uuid,
 * `magnumclient/v1/certificates_shell.py do_ca_show`, `magnumclient/v1/certificates_shell.py do_ca_sign`, `magnumclient/v1/certificates_shell.py do_ca_rotate`): no cluster named is MissingArgs (the main help, then
 * `Missing arguments: --cluster`); otherwise the cluster is fetched for its uuid.
 */
import type { CommandContext } from '../types';
import { getCluster, type CertificateView } from '../../api/resources';
import { ArgumentsError } from '../../errors';
import { IDENTIFIER, type PathArg } from '../../api/identifiers';

/** The ca-* commands' cluster: an empty one is MissingArgs (below), anything else is checked like any path segment. */
export const CLUSTER_OR_MISSING: PathArg = { what: IDENTIFIER.cluster, emptyIsMissing: true };

export async function targetClusterUuid(ctx: CommandContext, cluster: string | null): Promise<string> {
  // Python's truthiness: an empty name counts as none.
  if (!cluster) throw new ArgumentsError('Missing arguments: --cluster', null);
  return (await getCluster(ctx.client, cluster)).uuid;
}

/** `print(certificate.pem)`: the PEM as the server sent it, plus one newline. */
export function pemLine(certificate: CertificateView): string {
  return `${certificate.pem}\n`;
}
