/**
 * The deprecated `--name` beside the positional <name> (cliutils.validate_name_args,
 * magnumclient.md §1.2-§1.3): a warning when --name is used, DuplicateArgs when both are.
 */
import type { Context } from '../../context';
import { ArgumentsError } from '../../errors';

export function resolveNameArgs(ctx: Context, command: string, positional: unknown, option: unknown): string | null {
  if (typeof option === 'string') {
    ctx.io.err(
      'WARNING: The --name parameter is deprecated and will be removed in a future release. Use the <name> positional parameter to avoid seeing this message.\n',
    );
  }
  if (typeof positional === 'string' && typeof option === 'string') {
    throw new ArgumentsError(`Duplicate "<name>" arguments: ${positional}, ${option}`, command);
  }
  if (typeof positional === 'string') return positional;
  if (typeof option === 'string') return option;
  return null;
}
