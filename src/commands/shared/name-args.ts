/**
 * A deprecated option beside the positional that replaced it (cliutils.validate_name_args
 * and validate_cluster_args, `magnumclient/common/cliutils.py deprecation_map`, `magnumclient/common/cliutils.py validate_name_args, validate_cluster_args`): a warning when the option is
 * used, DuplicateArgs when both are.
 */
import type { Context } from '../../context';
import { ArgumentsError } from '../../errors';
import { deprecationWarning } from '../../output/deprecation';

export interface DeprecatedPositional {
  /** The positional's metavar, e.g. `<name>`. */
  metavar: string;
  /** The deprecated option, e.g. `--name`. */
  flag: string;
  /** Whose help DuplicateArgs prints: the command's, or null for the main help (`magnumclient/common/cliutils.py validate_name_args, validate_cluster_args`). */
  helpFor: string | null;
}

export function resolveDeprecatedPositional(ctx: Context, what: DeprecatedPositional, positional: unknown, option: unknown): string | null {
  if (typeof option === 'string') {
    ctx.io.err(deprecationWarning(what.flag, `${what.metavar} positional`));
  }
  if (typeof positional === 'string' && typeof option === 'string') {
    throw new ArgumentsError(`Duplicate "${what.metavar}" arguments: ${positional}, ${option}`, what.helpFor);
  }
  if (typeof positional === 'string') return positional;
  if (typeof option === 'string') return option;
  return null;
}

export function resolveNameArgs(ctx: Context, command: string, positional: unknown, option: unknown): string | null {
  return resolveDeprecatedPositional(ctx, { metavar: '<name>', flag: '--name', helpFor: command }, positional, option);
}
