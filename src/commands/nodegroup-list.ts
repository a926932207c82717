/**
 * nodegroup-list: `openstack coe nodegroup list` in the magnum shell (`magnumclient/osc/v1`):
 * GET /v1/clusters/<cluster>/nodegroups/[?filters], the columns of ListNodeGroup, in a
 * magnum print_list table (server order, `-` for None).
 */
import { defineCommand } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { nodegroupPages } from '../api/resources';
import { limitOption, listFilters, markerOption, SORT_DIR, sortKeyOption } from './shared/list-options';

const COLUMNS = ['uuid', 'name', 'flavor_id', 'image_id', 'node_count', 'status', 'role'];

export const nodegroupList = defineCommand({
  name: 'nodegroup-list',
  pathArgs: { cluster: IDENTIFIER.cluster },
  output: 'list',
  help: 'Print a list of nodegroups of a cluster.',
  extension: true,
  positionals: [{ dest: 'cluster', metavar: '<cluster>', help: 'ID or name of the cluster where the nodegroup belongs.' }],
  options: [
    markerOption('nodegroup'),
    limitOption('Maximum number of nodegroups to return.'),
    sortKeyOption(),
    SORT_DIR,
    { flags: ['--role'], dest: 'role', metavar: '<role>', help: 'List the nodegroups in the cluster with this role.' },
  ],
  async run(ctx, args) {
    const pages = nodegroupPages(ctx.client, args.cluster, { ...listFilters(args), role: args.role });
    await ctx.render.listPages(pages, () => COLUMNS);
  },
});
