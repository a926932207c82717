import type { CommandModule } from './types';
import { getStats } from '../api/resources';

export const statsList: CommandModule = {
  name: 'stats-list',
  output: 'show',
  help: 'Show stats for the given project_id',
  options: [{ flags: ['--project-id'], dest: 'project_id', metavar: '<project-id>', help: 'Project ID' }],
  async run(ctx, args) {
    ctx.render.show(await getStats(ctx.client, args.project_id as string | null));
  },
};
