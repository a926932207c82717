import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();

describe('cluster-list', () => {
  it('prints the empty-table form when there are no clusters, ignoring --fields', async () => {
    const empty =
      '+------+------+---------+------------+--------------+--------+\n' +
      '| uuid | name | keypair | node_count | master_count | status |\n' +
      '+------+------+---------+------------+--------------+--------+\n' +
      '+------+------+---------+------------+--------------+--------+\n';
    expect(await f.magnum(['cluster-list'])).toEqual({ stdout: empty, stderr: '', code: 0 });
    expect((await f.magnum(['cluster-list', '--fields', 'nonsense'])).stdout).toBe(empty);
  });

  it('prints clusters in server order with - for None and --fields columns after the defaults', async () => {
    const a = f.cloud.seedCluster({ name: 'k8s-1', keypair: 'mykey', node_count: 2 });
    const b = f.cloud.seedCluster({ name: 'swarm-1', keypair: null, status: 'CREATE_IN_PROGRESS' });
    const r = await f.magnum(['cluster-list', '--fields', 'stack_id,name,create_timeout']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '+--------------------------------------+---------+---------+------------+--------------+--------------------+--------------------------------------+----------------+\n' +
        '| uuid                                 | name    | keypair | node_count | master_count | status             | Stack Id                             | Create Timeout |\n' +
        '+--------------------------------------+---------+---------+------------+--------------+--------------------+--------------------------------------+----------------+\n' +
        `| ${a.uuid} | k8s-1   | mykey   | 2          | 1            | CREATE_COMPLETE    | ${String(a.stack_id)} | 60             |\n` +
        `| ${b.uuid} | swarm-1 | -       | 1          | 1            | CREATE_IN_PROGRESS | ${String(b.stack_id)} | 60             |\n` +
        '+--------------------------------------+---------+---------+------------+--------------+--------------------+--------------------------------------+----------------+\n',
    );
  });

  it('rejects unknown --fields after the GET', async () => {
    expect(await f.magnum(['cluster-list', '--fields', 'xxx,name,zzz'])).toEqual({
      stdout: '',
      stderr: "ERROR: Non-existent fields are specified: ['xxx', 'zzz']\n",
      code: 1,
    });
  });

  it('sends the reference query and follows next links up to --limit', async () => {
    const before = f.cloud.requests.length;
    f.cloud.state.config.maxLimit = 1;
    const r = await f.magnum(['cluster-list', '--limit', '2', '--sort-key', 'name', '--sort-dir', 'desc']);
    f.cloud.state.config.maxLimit = 1000;
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| uuid'))).toHaveLength(2);
    const paths = f.cloud.requests
      .slice(before)
      .filter((q) => q.server === 'magnum')
      .map((q) => q.path);
    expect(paths[0]).toBe('/v1/clusters/?limit=2&sort_key=name&sort_dir=desc');
    expect(paths.length).toBe(2);
  });
});

const m23 = useFakeCloud({ generation: 23 });

describe('cluster-list --fields/-c stack_id and cluster_id on either generation', () => {
  it.each([
    ['Magnum 15', () => f],
    ['Magnum 23', () => m23],
  ])('%s', async (_name, fixture) => {
    const x = fixture();
    const c = x.cloud.seedCluster({ name: `ids-${_name.slice(-2)}` });
    const fields = await x.magnum(['cluster-list', '--fields', 'stack_id,cluster_id']);
    expect(fields.code).toBe(0);
    expect(fields.stdout).toMatch(/\| Stack Id +\| Cluster Id +\|\n/);
    expect(fields.stdout).toContain(`| ${c.stack_id} | ${c.stack_id} |`);
    const columns = await x.magnum(['cluster-list', '-c', 'name', '-c', 'cluster_id', '-c', 'stack_id', '-f', 'csv']);
    expect(columns.stdout).toContain(`"${c.name}","${c.stack_id}","${c.stack_id}"\n`);
  });
});
