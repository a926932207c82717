// `-c/--column` (cliff's meaning: the columns to include, repeatable) over the columns a
// list or show command would print, plus, for lists, any key of the API objects.
import { CommandError } from '../errors';
import type { Formatter, Item, PrintListOptions } from './cliutils';

/** One column of a list: `field` as print_list takes it, its header, and the object key it reads. */
export interface ListColumn {
  field: string;
  label: string;
  key: string;
}

const hasOwn = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

/** The columns a list command's table shows, in print_list's terms (key = field.lower() with `_`, `magnumclient/common/cliutils.py print_list`). */
export function tableColumns(fields: readonly string[], opts: PrintListOptions = {}): ListColumn[] {
  const labels = opts.fieldLabels && opts.fieldLabels.length > 0 ? opts.fieldLabels : fields;
  return fields.map((field, i) => ({ field, label: labels[i] ?? field, key: field.toLowerCase().replace(/ /g, '_') }));
}

function unknownColumns(unknown: readonly string[], available: readonly string[]): CommandError {
  const names = unknown.map((c) => `'${c}'`).join(', ');
  return new CommandError(`Unknown column${unknown.length > 1 ? 's' : ''} ${names}. Available columns: ${available.join(', ')}`);
}

/**
 * The columns `-c` picks, in the order given. A name matches a table column by its key,
 * field or header, else any key of the listed objects (a column the table does not show).
 * With no objects only the table's columns can be checked, so other names are accepted.
 */
export function selectListColumns(defaults: readonly ListColumn[], wanted: readonly string[], items: readonly Item[]): ListColumn[] {
  if (wanted.length === 0) return [...defaults];
  const keys = new Set(items.flatMap((item) => Object.keys(item)));
  const picked: ListColumn[] = [];
  const unknown: string[] = [];
  for (const name of wanted) {
    const column =
      defaults.find((c) => c.key === name || c.field === name || c.label === name) ??
      (keys.has(name) || items.length === 0 ? { field: name, label: name, key: name } : undefined);
    if (!column) unknown.push(name);
    else if (!picked.some((c) => c.key === column.key)) picked.push(column);
  }
  if (unknown.length > 0) {
    const available = [...new Set([...defaults.map((c) => c.key), ...keys])];
    throw unknownColumns(unknown, available);
  }
  return picked;
}

/** The keys of a show command's object `-c` picks, in the order given. */
export function selectShowKeys(obj: Item, wanted: readonly string[]): string[] {
  if (wanted.length === 0) return Object.keys(obj);
  const unknown = wanted.filter((name) => !hasOwn(obj, name));
  if (unknown.length > 0) throw unknownColumns(unknown, Object.keys(obj));
  return [...new Set(wanted)];
}

/**
 * The machine value of a cell: the API's own value (type kept) when the object has the
 * key, else what the table's formatter computes, else null.
 */
export function cellValue(item: Item, column: ListColumn, formatters: Readonly<Record<string, Formatter>> = {}): unknown {
  if (hasOwn(item, column.key)) return item[column.key];
  if (hasOwn(formatters, column.field)) return formatters[column.field](item) ?? null;
  return null;
}
