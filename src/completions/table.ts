/**
 * The CLI's own command table as the completion generators see it: each command with
 * the options its parser really has (commandParserSpec, so options the CLI adds to a
 * command are completed too).
 */
import type { OptionSpec } from '../argparse/spec';
import { commandParserSpec } from '../cli';
import { COMMANDS } from '../commands';
import { GLOBAL_OPTIONS } from '../config/global-options';
import type { CompletionCommand } from './model';

export function cliCommands(): CompletionCommand[] {
  return COMMANDS.map((cmd) => {
    const spec = commandParserSpec(cmd);
    return {
      name: cmd.name,
      help: cmd.help,
      hidden: cmd.hidden,
      options: spec.options,
      positionals: spec.positionals,
      groups: spec.groups,
    };
  });
}

export function cliGlobalOptions(): readonly OptionSpec[] {
  return GLOBAL_OPTIONS;
}
