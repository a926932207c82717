import { defineCommand } from './define';
import { clusterTemplatePages } from '../api/resources';
import { fieldsToColumns } from '../output';
import { fieldsOption, limitOption, listFilters, SORT_DIR, sortKeyOption } from './shared/list-options';

/** basemodels.OUTPUT_ATTRIBUTES: the --detail columns, raw names (`magnumclient/v1/cluster_templates_shell.py do_cluster_template_list`). */
export const DETAIL_COLUMNS = [
  'name',
  'image_id',
  'flavor_id',
  'master_flavor_id',
  'keypair_id',
  'external_network_id',
  'fixed_network',
  'fixed_subnet',
  'dns_nameserver',
  'docker_volume_size',
  'labels',
  'coe',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'network_driver',
  'tls_disabled',
  'public',
  'registry_enabled',
  'volume_driver',
  'server_type',
  'docker_storage_driver',
  'master_lb_enabled',
  'floating_ip_enabled',
  'hidden',
  'tags',
  'apiserver_port',
  'created_at',
  'insecure_registry',
  'links',
  'updated_at',
  'cluster_distro',
  'uuid',
];

export const clusterTemplateList = defineCommand({
  name: 'cluster-template-list',
  output: 'list',
  help: 'Print a list of cluster templates.',
  options: [
    limitOption('Maximum number of cluster templates to return'),
    sortKeyOption('Column to sort results by'),
    SORT_DIR,
    fieldsOption('uuid, name, coe, image_id, public, link, apiserver_port, server_type, tls_disabled, registry_enabled'),
    { flags: ['--detail'], dest: 'detail', action: 'store_true', help: 'Show detailed information about the cluster templates.' },
  ],
  async run(ctx, args) {
    const detail = args.detail;
    const defaults = detail ? DETAIL_COLUMNS : ['uuid', 'name'];
    await ctx.render.listPages(clusterTemplatePages(ctx.client, { ...listFilters(args), detail }), (first) =>
      fieldsToColumns(defaults, args.fields, first ? [first] : []),
    );
  },
});
