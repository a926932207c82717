/** Option declarations shared by the list commands (same flags, metavars and choices as the reference). */
import type { Option } from '../../argparse/spec';

export const SORT_DIR: Option<'sort_dir', { choices: readonly ['desc', 'asc'] }> = {
  flags: ['--sort-dir'],
  dest: 'sort_dir',
  metavar: '<sort-dir>',
  choices: ['desc', 'asc'],
  help: 'Direction to sort. "asc" or "desc".',
};

export function markerOption(what: string): Option<'marker'> {
  return {
    flags: ['--marker'],
    dest: 'marker',
    metavar: '<marker>',
    help: `The last ${what} UUID of the previous page; displays list of ${what}s after "marker".`,
  };
}

export function limitOption(help: string): Option<'limit', { type: 'int' }> {
  return { flags: ['--limit'], dest: 'limit', metavar: '<limit>', type: 'int', help };
}

export function sortKeyOption(help = 'Column to sort results by.'): Option<'sort_key'> {
  return { flags: ['--sort-key'], dest: 'sort_key', metavar: '<sort-key>', help };
}

export function fieldsOption(available: string): Option<'fields'> {
  return {
    flags: ['--fields'],
    dest: 'fields',
    metavar: '<fields>',
    help: `Comma-separated list of fields to display. Available fields: ${available}`,
  };
}

/** The parsed list options; --marker is absent from cluster-template-list, as in the reference. */
export interface ListArgs {
  readonly limit: number | null;
  readonly marker?: string | null;
  readonly sort_key: string | null;
  readonly sort_dir: string | null;
}

/** The list options as the API layer's filters. */
export function listFilters(args: ListArgs): {
  limit: number | null;
  marker: string | null;
  sortKey: string | null;
  sortDir: string | null;
} {
  return { limit: args.limit, marker: args.marker ?? null, sortKey: args.sort_key, sortDir: args.sort_dir };
}
