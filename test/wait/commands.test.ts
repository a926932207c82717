// `--wait` on every command that has it, in-process against the fake cloud with a fake
// clock (test/wait/in-process.ts): the fake cloud keeps a transition *_IN_PROGRESS for
// `inProgressReads` GETs, so the number of polls (and sleeps) is exact.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { magnumInProcess } from './in-process';

let cloud: FakeCloud;
beforeAll(async () => {
  cloud = await startFakeCloud();
  cloud.seedTemplate({ name: 'kubernetes' });
});
afterAll(async () => {
  await cloud.close();
});
beforeEach(() => {
  cloud.state.config.inProgressReads = 2;
});

const magnum = (argv: string[], opts: Parameters<typeof magnumInProcess>[2] = {}) => magnumInProcess(cloud, argv, opts);
const cluster = (name: string) => cloud.state.clusters.find((c) => c.name === name);
const ACCEPTED = /^Request to create cluster [0-9a-f-]{36} has been accepted\.\n$/;

describe('cluster-create --wait', () => {
  it('returns after CREATE_COMPLETE, with the same stdout as without --wait and nothing on stderr', async () => {
    const plain = await magnum(['cluster-create', 'plain', '--cluster-template', 'kubernetes']);
    const r = await magnum(['cluster-create', 'waited', '--cluster-template', 'kubernetes', '--wait']);
    expect(plain).toMatchObject({ code: 0, stderr: '' });
    expect(plain.stdout).toMatch(ACCEPTED);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(ACCEPTED);
    expect(r.stdout).toContain(cluster('waited')?.uuid);
    expect(cluster('waited')?.status).toBe('CREATE_COMPLETE');
    // Two GETs still saw CREATE_IN_PROGRESS: one sleep after each.
    expect(r.clock.sleeps).toEqual([2000, 3000]);
    const polls = cloud.requests.filter((q) => q.method === 'GET' && q.path === `/v1/clusters/${cluster('waited')?.uuid}`);
    expect(polls.length).toBe(3);
  });

  it('shows one updating progress line on a terminal, blanked at the end; stdout unchanged', async () => {
    const r = await magnum(['cluster-create', 'tty', '--cluster-template', 'kubernetes', '--node-count', '3', '--wait'], { stderrIsTTY: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(ACCEPTED);
    const frames = r.stderr.split('\r').slice(1);
    expect(frames[0]).toBe('Waiting for cluster tty: CREATE_IN_PROGRESS, 1 master, 3 nodes (0s)');
    expect(frames).toContain('Waiting for cluster tty: CREATE_IN_PROGRESS, 1 master, 3 nodes (4s)');
    expect(r.stderr.endsWith(`\r${' '.repeat(frames[0].length)}\r`)).toBe(true);
    expect(r.stderr).not.toContain('\n');
    // On a terminal the sleeps are 1 s ticks that redraw the elapsed time.
    expect(r.clock.sleeps).toEqual([1000, 1000, 1000, 1000, 1000]);
  });

  it('exits 1 with the status, reason and faults of a cluster that fails', async () => {
    const r = await magnum(['cluster-create', 'fail-one', '--cluster-template', 'kubernetes', '--wait']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(ACCEPTED);
    expect(r.stderr).toBe(
      'ERROR: Cluster fail-one failed: CREATE_FAILED: default-master failed, default-worker failed\n' +
        '  default-master: Resource CREATE failed: OverQuota\n' +
        '  default-worker: Resource CREATE failed: OverQuota\n',
    );
  });

  it('exits 1 when --wait-timeout passes, saying so', async () => {
    cloud.state.config.inProgressReads = 1000;
    const r = await magnum(['cluster-create', 'slow-one', '--cluster-template', 'kubernetes', '--wait-timeout', '20']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('ERROR: Timed out after 20 s waiting for cluster slow-one (last status: CREATE_IN_PROGRESS, 1 master, 1 node).\n');
    expect(r.clock.sleeps).toEqual([2000, 3000, 4500, 6750, 3750]);
    cloud.state.config.inProgressReads = 0;
    await magnum(['cluster-delete', 'slow-one']);
  });

  it('refuses a non-positive --wait-timeout before creating anything', async () => {
    const r = await magnum(['cluster-create', 'never', '--cluster-template', 'kubernetes', '--wait-timeout', '0']);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'ERROR: --wait-timeout must be a positive number of seconds.\n' });
    expect(cluster('never')).toBeUndefined();
  });

  it('does not wait when the create itself was refused', async () => {
    const r = await magnum(['cluster-create', 'bad', '--cluster-template', 'kubernetes', '--master-count', '2', '--wait']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Create for cluster bad failed: /);
    expect(r.clock.sleeps).toEqual([]);
  });
});

describe('cluster-delete --wait', () => {
  it('waits until every accepted cluster is gone (404); an unknown one is reported and exits 1', async () => {
    cloud.seedCluster({ name: 'del-a' });
    cloud.seedCluster({ name: 'del-b' });
    const r = await magnum(['cluster-delete', 'del-a', 'nope', 'del-b', '--wait']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^Request to delete cluster del-a has been accepted\.\nDelete for cluster nope failed: Cluster nope could not be found \(HTTP 404\).*\nRequest to delete cluster del-b has been accepted\.\n$/,
    );
    expect(r.stderr).toBe('');
    expect(cluster('del-a')).toBeUndefined();
    expect(cluster('del-b')).toBeUndefined();
  });

  it('exits 0 when all are deleted', async () => {
    cloud.seedCluster({ name: 'del-c' });
    const r = await magnum(['cluster-delete', 'del-c', '--wait']);
    expect(r).toMatchObject({ code: 0, stdout: 'Request to delete cluster del-c has been accepted.\n', stderr: '' });
    expect(r.clock.sleeps.length).toBeGreaterThan(0);
  });
});

describe('cluster-update, cluster-resize and cluster-upgrade --wait', () => {
  it('cluster-update waits for UPDATE_COMPLETE', async () => {
    cloud.seedCluster({ name: 'upd' });
    const r = await magnum(['cluster-update', 'upd', 'replace', 'node_count=4', '--wait']);
    expect(r).toMatchObject({ code: 0, stdout: 'Request to update cluster upd has been accepted.\n', stderr: '' });
    expect(cluster('upd')?.status).toBe('UPDATE_COMPLETE');
    expect(r.clock.sleeps).toEqual([2000, 3000]);
  });

  it('cluster-resize waits for UPDATE_COMPLETE', async () => {
    const c = cloud.seedCluster({ name: 'rsz' });
    const r = await magnum(['cluster-resize', 'rsz', '3', '--wait']);
    expect(r).toMatchObject({ code: 0, stdout: 'Request to resize cluster rsz has been accepted.\n', stderr: '' });
    expect(c.status).toBe('UPDATE_COMPLETE');
    expect(c.nodegroups.find((ng) => ng.name === 'default-worker')?.node_count).toBe(3);
  });

  it('cluster-upgrade waits for UPDATE_COMPLETE', async () => {
    const c = cloud.seedCluster({ name: 'upg' });
    const newer = cloud.seedTemplate({ name: 'kubernetes-newer', labels: { kube_tag: 'v1.24.0' } });
    const r = await magnum(['cluster-upgrade', 'upg', 'kubernetes-newer', '--wait']);
    expect(r).toMatchObject({ code: 0, stdout: 'Request to upgrade cluster upg has been accepted.\n', stderr: '' });
    expect(c.status).toBe('UPDATE_COMPLETE');
    expect(c.cluster_template_id).toBe(newer.uuid);
  });
});

describe('nodegroup-create, -update and -delete --wait', () => {
  it('create waits for the nodegroup to be CREATE_COMPLETE, delete for it to be gone', async () => {
    const c = cloud.seedCluster({ name: 'ngs' });
    const created = await magnum(['nodegroup-create', 'ngs', 'extra', '--node-count', '2', '--wait']);
    expect(created.code).toBe(0);
    expect(created.stderr).toBe('');
    const ng = c.nodegroups.find((x) => x.name === 'extra');
    expect(created.stdout).toBe(`Request to create nodegroup ${ng?.uuid} has been accepted.\n`);
    expect(ng?.status).toBe('CREATE_COMPLETE');
    expect(created.clock.sleeps).toEqual([2000, 3000]);

    const updated = await magnum(['nodegroup-update', 'ngs', 'extra', 'replace', 'max_node_count=5', '--wait']);
    expect(updated).toMatchObject({ code: 0, stdout: 'Request to update nodegroup extra has been accepted.\n', stderr: '' });
    expect(ng?.status).toBe('UPDATE_COMPLETE');

    const deleted = await magnum(['nodegroup-delete', 'ngs', 'extra', '--wait']);
    expect(deleted).toMatchObject({ code: 0, stdout: 'Request to delete nodegroup extra has been accepted.\n', stderr: '' });
    expect(c.nodegroups.some((x) => x.name === 'extra')).toBe(false);
    expect(deleted.clock.sleeps).toEqual([2000, 3000]);
  });
});

describe('cluster-config --wait', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'magnum-config-wait-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits for a cluster still being created, then writes a config with its api_address', async () => {
    await magnum(['cluster-create', 'cfg', '--cluster-template', 'kubernetes']);
    const r = await magnum(['cluster-config', 'cfg', '--dir', dir, '--wait']);
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: `export KUBECONFIG=${dir}/config\n\n` });
    expect(readFileSync(join(dir, 'config'), 'utf8')).toContain('    server: https://127.0.0.1:6443\n');
    expect(r.clock.sleeps).toEqual([2000, 3000]);
  });

  it('fails with the cluster failure instead of writing a config for a failed cluster', async () => {
    cloud.state.config.inProgressReads = 0;
    await magnum(['cluster-create', 'fail-cfg', '--cluster-template', 'kubernetes']);
    const r = await magnum(['cluster-config', 'fail-cfg', '--dir', join(dir, 'none'), '--wait']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith('ERROR: Cluster fail-cfg failed: CREATE_FAILED: ')).toBe(true);
  });
});
