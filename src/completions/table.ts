/**
 * The CLI's own command table as the completion generators see it: each command with
 * the options its parser really has (commandParserSpec, so options the CLI adds to a
 * command are completed too). The table is handed in (the `completion` command passes
 * its context's, the build its import of src/commands), so nothing here imports it back.
 */
import type { OptionSpec } from '../argparse/spec';
import type { CommandModule } from '../commands/types';
import { commandParserSpec } from '../program';
import { GLOBAL_OPTIONS } from '../config/global-options';
import { formatOptions } from '../output/formats-options';
import { waitOptions } from '../wait/options';
import type { CompletionCommand } from './model';

export function cliCommands(commands: readonly CommandModule[]): CompletionCommand[] {
  return commands.map((cmd) => {
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

/**
 * For the man page: the same table, with the help texts of the options that are hidden
 * from the reference's commands only to keep their --help byte-identical (-f/-c, --wait,
 * --wait-timeout; docs/output-formats.md, docs/wait.md). Truly hidden options stay hidden.
 */
export function manCommands(commands: readonly CommandModule[]): CompletionCommand[] {
  return cliCommands(commands).map((cmd, i) => {
    const module = commands[i];
    const visible = [...(module.output ? formatOptions(module.output, true) : []), ...waitOptions(true)];
    const options = (cmd.options ?? []).map((opt) => {
      if (opt.help !== undefined) return opt;
      const twin = visible.find((v) => v.dest === opt.dest && v.flags[0] === opt.flags[0]);
      return twin ? { ...opt, help: twin.help } : opt;
    });
    return { ...cmd, options };
  });
}
