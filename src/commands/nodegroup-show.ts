/** nodegroup-show: GET /v1/clusters/<cluster>/nodegroups/<nodegroup>, shown like cluster-show (without links). */
import { defineCommand } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { getNodegroup, withoutLinks } from '../api/resources';

export const nodegroupShow = defineCommand({
  name: 'nodegroup-show',
  pathArgs: { cluster: IDENTIFIER.cluster, nodegroup: IDENTIFIER.nodegroup },
  output: 'show',
  help: 'Show details about the given nodegroup.',
  extension: true,
  positionals: [
    { dest: 'cluster', metavar: '<cluster>', help: 'ID or name of the cluster where the nodegroup belongs.' },
    { dest: 'nodegroup', metavar: '<nodegroup>', help: 'ID or name of the nodegroup to show.' },
  ],
  async run(ctx, args) {
    ctx.render.show(withoutLinks(await getNodegroup(ctx.client, args.cluster, args.nodegroup)));
  },
});
