/** Options shared by cluster and cluster-template commands. */
import type { ExclusiveGroup, OptionSpec } from '../../argparse/spec';

/** The deprecated `--keypair-id` and its replacement, a mutually exclusive pair (shell.py:370-378). */
export function keypairOptions(help: string): OptionSpec[] {
  return [
    {
      flags: ['--keypair-id'],
      dest: 'keypair',
      metavar: '<keypair>',
      help: `${help} This parameter is deprecated and will be removed in a future release. Use --keypair instead.`,
    },
    { flags: ['--keypair'], dest: 'keypair', metavar: '<keypair>', help },
  ];
}

export const KEYPAIR_GROUP: ExclusiveGroup = { members: ['--keypair-id', '--keypair'] };

export function labelsOption(what: string): OptionSpec {
  return {
    flags: ['--labels'],
    dest: 'labels',
    metavar: '<KEY1=VALUE1,KEY2=VALUE2;KEY3=VALUE3...>',
    action: 'append',
    help: `Arbitrary labels in the form of key=value pairs to associate with a ${what}. May be used multiple times.`,
  };
}
