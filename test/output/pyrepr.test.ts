import { describe, expect, it } from 'vitest';
import { isPyPrintable, pyFloatRepr, pyRepr, pyReprString, pyStr } from '../../src/output/pyrepr';
import { pyIsLower, pyIsUpper, pyStrip, pyTitle } from '../../src/output/pystring';

// Expected strings are what CPython 3.11 prints (docs/reference-behaviour.md, Python values inside tables).
describe('pyReprString', () => {
  it('picks the quote like CPython', () => {
    expect(pyReprString('abc')).toBe("'abc'");
    expect(pyReprString('')).toBe("''");
    expect(pyReprString("it's")).toBe('"it\'s"');
    expect(pyReprString('say "hi"')).toBe('\'say "hi"\'');
    expect(pyReprString('a"b\'c')).toBe("'a\"b\\'c'"); // both: single quotes, \' escaped
  });

  it('escapes backslash, tab, newline and carriage return', () => {
    expect(pyReprString('a\\b')).toBe("'a\\\\b'");
    expect(pyReprString('\t\n\r')).toBe("'\\t\\n\\r'");
    expect(pyReprString('x\\ny')).toBe("'x\\\\ny'"); // a literal backslash-n
  });

  it('uses \\xhh, \\uhhhh and \\Uhhhhhhhh for non-printable characters', () => {
    expect(pyReprString('\x00\x1b\x7f')).toBe("'\\x00\\x1b\\x7f'");
    expect(pyReprString('\x85\xa0\xad')).toBe("'\\x85\\xa0\\xad'");
    expect(pyReprString('\u200b\u2028\ufeff')).toBe("'\\u200b\\u2028\\ufeff'");
    expect(pyReprString('\u{e0001}')).toBe("'\\U000e0001'");
    expect(pyReprString('\ud800')).toBe("'\\ud800'"); // lone surrogate (Cs)
    expect(pyReprString('\u0378')).toBe("'\\u0378'"); // unassigned (Cn)
  });

  it('keeps printable non-ASCII as is', () => {
    expect(pyReprString('ñandú 中文 🚀 Ω')).toBe("'ñandú 中文 🚀 Ω'");
    expect(pyReprString('e\u0301')).toBe("'e\u0301'");
  });

  it('follows str.isprintable', () => {
    expect(isPyPrintable(0x20)).toBe(true);
    expect(isPyPrintable(0xa0)).toBe(false); // Zs other than space
    expect(isPyPrintable(0x3000)).toBe(false);
    expect(isPyPrintable(0xe000)).toBe(false); // private use
    expect(isPyPrintable(0x1f680)).toBe(true);
  });
});

describe('pyRepr / pyStr', () => {
  it('renders scalars', () => {
    expect(pyRepr(true)).toBe('True');
    expect(pyRepr(false)).toBe('False');
    expect(pyRepr(null)).toBe('None');
    expect(pyRepr(0)).toBe('0');
    expect(pyRepr(-0)).toBe('0'); // JSON -0 is an int in Python
    expect(pyRepr(42)).toBe('42');
    expect(pyRepr(1e21)).toBe('1000000000000000000000'); // integral: shown as an int
    expect(pyRepr(1.5)).toBe('1.5');
  });

  it('renders dicts and lists in insertion order', () => {
    expect(pyRepr({ kube_tag: 'v1.21.1', foo: 'bar' })).toBe("{'kube_tag': 'v1.21.1', 'foo': 'bar'}");
    expect(pyRepr({})).toBe('{}');
    expect(pyRepr([])).toBe('[]');
    expect(pyRepr(['10.0.0.1', 2, null, true, { a: [1.25] }])).toBe("['10.0.0.1', 2, None, True, {'a': [1.25]}]");
    expect(pyRepr({ "it's": 'a\nb' })).toBe("{\"it's\": 'a\\nb'}");
  });

  it('str() is the string itself, repr otherwise', () => {
    expect(pyStr("it's")).toBe("it's");
    expect(pyStr(['a'])).toBe("['a']");
    expect(pyStr(null)).toBe('None');
    expect(pyStr(false)).toBe('False');
  });
});

describe('pyFloatRepr', () => {
  it('matches repr(float)', () => {
    expect(pyFloatRepr(1)).toBe('1.0');
    expect(pyFloatRepr(-2.5)).toBe('-2.5');
    expect(pyFloatRepr(0.1)).toBe('0.1');
    expect(pyFloatRepr(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(pyFloatRepr(0.0001)).toBe('0.0001');
    expect(pyFloatRepr(0.00001)).toBe('1e-05');
    expect(pyFloatRepr(1e-7)).toBe('1e-07');
    expect(pyFloatRepr(1.5e-10)).toBe('1.5e-10');
    expect(pyFloatRepr(1e15)).toBe('1000000000000000.0');
    expect(pyFloatRepr(1e16)).toBe('1e+16');
    expect(pyFloatRepr(1.2345e300)).toBe('1.2345e+300');
    expect(pyFloatRepr(123456.789)).toBe('123456.789');
    expect(pyFloatRepr(0)).toBe('0.0');
    expect(pyFloatRepr(-0)).toBe('-0.0');
    expect(pyFloatRepr(Number.NaN)).toBe('nan');
    expect(pyFloatRepr(-Infinity)).toBe('-inf');
  });
});

describe('Python str methods', () => {
  it('strip() uses Python whitespace, not JS trim()', () => {
    expect(pyStrip(' \t\n x \r\x1c\x85')).toBe('x');
    expect(pyStrip('\ufeffx\ufeff')).toBe('\ufeffx\ufeff');
  });

  it('islower/isupper need a cased character', () => {
    expect(pyIsLower('stack id')).toBe(true);
    expect(pyIsUpper('ABC DEF')).toBe(true);
    expect(pyIsLower('fooBar x')).toBe(false);
    expect(pyIsUpper('fooBar x')).toBe(false);
    expect(pyIsLower('123 _')).toBe(false);
  });

  it('title() title-cases after every non-cased character', () => {
    expect(pyTitle('stack id')).toBe('Stack Id');
    expect(pyTitle('ABC DEF')).toBe('Abc Def');
    expect(pyTitle("it's 1st")).toBe("It'S 1St");
    expect(pyTitle('straße')).toBe('Straße');
    expect(pyTitle('ßa')).toBe('Ssa');
    expect(pyTitle('ǆemal')).toBe('ǅemal');
  });
});
