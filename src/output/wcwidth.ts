// Terminal cell widths exactly as Python's wcwidth 0.2.5 computes them, because
// prettytable 3.6 sizes every column with `wcwidth.wcswidth()` (`magnumclient/common/cliutils.py print_list`,
// docs/dependencies.md, cli-table3). Deliberately not string-width/east-asian-width: those disagree on
// ZWJ sequences, VS16, Thai combining marks and zero-width spaces (docs/dependencies.md, cli-table3).
import { WIDE_EASTASIAN, ZERO_WIDTH, ZERO_WIDTH_CF } from './wcwidth-tables';

const ZERO_WIDTH_CF_SET: ReadonlySet<number> = new Set(ZERO_WIDTH_CF);

/** `wcwidth._bisearch` over a flat `[start, end, start, end, ...]` range table. */
export function inRangeTable(cp: number, table: readonly number[]): boolean {
  const pairs = table.length / 2;
  if (pairs === 0 || cp < table[0] || cp > table[table.length - 1]) return false;
  let lo = 0;
  let hi = pairs - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp > table[2 * mid + 1]) lo = mid + 1;
    else if (cp < table[2 * mid]) hi = mid - 1;
    else return true;
  }
  return false;
}

/**
 * `wcwidth.wcwidth(chr(cp))`: 0 for NUL, format controls and combining marks, -1 for the
 * C0/C1 controls and DEL, 2 for East Asian wide/fullwidth, otherwise 1.
 */
export function wcwidth(cp: number): number {
  if (ZERO_WIDTH_CF_SET.has(cp)) return 0;
  if (cp < 32 || (cp >= 0x7f && cp < 0xa0)) return -1;
  if (inRangeTable(cp, ZERO_WIDTH)) return 0;
  return inRangeTable(cp, WIDE_EASTASIAN) ? 2 : 1;
}

// Printable ASCII is the common case in magnum tables; it needs no table lookups.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * `wcwidth.wcswidth(s)`: the sum of the code points' widths, or -1 as soon as one of them
 * is -1 (tab, CR, LF, ESC, DEL, ...). Iterates by code point like a Python str; a lone
 * surrogate counts as one code point, as it does in Python.
 */
export function wcswidth(s: string): number {
  if (PRINTABLE_ASCII.test(s)) return s.length;
  let width = 0;
  for (const ch of s) {
    const w = wcwidth(ch.codePointAt(0) as number);
    if (w < 0) return -1;
    width += w;
  }
  return width;
}

// prettytable's `_re`: SGR colour sequences and the `ESC ( B` charset reset.
const ANSI_RE = /\x1b\[[0-9;]*m|\x1b\(B/g;

/**
 * prettytable's `_str_block_width(text)`: strip ANSI SGR sequences, then `wcswidth`. It is
 * -1 when the text still contains a control character (including `\n`); callers reproduce
 * what prettytable does with that -1 (see prettytable.ts).
 */
export function displayWidth(text: string): number {
  return wcswidth(text.includes('\x1b') ? text.replace(ANSI_RE, '') : text);
}
