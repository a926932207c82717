import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();

describe('nodegroup-list', () => {
  it("prints the cluster's nodegroups in server order with the columns of openstack coe nodegroup list", async () => {
    const c = f.cloud.seedCluster({ name: 'k8s', node_count: 3 });
    const extra = f.cloud.seedNodegroup(c, { name: 'gpu', flavor_id: null, node_count: 2, status: 'CREATE_IN_PROGRESS' });
    const [master, worker] = c.nodegroups;
    const r = await f.magnum(['nodegroup-list', 'k8s']);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout:
        '+--------------------------------------+----------------+-----------+------------------+------------+--------------------+--------+\n' +
        '| uuid                                 | name           | flavor_id | image_id         | node_count | status             | role   |\n' +
        '+--------------------------------------+----------------+-----------+------------------+------------+--------------------+--------+\n' +
        `| ${master.uuid} | default-master | m1.medium | fedora-coreos-35 | 1          | CREATE_COMPLETE    | master |\n` +
        `| ${worker.uuid} | default-worker | m1.small  | fedora-coreos-35 | 3          | CREATE_COMPLETE    | worker |\n` +
        `| ${extra.uuid} | gpu            | -         | fedora-coreos-35 | 2          | CREATE_IN_PROGRESS | worker |\n` +
        '+--------------------------------------+----------------+-----------+------------------+------------+--------------------+--------+\n',
    });
    const get = f.cloud.requests.filter((q) => q.server === 'magnum' && q.method === 'GET').at(-1);
    expect(get?.path).toBe('/v1/clusters/k8s/nodegroups');
    expect(get?.headers['openstack-api-version']).toBe('container-infra latest');
  });

  it('sends --role, --limit, --sort-key and --sort-dir as the query of openstack coe', async () => {
    f.cloud.seedCluster({ name: 'k8s-q' });
    const r = await f.magnum(['nodegroup-list', 'k8s-q', '--role', 'master', '--limit', '5', '--sort-key', 'name', '--sort-dir', 'desc']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| uuid')).length).toBe(1);
    const get = f.cloud.requests.filter((q) => q.server === 'magnum' && q.method === 'GET').at(-1);
    expect(get?.path).toBe('/v1/clusters/k8s-q/nodegroups/?limit=5&sort_key=name&sort_dir=desc&role=master');
  });

  it('reports an unknown cluster', async () => {
    const r = await f.magnum(['nodegroup-list', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR: Cluster nope could not be found \(HTTP 404\)/);
  });

  it('has help in the reference style, listing the output options', async () => {
    const r = await f.magnum(['help', 'nodegroup-list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'usage: magnum nodegroup-list [--marker <marker>] [--limit <limit>]\n' +
        '                             [--sort-key <sort-key>] [--sort-dir <sort-dir>]\n' +
        '                             [--role <role>] [-f {csv,json,table,value,yaml}]\n' +
        '                             [-c COLUMN]\n' +
        '                             <cluster>\n' +
        '\n' +
        'Print a list of nodegroups of a cluster.\n' +
        '\n' +
        'Positional arguments:\n' +
        '  <cluster>             ID or name of the cluster where the nodegroup belongs.\n' +
        '\n' +
        'Options:\n' +
        '  --marker <marker>     The last nodegroup UUID of the previous page; displays\n' +
        '                        list of nodegroups after "marker".\n' +
        '  --limit <limit>       Maximum number of nodegroups to return.\n' +
        '  --sort-key <sort-key>\n' +
        '                        Column to sort results by.\n' +
        '  --sort-dir <sort-dir>\n' +
        '                        Direction to sort. "asc" or "desc".\n' +
        '  --role <role>         List the nodegroups in the cluster with this role.\n' +
        '  -f {csv,json,table,value,yaml}, --format {csv,json,table,value,yaml}\n' +
        '                        the output format, defaults to table\n' +
        '  -c COLUMN, --column COLUMN\n' +
        '                        specify the column(s) to include, can be repeated to\n' +
        '                        show multiple columns\n',
    );
  });
});
