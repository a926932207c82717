/**
 * Shell completion scripts derived from the command table (the same declarations the
 * parser and help use), generated at build time into completions/ (docs/completions.md).
 * Pure functions: a command table in, the text of a script out.
 */
import type { OptionSpec } from '../argparse/spec';
import type { CompletionCommand } from './model';
import { completionModel } from './model';
import { renderBash } from './bash';
import { renderZsh } from './zsh';
import { renderFish } from './fish';

export type { CompletionCommand } from './model';

export function bashScript(commands: readonly CompletionCommand[], globals: readonly OptionSpec[]): string {
  return renderBash(completionModel(commands, globals));
}

export function zshScript(commands: readonly CompletionCommand[], globals: readonly OptionSpec[]): string {
  return renderZsh(completionModel(commands, globals));
}

export function fishScript(commands: readonly CompletionCommand[], globals: readonly OptionSpec[]): string {
  return renderFish(completionModel(commands, globals));
}

/** The scripts by file name under completions/. */
export function completionScripts(commands: readonly CompletionCommand[], globals: readonly OptionSpec[]): Record<string, string> {
  return {
    'magnum.bash': bashScript(commands, globals),
    _magnum: zshScript(commands, globals),
    'magnum.fish': fishScript(commands, globals),
  };
}
