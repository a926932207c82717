/** Options shared by cluster and cluster-template commands. */
import type { DefaultDest, ExclusiveGroup, Option, OptionSpec } from '../../argparse/spec';
import { defaultDest } from '../../argparse/spec';
import { CommandError } from '../../errors';

/** The two options of a deprecatedPair; `Known` says whether they have a default. */
type DeprecatedPair<Name extends string, Known> = readonly [Option<DefaultDest<`--${Name}`>, Known>, Option<DefaultDest<`--${Name}`>, Known>];

/**
 * A deprecated `--<name>-id` option and its replacement `--<name>`, sharing one dest
 * (cliutils.deprecation_map: declared as a mutually exclusive pair, shell.py:370-378).
 * A default applies to both, as the reference declares it on both.
 */
export function deprecatedPair<const Name extends string>(name: Name, help: string): DeprecatedPair<Name, unknown>;
export function deprecatedPair<const Name extends string>(name: Name, help: string, defaultValue: string): DeprecatedPair<Name, { default: string }>;
export function deprecatedPair(name: string, help: string, defaultValue?: string): readonly OptionSpec[] {
  const dest = defaultDest(`--${name}`);
  const metavar = `<${name}>`;
  const extra = defaultValue === undefined ? {} : { default: defaultValue };
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
export function keypairOptions(help: string): DeprecatedPair<'keypair', unknown> {
  return deprecatedPair('keypair', help);
}

export const KEYPAIR_GROUP: ExclusiveGroup = deprecatedPairGroup('keypair');

/** `--labels`; with a `[]` default (cluster-template-create) an absent option is an empty list, not null. */
export function labelsOption(what: string): Option<'labels', { action: 'append' }>;
export function labelsOption(what: string, emptyDefault: readonly []): Option<'labels', { action: 'append'; default: readonly [] }>;
export function labelsOption(what: string, emptyDefault?: readonly []): OptionSpec {
  return {
    flags: ['--labels'],
    dest: 'labels',
    metavar: '<KEY1=VALUE1,KEY2=VALUE2;KEY3=VALUE3...>',
    action: 'append',
    help: `Arbitrary labels in the form of key=value pairs to associate with a ${what}. May be used multiple times.`,
    ...(emptyDefault ? { default: emptyDefault } : {}),
  };
}

/**
 * A `--<x>-enabled` / `--<x>-disabled` pair appending into one list, as `openstack coe`
 * declares them (append_const), so that giving both can be reported by `pairValue`.
 */
type AppendConst<Dest extends string, Const extends boolean> = Option<Dest, { action: 'append_const'; const: Const; default: readonly [] }>;

export function enabledDisabledPair<const Dest extends string>(
  name: string,
  dest: Dest,
  enabledHelp: string,
  disabledHelp: string,
  extra: { addition?: boolean } = {},
): readonly [AppendConst<Dest, true>, AppendConst<Dest, false>] {
  const base = { dest, action: 'append_const', default: [], ...extra } satisfies Partial<AppendConst<Dest, boolean>>;
  return [
    { flags: [`--${name}-enabled`], const: true, help: enabledHelp, ...base },
    { flags: [`--${name}-disabled`], const: false, help: disabledHelp, ...base },
  ];
}

/** The value of an enabledDisabledPair: undefined when neither was given; both is InvalidAttribute's message. */
export function pairValue(list: readonly boolean[], name: string): boolean | undefined {
  if (list.length > 1) {
    throw new CommandError(`--${name}-enabled and --${name}-disabled are mutually exclusive and should be specified only once.`);
  }
  return list[0];
}
