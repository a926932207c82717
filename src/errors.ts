/**
 * The error kinds the CLI maps to exit codes in one place (src/cli.ts):
 * - UsageError: argparse-style usage text on stderr, exit 2 (`magnumclient/shell.py MagnumClientArgumentParser.error`).
 * - CommandError: one `ERROR: <message>` line on stderr, exit 1.
 * Anything else that escapes a command is reported like a CommandError; its stack is
 * shown only with --debug.
 */
export class CommandError extends Error {
  override name = 'CommandError';
}

export class UsageError extends Error {
  override name = 'UsageError';
  /** `usage` is the already formatted usage block; `helpTarget` names the command for the hint line. */
  constructor(
    message: string,
    readonly usage: string,
    readonly helpTarget: string,
  ) {
    super(message);
  }

  /** The full stderr text, byte for byte as MagnumClientArgumentParser.error prints it. */
  render(): string {
    const cut = this.message.split(' (choose from')[0];
    return `${this.usage}error: ${cut}\nTry 'magnum help ${this.helpTarget}' for more information.\n`;
  }
}

/** Raised by a command to print the help of a command on stdout before failing (`magnumclient/common/cliutils.py validate_name_args, validate_cluster_args`). */
export class ArgumentsError extends CommandError {
  constructor(
    message: string,
    readonly helpFor: string | null,
  ) {
    super(message);
  }
}
