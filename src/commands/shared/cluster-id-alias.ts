/**
 * `stack_id` and `cluster_id` are one column under two names: Magnum API 1.13 renamed
 * `stack_id` to `cluster_id` in cluster bodies (rest_api_version_history 1.13), so a server
 * answers with one or the other. A script's `-c stack_id` or `--fields cluster_id` works on
 * either generation: the name asked for is filled from the other when the cluster lacks it.
 * Nothing is added unless asked for, so the default tables stay what the reference prints.
 */
import type { Resource } from '../../api/resources';

const ALIASES: Record<string, string> = { stack_id: 'cluster_id', cluster_id: 'stack_id' };

/** What names the columns: -c/--column (every list and show command) and --fields (cluster-list only). */
export interface ColumnArgs {
  readonly column: readonly string[];
  readonly fields?: string | null;
}

/** The names asked for with -c/--column and --fields. */
function askedNames(args: ColumnArgs): string[] {
  const fields = typeof args.fields === 'string' ? args.fields.split(',') : [];
  return [...args.column, ...fields];
}

export function withClusterIdAlias<T extends Resource>(clusters: T[], args: ColumnArgs): T[] {
  const wanted = askedNames(args).filter((name) => name in ALIASES);
  if (wanted.length === 0) return clusters;
  for (const cluster of clusters) {
    for (const name of wanted) {
      const other = ALIASES[name];
      if (!Object.prototype.hasOwnProperty.call(cluster, name) && Object.prototype.hasOwnProperty.call(cluster, other)) {
        (cluster as Resource)[name] = cluster[other];
      }
    }
  }
  return clusters;
}
