import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { magnumCalls } from './recorded';

const f = useFakeCloud();
const CLUSTER_WARNING =
  'WARNING: The --cluster parameter is deprecated and will be removed in a future release. Use the <cluster> positional parameter to avoid seeing this message.\n';

/** The CA PEM as the API returns it, fetched directly. */
async function caPem(cluster: string): Promise<string> {
  const res = await fetch(`${f.cloud.magnumUrl}/certificates/${cluster}`, { headers: { 'X-Auth-Token': f.cloud.issueToken() } });
  return String(((await res.json()) as { pem: string }).pem);
}

describe('ca-show', () => {
  it('prints the CA of a cluster named by the positional, plus a newline', async () => {
    const c = f.cloud.seedCluster({ name: 'k8s-1' });
    const pem = await caPem(c.uuid);
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    const since = f.cloud.requests.length;
    const r = await f.magnum(['ca-show', 'k8s-1']);
    expect(r).toEqual({ stdout: `${pem}\n`, stderr: '', code: 0 });
    expect(magnumCalls(f.cloud, since)).toEqual(['GET /v1/clusters/k8s-1', `GET /v1/certificates/${c.uuid}`]);
  });

  it('accepts the deprecated --cluster with a warning on stderr', async () => {
    const c = f.cloud.state.clusters.find((x) => x.name === 'k8s-1');
    const r = await f.magnum(['ca-show', '--cluster', 'k8s-1']);
    expect(r).toEqual({ stdout: `${await caPem(String(c?.uuid))}\n`, stderr: CLUSTER_WARNING, code: 0 });
  });

  it('refuses both spellings at once: main help on stdout, DuplicateArgs (`magnumclient/v1/certificates_shell.py do_ca_show`)', async () => {
    const mainHelp = (await f.magnum(['help'])).stdout;
    const since = f.cloud.requests.length;
    const r = await f.magnum(['ca-show', 'a', '--cluster', 'b']);
    expect(r).toEqual({ stdout: mainHelp, stderr: `${CLUSTER_WARNING}ERROR: Duplicate "<cluster>" arguments: a, b\n`, code: 1 });
    expect(magnumCalls(f.cloud, since)).toEqual([]);
  });

  it('needs a cluster: main help on stdout, MissingArgs', async () => {
    const mainHelp = (await f.magnum(['help'])).stdout;
    const since = f.cloud.requests.length;
    const r = await f.magnum(['ca-show']);
    expect(r).toEqual({ stdout: mainHelp, stderr: 'ERROR: Missing arguments: --cluster\n', code: 1 });
    expect(magnumCalls(f.cloud, since)).toEqual([]);
  });

  it('fails on an unknown cluster', async () => {
    const r = await f.magnum(['ca-show', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR: Cluster nope could not be found \(HTTP 404\) \(Request-ID: req-[0-9a-f-]{36}\)\n$/);
  });
});
