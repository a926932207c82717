import type { CommandModule } from './types';
import { listClusters } from '../api/resources';
import { fieldsToColumns } from '../output';
import { withClusterIdAlias } from './shared/cluster-id-alias';
import { fieldsOption, limitOption, listFilters, markerOption, SORT_DIR, sortKeyOption } from './shared/list-options';

const COLUMNS = ['uuid', 'name', 'keypair', 'node_count', 'master_count', 'status'];

export const clusterList: CommandModule = {
  name: 'cluster-list',
  output: 'list',
  help: 'Print a list of available clusters.',
  options: [
    markerOption('cluster'),
    limitOption('Maximum number of clusters to return.'),
    sortKeyOption(),
    SORT_DIR,
    fieldsOption('uuid, name, cluster_template_id, stack_id, status, master_count, node_count, links, create_timeout'),
  ],
  async run(ctx, args) {
    const clusters = withClusterIdAlias(await listClusters(ctx.client, listFilters(args)), args);
    const columns = fieldsToColumns(COLUMNS, args.fields as string | null, clusters);
    ctx.render.list(clusters, columns);
  },
};
