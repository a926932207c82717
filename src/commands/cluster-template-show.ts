import { defineCommand } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { getClusterTemplate, withoutLinks } from '../api/resources';

export const clusterTemplateShow = defineCommand({
  name: 'cluster-template-show',
  pathArgs: { cluster_template: IDENTIFIER.clusterTemplate },
  output: 'show',
  help: 'Show details about the given cluster template.',
  positionals: [{ dest: 'cluster_template', metavar: '<cluster_template>', help: 'ID or name of the cluster template to show.' }],
  async run(ctx, args) {
    const template = await getClusterTemplate(ctx.client, args.cluster_template);
    ctx.render.show(withoutLinks(template));
  },
});
