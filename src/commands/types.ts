import type { ExclusiveGroup, OptionSpec, ParsedValues, PositionalSpec } from '../argparse/spec';
import type { Context } from '../context';
import type { MagnumClient } from '../api/client';
import type { ClientConfig } from '../config/client-config';
import type { Renderer } from '../output/render';
import type { PathArg } from '../api/identifiers';

export interface CommandContext extends Context {
  /** Present for commands that talk to Magnum (needsClient !== false). */
  client: MagnumClient;
  config: ClientConfig;
  /** The whole command table, for help and completion. */
  commands: readonly CommandModule[];
  /** Width for help text (argparse's, from $COLUMNS or the terminal). */
  helpWidth: number;
  /** Where list and show results go (table by default; -f/-c where the command declares `output`). */
  render: Renderer;
}

export interface CommandModule {
  name: string;
  /** The one-line summary (the reference's docstring); also the help description. */
  help: string;
  options?: readonly OptionSpec[];
  positionals?: readonly PositionalSpec[];
  groups?: readonly ExclusiveGroup[];
  /** Old spelling → new spelling; using the old one prints the reference's warning (on stderr). */
  deprecatedFlags?: Record<string, string>;
  /** false for commands that need no cloud (help, bash-completion). */
  needsClient?: boolean;
  /** Not listed in help or completion. */
  hidden?: boolean;
  /**
   * Not a command of the reference's `magnum` shell (nodegroups, resize, upgrade): its help
   * also lists the options this port adds (-f/-c, --wait), which the reference's commands
   * accept but keep out of their byte-identical help.
   */
  extension?: boolean;
  /**
   * The arguments (by dest) whose values go into a URL path, and what they name: src/cli.ts
   * refuses `.`, `..`, empty, whitespace-only and `/`-holding values before any request
   * (src/api/identifiers.ts; seg() checks again where the path is built).
   */
  pathArgs?: Readonly<Record<string, PathArg>>;
  /** 'list' or 'show' for commands whose result is a table; enables the machine-readable formats. */
  output?: 'list' | 'show';
  /** Declared with defineCommand (./define.ts), which types `args` from the declaration above. */
  run(ctx: CommandContext, args: ParsedValues): Promise<void>;
}
