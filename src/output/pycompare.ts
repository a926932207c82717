// Python 3 `==` and `<` on JSON values, for prettytable's `sortby`: it sorts the raw row
// values (not their strings), so ints sort numerically, 2 before 10 (`magnumclient/common/cliutils.py print_list`,
// service-list).

/** Python's type name of a JSON value, as used in TypeError messages. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

/** bool is an int subclass in Python: True == 1 and False < 0.5. */
function isPyNumber(value: unknown): value is number | boolean | bigint {
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint';
}

function compareNumbers(a: number | boolean | bigint, b: number | boolean | bigint): number {
  const x = typeof a === 'bigint' ? a : Number(a);
  const y = typeof b === 'bigint' ? b : Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Python str ordering: by code point, not by UTF-16 unit as JS `<` does. */
function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(j) as number;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  return i < a.length ? 1 : j < b.length ? -1 : 0;
}

/** Python `a == b` for JSON values (never raises). */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (isPyNumber(a) && isPyNumber(b)) return compareNumbers(a, b) === 0;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a === null || a === undefined) && (b === null || b === undefined);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => pyEquals(v, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const rb = b as Record<string, unknown>;
    return (
      ka.length === Object.keys(rb).length &&
      ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && pyEquals((a as Record<string, unknown>)[k], rb[k]))
    );
  }
  return false;
}

/**
 * Python `a < b`. Lists compare lexicographically: the first pair that is not `==`
 * decides, else the shorter list is smaller. Anything else without an ordering (None,
 * dict, str vs int, ...) raises Python's TypeError message.
 */
export function pyLessThan(a: unknown, b: unknown): boolean {
  if (isPyNumber(a) && isPyNumber(b)) return compareNumbers(a, b) < 0;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b) < 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (!pyEquals(a[i], b[i])) return pyLessThan(a[i], b[i]);
    }
    return a.length < b.length;
  }
  throw new TypeError(`'<' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/**
 * A stable ascending sort with Python semantics, like `list.sort()`: the same order as
 * CPython for every input CPython can sort. Unorderable mixtures raise a TypeError here
 * too, but the comparison order differs from CPython's timsort, so the pair of type names
 * in the message may differ.
 */
export function pySorted<T>(values: readonly T[]): T[] {
  return [...values].sort((x, y) => (pyLessThan(x, y) ? -1 : pyLessThan(y, x) ? 1 : 0));
}
