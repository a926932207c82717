/** Options shared by cluster and cluster-template commands. */
import type { ExclusiveGroup, OptionSpec } from '../../argparse/spec';
import { CommandError } from '../../errors';

/**
 * A deprecated `--<name>-id` option and its replacement `--<name>`, sharing one dest
 * (cliutils.deprecation_map: declared as a mutually exclusive pair, shell.py:370-378).
 * `extra` (a default) applies to both, as the reference declares it on both.
 */
export function deprecatedPair(name: string, help: string, extra: Partial<OptionSpec> = {}): OptionSpec[] {
  const dest = name.replace(/-/g, '_');
  const metavar = `<${name}>`;
  return [
    {
      flags: [`--${name}-id`],
      dest,
      metavar,
      help: `${help} This parameter is deprecated and will be removed in a future release. Use --${name} instead.`,
      ...extra,
    },
    { flags: [`--${name}`], dest, metavar, help, ...extra },
  ];
}

/** The group of a deprecatedPair (required when the reference's old option was required). */
export function deprecatedPairGroup(name: string, required = false): ExclusiveGroup {
  return { members: [`--${name}-id`, `--${name}`], required };
}

/** The deprecated `--keypair-id` and its replacement, a mutually exclusive pair. */
export function keypairOptions(help: string): OptionSpec[] {
  return deprecatedPair('keypair', help);
}

export const KEYPAIR_GROUP: ExclusiveGroup = deprecatedPairGroup('keypair');

export function labelsOption(what: string): OptionSpec {
  return {
    flags: ['--labels'],
    dest: 'labels',
    metavar: '<KEY1=VALUE1,KEY2=VALUE2;KEY3=VALUE3...>',
    action: 'append',
    help: `Arbitrary labels in the form of key=value pairs to associate with a ${what}. May be used multiple times.`,
  };
}

/**
 * A `--<x>-enabled` / `--<x>-disabled` pair appending into one list, as `openstack coe`
 * declares them (append_const), so that giving both can be reported by `pairValue`.
 */
export function enabledDisabledPair(name: string, dest: string, enabledHelp: string, disabledHelp: string, extra: Partial<OptionSpec> = {}): OptionSpec[] {
  const base = { dest, action: 'append_const' as const, default: [], ...extra };
  return [
    { flags: [`--${name}-enabled`], const: true, help: enabledHelp, ...base },
    { flags: [`--${name}-disabled`], const: false, help: disabledHelp, ...base },
  ];
}

/** The value of an enabledDisabledPair: undefined when neither was given; both is InvalidAttribute's message. */
export function pairValue(values: unknown, name: string): boolean | undefined {
  const list = Array.isArray(values) ? (values as boolean[]) : [];
  if (list.length > 1) {
    throw new CommandError(`--${name}-enabled and --${name}-disabled are mutually exclusive and should be specified only once.`);
  }
  return list[0];
}
