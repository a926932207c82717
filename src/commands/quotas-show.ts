import { defineCommand } from './define';
import { getQuota } from '../api/resources';
import { QUOTA_PATH_ARGS, quotaKeyOptions } from './shared/quota-options';

export const quotasShow = defineCommand({
  name: 'quotas-show',
  pathArgs: QUOTA_PATH_ARGS,
  output: 'show',
  help: 'Show details about the given project resource quota.',
  options: quotaKeyOptions('Project ID.', 'Resource name'),
  async run(ctx, args) {
    ctx.render.show(await getQuota(ctx.client, args.project_id, args.resource));
  },
});
