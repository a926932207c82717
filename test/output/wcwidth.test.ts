import { describe, expect, it } from 'vitest';
import { displayWidth, wcswidth, wcwidth } from '../../src/output/wcwidth';

// Expected values are Python wcwidth 0.2.5's (docs/dependencies.md, cli-table3).
describe('wcwidth', () => {
  it('classifies single code points like wcwidth.wcwidth', () => {
    expect(wcwidth(0x41)).toBe(1);
    expect(wcwidth(0x00)).toBe(0); // NUL is in ZERO_WIDTH_CF
    expect(wcwidth(0x09)).toBe(-1);
    expect(wcwidth(0x7f)).toBe(-1);
    expect(wcwidth(0x9f)).toBe(-1);
    expect(wcwidth(0xa0)).toBe(1);
    expect(wcwidth(0xad)).toBe(1); // soft hyphen
    expect(wcwidth(0x0301)).toBe(0); // combining acute
    expect(wcwidth(0x200b)).toBe(0);
    expect(wcwidth(0x2028)).toBe(0);
    expect(wcwidth(0x4e2d)).toBe(2); // 中
    expect(wcwidth(0x1f680)).toBe(2); // 🚀
    expect(wcwidth(0xfe0f)).toBe(0); // VS16
  });

  it('sums a string like wcwidth.wcswidth', () => {
    expect(wcswidth('')).toBe(0);
    expect(wcswidth('k8s-tmpl')).toBe(8);
    expect(wcswidth('中文名')).toBe(6);
    expect(wcswidth('ｆｕｌｌ')).toBe(8);
    expect(wcswidth('été')).toBe(3);
    expect(wcswidth('e\u0301te')).toBe(3);
    expect(wcswidth('🚀')).toBe(2);
    expect(wcswidth('👨‍👩‍👧')).toBe(6); // ZWJ sequence: three wide emoji
    expect(wcswidth('❤️')).toBe(1); // VS16 does not widen
    expect(wcswidth('ที่')).toBe(1); // Thai base + two combining marks
    expect(wcswidth('a\u200bb')).toBe(2);
  });

  it('returns -1 as soon as a control character appears', () => {
    expect(wcswidth('x\ty')).toBe(-1);
    expect(wcswidth('a\nb')).toBe(-1);
    expect(wcswidth('\r')).toBe(-1);
    expect(wcswidth('\x1b[31m')).toBe(-1);
    expect(wcswidth('ok\x85')).toBe(-1);
  });

  it('treats a lone surrogate as one narrow code point, as Python does', () => {
    expect(wcswidth('\ud800')).toBe(1);
  });
});

describe('displayWidth (prettytable _str_block_width)', () => {
  it('strips ANSI SGR and charset-reset sequences before measuring', () => {
    expect(displayWidth('\x1b[31mred\x1b[0m')).toBe(3);
    expect(displayWidth('\x1b[1;32mok\x1b(B')).toBe(2);
    expect(displayWidth('\x1b[31m中\x1b[m')).toBe(2);
  });

  it('keeps other escape sequences, which then make the width -1', () => {
    expect(displayWidth('\x1b]0;title\x07')).toBe(-1);
    expect(displayWidth('\x1b[2K')).toBe(-1);
  });
});
