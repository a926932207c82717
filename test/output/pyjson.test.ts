import { describe, expect, it } from 'vitest';
import { pyJsonDumps } from '../../src/output/pyjson';

// The expected texts are what CPython's json.dumps writes for the same values.
describe('pyJsonDumps (Python json.dumps)', () => {
  it('without indent: ", " and ": " separators on one line; keys escaped like values', () => {
    expect(pyJsonDumps({ é: ['a', 1, null, true, {}], k: { x: [] } })).toBe('{"\\u00e9": ["a", 1, null, true, {}], "k": {"x": []}}');
    expect(pyJsonDumps([])).toBe('[]');
    expect(pyJsonDumps('\u007f')).toBe('"\\u007f"');
  });

  it('with an indent: one item per line, [] and {} when empty, astral characters as two escapes', () => {
    expect(pyJsonDumps({ é: ['a', 1, null, true, {}, []], k: { x: '😀' } }, 2)).toBe(
      '{\n  "\\u00e9": [\n    "a",\n    1,\n    null,\n    true,\n    {},\n    []\n  ],\n  "k": {\n    "x": "\\ud83d\\ude00"\n  }\n}',
    );
  });
});
