/**
 * The delete loop of cluster-delete and cluster-template-delete (`magnumclient/v1/cluster_templates_shell.py do_cluster_template_delete`,
 * `magnumclient/v1/clusters_shell.py do_cluster_delete`, docs/reference-behaviour.md, Success and failure lines of the magnum shell): one line per identifier, failures do not stop the loop. The reference
 * exits 0 whatever happened; we exit 1 when any delete failed.
 */
import type { CommandContext } from '../types';

export async function deleteEach(
  ctx: CommandContext,
  what: string,
  identifiers: readonly string[],
  remove: (id: string) => Promise<void>,
): Promise<void> {
  for (const id of identifiers) {
    try {
      await remove(id);
      ctx.io.out(`Request to delete ${what} ${id} has been accepted.\n`);
    } catch (e) {
      ctx.io.out(`Delete for ${what} ${id} failed: ${(e as Error).message}\n`);
      ctx.exitCode = 1;
    }
  }
}
