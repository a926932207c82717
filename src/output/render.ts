/**
 * How list and show commands hand their results to the output layer. The default is
 * the reference's prettytable look, byte for byte; `-f/--format` and `-c/--column`
 * (OSC's meanings, docs/output-formats.md) select other formats without the commands
 * knowing about them.
 */
import type { IOStreams } from '../context';
import type { Item, PrintListOptions } from './cliutils';
import { listLabels, listRow, printDict, printList } from './cliutils';
import type { ListColumn } from './formats-columns';
import { cellValue, selectListColumns, selectShowKeys, tableColumns } from './formats-columns';
import type { YamlStringify } from './formats';
import {
  formatCsv,
  formatCsvRows,
  formatJson,
  formatShell,
  formatValueLines,
  formatValueRows,
  formatYamlEntries,
  formatYamlList,
  jsonListElement,
  jsonListEnd,
  yamlListElement,
} from './formats';
import { TableBuilder } from './prettytable';
import { pyStr } from './pyrepr';

export interface Renderer {
  /** A table of `items`; `columns` are field names (or labels when `fieldLabels` is given). */
  list(items: readonly Item[], columns: readonly string[], opts?: PrintListOptions): void;
  /**
   * The same list arriving page by page (docs/performance.md, Large lists): `columnsFor`
   * gets the first item (undefined for an empty list) and returns the columns, as the
   * reference derives `--fields` columns from the first item. Machine formats are written
   * page by page; the table keeps only its cells' text until the last page, for the widths.
   */
  listPages(
    pages: AsyncIterable<readonly Item[]>,
    columnsFor: (first: Item | undefined) => readonly string[],
    opts?: PrintListOptions,
  ): Promise<void>;
  /** A Property/Value table of one resource (without `links`). */
  show(obj: Item): void;
}

/** Where the rows of a streamed list go: `add` per page, `end` once. */
interface ListSink {
  add(items: readonly Item[]): void;
  end(): void;
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
    async listPages(pages, columnsFor, opts = {}) {
      const options: PrintListOptions = { sortByIndex: null, ...opts };
      const iterator = pages[Symbol.asyncIterator]();
      let page = await iterator.next();
      while (!page.done && page.value.length === 0) page = await iterator.next();
      const collectAll = async (): Promise<void> => {
        const all: Item[] = page.done ? [] : [...page.value];
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) for (const item of next.value) all.push(item);
        this.list(all, columnsFor(all[0]), options);
      };
      // A sorted table needs every row first; so does an empty list (nothing to stream).
      if (page.done || options.sortByIndex !== null) return collectAll();
      const fields = columnsFor(page.value[0]);
      let columns: ListColumn[] | undefined;
      if (!(format === 'table' && wanted.length === 0)) {
        try {
          columns = selectListColumns(tableColumns(fields, options), wanted, page.value);
        } catch {
          // A `-c` name may be a key that only later items have: decide on all of them, as list() does.
          return collectAll();
        }
      }
      const sink = listSink(io, format, fields, columns, options, yaml);
      for (; !page.done; page = await iterator.next()) sink.add(page.value);
      sink.end();
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
 * The writer of one streamed list. `columns` is undefined for the plain table (the
 * command's own fields and labels, exactly as printList takes them).
 */
function listSink(
  io: IOStreams,
  format: OutputFormat,
  fields: readonly string[],
  columns: readonly ListColumn[] | undefined,
  options: PrintListOptions,
  yaml: () => YamlStringify,
): ListSink {
  if (format === 'table') {
    const tableFields = columns ? columns.map((c) => c.field) : fields;
    const labels = columns ? columns.map((c) => c.label) : listLabels(fields, options);
    const table = new TableBuilder(labels);
    return {
      add: (items) => {
        for (const item of items) table.addRow(listRow(item, tableFields, options.formatters).map(pyStr));
      },
      end: () => table.write((text) => io.out(text)),
    };
  }
  const picked = columns ?? [];
  const keys = picked.map((c) => c.key);
  const rowOf = (item: Item): unknown[] => picked.map((c) => cellValue(item, c, options.formatters));
  const objectOf = (item: Item): Record<string, unknown> => {
    const row = rowOf(item);
    return Object.fromEntries(keys.map((k, i) => [k, row[i]]));
  };
  let count = 0;
  /** Writes one page: each item's text, in one write. */
  const each =
    (text: (item: Item, index: number) => string) =>
    (items: readonly Item[]): void => {
      if (items.length > 0) io.out(items.map((item) => text(item, count++)).join(''));
    };
  if (format === 'json') {
    return { add: each((item, index) => jsonListElement(objectOf(item), index === 0)), end: () => io.out(jsonListEnd(count)) };
  }
  if (format === 'yaml') {
    const stringify = yaml();
    return {
      add: each((item) => yamlListElement(stringify, objectOf(item))),
      end: () => {
        if (count === 0) io.out(formatYamlList(stringify, []));
      },
    };
  }
  if (format === 'value') return { add: each((item) => formatValueRows([rowOf(item)])), end: () => {} };
  if (format === 'csv') {
    io.out(formatCsvRows([keys]));
    return { add: each((item) => formatCsvRows([rowOf(item)])), end: () => {} };
  }
  throw new Error(`format ${format} is not available for lists`);
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
