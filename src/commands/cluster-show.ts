import { defineCommand } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { withClusterIdAlias } from './shared/cluster-id-alias';
import { getCluster, getClusterTemplate, withoutLinks } from '../api/resources';

export const clusterShow = defineCommand({
  name: 'cluster-show',
  pathArgs: { cluster: IDENTIFIER.cluster },
  output: 'show',
  help: 'Show details about the given cluster.',
  positionals: [{ dest: 'cluster', metavar: '<cluster>', help: 'ID or name of the cluster to show.' }],
  options: [{ flags: ['--long'], dest: 'long', action: 'store_true', help: 'Display extra associated cluster template info.' }],
  async run(ctx, args) {
    const found = await getCluster(ctx.client, args.cluster);
    const [cluster] = withClusterIdAlias([withoutLinks(found)], args);
    if (args.long) {
      // `--long` appends clustertemplate_<key> rows, template order, minus links and uuid (`magnumclient/v1/clusters_shell.py do_cluster_show`).
      const template = await getClusterTemplate(ctx.client, found.cluster_template_id);
      for (const [key, value] of Object.entries(template)) {
        if (key === 'links' || key === 'uuid') continue;
        if (!(`clustertemplate_${key}` in cluster)) cluster[`clustertemplate_${key}`] = value;
      }
    }
    ctx.render.show(cluster);
  },
});
