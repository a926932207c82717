// The Renderer behind every list and show command: the table by default, byte for byte
// the reference's; -f/-c choose the format and the columns (docs/output-formats.md).
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { IOStreams } from '../../src/context';
import { printDict, printList } from '../../src/output/cliutils';
import type { OutputChoice } from '../../src/output/render';
import { formatRenderer, rendererFor, tableRenderer } from '../../src/output/render';

function capture(): IOStreams & { text: () => string } {
  let out = '';
  return {
    out: (s) => {
      out += s;
    },
    err: () => undefined,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    text: () => out,
  };
}

function render(choice: Partial<OutputChoice>, draw: (r: ReturnType<typeof formatRenderer>) => void): string {
  const io = capture();
  draw(formatRenderer(io, { format: 'table', columns: [], yaml: stringify, ...choice }));
  return io.text();
}

const CLUSTERS = [
  { uuid: 'u-1', name: 'k8s', keypair: null, node_count: 3, master_count: 1, status: 'CREATE_COMPLETE', stack_id: 's-1', labels: { a: 'b' } },
  { uuid: 'u-2', name: 'swarm', keypair: 'mykey', node_count: 1, master_count: 1, status: 'CREATE_FAILED', stack_id: null, labels: {} },
];
const COLUMNS = ['uuid', 'name', 'keypair', 'node_count', 'master_count', 'status'];
const SHOWN = { uuid: 'u-1', name: 'k8s', node_count: 3, labels: { a: 'b' }, status_reason: null };

describe('the default renderer', () => {
  it('is print_list / print_dict unchanged, server order kept', () => {
    const io = capture();
    tableRenderer(io).list(CLUSTERS, COLUMNS);
    tableRenderer(io).show(SHOWN);
    expect(io.text()).toBe(printList(CLUSTERS, COLUMNS, { sortByIndex: null }) + printDict(SHOWN));
  });

  it('is what a command without -f/-c gets, and what one without `output` gets', async () => {
    for (const [output, values] of [
      ['list', { format: 'table', column: [] }],
      [undefined, {}],
    ] as const) {
      const io = capture();
      (await rendererFor(io, output, values)).list(CLUSTERS, COLUMNS);
      expect(io.text()).toBe(printList(CLUSTERS, COLUMNS, { sortByIndex: null }));
    }
  });
});

describe('lists', () => {
  it('json: the table columns of each object, with the API types', () => {
    const text = render({ format: 'json' }, (r) => r.list(CLUSTERS, COLUMNS));
    expect(JSON.parse(text)).toEqual(CLUSTERS.map(({ stack_id: _s, labels: _l, ...rest }) => rest));
    expect(text.startsWith('[\n  {\n    "uuid": "u-1",\n    "name": "k8s",\n    "keypair": null,\n    "node_count": 3,\n')).toBe(true);
  });

  it('-c picks table columns and object keys, in the order given', () => {
    const text = render({ format: 'json', columns: ['labels', 'name', 'stack_id'] }, (r) => r.list(CLUSTERS, COLUMNS));
    expect(JSON.parse(text)).toEqual([
      { labels: { a: 'b' }, name: 'k8s', stack_id: 's-1' },
      { labels: {}, name: 'swarm', stack_id: null },
    ]);
    expect(render({ format: 'value', columns: ['name', 'status'] }, (r) => r.list(CLUSTERS, COLUMNS))).toBe(
      'k8s CREATE_COMPLETE\nswarm CREATE_FAILED\n',
    );
  });

  it('-c with the table: only those columns, magnum style', () => {
    expect(render({ columns: ['name', 'labels'] }, (r) => r.list(CLUSTERS, COLUMNS))).toBe(
      '+-------+------------+\n' +
        '| name  | labels     |\n' +
        '+-------+------------+\n' +
        "| k8s   | {'a': 'b'} |\n" +
        '| swarm | {}         |\n' +
        '+-------+------------+\n',
    );
  });

  it('-c matches a --fields column by its header or its key, and reads it by key', () => {
    const columns = [...COLUMNS, 'Stack Id'];
    for (const name of ['Stack Id', 'stack_id']) {
      expect(render({ format: 'csv', columns: [name] }, (r) => r.list(CLUSTERS, columns))).toBe('"stack_id"\n"s-1"\n""\n');
    }
  });

  it('an unknown -c column is an error naming the available ones', () => {
    expect(() => render({ format: 'json', columns: ['name', 'nope', 'zip'] }, (r) => r.list(CLUSTERS, COLUMNS))).toThrow(
      "Unknown columns 'nope', 'zip'. Available columns: uuid, name, keypair, node_count, master_count, status, stack_id, labels",
    );
  });

  it('an empty list: [] in json, a header in csv, nothing in value; -c cannot be checked', () => {
    expect(render({ format: 'json' }, (r) => r.list([], COLUMNS))).toBe('[]\n');
    expect(render({ format: 'yaml' }, (r) => r.list([], COLUMNS))).toBe('[]\n');
    expect(render({ format: 'csv', columns: ['name', 'whatever'] }, (r) => r.list([], COLUMNS))).toBe('"name","whatever"\n');
    expect(render({ format: 'value' }, (r) => r.list([], COLUMNS))).toBe('');
  });

  it('a formatter column: the computed value when the object has no such key', () => {
    const formatters = { nodes: (item: Record<string, unknown>) => Number(item.node_count) + Number(item.master_count) };
    expect(render({ format: 'json' }, (r) => r.list(CLUSTERS.slice(0, 1), ['name', 'nodes'], { formatters }))).toBe(
      '[\n  {\n    "name": "k8s",\n    "nodes": 4\n  }\n]\n',
    );
  });

  it('a sorted table (service-list) stays sorted when its sort column is kept by -c', () => {
    const items = [
      { id: 2, host: 'b' },
      { id: 1, host: 'a' },
    ];
    expect(render({ columns: ['host', 'id'] }, (r) => r.list(items, ['id', 'host'], { sortByIndex: 0 }))).toBe(
      '+------+----+\n| host | id |\n+------+----+\n| a    | 1  |\n| b    | 2  |\n+------+----+\n',
    );
  });

  it('csv and yaml', () => {
    expect(render({ format: 'csv', columns: ['name', 'node_count', 'keypair'] }, (r) => r.list(CLUSTERS, COLUMNS))).toBe(
      '"name","node_count","keypair"\n"k8s",3,""\n"swarm",1,"mykey"\n',
    );
    expect(render({ format: 'yaml', columns: ['name', 'labels'] }, (r) => r.list(CLUSTERS, COLUMNS))).toBe(
      '- labels:\n    a: b\n  name: k8s\n- labels: {}\n  name: swarm\n',
    );
  });
});

describe('one resource', () => {
  it('json equals the object, in its key order and types', () => {
    const text = render({ format: 'json' }, (r) => r.show(SHOWN));
    expect(JSON.parse(text)).toEqual(SHOWN);
    expect(Object.keys(JSON.parse(text))).toEqual(Object.keys(SHOWN));
  });

  it('-c with json, value, shell, yaml and the table', () => {
    const pick = { columns: ['node_count', 'name'] };
    expect(render({ format: 'json', ...pick }, (r) => r.show(SHOWN))).toBe('{\n  "node_count": 3,\n  "name": "k8s"\n}\n');
    expect(render({ format: 'value', ...pick }, (r) => r.show(SHOWN))).toBe('3\nk8s\n');
    expect(render({ format: 'shell', ...pick }, (r) => r.show(SHOWN))).toBe('node_count="3"\nname="k8s"\n');
    expect(render({ format: 'yaml', ...pick }, (r) => r.show(SHOWN))).toBe('node_count: 3\nname: k8s\n');
    expect(render(pick, (r) => r.show(SHOWN))).toBe(printDict({ node_count: 3, name: 'k8s' }));
  });

  it('an unknown -c column is an error', () => {
    expect(() => render({ format: 'value', columns: ['nope'] }, (r) => r.show(SHOWN))).toThrow(
      "Unknown column 'nope'. Available columns: uuid, name, node_count, labels, status_reason",
    );
  });

  it('loads yaml only when asked for it', async () => {
    const io = capture();
    (await rendererFor(io, 'show', { format: 'yaml', column: ['name'] })).show(SHOWN);
    expect(io.text()).toBe('name: k8s\n');
  });
});
