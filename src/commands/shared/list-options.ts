/** Option declarations shared by the list commands (same flags, metavars and choices as the reference). */
import type { OptionSpec } from '../../argparse/spec';

export const SORT_DIR: OptionSpec = {
  flags: ['--sort-dir'],
  dest: 'sort_dir',
  metavar: '<sort-dir>',
  choices: ['desc', 'asc'],
  help: 'Direction to sort. "asc" or "desc".',
};

export function markerOption(what: string): OptionSpec {
  return {
    flags: ['--marker'],
    dest: 'marker',
    metavar: '<marker>',
    help: `The last ${what} UUID of the previous page; displays list of ${what}s after "marker".`,
  };
}

export function limitOption(help: string): OptionSpec {
  return { flags: ['--limit'], dest: 'limit', metavar: '<limit>', type: 'int', help };
}

export function sortKeyOption(help = 'Column to sort results by.'): OptionSpec {
  return { flags: ['--sort-key'], dest: 'sort_key', metavar: '<sort-key>', help };
}

export function fieldsOption(available: string): OptionSpec {
  return {
    flags: ['--fields'],
    dest: 'fields',
    metavar: '<fields>',
    help: `Comma-separated list of fields to display. Available fields: ${available}`,
  };
}

/** The typed view of the parsed list filters. */
export function listFilters(args: Record<string, unknown>): {
  limit: number | null;
  marker: string | null;
  sortKey: string | null;
  sortDir: string | null;
} {
  return {
    limit: (args.limit as number | null) ?? null,
    marker: (args.marker as string | null) ?? null,
    sortKey: (args.sort_key as string | null) ?? null,
    sortDir: (args.sort_dir as string | null) ?? null,
  };
}
