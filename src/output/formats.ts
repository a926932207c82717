// The machine-readable output formats of `-f/--format`, with cliff's meanings (the
// formatters `openstack coe ...` uses; `magnumclient/osc/v1`, cliff formatters, docs/output-formats.md). Each
// function returns the exact text cliff writes; docs/output-formats.md describes them.
import { pyJsonDumps } from './pyjson';
import { pyStr } from './pyrepr';

/** The `yaml` package's stringify, loaded lazily by the caller (start-up time, docs/dependencies.md, yaml). */
export type YamlStringify = (value: unknown, options: Record<string, unknown>) => string;

/**
 * Options under which `yaml` writes what PyYAML's `safe_dump(obj, default_flow_style=False)`
 * writes (docs/dependencies.md, yaml): sorted keys, `'single'` quotes, YAML 1.1 quoting of
 * `'yes'`/`'on'`, sequences not indented under their key.
 */
export const PYYAML_OPTIONS: Readonly<Record<string, unknown>> = {
  version: '1.1',
  sortMapEntries: true,
  indentSeq: false,
  singleQuote: true,
  blockQuote: false,
  lineWidth: 80,
  // Objects parsed from JSON are never shared; never write &anchors/*aliases.
  aliasDuplicateObjects: false,
};

/**
 * Python's `json.dump(value, indent=2)` (cliff's JSON formatter), src/output/pyjson.ts.
 * Ends with "\n" as cliff writes one after the dump.
 */
export function formatJson(value: unknown): string {
  return `${pyJsonDumps(value, 2)}\n`;
}

/**
 * One element of a list that formatJson would write whole, for lists written page by
 * page: `[` before the first element, `,` between elements, each indented one level.
 * The elements, then jsonListEnd, are byte for byte `formatJson(list)`.
 */
export function jsonListElement(value: unknown, first: boolean): string {
  // JSON text has no raw newline inside strings, so every "\n" is a line break to indent.
  return `${first ? '[\n' : ',\n'}  ${pyJsonDumps(value, 2).replace(/\n/g, '\n  ')}`;
}

/** What closes a list of `count` elements written by jsonListElement. */
export function jsonListEnd(count: number): string {
  return count === 0 ? '[]\n' : '\n]\n';
}

/** cliff's value formatter for a list: each row's cells str()'d, joined by spaces. */
export function formatValueRows(rows: readonly (readonly unknown[])[]): string {
  return rows.map((row) => `${row.map(pyStr).join(' ')}\n`).join('');
}

/** cliff's value formatter for one resource: each value str()'d on its own line. */
export function formatValueLines(values: readonly unknown[]): string {
  return values.map((v) => `${pyStr(v)}\n`).join('');
}

/**
 * cliff's shell formatter: `name="value"` lines, the name lower-cased with ` `, `:` and
 * `-` turned into `_`. cliff escapes only `"`; we also escape `\`, `$` and `` ` `` so that
 * `eval "$(magnum cluster-show x -f shell)"` cannot run what a label value contains
 * (deliberate difference; identical bytes for values without those characters).
 */
export function formatShell(entries: readonly (readonly [string, unknown])[], prefix = ''): string {
  return entries
    .map(([name, value]) => {
      const variable = name.toLowerCase().replace(/ /g, '_').replace(/[:-]/g, '_');
      const text = pyStr(value).replace(/[\\"$`]/g, (c) => `\\${c}`);
      return `${prefix}${variable}="${text}"\n`;
    })
    .join('');
}

/**
 * cliff's CSV formatter with its default `--quote nonnumeric`: Python's csv.writer with
 * QUOTE_NONNUMERIC, `escapechar='\\'` and "\n" line ends. Strings (and None, written as
 * `""`) are quoted with `"` doubled; ints, floats and booleans are bare; a backslash is
 * escaped as `\\`; other values are their str() quoted.
 */
export function formatCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return formatCsvRows([header]) + formatCsvRows(rows);
}

/** CSV lines without the header (a streamed list writes the header once, then each page). */
export function formatCsvRows(rows: readonly (readonly unknown[])[]): string {
  return rows.map((cells) => `${cells.map(csvCell).join(',')}\n`).join('');
}

function csvCell(value: unknown): string {
  if (typeof value === 'number') return pyStr(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  const text = value === null || value === undefined ? '' : pyStr(value);
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '""')}"`;
}

/** cliff's YAML formatter for a list: one `safe_dump` of the list of row mappings (keys sorted). */
export function formatYamlList(stringify: YamlStringify, objects: readonly Record<string, unknown>[]): string {
  return stringify(objects, { ...PYYAML_OPTIONS });
}

/**
 * One element of formatYamlList's list: a block sequence's items are independent, so the
 * items of a list dumped one by one concatenate to the dump of the whole list (an empty
 * list is `[]`, written by formatYamlList itself).
 */
export function yamlListElement(stringify: YamlStringify, object: Record<string, unknown>): string {
  return stringify([object], { ...PYYAML_OPTIONS });
}

/**
 * cliff's YAML formatter for one resource: one `safe_dump({key: value})` per column,
 * concatenated, so the top-level keys keep the column order while nested mappings are
 * sorted.
 */
export function formatYamlEntries(stringify: YamlStringify, entries: readonly (readonly [string, unknown])[]): string {
  return entries.map(([key, value]) => stringify({ [key]: value }, { ...PYYAML_OPTIONS })).join('');
}
