import type { CommandModule } from './types';
import { updateClusterTemplate, withoutLinks } from '../api/resources';
import { argsArrayToPatch } from './shared/patch';
import { ATTRIBUTES_POSITIONAL, OP_POSITIONAL } from './shared/update-args';

export const clusterTemplateUpdate: CommandModule = {
  name: 'cluster-template-update',
  output: 'show',
  help: 'Updates one or more cluster template attributes.',
  positionals: [
    { dest: 'cluster_template', metavar: '<cluster_template>', help: 'UUID or name of cluster template' },
    OP_POSITIONAL,
    ATTRIBUTES_POSITIONAL,
  ],
  async run(ctx, args) {
    const patch = argsArrayToPatch(args.op as string, args.attributes as string[]);
    // Errors are not caught here, as in the reference (`magnumclient/v1/cluster_templates_shell.py do_cluster_template_update`): `ERROR: <str(e)>`, exit 1.
    const template = await updateClusterTemplate(ctx.client, args.cluster_template as string, patch);
    ctx.render.show(withoutLinks(template));
  },
};
