// magnumclient.common.cliutils' table helpers on top of the prettytable renderer:
// print_list, print_dict and the `--fields` column logic of the list commands
// (`magnumclient/common/cliutils.py print_list`, `magnumclient/common/cliutils.py print_dict`, `magnumclient/common/cliutils.py _get_list_table_columns_and_formatters`). They return the text that Python's print() writes,
// ending in exactly one "\n"; commands write it with ctx.io.out().
import { CommandError } from '../errors';
import { pySorted } from './pycompare';
import { isPlainObject, pyRepr, pyStr } from './pyrepr';
import { pyIsLower, pyIsUpper, pyStrip, pyTitle } from './pystring';
import { renderTable } from './prettytable';

/** One API resource as decoded from JSON (a magnumclient `Resource`'s attributes). */
export type Item = Readonly<Record<string, unknown>>;

/** Computes a cell from the whole item; the result goes through Python str(). */
export type Formatter = (item: Item) => unknown;

export interface PrintListOptions {
  /** Keyed by field name (not label), like cliutils' `formatters`. */
  formatters?: Readonly<Record<string, Formatter>>;
  /** Column headers; defaults to `fields` (also when empty, as `field_labels or fields`). */
  fieldLabels?: readonly string[];
  /**
   * Column to sort by, as cliutils' `sortby_index`. The default is 0 as in cliutils;
   * every magnum list command except service-list passes `null` (server order kept).
   */
  sortByIndex?: number | null;
}

const hasOwn = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

/**
 * `--fields` named attributes the first item does not have. The message is Python's
 * `"Non-existent fields are specified: %s" % list` (`magnumclient/common/cliutils.py _get_list_table_columns_and_formatters`); the CLI's
 * error handler prints it as `ERROR: <message>` like every CommandError (without the
 * reference's `b"…"` bytes repr, README, Deliberate differences).
 */
export class NonExistentFieldsError extends CommandError {
  override name = 'NonExistentFieldsError';
  constructor(readonly fields: readonly string[]) {
    super(`Non-existent fields are specified: ${pyRepr(fields)}`);
  }
}

/**
 * `cliutils.print_list(objs, fields, formatters, sortby_index, field_labels=...)`.
 * Cell: the formatter's result, else `item[field.lower().replace(' ', '_')]`; None (or a
 * formatter's undefined) becomes `-`, a missing key `''`, then Python str(), so lists and
 * dicts show as their repr (`magnumclient/common/cliutils.py print_list`). Sorting compares the raw values the
 * way prettytable does (ints numerically; ties broken by the rest of the row).
 */
export function printList(items: readonly Item[], fields: readonly string[], opts: PrintListOptions = {}): string {
  const labels = listLabels(fields, opts);
  let rows: unknown[][] = items.map((item) => listRow(item, fields, opts.formatters));

  const sortIndex = opts.sortByIndex === undefined ? 0 : opts.sortByIndex;
  if (sortIndex !== null) {
    // `field_labels[sortby_index]` (Python indexing, negatives count from the end), then
    // prettytable sorts `[row[i]] + row` only if that label is truthy.
    const index = sortIndex < 0 ? labels.length + sortIndex : sortIndex;
    if (!Number.isInteger(index) || index < 0 || index >= labels.length) {
      throw new RangeError('list index out of range');
    }
    if (labels[index] !== '') {
      const column = labels.indexOf(labels[index]);
      rows = pySorted(rows.map((row) => [row[column], ...row])).map((row) => row.slice(1));
    }
  }

  return renderTable(
    labels,
    rows.map((row) => row.map(pyStr)),
  );
}

/** The headers of print_list (`field_labels or fields`), checked against the fields. */
export function listLabels(fields: readonly string[], opts: PrintListOptions = {}): readonly string[] {
  const labels = opts.fieldLabels && opts.fieldLabels.length > 0 ? opts.fieldLabels : fields;
  if (labels.length !== fields.length) {
    throw new Error(`Field labels list ${pyRepr(labels)} has different number of elements than fields list ${pyRepr(fields)}`);
  }
  return labels;
}

/** One row of print_list before str(): the formatter's result or the item's value, `-` for None, `''` when missing. */
export function listRow(item: Item, fields: readonly string[], formatters: Readonly<Record<string, Formatter>> = {}): unknown[] {
  return fields.map((field) => {
    let data: unknown;
    if (hasOwn(formatters, field)) {
      data = formatters[field](item);
    } else {
      const key = field.toLowerCase().replace(/ /g, '_');
      data = hasOwn(item, key) ? item[key] : '';
    }
    return data === null || data === undefined ? '-' : data;
  });
}

/**
 * `cliutils.print_dict(dct, dict_property)`: a `Property | Value` table in key order
 * (`magnumclient/common/cliutils.py print_dict`). dict values print as their repr; list elements are str()'d
 * first (`[1, 2]` -> `['1', '2']`); None is `-`. Quirk kept on purpose: a non-empty str
 * value (including a dict's repr) containing a literal backslash followed by `n` is
 * strip()ped and split on it into several rows, only the first carrying the key.
 */
export function printDict(obj: Item, property = 'Property'): string {
  const rows: string[][] = [];
  for (const [key, original] of Object.entries(obj)) {
    const value: unknown = isPlainObject(original) ? pyRepr(original) : original;
    if (typeof value === 'string' && value !== '' && value.includes('\\n')) {
      let label = key;
      for (const line of pyStrip(value).split('\\n')) {
        rows.push([label, line]);
        label = '';
      }
    } else if (Array.isArray(value)) {
      rows.push([key, pyRepr(value.map(pyStr))]);
    } else {
      rows.push([key, value === null || value === undefined ? '-' : pyStr(value)]);
    }
  }
  return renderTable([property, 'Value'], rows);
}

/**
 * `cliutils._format_field_name`: `_` becomes a space and the name is title-cased when it
 * is all lower or all upper case; a prefix up to the last `:` is kept and joined with
 * `: ` (`stack_id` -> `Stack Id`, `fooBar_x` -> `fooBar x`, `OS-EXT:foo_bar` ->
 * `OS-EXT: Foo Bar`; `magnumclient/common/cliutils.py _get_list_table_columns_and_formatters`).
 */
export function formatFieldName(attr: string): string {
  const colon = attr.lastIndexOf(':');
  let name = attr.slice(colon + 1).replace(/_/g, ' ');
  if (pyIsUpper(name) || pyIsLower(name)) name = pyTitle(name);
  return colon < 0 ? name : `${attr.slice(0, colon)}: ${name}`;
}

/**
 * The column list of a magnum list command with `--fields` (`columns +=
 * _get_list_table_columns_and_formatters(args.fields, objs, exclude_fields=lowered
 * defaults)[0]`, `magnumclient/common/cliutils.py _get_list_table_columns_and_formatters`): `defaults` followed by the formatted names of the
 * comma-separated `fieldsArg` entries, in the order given, skipping those equal to a
 * lower-cased default or already added. printList reads each added column back as
 * `item[header.lower().replace(' ', '_')]`, so `fooBar_x` shows `item.foobar_x`.
 *
 * Validation is against the FIRST item only (`hasattr`, here: an own key; the Python
 * Resource's own attributes such as `manager` are not emulated) and happens before the
 * exclusion check, so every unknown name is reported: throws NonExistentFieldsError.
 * With no items, `fieldsArg` is ignored entirely: no extra columns, no validation.
 */
export function fieldsToColumns(defaults: readonly string[], fieldsArg: string | null | undefined, items: readonly Item[]): string[] {
  const columns = [...defaults];
  if (!fieldsArg || items.length === 0) return columns;
  const first = items[0];
  const excluded = new Set(defaults.map((d) => d.toLowerCase()));
  const missing: string[] = [];
  for (const field of fieldsArg.split(',')) {
    if (!hasOwn(first, field)) {
      missing.push(field);
      continue;
    }
    if (excluded.has(field)) continue;
    columns.push(formatFieldName(field));
    excluded.add(field);
  }
  if (missing.length > 0) throw new NonExistentFieldsError(missing);
  return columns;
}
