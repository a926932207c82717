/**
 * Declarations from which the parser, the help text, `bash-completion` and the shell
 * completion scripts are all derived. The vocabulary is argparse's, because the
 * reference CLI is an argparse program and its users' muscle memory (prefix matching,
 * `--opt=value`, exclusive groups) is argparse's.
 */
export type OptionAction = 'store' | 'store_true' | 'store_false' | 'append' | 'append_const';

export interface OptionSpec {
  /** Option strings; the first one is used in usage lines and error messages. */
  flags: string[];
  /** Key of the parsed value. */
  dest: string;
  action?: OptionAction;
  metavar?: string;
  /** `undefined` hides the option from help (argparse.SUPPRESS). */
  help?: string;
  type?: 'int' | 'string';
  choices?: readonly string[];
  default?: unknown;
  const?: unknown;
  required?: boolean;
  /**
   * Matched only when spelled out, never as an abbreviation: for the options this port
   * adds to the reference's commands, so that the reference's abbreviations keep their
   * meaning (`--f` is still --fields in cluster-list, not ambiguous with --format).
   */
  exactOnly?: boolean;
  /**
   * An option this client adds to one of the reference's commands (-f/-c, --wait, the
   * `openstack coe` options): kept out of the usage line and the reference's "Options:"
   * section, so those stay byte-identical, and listed after them under "Additional options
   * (this client):". Implies exactOnly.
   */
  addition?: boolean;
}

export interface PositionalSpec {
  dest: string;
  metavar: string;
  /** undefined = exactly one. */
  nargs?: '?' | '+' | '*';
  help?: string;
  /** Converted like an option's type (cluster-resize's <node-count>). */
  type?: 'int' | 'string';
  choices?: readonly string[];
  /**
   * Not required when one of these options (first flags) is given: cluster-update's
   * `<op> <path=value>` beside `openstack coe`'s named flags. Help and usage are unchanged.
   */
  optionalWith?: readonly string[];
}

/** argparse's mutually exclusive group; members are the first flag of options declared in `options`. */
export interface ExclusiveGroup {
  members: string[];
  required?: boolean;
}

export interface ParserSpec {
  prog: string;
  description?: string;
  epilog?: string;
  options: OptionSpec[];
  positionals: PositionalSpec[];
  groups?: ExclusiveGroup[];
}

export type ParsedValues = Record<string, unknown>;
