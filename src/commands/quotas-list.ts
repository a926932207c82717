import { defineCommand } from './define';
import { quotaPages } from '../api/resources';
import { limitOption, listFilters, markerOption, SORT_DIR, sortKeyOption } from './shared/list-options';

export const quotasList = defineCommand({
  name: 'quotas-list',
  output: 'list',
  help: 'Print a list of available quotas.',
  options: [
    markerOption('quota'),
    limitOption('Maximum number of quotas to return.'),
    sortKeyOption(),
    SORT_DIR,
    { flags: ['--all-tenants'], dest: 'all_tenants', action: 'store_true', help: 'Flag to indicate list all tenant quotas.' },
  ],
  async run(ctx, args) {
    const pages = quotaPages(ctx.client, { ...listFilters(args), allTenants: args.all_tenants });
    await ctx.render.listPages(pages, () => ['project_id', 'resource', 'hard_limit']);
  },
});
