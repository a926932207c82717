/**
 * How list and show commands hand their results to the output layer. The default is
 * the reference's prettytable look, byte for byte; `-f/--format` and `-c/--column`
 * (OSC's meanings, docs/output-formats.md) select other formats without the commands
 * knowing about them.
 */
import type { IOStreams } from '../context';
import type { Item, PrintListOptions } from './cliutils';
import { printDict, printList } from './cliutils';
import { cellValue, selectListColumns, selectShowKeys, tableColumns } from './formats-columns';
import type { YamlStringify } from './formats';
import { formatCsv, formatJson, formatShell, formatValueLines, formatValueRows, formatYamlEntries, formatYamlList } from './formats';

export interface Renderer {
  /** A table of `items`; `columns` are field names (or labels when `fieldLabels` is given). */
  list(items: readonly Item[], columns: readonly string[], opts?: PrintListOptions): void;
  /** A Property/Value table of one resource (without `links`). */
  show(obj: Item): void;
}

export type OutputFormat = 'table' | 'json' | 'yaml' | 'value' | 'shell' | 'csv';

export interface OutputChoice {
  format: OutputFormat;
  /** `-c` names, in the order given; empty = the command's own columns. */
  columns: readonly string[];
  /** Required for `yaml`. */
  yaml?: YamlStringify;
}

/** The reference's output: print_list (server order unless the command sorts) and print_dict. */
export function tableRenderer(io: IOStreams): Renderer {
  return formatRenderer(io, { format: 'table', columns: [] });
}

export function formatRenderer(io: IOStreams, choice: OutputChoice): Renderer {
  const { format, columns: wanted } = choice;
  const yaml = (): YamlStringify => {
    if (!choice.yaml) throw new Error('yaml output needs the yaml module');
    return choice.yaml;
  };
  return {
    list(items, fields, opts = {}) {
      const options: PrintListOptions = { sortByIndex: null, ...opts };
      if (format === 'table' && wanted.length === 0) {
        io.out(printList(items, fields, options));
        return;
      }
      const columns = selectListColumns(tableColumns(fields, options), wanted, items);
      if (format === 'table') {
        // Sorting stays on the command's sort column only when that column is still shown.
        const sortField = options.sortByIndex == null ? undefined : fields.at(options.sortByIndex);
        const sortIndex = columns.findIndex((c) => c.field === sortField);
        io.out(
          printList(
            items,
            columns.map((c) => c.field),
            { ...options, fieldLabels: columns.map((c) => c.label), sortByIndex: sortIndex < 0 ? null : sortIndex },
          ),
        );
        return;
      }
      const rows = items.map((item) => columns.map((c) => cellValue(item, c, options.formatters)));
      const keys = columns.map((c) => c.key);
      const objects = (): Record<string, unknown>[] => rows.map((row) => Object.fromEntries(keys.map((k, i) => [k, row[i]])));
      if (format === 'json') io.out(formatJson(objects()));
      else if (format === 'yaml') io.out(formatYamlList(yaml(), objects()));
      else if (format === 'value') io.out(formatValueRows(rows));
      else if (format === 'csv') io.out(formatCsv(keys, rows));
      else throw new Error(`format ${format} is not available for lists`);
    },
    show(obj) {
      if (format === 'table' && wanted.length === 0) {
        io.out(printDict(obj));
        return;
      }
      const entries = selectShowKeys(obj, wanted).map((k): [string, unknown] => [k, obj[k]]);
      if (format === 'table') io.out(printDict(Object.fromEntries(entries)));
      else if (format === 'json') io.out(formatJson(Object.fromEntries(entries)));
      else if (format === 'yaml') io.out(formatYamlEntries(yaml(), entries));
      else if (format === 'value') io.out(formatValueLines(entries.map(([, v]) => v)));
      else if (format === 'shell') io.out(formatShell(entries));
      else throw new Error(`format ${format} is not available for a single resource`);
    },
  };
}

/**
 * The renderer for a command run: the table unless the command declares `output` and
 * `-f`/`-c` were given. `yaml` is loaded here, only when asked for, so that the renderer
 * itself stays synchronous.
 */
export async function rendererFor(io: IOStreams, output: 'list' | 'show' | undefined, values: Readonly<Record<string, unknown>>): Promise<Renderer> {
  if (output === undefined) return tableRenderer(io);
  const format = (values.format as OutputFormat | null | undefined) ?? 'table';
  const columns = Array.isArray(values.column) ? (values.column as string[]) : [];
  const yaml = format === 'yaml' ? (await import('yaml')).stringify : undefined;
  return formatRenderer(io, { format, columns, yaml });
}
