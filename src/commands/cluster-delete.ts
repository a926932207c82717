import type { CommandModule } from './types';
import { deleteCluster } from '../api/resources';
import { deleteEach } from './shared/delete-each';

export const clusterDelete: CommandModule = {
  name: 'cluster-delete',
  help: 'Delete specified cluster.',
  positionals: [{ dest: 'cluster', metavar: '<cluster>', nargs: '+', help: 'ID or name of the (cluster)s to delete.' }],
  async run(ctx, args) {
    await deleteEach(ctx, 'cluster', args.cluster as string[], (id) => deleteCluster(ctx.client, id));
  },
};
