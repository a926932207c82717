import { defineCommand } from './define';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

/**
 * `magnum completion bash|zsh|fish`: prints the completion script for that shell — the
 * same text as completions/ (both come from src/completions/generate.ts), so that
 * `source <(magnum completion bash)` works without knowing where the package is
 * (gh's and doctl's convention). Not in the reference, whose `bash-completion` prints
 * a word list; that command is unchanged.
 */
export const completion = defineCommand({
  name: 'completion',
  help: 'Print the shell completion script for bash, zsh or fish. ' + 'Load it with: source <(magnum completion bash), or see docs/completions.md.',
  positionals: [{ dest: 'shell', metavar: '<shell>', choices: SHELLS, help: 'bash, zsh or fish.' }],
  extension: true,
  needsClient: false,
  async run(ctx, args) {
    // Loaded here: only this command needs the generators (start-up time).
    const { bashScript, zshScript, fishScript } = await import('../completions/generate');
    const { cliCommands, cliGlobalOptions } = await import('../completions/table');
    const render = { bash: bashScript, zsh: zshScript, fish: fishScript }[args.shell];
    ctx.io.out(render(cliCommands(ctx.commands), cliGlobalOptions()));
  },
});
