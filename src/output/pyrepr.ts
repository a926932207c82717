// Python 3 `repr()` / `str()` of JSON-decoded values, because magnumclient prints dicts,
// lists and scalars through Python's str() inside its tables (`magnumclient/common/cliutils.py print_list`, `magnumclient/common/cliutils.py print_dict`)
// and the exact quoting/escaping is visible in the output (docs/reference-behaviour.md, Python values inside tables).
//
// Known limits of working on JSON.parse() results instead of Python's json.loads():
// - Floats: JSON `1.0` and `1` both parse to the number 1, so a float with an integral
//   value prints as `1` where Python prints `1.0`. Integral numbers therefore render as
//   int digits and only non-integral ones as a Python float repr (`1.5`, `1e-07`). An
//   int beyond 2**53 has already lost digits in JSON.parse.
// - Dict key order: JS objects list integer-like keys ("1", "42") first, in numeric
//   order, whereas Python keeps the server's order. Other keys keep insertion order.
import { NON_PRINTABLE } from './python-unicode-tables';
import { inRangeTable } from './wcwidth';

/** Python's `str.isprintable()` for one code point (tables from the reference CPython). */
export function isPyPrintable(cp: number): boolean {
  return !inRangeTable(cp, NON_PRINTABLE);
}

const hex = (n: number, digits: number): string => n.toString(16).padStart(digits, '0');

/** Quote choice shared by str and bytes repr: `'`, unless the text has `'` and no `"`. */
function chooseQuote(s: string): string {
  return s.includes("'") && !s.includes('"') ? '"' : "'";
}

/** Python `repr(s)` for a str (CPython `unicode_repr`). */
export function pyReprString(s: string): string {
  const quote = chooseQuote(s);
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp < 0x7f || isPyPrintable(cp)) out += ch;
    else if (cp <= 0xff) out += '\\x' + hex(cp, 2);
    else if (cp <= 0xffff) out += '\\u' + hex(cp, 4);
    else out += '\\U' + hex(cp, 8);
  }
  return out + quote;
}

/**
 * Python `repr(float)`: the shortest round-tripping digits (the same digits JS picks),
 * laid out the way CPython's `float_repr_style = 'short'` does: positional notation when
 * the decimal exponent is in [-4, 16), always with a fractional part (`2.0`), otherwise
 * `d.ddde±XX` with at least two exponent digits (`1e-05`, `1.5e+16`).
 */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, expText] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  const decpt = exp + 1; // value = 0.<digits> * 10**decpt
  if (decpt <= -4 || decpt > 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

/** Python repr of a JSON number; see the file comment for why integral means int. */
function pyReprNumber(n: number): string {
  return Number.isInteger(n) ? BigInt(n).toString() : pyFloatRepr(n);
}

/** True for `{...}` values (JSON objects), as opposed to arrays and null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Python `repr()` of a JSON value: `'str'`, `True`/`False`, `None`, int digits, float
 * repr, `[a, b]`, `{'k': v}` (insertion order). `undefined` has no Python counterpart
 * and is shown as `None`.
 */
export function pyRepr(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return pyReprString(value);
    case 'number':
      return pyReprNumber(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'bigint':
      return value.toString();
    case 'undefined':
      return 'None';
    default:
      break;
  }
  if (value === null) return 'None';
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (isPlainObject(value)) {
    const items = Object.entries(value).map(([k, v]) => `${pyReprString(k)}: ${pyRepr(v)}`);
    return `{${items.join(', ')}}`;
  }
  return String(value);
}

/** Python `str()`: a str is itself, everything else is its repr (true for JSON values). */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}
