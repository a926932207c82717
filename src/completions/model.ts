/**
 * The shell-neutral view of the command table that the bash, zsh and fish generators
 * share: which words each command offers, which options take a value, and what kind of
 * value each option and positional takes. Deciding that once keeps the three scripts
 * in agreement.
 */
import type { ExclusiveGroup, OptionSpec, PositionalSpec } from '../argparse/spec';

/** What the generators need of a command (a CommandModule is one). */
export interface CompletionCommand {
  name: string;
  help: string;
  options?: readonly OptionSpec[];
  positionals?: readonly PositionalSpec[];
  groups?: readonly ExclusiveGroup[];
  hidden?: boolean;
}

/** Resources that `magnum __complete <resource>` prints the names of. */
export type NameResource = 'clusters' | 'cluster-templates';

export type ValueKind =
  | { kind: 'none' }
  | { kind: 'words'; words: readonly string[] }
  | { kind: 'names'; resource: NameResource }
  | { kind: 'file' }
  | { kind: 'directory' }
  | { kind: 'subcommand' };

export interface CompletionOption {
  flags: readonly string[];
  /** One line for the shells that show descriptions. */
  description: string;
  /** The metavar without its angle brackets, or the dest. */
  valueName: string;
  /** Present when the option takes a value. */
  value?: ValueKind;
  /**
   * Offered as a completion. Options hidden from help are offered too (the port's -f/-c
   * and --wait are hidden only to keep the reference's help byte-identical), except an
   * underscore spelling kept beside its dashed twin (--service_type).
   */
  offered: boolean;
  /** `append` options may be given more than once. */
  repeatable: boolean;
  /** Flags of the options it is mutually exclusive with. */
  excludes: readonly string[];
}

export interface CompletionPositional {
  valueName: string;
  value: ValueKind;
  optional: boolean;
  /** nargs + or *: this positional takes every remaining word. */
  repeats: boolean;
}

export interface CompletionCommandModel {
  name: string;
  description: string;
  options: CompletionOption[];
  positionals: CompletionPositional[];
}

export interface CompletionModel {
  commands: CompletionCommandModel[];
  globals: CompletionOption[];
  /** Global flags passed on to `magnum __complete` (they choose the cloud and how to reach it). */
  forwardedGlobals: string[];
}

const HELP_FLAGS = ['-h', '--help'];
const HELP_DESCRIPTION = 'show this help message and exit';

/** Options whose value is a path (by first flag): ca-sign --csr, --os-cacert, cluster-config --dir. */
const FILE_OPTIONS = new Set(['--csr', '--os-cacert']);
const DIRECTORY_OPTIONS = new Set(['--dir']);

/** Metavars the reference uses for cluster and cluster template names (magnum_help_all.txt). */
const CLUSTER_METAVARS = new Set(['<cluster>', '<clusters>']);
const TEMPLATE_METAVARS = new Set(['<cluster_template>', '<cluster_templates>', '<cluster-template>']);

/** Global options that must not reach `__complete`: they would print help or a version instead of names. */
const NOT_FORWARDED = new Set(['help', 'version', 'debug']);

function takesValue(opt: OptionSpec): boolean {
  return opt.action === undefined || opt.action === 'store' || opt.action === 'append';
}

/** The first sentence of a help text, on one line, without its final full stop. */
export function summary(help: string | undefined): string {
  if (help === undefined) return '';
  const text = help.replace(/\s+/g, ' ').trim();
  const end = text.search(/\.\s/);
  const sentence = end >= 0 ? text.slice(0, end) : text;
  return sentence.replace(/\.$/, '');
}

function valueName(metavar: string | undefined, dest: string): string {
  if (metavar === undefined) return dest;
  return metavar.replace(/^<(.*)>$/, '$1');
}

function optionValueKind(opt: OptionSpec): ValueKind {
  if (opt.choices && opt.choices.length > 0) return { kind: 'words', words: opt.choices };
  if (opt.flags.includes('--cluster') || (opt.metavar !== undefined && CLUSTER_METAVARS.has(opt.metavar))) {
    return { kind: 'names', resource: 'clusters' };
  }
  if (opt.flags.includes('--cluster-template') || (opt.metavar !== undefined && TEMPLATE_METAVARS.has(opt.metavar))) {
    return { kind: 'names', resource: 'cluster-templates' };
  }
  if (FILE_OPTIONS.has(opt.flags[0])) return { kind: 'file' };
  if (DIRECTORY_OPTIONS.has(opt.flags[0])) return { kind: 'directory' };
  return { kind: 'none' };
}

function positionalValueKind(pos: PositionalSpec): ValueKind {
  if (pos.choices && pos.choices.length > 0) return { kind: 'words', words: pos.choices };
  if (CLUSTER_METAVARS.has(pos.metavar)) return { kind: 'names', resource: 'clusters' };
  if (TEMPLATE_METAVARS.has(pos.metavar)) return { kind: 'names', resource: 'cluster-templates' };
  if (pos.metavar === '<subcommand>') return { kind: 'subcommand' };
  return { kind: 'none' };
}

function excludedBy(opt: OptionSpec, groups: readonly ExclusiveGroup[]): string[] {
  const excluded: string[] = [];
  for (const group of groups) {
    if (!group.members.includes(opt.flags[0])) continue;
    for (const member of group.members) if (member !== opt.flags[0]) excluded.push(member);
  }
  return excluded;
}

/** True when every flag of `opt` is an underscore spelling of a flag another option has. */
function isUnderscoreTwin(opt: OptionSpec, all: readonly OptionSpec[]): boolean {
  const dashed = (flag: string) => `--${flag.slice(2).replace(/_/g, '-')}`;
  return opt.flags.every((flag) => flag.includes('_') && all.some((other) => other !== opt && other.flags.includes(dashed(flag))));
}

function completionOption(opt: OptionSpec, all: readonly OptionSpec[], groups: readonly ExclusiveGroup[]): CompletionOption {
  const isHelp = opt.flags.some((f) => HELP_FLAGS.includes(f));
  return {
    flags: opt.flags,
    description: isHelp && opt.help === undefined ? HELP_DESCRIPTION : summary(opt.help),
    valueName: valueName(opt.metavar, opt.dest),
    value: takesValue(opt) ? optionValueKind(opt) : undefined,
    offered: !isUnderscoreTwin(opt, all),
    repeatable: opt.action === 'append',
    excludes: excludedBy(opt, groups),
  };
}

/** argparse gives every subparser -h/--help; the command table does not declare it. */
function withHelpOption(options: readonly OptionSpec[]): OptionSpec[] {
  if (options.some((o) => o.flags.includes('--help'))) return [...options];
  return [...options, { flags: HELP_FLAGS, dest: 'help', action: 'store_true', help: HELP_DESCRIPTION }];
}

export function completionModel(commands: readonly CompletionCommand[], globals: readonly OptionSpec[]): CompletionModel {
  return {
    commands: commands
      .filter((c) => !c.hidden)
      .map((c) => ({
        name: c.name,
        description: summary(c.help),
        options: withHelpOption(c.options ?? []).map((o, _, all) => completionOption(o, all, c.groups ?? [])),
        positionals: (c.positionals ?? []).map((p) => ({
          valueName: valueName(p.metavar, p.dest),
          value: positionalValueKind(p),
          optional: p.nargs === '?' || p.nargs === '*',
          repeats: p.nargs === '+' || p.nargs === '*',
        })),
      })),
    globals: globals.map((o) => completionOption(o, globals, [])),
    forwardedGlobals: globals.filter((o) => !NOT_FORWARDED.has(o.dest)).flatMap((o) => o.flags),
  };
}

/** Every flag of `options` that takes a value (offered or not: all of them must be skipped with their value). */
export function valuedFlags(options: readonly CompletionOption[]): string[] {
  return options.filter((o) => o.value !== undefined).flatMap((o) => o.flags);
}

/** The flags offered as completions. */
export function offeredFlags(options: readonly CompletionOption[]): string[] {
  return options.filter((o) => o.offered).flatMap((o) => o.flags);
}
