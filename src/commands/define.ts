/**
 * `defineCommand`: a command as a typed declaration (wrangler's `createCommand`). The
 * handler's `args` type is inferred from `options`, `positionals` and `output` (ArgsOf,
 * src/argparse/spec.ts), so `args.clustr` or a string read as a list does not compile, and
 * `pathArgs` may only name declared dests. At run time it returns the declaration as is.
 */
import type { ArgsOf, OptionSpec, PositionalSpec } from '../argparse/spec';
import type { PathArg } from '../api/identifiers';
import type { CommandContext, CommandModule } from './types';

type OutputKind = 'list' | 'show';

/** The -f/-c options src/cli.ts adds to a command that declares `output` (src/output/formats-options.ts formatOptions). */
export type FormatArgs = {
  readonly format: string;
  readonly column: readonly string[];
};

/** A command's parsed arguments: its options' and positionals' values, and -f/-c when it declares `output`. */
export type CommandArgs<O extends readonly OptionSpec[], P extends readonly PositionalSpec[], Out extends OutputKind | undefined> = ArgsOf<O, P> &
  (Out extends OutputKind ? FormatArgs : unknown);

export type CommandDeclaration<O extends readonly OptionSpec[], P extends readonly PositionalSpec[], Out extends OutputKind | undefined> = Omit<
  CommandModule,
  'options' | 'positionals' | 'output' | 'pathArgs' | 'run'
> & {
  options?: O;
  positionals?: P;
  output?: Out;
  pathArgs?: { readonly [Dest in keyof ArgsOf<O, P>]?: PathArg };
  run(ctx: CommandContext, args: CommandArgs<O, P, Out>): Promise<void>;
};

export function defineCommand<
  const O extends readonly OptionSpec[] = readonly [],
  const P extends readonly PositionalSpec[] = readonly [],
  const Out extends OutputKind | undefined = undefined,
>(declaration: CommandDeclaration<O, P, Out>): CommandDeclaration<O, P, Out> {
  return declaration;
}

/** A list of options declared apart from its command, with each dest kept literal for ArgsOf. */
export function defineOptions<const O extends readonly OptionSpec[]>(options: O): O {
  return options;
}
