// cluster-config's requests run concurrently where they do not depend on each other (issue 13
// point 2): against a fake Magnum that answers every request 1 s late, the cluster, CA and
// signing requests all arrive before the first of them is answered (Magnum resolves the
// cluster's name for the certificate requests too), the template request right after the
// cluster's reply, and the key generation overlaps the requests before them. Output unchanged.
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { tempDir } from '../support/temp';
import type { RecordedRequest } from '../support/fake-cloud';

const DELAY_MS = 1000;
const f = useFakeCloud({ magnumDelayMs: DELAY_MS });
const tmp = (): string => tempDir('magnum-config-conc-');

let tlsTemplateUuid = '';
beforeAll(() => {
  tlsTemplateUuid = f.cloud.seedTemplate({ name: 'k8s', coe: 'kubernetes' }).uuid;
  f.cloud.seedCluster({ name: 'kc', cluster_template_id: tlsTemplateUuid });
  const plain = f.cloud.seedTemplate({ name: 'k8s-plain', coe: 'kubernetes', tls_disabled: true });
  f.cloud.seedCluster({ name: 'plain', cluster_template_id: plain.uuid });
});

/** Runs cluster-config and returns the Magnum requests it made, in arrival order. */
async function magnumRequests(
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string; seen: RecordedRequest[] }> {
  const first = f.cloud.requests.length;
  const r = await f.magnum(['cluster-config', ...args], { cwd, timeoutMs: 20_000 });
  return { ...r, seen: f.cloud.requests.slice(first).filter((q) => q.server === 'magnum') };
}

const label = (q: RecordedRequest): string => `${q.method} ${q.path.replace(/[0-9a-f-]{36}/, '<uuid>')}`;

describe('cluster-config runs independent requests at once', () => {
  it('certificate kubeconfig: cluster, CA and signature requests overlap; the template follows the cluster', async () => {
    const cwd = tmp();
    const { seen, ...r } = await magnumRequests(['kc'], cwd);
    expect(r).toEqual({ code: 0, stdout: `export KUBECONFIG=${cwd}/config\n\n`, stderr: '' });
    expect(readdirSync(cwd).sort()).toEqual(['ca.pem', 'cert.pem', 'config', 'key.pem']);
    const first = seen.filter((q) => !q.path.startsWith('/v1/clustertemplates/'));
    expect(first.map(label).sort()).toEqual(['GET /v1/certificates/kc', 'GET /v1/clusters/kc', 'POST /v1/certificates']);
    expect(JSON.parse(first.find((q) => q.method === 'POST')!.body)).toMatchObject({ cluster_uuid: 'kc' });
    // None waits for another's answer (1 s each)...
    const spread = Math.max(...first.map((q) => q.at)) - Math.min(...first.map((q) => q.at));
    expect(spread).toBeLessThan(DELAY_MS);
    // ...but the template's UUID is in the cluster's answer.
    const cluster = first.find((q) => q.path === '/v1/clusters/kc')!;
    const template = seen.find((q) => q.path.startsWith('/v1/clustertemplates/'))!;
    expect(label(template)).toBe('GET /v1/clustertemplates/<uuid>');
    expect(template.at - cluster.at).toBeGreaterThanOrEqual(DELAY_MS - 50);
    expect(seen).toHaveLength(4);
  });

  it('--use-keystone: template and CA at once, no key and no signature', async () => {
    const cwd = tmp();
    const { seen, ...r } = await magnumRequests(['kc', '--use-keystone'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(seen.map(label).sort()).toEqual(['GET /v1/certificates/kc', 'GET /v1/clusters/kc', 'GET /v1/clustertemplates/<uuid>']);
    const [cluster, ca] = ['/v1/clusters/kc', '/v1/certificates/kc'].map((path) => seen.find((q) => q.path === path)!);
    expect(Math.abs(cluster.at - ca.at)).toBeLessThan(DELAY_MS);
  });

  it('a tls_disabled template: the CA and signature asked for meanwhile are settled and dropped, the output is the plain one', async () => {
    const cwd = tmp();
    const { seen, ...r } = await magnumRequests(['plain'], cwd);
    expect(r).toEqual({ code: 0, stdout: `export KUBECONFIG=${cwd}/config\n\n`, stderr: '' });
    expect(readdirSync(cwd)).toEqual(['config']);
    expect(seen.map(label).sort()).toEqual([
      'GET /v1/certificates/plain',
      'GET /v1/clusters/plain',
      'GET /v1/clustertemplates/<uuid>',
      'POST /v1/certificates',
    ]);
  });

  it("the template's error comes first, as when the requests ran one after the other", async () => {
    const gone = f.cloud.seedTemplate({ name: 'gone', coe: 'kubernetes' });
    f.cloud.seedCluster({ name: 'orphan', cluster_template_id: gone.uuid });
    f.cloud.state.templates.splice(f.cloud.state.templates.indexOf(gone), 1);
    const r = await f.magnum(['cluster-config', 'orphan'], { cwd: tmp(), timeoutMs: 20_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^ERROR: ClusterTemplate ${gone.uuid} could not be found \\(HTTP 404\\) \\(Request-ID: req-[0-9a-f-]+\\)\n$`),
    );
  });

  it("an unknown cluster: the cluster's error alone, though the CA and the signature were asked for too", async () => {
    const cwd = tmp();
    const { seen, ...r } = await magnumRequests(['nosuch'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR: Cluster nosuch could not be found \(HTTP 404\) \(Request-ID: req-[0-9a-f-]+\)\n$/);
    expect(seen.map(label).sort()).toEqual(['GET /v1/certificates/nosuch', 'GET /v1/clusters/nosuch', 'POST /v1/certificates']);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
