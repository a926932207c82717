import { defineCommand } from './define';
import { deleteQuota } from '../api/resources';
import { ApiError } from '../api/errors';
import { QUOTA_PATH_ARGS, quotaKeyOptions } from './shared/quota-options';

export const quotasDelete = defineCommand({
  name: 'quotas-delete',
  pathArgs: QUOTA_PATH_ARGS,
  help: 'Delete specified resource quota.',
  options: quotaKeyOptions('Project ID.', 'Resource name'),
  async run(ctx, args) {
    const what = `project id ${args.project_id} and resource ${args.resource}`;
    try {
      await deleteQuota(ctx.client, args.project_id, args.resource);
      ctx.io.out(`Request to delete quota for ${what} has been accepted.\n`);
    } catch (e) {
      // Sic: a space before the colon and none after (`magnumclient/v1/quotas_shell.py`). Exit 1, unlike the reference.
      if (!(e instanceof ApiError)) throw e;
      ctx.io.out(`Quota delete failed for ${what} :${e.detailsOrSummary}\n`);
      ctx.exitCode = 1;
    }
  },
});
