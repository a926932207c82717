/**
 * Declarations from which the parser, the help text, `bash-completion` and the shell
 * completion scripts are all derived. The vocabulary is argparse's, because the
 * reference CLI is an argparse program and its users' muscle memory (prefix matching,
 * `--opt=value`, exclusive groups) is argparse's.
 */
export type OptionAction = 'store' | 'store_true' | 'store_false' | 'append' | 'append_const';

export interface OptionSpec {
  /** Option strings; the first one is used in usage lines and error messages. */
  readonly flags: readonly string[];
  /** Key of the parsed value. */
  readonly dest: string;
  readonly action?: OptionAction;
  readonly metavar?: string;
  /** `undefined` hides the option from help (argparse.SUPPRESS). */
  readonly help?: string;
  readonly type?: 'int' | 'string';
  readonly choices?: readonly string[];
  readonly default?: unknown;
  readonly const?: unknown;
  readonly required?: boolean;
  /**
   * Matched only when spelled out, never as an abbreviation: for the options this port
   * adds to the reference's commands, so that the reference's abbreviations keep their
   * meaning (`--f` is still --fields in cluster-list, not ambiguous with --format).
   */
  readonly exactOnly?: boolean;
  /**
   * An option this client adds to one of the reference's commands (-f/-c, --wait, the
   * `openstack coe` options): kept out of the usage line and the reference's "Options:"
   * section, so those stay byte-identical, and listed after them under "Additional options
   * (this client):". Implies exactOnly.
   */
  readonly addition?: boolean;
}

export interface PositionalSpec {
  readonly dest: string;
  readonly metavar: string;
  /** undefined = exactly one. */
  readonly nargs?: '?' | '+' | '*';
  readonly help?: string;
  /** Converted like an option's type (cluster-resize's <node-count>). */
  readonly type?: 'int' | 'string';
  readonly choices?: readonly string[];
  /**
   * Not required when one of these options (first flags) is given: cluster-update's
   * `<op> <path=value>` beside `openstack coe`'s named flags. Help and usage are unchanged.
   */
  readonly optionalWith?: readonly string[];
}

/** argparse's mutually exclusive group; members are the first flag of options declared in `options`. */
export interface ExclusiveGroup {
  readonly members: readonly string[];
  readonly required?: boolean;
}

export interface ParserSpec {
  prog: string;
  description?: string;
  epilog?: string;
  options: readonly OptionSpec[];
  positionals: readonly PositionalSpec[];
  groups?: readonly ExclusiveGroup[];
}

/** What the parser returns for any declaration; a command sees its own ArgsOf instead. */
export type ParsedValues = Record<string, unknown>;

/*
 * The parsed values' types, from a declaration (wrangler's `createCommand`: the handler's
 * args are inferred from the args declaration). Each rule mirrors what parseArgs and
 * defaults() in ./parse.ts store, so `args.x` is typed as what is really there and a
 * misspelt dest does not compile.
 */

/** An option whose dest (and whatever decides its value's type) the compiler knows: the return type of option helpers. */
export type Option<Dest extends string, Known = unknown> = OptionSpec & { readonly dest: Dest } & Known;
/** The same for a positional. */
export type Positional<Dest extends string, Known = unknown> = PositionalSpec & { readonly dest: Dest } & Known;

/** One converted token: `type: 'int'` → number, `choices` → their union, else the string. */
type ElementOf<S> = S extends { readonly type: 'int' } ? number : S extends { readonly choices: readonly (infer C extends string)[] } ? C : string;
/** A declared default or const as a value type (`default: 1` holds numbers, not only 1). */
type Widened<V> = V extends boolean
  ? boolean
  : V extends string
    ? string
    : V extends number
      ? number
      : V extends readonly (infer E)[]
        ? readonly Widened<E>[]
        : V;
/** What an unset option holds: its default, else null (argparse's None). */
type UnsetOf<O> = O extends { readonly default: infer D } ? Widened<D> : null;

/** The value one option leaves under its dest (distributes over options sharing a dest). */
type OptionValue<O> = O extends { readonly action: 'store_true' | 'store_false' }
  ? boolean | (O extends { readonly default: infer D } ? Widened<D> : never)
  : O extends { readonly action: 'append' }
    ? readonly ElementOf<O>[] | (O extends { readonly default: readonly unknown[] } ? never : null)
    : O extends { readonly action: 'append_const'; readonly const: infer C }
      ? readonly Widened<C>[] | (O extends { readonly default: readonly unknown[] } ? never : null)
      : O extends { readonly required: true }
        ? ElementOf<O>
        : ElementOf<O> | UnsetOf<O>;

/** The value a positional leaves: a list for `*`/`+`, null when it may be absent. */
type PositionalValue<P> = P extends { readonly nargs: '*' | '+' }
  ? readonly ElementOf<P>[]
  : P extends { readonly nargs: '?' } | { readonly optionalWith: readonly string[] }
    ? ElementOf<P> | null
    : ElementOf<P>;

/**
 * The parsed values of a declaration, one readonly key per dest. A dest the compiler only
 * knows as `string` (a helper without an Option<...> return type) gives no key at all, so
 * reading it fails to compile rather than silently becoming an index signature.
 */
export type ArgsOf<O extends readonly OptionSpec[], P extends readonly PositionalSpec[] = readonly []> = {
  readonly [D in O[number]['dest'] as string extends D ? never : D]: OptionValue<Extract<O[number], { readonly dest: D }>>;
} & {
  readonly [D in P[number]['dest'] as string extends D ? never : D]: PositionalValue<Extract<P[number], { readonly dest: D }>>;
};

/** argparse's dest for a long flag: `--docker-volume-size` → `docker_volume_size`. */
export type DefaultDest<Flag extends string> = Flag extends `--${infer Name}` ? Underscored<Name> : never;
type Underscored<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}_${Underscored<Tail>}` : S;

/** DefaultDest at run time. */
export function defaultDest<const Flag extends `--${string}`>(flag: Flag): DefaultDest<Flag> {
  // The one cast: string replacement is not typed, DefaultDest says what it gives.
  return flag.slice(2).replace(/-/g, '_') as DefaultDest<Flag>;
}
