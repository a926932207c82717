/**
 * The delete loop of cluster-delete, cluster-template-delete and nodegroup-delete
 * (`magnumclient/v1/clusters_shell.py do_cluster_delete`, `magnumclient/v1/cluster_templates_shell.py
 * do_cluster_template_delete`, docs/reference-behaviour.md, Success and failure lines of the magnum
 * shell): one line per identifier, failures do not stop the loop. The reference exits 0 whatever
 * happened; we exit 1 when any delete failed.
 *
 * The reference deletes one after the other; we send up to DELETE_CONCURRENCY requests at
 * a time (each is a round trip to the server, independent of the others) but print the
 * lines exactly as the reference does: in the order the names were given, each as soon as
 * it and every line before it are known. A name given twice is sent again only after its
 * first occurrence has been answered, as in the reference; a name and the UUID of the same
 * resource cannot be told apart without a lookup and do race (docs/performance.md).
 */
import type { CommandContext } from '../types';
import { eachInOrder } from './each-in-order';

/** Requests in flight at once: enough to hide round trips, few enough not to flood the API. */
export const DELETE_CONCURRENCY = 8;

/** Deletes each identifier; resolves to the accepted ones, in the order given. */
export async function deleteEach(
  ctx: CommandContext,
  what: string,
  identifiers: readonly string[],
  remove: (id: string) => Promise<void>,
): Promise<string[]> {
  const accepted: string[] = [];
  const previous = new Map<string, Promise<unknown>>();
  const removeAfterSameName = (id: string): Promise<void> => {
    const before = previous.get(id);
    const done = before ? before.then(() => remove(id)) : remove(id);
    previous.set(
      id,
      done.catch(() => undefined),
    );
    return done;
  };
  await eachInOrder(identifiers, DELETE_CONCURRENCY, removeAfterSameName, (id, outcome) => {
    if (outcome.ok) {
      accepted.push(id);
      ctx.io.out(`Request to delete ${what} ${id} has been accepted.\n`);
    } else {
      ctx.io.out(`Delete for ${what} ${id} failed: ${(outcome.error as Error).message}\n`);
      ctx.exitCode = 1;
    }
  });
  return accepted;
}
