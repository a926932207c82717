import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { magnumCalls, magnumRequests } from './recorded';

const m23 = useFakeCloud({ generation: 23 });
const m15 = useFakeCloud();

describe('credential-rotate on Magnum 23 (API 1.1-1.14)', () => {
  it('learns the range from /v1, PATCHes /v1/credentials/<cluster> and prints the UUID', async () => {
    const c = m23.cloud.seedCluster({ name: 'k8s' });
    const since = m23.cloud.requests.length;
    const r = await m23.magnum(['credential-rotate', 'k8s']);
    expect(r).toEqual({ code: 0, stderr: '', stdout: `Request to rotate credentials for cluster ${c.uuid} has been accepted.\n` });
    expect(magnumCalls(m23.cloud, since)).toEqual(['GET /v1', 'PATCH /v1/credentials/k8s']);
    // Still `latest`, as the reference sends.
    expect(magnumRequests(m23.cloud, since).map((q) => q.headers['openstack-api-version'])).toEqual([
      'container-infra latest',
      'container-infra latest',
    ]);
  });

  it('--wait waits until the cluster is not in progress', async () => {
    const c = m23.cloud.seedCluster({ name: 'k8s-w' });
    const since = m23.cloud.requests.length;
    const r = await m23.magnum(['credential-rotate', 'k8s-w', '--wait']);
    expect(r).toEqual({ code: 0, stderr: '', stdout: `Request to rotate credentials for cluster ${c.uuid} has been accepted.\n` });
    expect(magnumCalls(m23.cloud, since)).toEqual(['GET /v1', 'PATCH /v1/credentials/k8s-w', `GET /v1/clusters/${c.uuid}`]);
  });

  it("reports the server's refusal and exits 1", async () => {
    const r = await m23.magnum(['credential-rotate', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR: Cluster nope could not be found \(HTTP 404\)/);
  });

  it('with --magnum-api-version 1.11 fails before any request, naming both versions', async () => {
    const since = m23.cloud.requests.length;
    const r = await m23.magnum(['--magnum-api-version', '1.11', 'credential-rotate', 'k8s']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ERROR: credential-rotate needs Magnum API 1.12 or newer, but the requested API version (--magnum-api-version) is 1.11.\n',
    });
    expect(magnumCalls(m23.cloud, since)).toEqual([]);
  });
});

describe('credential-rotate on Magnum 15 (API 1.1-1.10)', () => {
  it('fails before sending the PATCH, naming both versions; only the version document was read', async () => {
    m15.cloud.seedCluster({ name: 'k8s' });
    const since = m15.cloud.requests.length;
    const r = await m15.magnum(['credential-rotate', 'k8s']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ERROR: credential-rotate needs Magnum API 1.12 or newer, but the server supports at most 1.10.\n',
    });
    expect(magnumCalls(m15.cloud, since)).toEqual(['GET /v1']);
  });
});
