// cluster-config's requests run concurrently where they do not depend on each other (issue 13
// point 2): against a fake Magnum that answers every request 1 s late, the template, CA and
// signing requests all arrive before the first of them is answered, right after the cluster's
// reply, and the key generation overlaps the requests before them. Output unchanged.
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
async function magnumRequests(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string; seen: RecordedRequest[] }> {
  const first = f.cloud.requests.length;
  const r = await f.magnum(['cluster-config', ...args], { cwd, timeoutMs: 20_000 });
  return { ...r, seen: f.cloud.requests.slice(first).filter((q) => q.server === 'magnum') };
}

const label = (q: RecordedRequest): string => `${q.method} ${q.path.replace(/[0-9a-f-]{36}/, '<uuid>')}`;

describe('cluster-config runs independent requests at once', () => {
  it('certificate kubeconfig: template, CA and signature requests overlap, after the cluster', async () => {
    const cwd = tmp();
    const { seen, ...r } = await magnumRequests(['kc'], cwd);
    expect(r).toEqual({ code: 0, stdout: `export KUBECONFIG=${cwd}/config\n\n`, stderr: '' });
    expect(readdirSync(cwd).sort()).toEqual(['ca.pem', 'cert.pem', 'config', 'key.pem']);
    expect(label(seen[0])).toBe('GET /v1/clusters/kc');
    const rest = seen.slice(1);
    expect(rest.map(label).sort()).toEqual(['GET /v1/certificates/<uuid>', 'GET /v1/clustertemplates/<uuid>', 'POST /v1/certificates']);
    // Each depends on the cluster's answer (1 s), none waits for another's (1 s each).
    for (const q of rest) expect(q.at - seen[0].at).toBeGreaterThanOrEqual(DELAY_MS - 50);
    const spread = Math.max(...rest.map((q) => q.at)) - Math.min(...rest.map((q) => q.at));
    expect(spread).toBeLessThan(DELAY_MS);
  });

  it('--use-keystone: template and CA at once, no key and no signature', async () => {
    const cwd = tmp();
    const { seen, ...r } = await magnumRequests(['kc', '--use-keystone'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(seen.slice(1).map(label).sort()).toEqual(['GET /v1/certificates/<uuid>', 'GET /v1/clustertemplates/<uuid>']);
    expect(Math.abs(seen[1].at - seen[2].at)).toBeLessThan(DELAY_MS);
  });

  it('a tls_disabled template: the CA and signature asked for meanwhile are settled and dropped, the output is the plain one', async () => {
    const cwd = tmp();
    const { seen, ...r } = await magnumRequests(['plain'], cwd);
    expect(r).toEqual({ code: 0, stdout: `export KUBECONFIG=${cwd}/config\n\n`, stderr: '' });
    expect(readdirSync(cwd)).toEqual(['config']);
    expect(seen.map(label).sort()).toEqual(['GET /v1/certificates/<uuid>', 'GET /v1/clusters/plain', 'GET /v1/clustertemplates/<uuid>', 'POST /v1/certificates']);
  });

  it("the template's error comes first, as when the requests ran one after the other", async () => {
    const gone = f.cloud.seedTemplate({ name: 'gone', coe: 'kubernetes' });
    f.cloud.seedCluster({ name: 'orphan', cluster_template_id: gone.uuid });
    f.cloud.state.templates.splice(f.cloud.state.templates.indexOf(gone), 1);
    const r = await f.magnum(['cluster-config', 'orphan'], { cwd: tmp(), timeoutMs: 20_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^ERROR: ClusterTemplate ${gone.uuid} could not be found \\(HTTP 404\\) \\(Request-ID: req-[0-9a-f-]+\\)\n$`));
  });
});
