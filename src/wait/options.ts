// `--wait` and `--wait-timeout`, shared by every command that starts an asynchronous
// operation (docs/wait.md). Not in the reference: on the reference's own commands they are
// additions (OptionSpec.addition), listed after the reference's help, which stays
// byte-identical, and matched only when spelled out.
import type { Option } from '../argparse/spec';
import { CommandError } from '../errors';

export const DEFAULT_WAIT_TIMEOUT_SECONDS = 3600;

/** `ownCommand`: false on the reference's commands, where the options are additions. */
export function waitOptions(
  ownCommand: boolean,
  what = 'the operation has finished',
): readonly [Option<'wait', { action: 'store_true' }>, Option<'wait_timeout', { type: 'int' }>] {
  return [
    {
      flags: ['--wait'],
      dest: 'wait',
      action: 'store_true',
      help: `Wait until ${what}: exit 0 when it completes, 1 when it fails or times out.`,
      addition: !ownCommand,
    },
    {
      flags: ['--wait-timeout'],
      dest: 'wait_timeout',
      metavar: '<seconds>',
      type: 'int',
      help: `How long --wait waits, in seconds (implies --wait; default ${DEFAULT_WAIT_TIMEOUT_SECONDS}).`,
      addition: !ownCommand,
    },
  ];
}

export interface WaitSettings {
  timeoutSeconds: number;
}

/** The parsed waitOptions. */
export interface WaitArgs {
  readonly wait: boolean;
  readonly wait_timeout: number | null;
}

/** null when the user did not ask to wait. `--wait-timeout` alone implies `--wait`. */
export function waitSettings(args: WaitArgs): WaitSettings | null {
  const timeout = args.wait_timeout;
  if (args.wait !== true && timeout == null) return null;
  if (timeout != null && timeout < 1) throw new CommandError('--wait-timeout must be a positive number of seconds.');
  return { timeoutSeconds: timeout ?? DEFAULT_WAIT_TIMEOUT_SECONDS };
}
