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
 * prettytable's `_justify(text, width, 'l')`: `text + excess * ' '`. When the text holds a
 * control character its width is -1, so it gets one more space than its visible length
 * would suggest, and a negative excess pads nothing, exactly as in Python (`magnumclient/common/cliutils.py print_list`).
 */
function justifyLeft(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
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
  if (new Set(headers).size !== headers.length) throw new Error('Field names must be unique');
  for (const row of rows) {
    if (headers.length > 0 && row.length !== headers.length) {
      throw new Error(`Row has incorrect number of values, (actual) ${row.length}!=${headers.length} (expected)`);
    }
  }

  const widths = headers.map(blockWidth);
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i], blockWidth(cell));
    });
  }

  // `(width + 2) * '-'`; a width of -1 (all-control column) leaves a single dash.
  // With no columns at all prettytable still emits both end junctions: `++` and `||`.
  const rule = headers.length === 0 ? '++' : '+' + widths.map((w) => '-'.repeat(Math.max(0, w + 2)) + '+').join('');
  const lineOf = (cells: readonly string[]): string =>
    cells.length === 0 ? '||' : '|' + cells.map((text, i) => ` ${justifyLeft(text, widths[i])} |`).join('');

  // The header is justified as one string even if it contains `\n` (prettytable does not
  // split header lines when printing, only when measuring).
  const lines: string[] = [rule, lineOf(headers), rule];
  for (const row of rows) {
    const cellLines = row.map((cell) => cell.split('\n'));
    const height = cellLines.reduce((h, l) => Math.max(h, l.length), 0);
    // A row without cells has height 0 and prettytable appends an empty string for it.
    if (height === 0) lines.push('');
    for (let y = 0; y < height; y++) {
      lines.push('|' + cellLines.map((l, i) => ` ${justifyLeft(l[y] ?? '', widths[i])} |`).join(''));
    }
  }
  lines.push(rule);
  return lines.join('\n') + '\n';
}
