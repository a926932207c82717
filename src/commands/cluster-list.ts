import { defineCommand } from './define';
import type { Resource } from '../api/resources';
import { clusterPages } from '../api/resources';
import { fieldsToColumns } from '../output';
import { withClusterIdAlias } from './shared/cluster-id-alias';
import { fieldsOption, limitOption, listFilters, markerOption, SORT_DIR, sortKeyOption } from './shared/list-options';

const COLUMNS = ['uuid', 'name', 'keypair', 'node_count', 'master_count', 'status'];

export const clusterList = defineCommand({
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
    const pages = async function* (): AsyncGenerator<Resource[]> {
      for await (const page of clusterPages(ctx.client, listFilters(args))) yield withClusterIdAlias(page, args);
    };
    await ctx.render.listPages(pages(), (first) => fieldsToColumns(COLUMNS, args.fields, first ? [first] : []));
  },
});
