import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/output/prettytable';

// Expected strings are prettytable 3.6.0's `get_string()` + "\n" with align='l'.
describe('renderTable', () => {
  it('renders the cluster-template-list golden (docs/reference-behaviour.md, Golden outputs)', () => {
    const got = renderTable(
      ['uuid', 'name'],
      [
        ['7e309e84-b8ee-41af-b5f6-3aeac7a317b5', 'k8s-tmpl'],
        ['00e8ec55-1588-4c8a-beec-e6998c12ca93', 'swarm-tmpl'],
      ],
    );
    expect(got).toBe(
      [
        '+--------------------------------------+------------+',
        '| uuid                                 | name       |',
        '+--------------------------------------+------------+',
        '| 7e309e84-b8ee-41af-b5f6-3aeac7a317b5 | k8s-tmpl   |',
        '| 00e8ec55-1588-4c8a-beec-e6998c12ca93 | swarm-tmpl |',
        '+--------------------------------------+------------+',
        '',
      ].join('\n'),
    );
  });

  it('prints rule, header, rule, rule for an empty table (`magnumclient/common/cliutils.py print_list`)', () => {
    expect(renderTable(['uuid', 'name'], [])).toBe('+------+------+\n| uuid | name |\n+------+------+\n+------+------+\n');
  });

  it('ends with exactly one newline', () => {
    const out = renderTable(['a'], [['x']]);
    expect(out.endsWith('+\n')).toBe(true);
    expect(out.endsWith('\n\n')).toBe(false);
  });

  it('renders multi-line cells top-aligned and blank-padded', () => {
    expect(
      renderTable(
        ['Property', 'Value'],
        [
          ['multi', 'a\nbb\nccc'],
          ['x', 'y'],
        ],
      ),
    ).toBe(
      [
        '+----------+-------+',
        '| Property | Value |',
        '+----------+-------+',
        '| multi    | a     |',
        '|          | bb    |',
        '|          | ccc   |',
        '| x        | y     |',
        '+----------+-------+',
        '',
      ].join('\n'),
    );
  });

  it('measures wide, combining and emoji characters with wcwidth', () => {
    expect(
      renderTable(
        ['中文名', '🚀'],
        [
          ['été', 'e\u0301te'],
          ['\x1b[31mred\x1b[0m', '👨‍👩‍👧'],
        ],
      ),
    ).toBe(
      [
        '+--------+--------+',
        '| 中文名 | 🚀     |',
        '+--------+--------+',
        '| été    | e\u0301te    |',
        '| \x1b[31mred\x1b[0m    | 👨‍👩‍👧 |',
        '+--------+--------+',
        '',
      ].join('\n'),
    );
  });

  it('pads control-character cells the way prettytable does with width -1 (docs/dependencies.md, cli-table3)', () => {
    expect(
      renderTable(
        ['a', 'b'],
        [
          ['x\ty', '1'],
          ['\r', '22'],
        ],
      ),
    ).toBe('+---+----+\n| a | b  |\n+---+----+\n| x\ty   | 1  |\n| \r   | 22 |\n+---+----+\n');
    // A column whose header and cells are all width -1 gets a one-dash rule.
    expect(renderTable(['\t'], [['\x7f']])).toBe('+-+\n| \t |\n+-+\n| \x7f |\n+-+\n');
  });

  it('measures a header per line but prints it whole', () => {
    expect(renderTable(['h\nx', 'y'], [['1', '2']])).toBe('+---+---+\n| h\nx   | y |\n+---+---+\n| 1 | 2 |\n+---+---+\n');
  });

  it('handles a table without columns like prettytable', () => {
    expect(renderTable([], [])).toBe('++\n||\n++\n++\n');
  });

  it('rejects what prettytable rejects', () => {
    expect(() => renderTable(['a', 'a'], [])).toThrow('Field names must be unique');
    expect(() => renderTable(['a', 'b'], [['1']])).toThrow('Row has incorrect number of values, (actual) 1!=2 (expected)');
  });
});
