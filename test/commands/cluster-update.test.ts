import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { lastBody, magnumCalls } from './recorded';

const f = useFakeCloud();
const USAGE = 'usage: magnum cluster-update [--rollback]\n' + '                             <cluster> <op> <path=value> [<path=value> ...]\n';

describe('cluster-update', () => {
  it('PATCHes a JSON-Patch list and prints the accepted line with the name as typed', async () => {
    f.cloud.seedCluster({ name: 'k8s-1' });
    const since = f.cloud.requests.length;
    const r = await f.magnum(['cluster-update', 'k8s-1', 'replace', 'node_count=3']);
    expect(r).toEqual({ stdout: 'Request to update cluster k8s-1 has been accepted.\n', stderr: '', code: 0 });
    expect(magnumCalls(f.cloud, since)).toEqual(['PATCH /v1/clusters/k8s-1']);
    expect(lastBody(f.cloud, 'PATCH')).toBe('[{"op":"replace","path":"/node_count","value":3}]');
  });

  it('sends --rollback as /?rollback=True', async () => {
    f.cloud.seedCluster({ name: 'k8s-2' });
    const since = f.cloud.requests.length;
    const r = await f.magnum(['cluster-update', '--rollback', 'k8s-2', 'replace', 'node_count=2']);
    expect(r).toEqual({ stdout: 'Request to update cluster k8s-2 has been accepted.\n', stderr: '', code: 0 });
    expect(magnumCalls(f.cloud, since)).toEqual(['PATCH /v1/clusters/k8s-2/?rollback=True']);
  });

  it.each(['1.0', '1.1', '1.2'])('refuses --rollback with --magnum-api-version %s before any request', async (v) => {
    const since = f.cloud.requests.length;
    const r = await f.magnum(['--magnum-api-version', v, 'cluster-update', '--rollback', 'k8s-1', 'replace', 'node_count=2']);
    expect(r).toEqual({ stdout: '', stderr: `ERROR: Rollback is not supported in API v${v}. Please use API v1.3+.\n`, code: 1 });
    expect(magnumCalls(f.cloud, since)).toEqual([]);
  });

  it('accepts --rollback with --magnum-api-version 1.3', async () => {
    const r = await f.magnum(['--magnum-api-version', '1.3', 'cluster-update', '--rollback', 'k8s-1', 'replace', 'node_count=1']);
    expect(r).toEqual({ stdout: 'Request to update cluster k8s-1 has been accepted.\n', stderr: '', code: 0 });
  });

  it('prints the accepted line with --magnum-api-version 1.1 too (README difference 10)', async () => {
    const r = await f.magnum(['--magnum-api-version', '1.1', 'cluster-update', 'k8s-1', 'replace', 'node_count=1']);
    expect(r).toEqual({ stdout: 'Request to update cluster k8s-1 has been accepted.\n', stderr: '', code: 0 });
  });

  it('sends labels as a Python dict repr and prints the server refusal on stdout, exit 1', async () => {
    const r = await f.magnum(['cluster-update', 'k8s-1', 'add', 'labels=a=b,c=d']);
    expect(lastBody(f.cloud, 'PATCH')).toBe('[{"op":"add","path":"/labels","value":"{\'a\': \'b\', \'c\': \'d\'}"}]');
    expect(r).toEqual({
      stdout: "ERROR: The attribute /labels has existed, please use 'replace' operation instead.\n",
      stderr: '',
      code: 1,
    });
  });

  it('prints the full server message (with its period) for an unknown cluster, exit 1', async () => {
    const r = await f.magnum(['cluster-update', 'nope', 'replace', 'node_count=3']);
    expect(r).toEqual({ stdout: 'ERROR: Cluster nope could not be found.\n', stderr: '', code: 1 });
  });

  it('sends remove with the whole argument as the path', async () => {
    const r = await f.magnum(['cluster-update', 'k8s-1', 'remove', 'labels', 'node_count']);
    expect(lastBody(f.cloud, 'PATCH')).toBe('[{"op":"remove","path":"/labels"},{"op":"remove","path":"/node_count"}]');
    expect(r).toEqual({ stdout: 'ERROR: cannot change cluster property(ies) labels.\n', stderr: '', code: 1 });
  });

  it('rejects an attribute without = before sending anything', async () => {
    const since = f.cloud.requests.length;
    const r = await f.magnum(['cluster-update', 'k8s-1', 'add', 'foo']);
    expect(r).toEqual({ stdout: '', stderr: 'ERROR: Attributes must be a list of PATH=VALUE not "/foo"\n', code: 1 });
    expect(magnumCalls(f.cloud, since)).toEqual([]);
  });

  it('rejects labels that are not KEY=VALUE', async () => {
    const r = await f.magnum(['cluster-update', 'k8s-1', 'replace', 'labels=a']);
    expect(r).toEqual({ stdout: '', stderr: 'ERROR: labels must be a list of KEY=VALUE not a\n', code: 1 });
  });

  it('rejects an unknown operation (argparse choices, exit 2)', async () => {
    const r = await f.magnum(['cluster-update', 'k8s-1', 'frob', 'a=b']);
    expect(r).toEqual({
      stdout: '',
      stderr: `${USAGE}error: argument <op>: invalid choice: 'frob'\nTry 'magnum help cluster-update' for more information.\n`,
      code: 2,
    });
  });

  it('needs an attribute (exit 2)', async () => {
    const r = await f.magnum(['cluster-update', 'k8s-1', 'replace']);
    expect(r).toEqual({
      stdout: '',
      stderr: `${USAGE}error: the following arguments are required: <path=value>\nTry 'magnum help cluster-update' for more information.\n`,
      code: 2,
    });
  });
});

describe("cluster-update with openstack coe's named flags", () => {
  it("--node-count, --master-count, --label and --no-label make UpdateCluster's patch", async () => {
    f.cloud.seedCluster({ name: 'k8s-n1', labels: { old: 'x' } });
    const since = f.cloud.requests.length;
    const r = await f.magnum(['cluster-update', 'k8s-n1', '--node-count', '3', '--label', 'a=b=c', '--no-label', 'old']);
    // Magnum refuses label changes on a cluster (as the real server does); the patch is what matters here.
    expect(r).toEqual({ stdout: 'ERROR: cannot change cluster property(ies) labels.\n', stderr: '', code: 1 });
    expect(magnumCalls(f.cloud, since)).toEqual(['PATCH /v1/clusters/k8s-n1']);
    expect(lastBody(f.cloud, 'PATCH')).toBe(
      '[{"op":"replace","path":"/node_count","value":3},{"op":"add","path":"/labels/a","value":"b=c"},{"op":"remove","path":"/labels/old"}]',
    );
  });

  it('keeps the positional form and adds the flags after it; --rollback is sent', async () => {
    f.cloud.seedCluster({ name: 'k8s-n2' });
    const since = f.cloud.requests.length;
    const r = await f.magnum(['cluster-update', 'k8s-n2', 'replace', 'node_count=2', '--master-count', '1', '--rollback']);
    expect(r.code).toBe(0);
    expect(magnumCalls(f.cloud, since)).toEqual(['PATCH /v1/clusters/k8s-n2/?rollback=True']);
    expect(lastBody(f.cloud, 'PATCH')).toBe('[{"op":"replace","path":"/node_count","value":2},{"op":"replace","path":"/master_count","value":1}]');
  });

  it('--node-count --wait waits for the update', async () => {
    f.cloud.seedCluster({ name: 'k8s-n3' });
    const r = await f.magnum(['cluster-update', 'k8s-n3', '--node-count', '3', '--wait']);
    expect(r).toEqual({ stdout: 'Request to update cluster k8s-n3 has been accepted.\n', stderr: '', code: 0 });
  });

  it('a --label without = is a clear error before any request', async () => {
    const since = f.cloud.requests.length;
    const r = await f.magnum(['cluster-update', 'k8s-n1', '--label', 'novalue']);
    expect(r).toEqual({ stdout: '', stderr: 'ERROR: --label must be KEY=VALUE, not novalue\n', code: 1 });
    expect(magnumCalls(f.cloud, since)).toEqual([]);
  });

  it('without a named flag the positionals are still required (--rollback alone changes nothing)', async () => {
    const r = await f.magnum(['cluster-update', 'k8s-n1', '--rollback']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `${USAGE}error: the following arguments are required: <op>, <path=value>\nTry 'magnum help cluster-update' for more information.\n`,
    );
  });
});
