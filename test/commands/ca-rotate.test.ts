import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { magnumCalls, magnumRequests } from './recorded';

const f = useFakeCloud();

describe('ca-rotate', () => {
  it('looks the cluster up, PATCHes its certificate without a body and prints nothing', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s-1' });
    const since = f.cloud.requests.length;
    const r = await f.magnum(['ca-rotate', '--cluster', 'k8s-1']);
    expect(r).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(magnumCalls(f.cloud, since)).toEqual(['GET /v1/clusters/k8s-1', `PATCH /v1/certificates/${c.uuid}`]);
    expect(magnumRequests(f.cloud, since, 'PATCH')[0]?.body).toBe('');
  });

  it('fails on an unknown cluster', async () => {
    const r = await f.magnum(['ca-rotate', '--cluster', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR: Cluster nope could not be found \(HTTP 404\) \(Request-ID: req-[0-9a-f-]{36}\)\n$/);
  });

  it('reports the server refusing a non-TLS cluster', async () => {
    const t = f.cloud.seedTemplate({ name: 'notls', tls_disabled: true });
    f.cloud.seedCluster({ name: 'plain', cluster_template_id: t.uuid });
    const r = await f.magnum(['ca-rotate', '--cluster', 'plain']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: Rotating the CA certificate on a non-TLS cluster is not supported \(HTTP 400\)/);
  });

  it('requires --cluster (usage error, exit 2)', async () => {
    const r = await f.magnum(['ca-rotate']);
    expect(r).toEqual({
      stdout: '',
      stderr:
        'usage: magnum ca-rotate --cluster <cluster>\n' +
        'error: the following arguments are required: --cluster\n' +
        "Try 'magnum help ca-rotate' for more information.\n",
      code: 2,
    });
  });
});
