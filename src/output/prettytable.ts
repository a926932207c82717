// A renderer byte-identical to prettytable 3.6 `get_string()` in the one configuration
// magnumclient uses: align='l' for every column (headers included), padding 1, frame
// hrules, all vrules, `+`/`-`/`|`, no max width, no title (`magnumclient/common/cliutils.py print_list`,
// docs/dependencies.md, cli-table3). Sorting happens before this (see cliutils.ts), on raw values.
import { displayWidth } from './wcwidth';

/** prettytable's `_get_size(text)[0]`: the widest `\n`-separated line. */
function blockWidth(text: string): number {
  let max = -Infinity;
  for (const line of text.split('\n')) max = Math.max(max, displayWidth(line));
  return max;
}

/**
 * Render `headers` and `rows` like `print(pt)`: rule, header, rule, the rows, rule, and
 * exactly one trailing `\n`. An empty `rows` still prints header and both closing rules
 * (`print_empty=True`, `magnumclient/common/cliutils.py print_list`). A cell containing `\n` becomes a multi-line,
 * top-aligned row. Throws like prettytable on duplicate headers or a row of the wrong length.
 *
 * Two prettytable branches can never trigger without max_width and are not reproduced:
 * header truncation (`fieldname[:width]`) and `textwrap.fill` of an over-wide line, since
 * every column is at least as wide as each of its lines.
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const table = new TableBuilder(headers);
  for (const row of rows) table.addRow(row);
  const parts: string[] = [];
  table.write((text) => parts.push(text));
  return parts.join('');
}

/** A cell width not measured when the row was added: the cell has several lines. */
const MULTI_LINE = -0x7fffffff;

/**
 * The same table built row by row, for lists that arrive page by page. Column widths
 * depend on every row, so nothing can be printed before the last row; what is kept until
 * then is the text of the cells only (no API objects): each row as ONE string with the
 * cell boundaries and single-line widths in typed arrays, which live outside the JS heap.
 * That is a few tens of bytes per row beyond the cell text itself (docs/performance.md).
 */
export class TableBuilder {
  private readonly widths: number[];
  private readonly columns: number;
  private rows: string[] = [];
  /** Per row and column: where the cell ends in the row's string. */
  private ends = new Uint32Array(0);
  /** Per row and column: the display width of a one-line cell, or MULTI_LINE. */
  private cellWidths = new Int32Array(0);

  constructor(private readonly headers: readonly string[]) {
    if (new Set(headers).size !== headers.length) throw new Error('Field names must be unique');
    this.widths = headers.map(blockWidth);
    this.columns = headers.length;
  }

  addRow(row: readonly string[]): void {
    if (this.columns > 0 && row.length !== this.columns) {
      throw new Error(`Row has incorrect number of values, (actual) ${row.length}!=${this.columns} (expected)`);
    }
    const index = this.rows.length;
    // A row of prettytable without columns (no headers) may still hold cells; keep their count.
    const n = this.columns > 0 ? this.columns : row.length;
    if (n !== this.columns) return this.addRowWithoutColumns(row);
    this.reserve((index + 1) * n);
    let end = 0;
    for (let i = 0; i < n; i++) {
      const cell = row[i];
      end += cell.length;
      this.ends[index * n + i] = end;
      const width = cell.includes('\n') ? MULTI_LINE : displayWidth(cell);
      this.cellWidths[index * n + i] = width;
      this.widths[i] = Math.max(this.widths[i], width === MULTI_LINE ? blockWidth(cell) : width);
    }
    this.rows.push(row.join(''));
  }

  /** With no headers prettytable accepts rows of any length and prints each as `||`-less lines; rare enough to keep as is. */
  private readonly loose: (readonly string[])[] = [];
  private addRowWithoutColumns(row: readonly string[]): void {
    this.rows.push('');
    this.loose[this.rows.length - 1] = row;
  }

  private reserve(size: number): void {
    if (size <= this.ends.length) return;
    const grown = Math.max(size, this.ends.length * 2, 1024);
    const ends = new Uint32Array(grown);
    ends.set(this.ends);
    this.ends = ends;
    const widths = new Int32Array(grown);
    widths.set(this.cellWidths);
    this.cellWidths = widths;
  }

  private cells(index: number): string[] {
    const loose = this.loose[index];
    if (loose) return [...loose];
    const n = this.columns;
    const text = this.rows[index];
    const out: string[] = new Array(n);
    let start = 0;
    for (let i = 0; i < n; i++) {
      const end = this.ends[index * n + i];
      out[i] = text.slice(start, end);
      start = end;
    }
    return out;
  }

  /** Writes the table in pieces of about 64 KB; the kept rows are released as they are written. */
  write(out: (text: string) => void): void {
    const { headers, widths } = this;
    // `(width + 2) * '-'`; a width of -1 (all-control column) leaves a single dash.
    // With no columns at all prettytable still emits both end junctions: `++` and `||`.
    const rule = headers.length === 0 ? '++' : '+' + widths.map((w) => '-'.repeat(Math.max(0, w + 2)) + '+').join('');
    // prettytable's `_justify(text, width, 'l')`: `text + excess * ' '`. When the text holds a
    // control character its width is -1, so it gets one more space than its visible length
    // would suggest, and a negative excess pads nothing, exactly as in Python.
    const padded = (text: string, i: number, known?: number): string => text + ' '.repeat(Math.max(0, widths[i] - (known ?? displayWidth(text))));
    const lineOf = (cells: readonly string[]): string => (cells.length === 0 ? '||' : '|' + cells.map((text, i) => ` ${padded(text, i)} |`).join(''));

    let buffer: string[] = [];
    let size = 0;
    const push = (line: string): void => {
      buffer.push(line);
      size += line.length + 1;
      if (size >= 65536) {
        out(buffer.join('\n') + '\n');
        buffer = [];
        size = 0;
      }
    };
    // The header is justified as one string even if it contains `\n` (prettytable does not
    // split header lines when printing, only when measuring).
    push(rule);
    push(lineOf(headers));
    push(rule);
    for (let r = 0; r < this.rows.length; r++) {
      const cells = this.cells(r);
      this.rows[r] = '';
      const n = this.loose[r] ? -1 : this.columns;
      if (cells.every((c) => !c.includes('\n'))) {
        // A row without cells has height 0 and prettytable appends an empty string for it.
        if (cells.length === 0) push('');
        else push('|' + cells.map((text, i) => ` ${padded(text, i, n < 0 ? undefined : this.cellWidths[r * n + i])} |`).join(''));
        continue;
      }
      const cellLines = cells.map((cell) => cell.split('\n'));
      const height = cellLines.reduce((h, l) => Math.max(h, l.length), 0);
      for (let y = 0; y < height; y++) push('|' + cellLines.map((l, i) => ` ${padded(l[y] ?? '', i)} |`).join(''));
    }
    push(rule);
    out(buffer.join('\n') + '\n');
    this.rows = [];
  }
}
