/** `node_labels` and `node_taints` of nodegroups: Magnum API 1.14 (rest_api_version_history). */
import type { Option } from '../../argparse/spec';
import type { MagnumClient } from '../../api/client';

export const NODE_FIELDS_VERSION = '1.14';

/** The parsed nodeFieldOptions. */
export interface NodeFieldArgs {
  readonly node_labels: readonly string[] | null;
  readonly node_taints: readonly string[] | null;
}

/** Before anything is sent: the first of --node-taints/--node-labels given needs 1.14. */
export async function requireNodeFieldsVersion(client: MagnumClient, args: NodeFieldArgs): Promise<void> {
  const flag = args.node_taints != null ? '--node-taints' : args.node_labels != null ? '--node-labels' : null;
  if (flag) await client.requireVersion(NODE_FIELDS_VERSION, flag);
}

/** `--node-labels` and `--node-taints` as CreateNodeGroup/UpdateNodeGroup declare them; `onUpdate` adds "Replaces any existing …". */
export function nodeFieldOptions(
  onUpdate: boolean,
): readonly [Option<'node_labels', { action: 'append' }>, Option<'node_taints', { action: 'append' }>] {
  const replaces = (what: string): string => (onUpdate ? `Replaces any existing node ${what}. ` : '');
  return [
    {
      flags: ['--node-labels'],
      dest: 'node_labels',
      metavar: '<KEY1=VALUE1,KEY2=VALUE2...>',
      action: 'append',
      help:
        'Kubernetes node labels in the form of key=value pairs to apply to every node in this nodegroup. ' +
        `${replaces('labels')}May be used multiple times. Needs API ${NODE_FIELDS_VERSION}.`,
    },
    {
      flags: ['--node-taints'],
      dest: 'node_taints',
      metavar: '<KEY1=VALUE1:EFFECT1,KEY2:EFFECT2...>',
      action: 'append',
      help:
        'Kubernetes node taints to apply to every node in this nodegroup, as KEY[=VALUE]:EFFECT (VALUE is optional). ' +
        `EFFECT must be one of NoSchedule, PreferNoSchedule or NoExecute. ${replaces('taints')}May be used multiple times. ` +
        `Needs API ${NODE_FIELDS_VERSION}.`,
    },
  ];
}
