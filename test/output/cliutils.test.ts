import { describe, expect, it } from 'vitest';
import { CommandError } from '../../src/errors';
import { fieldsToColumns, formatFieldName, NonExistentFieldsError, printDict, printList } from '../../src/output/cliutils';
import type { Item } from '../../src/output/cliutils';

// Golden outputs (docs/reference-behaviour.md, Golden outputs): printed by python-magnumclient 4.0.0
// against a real magnum-api 15.0.1 server, and by the real cliutils helpers called from Python.
const lines = (...ls: string[]): string => ls.join('\n') + '\n';

const t1: Item = {
  uuid: '7e309e84-b8ee-41af-b5f6-3aeac7a317b5',
  name: 'k8s-tmpl',
  coe: 'kubernetes',
  labels: { kube_tag: 'v1.21.1', foo: 'bar' },
  public: false,
  apiserver_port: null,
  node_addresses: ['10.0.0.1', '10.0.0.2'],
  docker_volume_size: 10,
  links: [{ href: 'http://x/v1/clustertemplates/7e30', rel: 'self' }],
};
const t2: Item = {
  uuid: '00e8ec55-1588-4c8a-beec-e6998c12ca93',
  name: 'swarm-tmpl',
  coe: 'swarm-mode',
  labels: {},
  public: true,
  apiserver_port: 2376,
  links: [],
};
const c1: Item = {
  uuid: '60989bdf-1a8a-479b-aae6-5a0ae1830151',
  name: 'k8s-1',
  keypair: 'mykey',
  node_count: 2,
  master_count: 1,
  status: 'CREATE_COMPLETE',
  stack_id: null,
};
const c2: Item = {
  uuid: '53830122-4182-43ea-97e7-7689b3c5e3ca',
  name: 'swarm-1',
  keypair: null,
  node_count: 1,
  master_count: 1,
  status: 'CREATE_IN_PROGRESS',
};
const CLUSTER_COLUMNS = ['uuid', 'name', 'keypair', 'node_count', 'master_count', 'status'];

describe('printList (docs/reference-behaviour.md, Golden outputs goldens)', () => {
  it('cluster-template-list keeps server order', () => {
    expect(printList([t1, t2], ['uuid', 'name'], { sortByIndex: null })).toBe(
      lines(
        '+--------------------------------------+------------+',
        '| uuid                                 | name       |',
        '+--------------------------------------+------------+',
        '| 7e309e84-b8ee-41af-b5f6-3aeac7a317b5 | k8s-tmpl   |',
        '| 00e8ec55-1588-4c8a-beec-e6998c12ca93 | swarm-tmpl |',
        '+--------------------------------------+------------+',
      ),
    );
  });

  it('cluster-list with --fields stack_id: None is "-", a missing key is empty', () => {
    const columns = fieldsToColumns(CLUSTER_COLUMNS, 'stack_id', [c1, c2]);
    expect(columns).toEqual([...CLUSTER_COLUMNS, 'Stack Id']);
    expect(printList([c1, c2], columns, { sortByIndex: null })).toBe(
      lines(
        '+--------------------------------------+---------+---------+------------+--------------+--------------------+----------+',
        '| uuid                                 | name    | keypair | node_count | master_count | status             | Stack Id |',
        '+--------------------------------------+---------+---------+------------+--------------+--------------------+----------+',
        '| 60989bdf-1a8a-479b-aae6-5a0ae1830151 | k8s-1   | mykey   | 2          | 1            | CREATE_COMPLETE    | -        |',
        '| 53830122-4182-43ea-97e7-7689b3c5e3ca | swarm-1 | -       | 1          | 1            | CREATE_IN_PROGRESS |          |',
        '+--------------------------------------+---------+---------+------------+--------------+--------------------+----------+',
      ),
    );
  });

  it('empty list: header and two rules', () => {
    expect(printList([], CLUSTER_COLUMNS, { sortByIndex: null })).toBe(
      lines(
        '+------+------+---------+------------+--------------+--------+',
        '| uuid | name | keypair | node_count | master_count | status |',
        '+------+------+---------+------------+--------------+--------+',
        '+------+------+---------+------------+--------------+--------+',
      ),
    );
  });

  it('service-list style: the default sortByIndex 0 sorts ids numerically', () => {
    const services: Item[] = [
      { id: 10, host: 'b', disabled_reason: null },
      { id: 2, host: 'a', disabled_reason: null },
    ];
    expect(printList(services, ['id', 'host', 'disabled_reason'])).toBe(
      lines(
        '+----+------+-----------------+',
        '| id | host | disabled_reason |',
        '+----+------+-----------------+',
        '| 2  | a    | -               |',
        '| 10 | b    | -               |',
        '+----+------+-----------------+',
      ),
    );
  });
});

describe('printList semantics (`magnumclient/common/cliutils.py print_list`)', () => {
  it('breaks sort ties with the rest of the row and compares raw values', () => {
    const items: Item[] = [
      { id: 3, host: 'z' },
      { id: 1, host: 'b' },
      { id: 1, host: 'a' },
      { id: 20, host: 'c' },
    ];
    const out = printList(items, ['id', 'host']);
    expect(out.split('\n').slice(3, 7)).toEqual(['| 1  | a    |', '| 1  | b    |', '| 3  | z    |', '| 20 | c    |']);
  });

  it('sorts strings by code point', () => {
    const out = printList([{ n: 'b' }, { n: 'B' }, { n: 'é' }, { n: 'a' }], ['n']);
    expect(out.split('\n').slice(3, 7)).toEqual(['| B |', '| a |', '| b |', '| é |']);
  });

  it('raises the Python TypeError when the sort column mixes types', () => {
    expect(() => printList([{ id: 1 }, { id: '-' }], ['id'])).toThrow(/'<' not supported between instances of '(str' and 'int|int' and 'str)'/);
  });

  it('uses formatters by field, reads lower-cased underscored attributes, and str()s the values', () => {
    const items: Item[] = [{ node_addresses: ['10.0.0.1'], labels: { a: "it's" }, flag: true, ratio: 0.5, Mixed: 'x' }];
    const out = printList(items, ['Node Addresses', 'labels', 'flag', 'ratio', 'Mixed', 'count'], {
      formatters: { count: (item) => Object.keys(item).length },
      sortByIndex: null,
    });
    expect(out).toBe(
      lines(
        '+----------------+---------------+------+-------+-------+-------+',
        '| Node Addresses | labels        | flag | ratio | Mixed | count |',
        '+----------------+---------------+------+-------+-------+-------+',
        `| ['10.0.0.1']   | {'a': "it's"} | True | 0.5   |       | 5     |`,
        '+----------------+---------------+------+-------+-------+-------+',
      ),
    );
  });

  it('uses fieldLabels as headers and sorts by the label index', () => {
    const out = printList([{ id: 2 }, { id: 1 }], ['id'], { fieldLabels: ['ID'] });
    expect(out).toBe(lines('+----+', '| ID |', '+----+', '| 1  |', '| 2  |', '+----+'));
    expect(() => printList([], ['a', 'b'], { fieldLabels: ['A'] })).toThrow(/different number of elements/);
  });
});

describe('printDict (`magnumclient/common/cliutils.py print_dict`)', () => {
  it('cluster-template-show golden from docs/reference-behaviour.md, Golden outputs', () => {
    const info: Record<string, unknown> = { ...t1 };
    delete info.links;
    expect(printDict(info)).toBe(
      lines(
        '+--------------------+---------------------------------------+',
        '| Property           | Value                                 |',
        '+--------------------+---------------------------------------+',
        '| uuid               | 7e309e84-b8ee-41af-b5f6-3aeac7a317b5  |',
        '| name               | k8s-tmpl                              |',
        '| coe                | kubernetes                            |',
        "| labels             | {'kube_tag': 'v1.21.1', 'foo': 'bar'} |",
        '| public             | False                                 |',
        '| apiserver_port     | -                                     |',
        "| node_addresses     | ['10.0.0.1', '10.0.0.2']              |",
        '| docker_volume_size | 10                                    |',
        '+--------------------+---------------------------------------+',
      ),
    );
  });

  it('cluster-template-show golden from the real server (docs/reference-behaviour.md, Golden outputs)', () => {
    const template: Item = {
      uuid: '7e309e84-b8ee-41af-b5f6-3aeac7a317b5',
      name: 'k8s-tmpl',
      coe: 'kubernetes',
      image_id: 'fedora-coreos-35',
      flavor_id: 'm1.medium',
      master_flavor_id: 'm1.small',
      dns_nameserver: '8.8.8.8',
      keypair_id: 'mykey',
      external_network_id: 'public',
      fixed_network: null,
      fixed_subnet: null,
      network_driver: 'flannel',
      apiserver_port: null,
      docker_volume_size: 10,
      cluster_distro: 'fedora-coreos',
      http_proxy: null,
      https_proxy: null,
      no_proxy: null,
      volume_driver: null,
      registry_enabled: false,
      labels: { kube_tag: 'v1.21.1', foo: 'bar' },
      tls_disabled: false,
      public: false,
      server_type: 'vm',
      insecure_registry: null,
      docker_storage_driver: 'overlay2',
      master_lb_enabled: false,
      floating_ip_enabled: false,
      project_id: 'p1',
      user_id: 'u1',
      hidden: false,
      tags: null,
      created_at: '2026-11-24T15:46:53.975445+00:00',
      updated_at: null,
    };
    expect(printDict(template)).toBe(
      lines(
        '+-----------------------+---------------------------------------+',
        '| Property              | Value                                 |',
        '+-----------------------+---------------------------------------+',
        '| uuid                  | 7e309e84-b8ee-41af-b5f6-3aeac7a317b5  |',
        '| name                  | k8s-tmpl                              |',
        '| coe                   | kubernetes                            |',
        '| image_id              | fedora-coreos-35                      |',
        '| flavor_id             | m1.medium                             |',
        '| master_flavor_id      | m1.small                              |',
        '| dns_nameserver        | 8.8.8.8                               |',
        '| keypair_id            | mykey                                 |',
        '| external_network_id   | public                                |',
        '| fixed_network         | -                                     |',
        '| fixed_subnet          | -                                     |',
        '| network_driver        | flannel                               |',
        '| apiserver_port        | -                                     |',
        '| docker_volume_size    | 10                                    |',
        '| cluster_distro        | fedora-coreos                         |',
        '| http_proxy            | -                                     |',
        '| https_proxy           | -                                     |',
        '| no_proxy              | -                                     |',
        '| volume_driver         | -                                     |',
        '| registry_enabled      | False                                 |',
        "| labels                | {'kube_tag': 'v1.21.1', 'foo': 'bar'} |",
        '| tls_disabled          | False                                 |',
        '| public                | False                                 |',
        '| server_type           | vm                                    |',
        '| insecure_registry     | -                                     |',
        '| docker_storage_driver | overlay2                              |',
        '| master_lb_enabled     | False                                 |',
        '| floating_ip_enabled   | False                                 |',
        '| project_id            | p1                                    |',
        '| user_id               | u1                                    |',
        '| hidden                | False                                 |',
        '| tags                  | -                                     |',
        '| created_at            | 2026-11-24T15:46:53.975445+00:00      |',
        '| updated_at            | -                                     |',
        '+-----------------------+---------------------------------------+',
      ),
    );
  });

  it('splits on a literal backslash-n; a real newline makes a multi-line cell (docs/reference-behaviour.md, Golden outputs quirk)', () => {
    expect(printDict({ fault: 'line1\\nline2', multi: 'a\nbb', empty: '', none: null })).toBe(
      lines(
        '+----------+-------+',
        '| Property | Value |',
        '+----------+-------+',
        '| fault    | line1 |',
        '|          | line2 |',
        '| multi    | a     |',
        '|          | bb    |',
        '| empty    |       |',
        '| none     | -     |',
        '+----------+-------+',
      ),
    );
  });

  it('strips before splitting and splits a dict repr whose value holds a newline', () => {
    expect(printDict({ f: '  \\nx\\n ', labels: { a: 'b\nc' } })).toBe(
      lines(
        '+----------+----------+',
        '| Property | Value    |',
        '+----------+----------+',
        '| f        |          |',
        '|          | x        |',
        '|          |          |',
        "| labels   | {'a': 'b |",
        "|          | c'}      |",
        '+----------+----------+',
      ),
    );
  });

  it("str()s list elements first: [1, 2] -> ['1', '2'], dicts inside lists become quoted reprs", () => {
    const out = printDict({ nums: [1, 2], dicts: [{ a: 'b' }], none: [null, true], empty: [] }, 'Field');
    expect(out).toBe(
      lines(
        '+-------+------------------+',
        '| Field | Value            |',
        '+-------+------------------+',
        "| nums  | ['1', '2']       |",
        `| dicts | ["{'a': 'b'}"]   |`,
        "| none  | ['None', 'True'] |",
        '| empty | []               |',
        '+-------+------------------+',
      ),
    );
  });
});

describe('formatFieldName (`magnumclient/common/cliutils.py _get_list_table_columns_and_formatters`)', () => {
  it.each([
    ['stack_id', 'Stack Id'],
    ['create_timeout', 'Create Timeout'],
    ['ABC_DEF', 'Abc Def'],
    ['fooBar_x', 'fooBar x'],
    ['OS-EXT:foo_bar', 'OS-EXT: Foo Bar'],
    ['a:b:c_d', 'a:b: C D'],
    ['uuid', 'Uuid'],
    ['123', '123'],
  ])('%s -> %s', (name, header) => {
    expect(formatFieldName(name)).toBe(header);
  });
});

describe('fieldsToColumns (`magnumclient/common/cliutils.py _get_list_table_columns_and_formatters`)', () => {
  const item: Item = { uuid: 'u', name: 'n', stack_id: 's', node_count: 3, fooBar_x: 'f', foobar_x: 'g', 'OS-EXT:foo_bar': 1 };

  it('appends extra columns after the defaults, in the order given', () => {
    expect(fieldsToColumns(['uuid', 'name'], 'node_count,stack_id', [item])).toEqual(['uuid', 'name', 'Node Count', 'Stack Id']);
  });

  it('ignores defaults and repeats', () => {
    expect(fieldsToColumns(['uuid', 'name'], 'name,stack_id,uuid,stack_id', [item])).toEqual(['uuid', 'name', 'Stack Id']);
  });

  it('reads the value back through the header (fooBar_x shows item.foobar_x)', () => {
    const cols = fieldsToColumns(['uuid'], 'fooBar_x,OS-EXT:foo_bar', [item]);
    expect(cols).toEqual(['uuid', 'fooBar x', 'OS-EXT: Foo Bar']);
    expect(printList([item], cols, { sortByIndex: null }).split('\n')[3]).toBe('| u    | g        |                 |');
  });

  it('validates against the first item only and reports every unknown name as a Python list', () => {
    const run = (): string[] => fieldsToColumns(['uuid'], 'xxx,stack_id,zzz', [item, { xxx: 1 }]);
    expect(run).toThrow(NonExistentFieldsError);
    expect(run).toThrow(CommandError);
    expect(run).toThrow("Non-existent fields are specified: ['xxx', 'zzz']");
    // hasattr is case-sensitive, even for names that match a default
    expect(() => fieldsToColumns(['uuid'], 'UUID', [item])).toThrow("Non-existent fields are specified: ['UUID']");
    expect(() => fieldsToColumns(['uuid'], "it's,", [item])).toThrow(`Non-existent fields are specified: ["it's", '']`);
  });

  it('ignores --fields entirely for an empty list', () => {
    expect(fieldsToColumns(['uuid', 'name'], 'xxx,stack_id', [])).toEqual(['uuid', 'name']);
    expect(fieldsToColumns(['uuid'], undefined, [item])).toEqual(['uuid']);
    expect(fieldsToColumns(['uuid'], '', [item])).toEqual(['uuid']);
  });
});
