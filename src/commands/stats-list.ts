import { defineCommand } from './define';
import { getStats } from '../api/resources';

export const statsList = defineCommand({
  name: 'stats-list',
  output: 'show',
  help: 'Show stats for the given project_id',
  options: [{ flags: ['--project-id'], dest: 'project_id', metavar: '<project-id>', help: 'Project ID' }],
  async run(ctx, args) {
    ctx.render.show(await getStats(ctx.client, args.project_id));
  },
});
