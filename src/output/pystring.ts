// The few Python str methods whose Unicode rules differ from their JS look-alikes and
// show up in magnum output: strip() (print_dict's backslash-n quirk, `magnumclient/common/cliutils.py print_dict`)
// and islower()/isupper()/title() (`--fields` headers, `magnumclient/common/cliutils.py _get_list_table_columns_and_formatters`).
import { PY_WHITESPACE } from './python-unicode-tables';

const PY_WHITESPACE_SET: ReadonlySet<number> = new Set(PY_WHITESPACE);

/**
 * Python `str.strip()` with no argument. Not `String.prototype.trim()`: Python also strips
 * U+001C..U+001F and U+0085 but not U+FEFF. All Python whitespace is in the BMP.
 */
export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && PY_WHITESPACE_SET.has(s.charCodeAt(start))) start++;
  while (end > start && PY_WHITESPACE_SET.has(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

// CPython's case predicates: the Lowercase / Uppercase derived properties and Lt;
// "cased" is their union.
const LOWER = /^\p{Lowercase}$/u;
const UPPER = /^\p{Uppercase}$/u;
const TITLE = /^\p{Lt}$/u;

const isCased = (ch: string): boolean => LOWER.test(ch) || UPPER.test(ch) || TITLE.test(ch);

/** Python `str.islower()`: at least one cased character and no upper/title-case one. */
export function pyIsLower(s: string): boolean {
  let cased = false;
  for (const ch of s) {
    if (UPPER.test(ch) || TITLE.test(ch)) return false;
    if (LOWER.test(ch)) cased = true;
  }
  return cased;
}

/** Python `str.isupper()`: at least one cased character and no lower/title-case one. */
export function pyIsUpper(s: string): boolean {
  let cased = false;
  for (const ch of s) {
    if (LOWER.test(ch) || TITLE.test(ch)) return false;
    if (UPPER.test(ch)) cased = true;
  }
  return cased;
}

// JS has no toTitleCase. The four Latin digraphs have a dedicated title-case letter;
// for other characters the title case is the upper case, except that when upper-casing
// expands to several characters (ß -> SS, ﬁ -> FI) Python keeps only the first one
// capital (Ss, Fi). Exact for ASCII, which is what field names are.
const DIGRAPH_TITLE: Readonly<Record<string, string>> = {
  '\u01c4': '\u01c5',
  '\u01c5': '\u01c5',
  '\u01c6': '\u01c5',
  '\u01c7': '\u01c8',
  '\u01c8': '\u01c8',
  '\u01c9': '\u01c8',
  '\u01ca': '\u01cb',
  '\u01cb': '\u01cb',
  '\u01cc': '\u01cb',
  '\u01f1': '\u01f2',
  '\u01f2': '\u01f2',
  '\u01f3': '\u01f2',
};

function titleCaseChar(ch: string): string {
  const digraph = DIGRAPH_TITLE[ch];
  if (digraph !== undefined) return digraph;
  const [first, ...rest] = ch.toUpperCase();
  return first + rest.join('').toLowerCase();
}

/**
 * Python `str.title()`: a character following a cased character is lower-cased, any other
 * is title-cased. Digits and apostrophes are not cased: `'1st'` -> `'1St'`, `"it's"` -> `"It'S"`.
 */
export function pyTitle(s: string): string {
  let out = '';
  let previousIsCased = false;
  for (const ch of s) {
    out += previousIsCased ? ch.toLowerCase() : titleCaseChar(ch);
    previousIsCased = isCased(ch);
  }
  return out;
}
