import { defineCommand } from './define';
import { CommandError } from '../errors';
import { commandHelp, mainHelp } from '../program';

export const help = defineCommand({
  name: 'help',
  help: 'Display help about this program or one of its subcommands.',
  positionals: [{ dest: 'command', metavar: '<subcommand>', nargs: '?', help: 'Display help for <subcommand>.' }],
  needsClient: false,
  async run(ctx, args) {
    const name = args.command;
    if (name === null) {
      ctx.io.out(mainHelp(ctx.commands, ctx.helpWidth));
      return;
    }
    const cmd = ctx.commands.find((c) => c.name === name && !c.hidden);
    if (!cmd) throw new CommandError(`'${name}' is not a valid subcommand`);
    ctx.io.out(commandHelp(cmd, ctx.helpWidth));
  },
});
