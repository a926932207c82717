// `--wait` and `--wait-timeout`, shared by every command that starts an asynchronous
// operation (docs/wait.md). Not in the reference; hidden from the help of the reference's
// own commands so that their help stays byte-identical (see CommandModule.extension),
// and there matched only when spelled out (OptionSpec.exactOnly).
import type { OptionSpec, ParsedValues } from '../argparse/spec';
import { CommandError } from '../errors';

export const DEFAULT_WAIT_TIMEOUT_SECONDS = 3600;

export function waitOptions(visibleInHelp: boolean, what = 'the operation'): OptionSpec[] {
  return [
    {
      flags: ['--wait'],
      dest: 'wait',
      action: 'store_true',
      help: visibleInHelp
        ? `Wait until ${what} has finished: exit 0 when it completes, 1 when it fails or times out.`
        : undefined,
      exactOnly: !visibleInHelp,
    },
    {
      flags: ['--wait-timeout'],
      dest: 'wait_timeout',
      metavar: '<seconds>',
      type: 'int',
      help: visibleInHelp ? `How long --wait waits, in seconds (implies --wait; default ${DEFAULT_WAIT_TIMEOUT_SECONDS}).` : undefined,
      exactOnly: !visibleInHelp,
    },
  ];
}

export interface WaitSettings {
  timeoutSeconds: number;
}

/** null when the user did not ask to wait. `--wait-timeout` alone implies `--wait`. */
export function waitSettings(args: ParsedValues): WaitSettings | null {
  const timeout = args.wait_timeout as number | null | undefined;
  if (args.wait !== true && timeout == null) return null;
  if (timeout != null && timeout < 1) throw new CommandError('--wait-timeout must be a positive number of seconds.');
  return { timeoutSeconds: timeout ?? DEFAULT_WAIT_TIMEOUT_SECONDS };
}
