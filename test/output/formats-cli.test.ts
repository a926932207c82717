// -f/-c through the built CLI against the fake cloud: the machine formats carry the
// API's objects, and the default output stays the reference's table byte for byte.
import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();

/** The API's own answer, fetched with a token of our own. */
async function api(path: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${f.cloud.magnumUrl}${path}`, {
    headers: { 'X-Auth-Token': f.cloud.issueToken(), 'OpenStack-API-Version': 'container-infra latest', Accept: 'application/json' },
  });
  return (await res.json()) as Record<string, unknown>;
}
const withoutLinks = ({ links: _links, ...rest }: Record<string, unknown>): Record<string, unknown> => rest;

describe('-f json', () => {
  it('cluster-show: parses and equals the API object (without links), keys in server order', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s', labels: { kube_tag: 'v1.23.3' }, node_count: 2 });
    const r = await f.magnum(['cluster-show', 'k8s', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const expected = withoutLinks(await api(`/clusters/${c.uuid}`));
    expect(JSON.parse(r.stdout)).toEqual(expected);
    expect(Object.keys(JSON.parse(r.stdout) as object)).toEqual(Object.keys(expected));
    expect(r.stdout.startsWith(`{\n  "uuid": "${c.uuid}",\n`)).toBe(true);
  });

  it('cluster-list: the table columns of each API object; with -c any key of the objects', async () => {
    const listed = (await api('/clusters')).clusters as Record<string, unknown>[];
    const r = await f.magnum(['cluster-list', '-f', 'json']);
    const columns = ['uuid', 'name', 'keypair', 'node_count', 'master_count', 'status'];
    expect(JSON.parse(r.stdout)).toEqual(listed.map((c) => Object.fromEntries(columns.map((k) => [k, c[k]]))));
    const picked = await f.magnum(['cluster-list', '-f', 'json', '-c', 'uuid', '-c', 'labels', '-c', 'create_timeout']);
    expect(JSON.parse(picked.stdout)).toEqual(listed.map((c) => ({ uuid: c.uuid, labels: c.labels, create_timeout: c.create_timeout })));
  });

  it('nodegroup-show and nodegroup-list', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s-ng' });
    const ng = c.nodegroups[1];
    const shown = await f.magnum(['nodegroup-show', 'k8s-ng', ng.uuid, '-f', 'json']);
    expect(JSON.parse(shown.stdout)).toEqual(withoutLinks(await api(`/clusters/${c.uuid}/nodegroups/${ng.uuid}`)));
    const listed = await f.magnum(['nodegroup-list', 'k8s-ng', '-f', 'json', '-c', 'name', '-c', 'is_default']);
    expect(JSON.parse(listed.stdout)).toEqual([
      { name: 'default-master', is_default: true },
      { name: 'default-worker', is_default: true },
    ]);
  });

  it('cluster-template-show', async () => {
    const t = f.cloud.seedTemplate({ name: 'tmpl-json', labels: { a: 'b' } });
    const r = await f.magnum(['cluster-template-show', 'tmpl-json', '-f', 'json']);
    expect(JSON.parse(r.stdout)).toEqual(withoutLinks(await api(`/clustertemplates/${t.uuid}`)));
  });
});

describe('the other formats through the CLI', () => {
  it('value, csv and yaml of a list; shell and value of one cluster', async () => {
    const c = f.cloud.seedCluster({ name: 'fmt', keypair: null, node_count: 3 });
    const value = await f.magnum(['cluster-list', '-f', 'value', '-c', 'name', '-c', 'node_count', '-c', 'keypair']);
    expect(value.stdout).toContain('fmt 3 None\n');
    const csv = await f.magnum(['cluster-list', '-f', 'csv', '-c', 'name', '-c', 'node_count', '-c', 'keypair']);
    expect(csv.stdout.startsWith('"name","node_count","keypair"\n')).toBe(true);
    expect(csv.stdout).toContain('"fmt",3,""\n');
    const yaml = await f.magnum(['cluster-list', '-f', 'yaml', '-c', 'name', '-c', 'node_count']);
    expect(yaml.stdout).toContain('- name: fmt\n  node_count: 3\n');
    const shell = await f.magnum(['cluster-show', 'fmt', '-f', 'shell', '-c', 'uuid', '-c', 'status', '-c', 'node_count']);
    expect(shell).toEqual({ code: 0, stderr: '', stdout: `uuid="${c.uuid}"\nstatus="CREATE_COMPLETE"\nnode_count="3"\n` });
    const one = await f.magnum(['cluster-show', 'fmt', '-f', 'value', '-c', 'name']);
    expect(one.stdout).toBe('fmt\n');
  });

  it('the default and `-f table` print the same bytes as before', async () => {
    f.cloud.seedCluster({ name: 'tbl' });
    for (const cmd of [['cluster-list'], ['cluster-show', 'tbl'], ['nodegroup-list', 'tbl'], ['cluster-template-list']]) {
      const plain = await f.magnum(cmd);
      expect(plain.stdout.startsWith('+')).toBe(true);
      expect(await f.magnum([...cmd, '-f', 'table'])).toEqual(plain);
    }
  });

  it('shell is only for one resource and csv only for lists, as in openstack coe', async () => {
    const bad = await f.magnum(['cluster-list', '-f', 'shell']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("error: argument -f/--format: invalid choice: 'shell'\n");
    expect((await f.magnum(['cluster-show', 'tbl', '-f', 'csv'])).code).toBe(2);
  });

  it('an unknown -c column fails and prints nothing on stdout', async () => {
    const r = await f.magnum(['cluster-list', '-f', 'json', '-c', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR: Unknown column 'nope'\. Available columns: uuid, name, keypair, node_count, master_count, status, /);
  });

  it("on the reference's commands the options are listed after the reference's help and never abbreviated", async () => {
    const help = await f.magnum(['help', 'cluster-list']);
    const [reference, additions = ''] = help.stdout.split('Additional options (this client):\n');
    expect(reference).not.toContain('--format');
    expect(additions).toContain('-f {csv,json,table,value,yaml}, --format {csv,json,table,value,yaml}');
    expect(additions).toContain('-c COLUMN, --column COLUMN');
    // --f is still --fields (the reference's abbreviation), not ambiguous with --format.
    const fields = await f.magnum(['cluster-list', '--f', 'stack_id']);
    expect(fields.code).toBe(0);
    expect(fields.stdout).toContain('| Stack Id ');
    expect((await f.magnum(['cluster-list', '--form', 'json'])).code).toBe(2);
  });
});
