import type { ExclusiveGroup, OptionSpec, ParsedValues, PositionalSpec } from '../argparse/spec';
import type { Context } from '../context';
import type { MagnumClient } from '../api/client';
import type { ClientConfig } from '../config/client-config';
import type { Renderer } from '../output/render';
import type { PathArg } from '../api/identifiers';

/** What one command run gets (src/factory.ts commandContext): fresh for the run, and read-only but for exitCode. */
export interface CommandContext extends Context {
  /**
   * The Magnum client, made on first use; it logs in on its first request, so a command's
   * own checks, made before that, never wait for Keystone.
   */
  readonly client: MagnumClient;
  /** The run's settings; with the clouds.yaml layer and checked unless needsClient is false. */
  readonly config: ClientConfig;
  /** The whole command table, for help and completion. */
  readonly commands: readonly CommandModule[];
  /** Width for help text (argparse's, from $COLUMNS or the terminal). */
  readonly helpWidth: number;
  /** Where list and show results go (table by default; -f/-c where the command declares `output`). */
  readonly render: Renderer;
  /** A command sets this to 1 to fail after printing per-item failure lines. */
  exitCode: number;
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
  /**
   * false for commands that need no cloud (help, bash-completion) or reach it on their own
   * terms (__complete): their connection settings are not checked before they run.
   */
  needsClient?: boolean;
  /** Nothing the run does reaches stderr (__complete, run while the user types). */
  quiet?: boolean;
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
