import { defineCommand } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { updateClusterTemplate, withoutLinks } from '../api/resources';
import { argsArrayToPatch } from './shared/patch';
import { ATTRIBUTES_POSITIONAL, OP_POSITIONAL } from './shared/update-args';

// `openstack coe cluster template update --hidden|--visible` (osc/v1/cluster_templates.py).
const NAMED_FLAGS = ['--hidden', '--visible'];

export const clusterTemplateUpdate = defineCommand({
  name: 'cluster-template-update',
  pathArgs: { cluster_template: IDENTIFIER.clusterTemplate },
  output: 'show',
  help: 'Updates one or more cluster template attributes.',
  positionals: [
    { dest: 'cluster_template', metavar: '<cluster_template>', help: 'UUID or name of cluster template' },
    // Optional when --hidden or --visible says what to change.
    { ...OP_POSITIONAL, optionalWith: NAMED_FLAGS },
    { ...ATTRIBUTES_POSITIONAL, optionalWith: NAMED_FLAGS },
  ],
  options: [
    // One dest, so the last of the two wins, as in `openstack coe`.
    { flags: ['--hidden'], dest: 'hidden', action: 'store_true', default: null, help: 'Hide the cluster template.', addition: true },
    { flags: ['--visible'], dest: 'hidden', action: 'store_false', default: null, help: 'Make the cluster template visible.', addition: true },
  ],
  async run(ctx, args) {
    const patch = args.op == null ? [] : argsArrayToPatch(args.op, args.attributes);
    if (typeof args.hidden === 'boolean') patch.push({ op: 'replace', path: '/hidden', value: args.hidden });
    // Errors are not caught here, as in the reference (`magnumclient/v1/cluster_templates_shell.py do_cluster_template_update`): `ERROR: <str(e)>`, exit 1.
    const template = await updateClusterTemplate(ctx.client, args.cluster_template, patch);
    ctx.render.show(withoutLinks(template));
  },
});
