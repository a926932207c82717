import { defineCommand } from './define';
import { updateQuota } from '../api/resources';
import { QUOTA_PATH_ARGS, HARD_LIMIT, quotaBody, quotaKeyOptions } from './shared/quota-options';

export const quotasUpdate = defineCommand({
  name: 'quotas-update',
  pathArgs: QUOTA_PATH_ARGS,
  output: 'show',
  help: 'Update information about the given project resource quota.',
  options: [...quotaKeyOptions('Project Id.', 'Resource name.'), HARD_LIMIT],
  async run(ctx, args) {
    // Errors are not caught, as in the reference (`magnumclient/v1/quotas_shell.py`).
    const quota = await updateQuota(ctx.client, args.project_id, args.resource, quotaBody(args));
    ctx.render.show(quota);
  },
});
