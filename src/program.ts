/**
 * The program as its parsers see it: the version, the main parser, each command's parser
 * and their help texts. src/cli.ts parses with them, the help command prints them and the
 * completion and man page generators read them, so this file imports no command: the
 * command table is handed in, and nothing here can close an import cycle back to it.
 */
import type { ParserSpec } from './argparse/spec';
import { formatHelp } from './argparse/help';
import { GLOBAL_OPTIONS, MAIN_DESCRIPTION, MAIN_EPILOG } from './config/global-options';
import { formatOptions } from './output/formats-options';
import type { CommandModule } from './commands/types';

/** The reference's version (`magnum --version`), which this client reproduces. */
export const VERSION = '4.0.0';

/** Sent to Keystone and Magnum, so that their logs tell this client from the reference. */
export const USER_AGENT = `magnum-ts/${VERSION}`;

export function mainParserSpec(): ParserSpec {
  return { prog: 'magnum', description: MAIN_DESCRIPTION, epilog: MAIN_EPILOG, options: GLOBAL_OPTIONS, positionals: [] };
}

export function commandParserSpec(cmd: CommandModule): ParserSpec {
  return {
    prog: `magnum ${cmd.name}`,
    description: cmd.help,
    // -f/-c for the commands that print a list or one resource (docs/output-formats.md).
    options: cmd.output ? [...(cmd.options ?? []), ...formatOptions(cmd.output, cmd.extension === true)] : (cmd.options ?? []),
    positionals: cmd.positionals ?? [],
    groups: cmd.groups,
  };
}

/** `magnum help`: the global options, then the commands not hidden, in the table's order. */
export function mainHelp(commands: readonly CommandModule[], width: number): string {
  const entries = commands.filter((c) => !c.hidden).map((c) => ({ name: c.name, help: c.help }));
  return formatHelp(mainParserSpec(), width, { metavar: '<subcommand>', entries });
}

export function commandHelp(cmd: CommandModule, width: number): string {
  return formatHelp(commandParserSpec(cmd), width);
}
