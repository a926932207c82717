import { defineCommand } from './define';
import { createQuota } from '../api/resources';
import { ApiError } from '../api/errors';
import { HARD_LIMIT, quotaBody, quotaKeyOptions } from './shared/quota-options';

export const quotasCreate = defineCommand({
  name: 'quotas-create',
  output: 'show',
  help: 'Create a quota.',
  options: [...quotaKeyOptions('Project Id.', 'Resource name.'), HARD_LIMIT],
  async run(ctx, args) {
    try {
      ctx.render.show(await createQuota(ctx.client, quotaBody(args)));
    } catch (e) {
      // The reference's line with the server's full message (e.details), on stdout (`magnumclient/v1/quotas_shell.py`); exit 1.
      if (!(e instanceof ApiError)) throw e;
      ctx.io.out(`Create quota for project_id ${args.project_id} resource ${args.resource} failed: ${e.detailsOrSummary}\n`);
      ctx.exitCode = 1;
    }
  },
});
