// The -f formats against cliff's own formatters (the `openstack coe` output code) run by
// /usr/bin/python3 through fixtures/cliff_formats_oracle.py, byte for byte, on seeded
// random data; plus the cases where we differ on purpose. Skipped without cliff.
import { prng, pythonHasModules, runPythonOracle } from '../support/python-oracle';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatCsv, formatJson, formatShell, formatValueLines, formatValueRows, formatYamlEntries, formatYamlList } from '../../src/output/formats';
import { itNeeds } from '../support/tools';

const ORACLE = fileURLToPath(new URL('./fixtures/cliff_formats_oracle.py', import.meta.url));
const HAVE_CLIFF = pythonHasModules('cliff.formatters.yaml_format, yaml');
const itWithCliff = itNeeds(HAVE_CLIFF, '/usr/bin/python3 cannot import cliff and yaml (test/stack/install.sh)');

type Case = { format: string; kind: 'list' | 'one'; columns: string[]; data: unknown[] };

function cliff(cases: Case[]): string[] {
  return runPythonOracle<string[]>(ORACLE, cases);
}

const STRINGS = [
  '',
  'k8s-1',
  'CREATE_COMPLETE',
  'a b',
  'yes',
  'no',
  'on',
  'null',
  '~',
  '123',
  '1.5',
  '0x1F',
  "it's",
  'say "hi"',
  'a,b',
  'line\nbreak',
  'tab\there',
  'ümlaut',
  '日本語',
  '😀',
  '#comment',
  '- dash',
  'key: value',
  '*star',
  '&amp',
  '2026-11-24T17:58:35+00:00',
  'https://127.0.0.1:6443',
  ' padded ',
  'x'.repeat(90),
  `${'word '.repeat(20)}end`,
];

function value(next: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const kind = Math.floor(next() * (depth > 1 ? 5 : 7));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return Math.floor(next() * 2000) - 100;
    case 2:
      return next() < 0.5;
    case 3:
    case 4:
      return pick(STRINGS);
    case 5:
      return Array.from({ length: Math.floor(next() * 3) }, () => value(next, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 3) }, () => [pick(['b', 'a', 'kube_tag', 'yes', 'Z']), value(next, depth + 1)]),
      );
  }
}

function randomCases(seed: number, n: number): Case[] {
  const next = prng(seed);
  const cases: Case[] = [];
  for (let i = 0; i < n; i++) {
    const columns = ['uuid', 'name', 'node_count', 'labels', 'status_reason'].slice(0, 1 + Math.floor(next() * 5));
    if (i % 2 === 0) {
      const rows = Array.from({ length: Math.floor(next() * 4) }, () => columns.map(() => value(next)));
      for (const format of ['csv', 'json', 'value', 'yaml']) cases.push({ format, kind: 'list', columns, data: rows });
    } else {
      const data = columns.map(() => value(next));
      for (const format of ['json', 'value', 'yaml', 'shell']) cases.push({ format, kind: 'one', columns, data });
    }
  }
  return cases;
}

function ours(c: Case): string {
  const rows = c.data as unknown[][];
  const objects = () => rows.map((row) => Object.fromEntries(c.columns.map((k, i) => [k, row[i]])));
  const entries = () => c.columns.map((k, i): [string, unknown] => [k, c.data[i]]);
  if (c.kind === 'list') {
    if (c.format === 'csv') return formatCsv(c.columns, rows);
    if (c.format === 'json') return formatJson(objects());
    if (c.format === 'value') return formatValueRows(rows);
    return formatYamlList(stringify, objects());
  }
  if (c.format === 'json') return formatJson(Object.fromEntries(entries()));
  if (c.format === 'value') return formatValueLines(c.data);
  if (c.format === 'shell') return formatShell(entries());
  return formatYamlEntries(stringify, entries());
}

/**
 * Two deliberate YAML differences (docs/output-formats.md): PyYAML folds a long plain
 * scalar at the first space past column 80, the yaml package at the last space before
 * it; and PyYAML escapes non-ASCII text ("\xFCmlaut") and tabs, which we write as they
 * are. With such strings the two texts are compared as YAML (the same data).
 */
const yamlSameDataOnly = (c: Case): boolean => c.format === 'yaml' && /word word word|[^\x00-\x7f]|\\t/.test(JSON.stringify(c.data));

/**
 * Our shell format escapes \ $ ` on purpose, and also the " inside a list's or dict's
 * repr (cliff escapes " in strings only, leaving such lines unparseable): compare with
 * cliff only where none of that occurs.
 */
const shellSafe = (c: Case): boolean =>
  c.format !== 'shell' ||
  c.data.every((v) => {
    const text = typeof v === 'string' ? v : JSON.stringify(v).replace(/\\"/g, '"');
    return !/[\\$`]/.test(text) && (typeof v === 'string' || !text.slice(1, -1).includes('"'));
  });

describe('output formats are cliff byte for byte', () => {
  itWithCliff(`on 400 seeded random tables and resources`, () => {
    const cases = randomCases(20261124, 200).filter(shellSafe);
    const expected = cliff(cases);
    cases.forEach((c, i) => {
      const label = `case ${i}: ${c.format} ${c.kind} ${JSON.stringify(c.data)}`;
      if (yamlSameDataOnly(c)) expect(parse(ours(c)), label).toEqual(parse(expected[i]));
      else expect(ours(c), label).toBe(expected[i]);
    });
  });

  itWithCliff(`on a real cluster object`, () => {
    const cluster = {
      uuid: 'cd121395-6e76-4afe-a3d3-e13c3f20f097',
      name: 'mykubcluster',
      keypair: null,
      node_count: 100,
      labels: { kube_tag: 'v1.9.3', auto_healing_enabled: 'true' },
      node_addresses: ['127.2.0.1', '127.2.0.2'],
      floating_ip_enabled: true,
      health_status_reason: {},
      faults: {},
      create_timeout: 60,
      status_reason: 'Stack CREATE completed successfully',
    };
    const columns = Object.keys(cluster);
    const data = Object.values(cluster);
    const cases: Case[] = [
      ...['json', 'value', 'yaml', 'shell'].map((format): Case => ({ format, kind: 'one', columns, data })),
      ...['csv', 'json', 'value', 'yaml'].map((format): Case => ({ format, kind: 'list', columns, data: [data, data] })),
    ];
    const expected = cliff(cases);
    cases.forEach((c, i) => expect(ours(c), `${c.format} ${c.kind}`).toBe(expected[i]));
  });
});

describe('output formats, fixed examples', () => {
  it('json: indent 2, server key order and types, ASCII escapes, [] and {}', () => {
    expect(formatJson({ b: 1, a: [], c: {}, d: null, e: true, f: 'é😀' })).toBe(
      '{\n  "b": 1,\n  "a": [],\n  "c": {},\n  "d": null,\n  "e": true,\n  "f": "\\u00e9\\ud83d\\ude00"\n}\n',
    );
    expect(formatJson([])).toBe('[]\n');
  });

  it('csv: a quoted header; strings quoted with "" doubled and \\ escaped; numbers and booleans bare; None empty', () => {
    expect(
      formatCsv(
        ['uuid', 'node_count'],
        [
          ['a"b\\c', 3],
          [null, true],
          [['x'], { k: 'v' }],
        ],
      ),
    ).toBe('"uuid","node_count"\n"a""b\\\\c",3\n"",True\n"[\'x\']","{\'k\': \'v\'}"\n');
  });

  it('value: Python str() of each cell, space separated, one row per line', () => {
    expect(
      formatValueRows([
        ['k8s', 3, null, false],
        ['x', { a: 1 }, [], ''],
      ]),
    ).toBe("k8s 3 None False\nx {'a': 1} [] \n");
    expect(formatValueLines(['k8s', null])).toBe('k8s\nNone\n');
  });

  it('shell: name="value" with shell-safe names; \\, ", $ and ` escaped (cliff escapes only ")', () => {
    expect(
      formatShell([
        ['node_count', 3],
        ['OS-EXT:x y', 'a"b'],
        ['labels', { a: '$(rm -rf ~)' }],
        ['bq', '`id`\\'],
      ]),
    ).toBe('node_count="3"\nos_ext_x_y="a\\"b"\nlabels="{\'a\': \'\\$(rm -rf ~)\'}"\nbq="\\`id\\`\\\\"\n');
  });

  it('yaml: a list is one sorted dump; a resource keeps its column order at the top', () => {
    expect(formatYamlList(stringify, [{ name: 'k8s', labels: { z: '1', a: 'yes' } }])).toBe("- labels:\n    a: 'yes'\n    z: '1'\n  name: k8s\n");
    expect(
      formatYamlEntries(stringify, [
        ['name', 'k8s'],
        ['labels', { z: '1', a: 'yes' }],
        ['count', 3],
      ]),
    ).toBe("name: k8s\nlabels:\n  a: 'yes'\n  z: '1'\ncount: 3\n");
  });
});
