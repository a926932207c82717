import { defineCommand } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { deleteClusterTemplate } from '../api/resources';
import { deleteEach } from './shared/delete-each';

export const clusterTemplateDelete = defineCommand({
  name: 'cluster-template-delete',
  pathArgs: { cluster_templates: IDENTIFIER.clusterTemplate },
  help: 'Delete specified cluster template.',
  positionals: [{ dest: 'cluster_templates', metavar: '<cluster_templates>', nargs: '+', help: 'ID or name of the (cluster template)s to delete.' }],
  async run(ctx, args) {
    await deleteEach(ctx, 'cluster template', args.cluster_templates, (id) => deleteClusterTemplate(ctx.client, id));
  },
});
