// The `-f/--format` and `-c/--column` declarations src/cli.ts adds to every command that
// declares `output`, with cliff's flags, metavars, choices and help texts (the choices
// differ between lists and single resources, as in `openstack coe`, `magnumclient/osc/v1`).
import type { OptionSpec } from '../argparse/spec';

export const LIST_FORMATS = ['csv', 'json', 'table', 'value', 'yaml'] as const;
export const SHOW_FORMATS = ['json', 'shell', 'table', 'value', 'yaml'] as const;

/**
 * `ownCommand` is false for the reference's own commands: there the options are additions
 * (OptionSpec.addition), listed after the reference's help, which stays byte-identical, and
 * matched only when spelled out, so that the reference's abbreviations (`--f` for --fields,
 * `--co` for --coe) keep their meaning.
 */
export function formatOptions(output: 'list' | 'show', ownCommand: boolean): OptionSpec[] {
  const choices = output === 'list' ? LIST_FORMATS : SHOW_FORMATS;
  return [
    {
      flags: ['-f', '--format'],
      dest: 'format',
      metavar: `{${choices.join(',')}}`,
      choices,
      default: 'table',
      help: 'the output format, defaults to table',
      addition: !ownCommand,
    },
    {
      flags: ['-c', '--column'],
      dest: 'column',
      metavar: 'COLUMN',
      action: 'append',
      default: [],
      help: 'specify the column(s) to include, can be repeated to show multiple columns',
      addition: !ownCommand,
    },
  ];
}
