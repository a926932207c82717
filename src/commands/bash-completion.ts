import { defineCommand } from './define';

/**
 * One line: every subcommand name and every option string of every subcommand
 * (`magnumclient/shell.py do_bash_completion`). Python's order is random per process; ours is the command
 * table's order, which is one of the orders Python can print.
 */
export const bashCompletion = defineCommand({
  name: 'bash-completion',
  help:
    'Prints arguments for bash-completion. Prints all of the commands and options to stdout so that the ' +
    "magnum.bash_completion script doesn't have to hard code them.",
  needsClient: false,
  async run(ctx) {
    const words = new Set<string>();
    for (const cmd of ctx.commands) {
      if (cmd.hidden || cmd.name === 'bash-completion') continue;
      words.add(cmd.name);
      for (const opt of cmd.options ?? []) for (const flag of opt.flags) words.add(flag);
      words.add('-h');
      words.add('--help');
    }
    ctx.io.out(`${[...words].join(' ')}\n`);
  },
});
