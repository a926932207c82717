// Fault suite (docs/testing.md): identifiers that would change which URL is called are
// refused before any request, Keystone's included; everything else is encoded and
// reaches Magnum as the name it is.
import { beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useFakeCloud } from '../support/cli-fixture';
import { tempDir } from '../support/temp';

const f = useFakeCloud();
beforeEach(() => {
  f.cloud.requests.length = 0;
});

const CLUSTER = 'cluster name or ID';
const TEMPLATE = 'cluster template name or ID';
const NODEGROUP = 'nodegroup name or ID';

const REASONS: Record<string, string> = {
  '': 'it is empty',
  ' ': 'it is only whitespace',
  '\t': 'it is only whitespace',
  '.': '"." and ".." are URL path steps, so the request would go to another URL',
  '..': '"." and ".." are URL path steps, so the request would go to another URL',
  'k8s/nodegroups/default-worker': 'Magnum reads "/" as a path separator, so the request would go to another URL',
};

const csr = join(tempDir('magnum-faults-'), 'unused.csr');
writeFileSync(csr, '-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----\n');

/** Every command that puts a user value into a URL path, with the bad value in each such place. */
const PLACES: [string, string, (x: string) => string[]][] = [
  ['cluster-show', CLUSTER, (x) => ['cluster-show', x]],
  ['cluster-show --long', CLUSTER, (x) => ['cluster-show', '--long', x]],
  ['cluster-delete (second of two)', CLUSTER, (x) => ['cluster-delete', 'k8s', x]],
  ['cluster-update', CLUSTER, (x) => ['cluster-update', x, 'replace', 'node_count=2']],
  ['cluster-resize', CLUSTER, (x) => ['cluster-resize', x, '2']],
  ['cluster-upgrade', CLUSTER, (x) => ['cluster-upgrade', x, 'tmpl']],
  ['cluster-config', CLUSTER, (x) => ['cluster-config', x]],
  ['cluster-create --cluster-template', TEMPLATE, (x) => ['cluster-create', 'new', '--cluster-template', x]],
  ['cluster-template-show', TEMPLATE, (x) => ['cluster-template-show', x]],
  ['cluster-template-update', TEMPLATE, (x) => ['cluster-template-update', x, 'replace', 'labels=a=b']],
  ['cluster-template-delete (second of two)', TEMPLATE, (x) => ['cluster-template-delete', 'tmpl', x]],
  ['nodegroup-list', CLUSTER, (x) => ['nodegroup-list', x]],
  ['nodegroup-create', CLUSTER, (x) => ['nodegroup-create', x, 'ng']],
  ['nodegroup-show <cluster>', CLUSTER, (x) => ['nodegroup-show', x, 'ng']],
  ['nodegroup-show <nodegroup>', NODEGROUP, (x) => ['nodegroup-show', 'k8s', x]],
  ['nodegroup-update <cluster>', CLUSTER, (x) => ['nodegroup-update', x, 'ng', 'replace', 'node_count=2']],
  ['nodegroup-update <nodegroup>', NODEGROUP, (x) => ['nodegroup-update', 'k8s', x, 'replace', 'node_count=2']],
  ['nodegroup-delete <cluster>', CLUSTER, (x) => ['nodegroup-delete', x, 'ng']],
  ['nodegroup-delete <nodegroup> (second of two)', NODEGROUP, (x) => ['nodegroup-delete', 'k8s', 'ng', x]],
  ['ca-show <cluster>', CLUSTER, (x) => ['ca-show', x]],
  ['ca-show --cluster', CLUSTER, (x) => ['ca-show', '--cluster', x]],
  ['ca-sign --cluster', CLUSTER, (x) => ['ca-sign', '--cluster', x, '--csr', csr]],
  ['ca-rotate --cluster', CLUSTER, (x) => ['ca-rotate', '--cluster', x]],
  ['credential-rotate', CLUSTER, (x) => ['credential-rotate', x]],
  ['quotas-show --project-id', 'project ID', (x) => ['quotas-show', '--project-id', x, '--resource', 'Cluster']],
  ['quotas-show --resource', 'quota resource', (x) => ['quotas-show', '--project-id', 'p', '--resource', x]],
  ['quotas-update --project-id', 'project ID', (x) => ['quotas-update', '--project-id', x, '--resource', 'Cluster']],
  ['quotas-delete --project-id', 'project ID', (x) => ['quotas-delete', '--project-id', x, '--resource', 'Cluster']],
  ['quotas-delete --resource', 'quota resource', (x) => ['quotas-delete', '--project-id', 'p', '--resource', x]],
];

async function expectRefused(argv: string[], what: string, value: string): Promise<void> {
  const r = await f.magnum(argv);
  expect(r).toEqual({ code: 1, stdout: '', stderr: `ERROR: Invalid ${what} ${JSON.stringify(value)}: ${REASONS[value]}.\n` });
  // Nothing was sent: not even the Keystone round trip, let alone a DELETE.
  expect(f.cloud.requests).toEqual([]);
}

describe('a path identifier that would change the URL is refused before any request', () => {
  for (const [name, what, argv] of PLACES) {
    it(`${name} ..`, () => expectRefused(argv('..'), what, '..'));
  }
  for (const value of Object.keys(REASONS)) {
    it(`cluster-show ${JSON.stringify(value)}`, () => expectRefused(['cluster-show', value], CLUSTER, value));
    it(`nodegroup-delete k8s ${JSON.stringify(value)}`, () => expectRefused(['nodegroup-delete', 'k8s', value], NODEGROUP, value));
  }

  it('nodegroup-delete <cluster> .. leaves the cluster and its nodegroups alone', async () => {
    const c = f.cloud.seedCluster({ name: 'keep-me' });
    const before = c.nodegroups.length;
    await expectRefused(['nodegroup-delete', 'keep-me', '..'], NODEGROUP, '..');
    expect(f.cloud.state.clusters.some((x) => x.name === 'keep-me')).toBe(true);
    expect(c.nodegroups.length).toBe(before);
  });

  it("ca-show '' is still the reference's MissingArgs (Python's truthiness), not a path error", async () => {
    const r = await f.magnum(['ca-show', '']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('ERROR: Missing arguments: --cluster\n');
    expect(f.cloud.requests.filter((q) => q.server === 'magnum')).toEqual([]);
  });
});

describe('every other character is percent-encoded and reaches Magnum as part of the name', () => {
  // The reference sends `#…` as a fragment (dropped) and `%73` undecoded (the server reads `s`),
  // so it can act on another cluster; README, deliberate differences.
  it.each([
    ['k8s#x', '/v1/clusters/k8s%23x'],
    ['k8%73', '/v1/clusters/k8%2573'],
    ['k8s?x=1', '/v1/clusters/k8s%3Fx%3D1'],
    ['a b', '/v1/clusters/a%20b'],
    ['é', '/v1/clusters/%C3%A9'],
    ['%2e%2e', '/v1/clusters/%252e%252e'],
    ['...', '/v1/clusters/...'],
    [' .. ', '/v1/clusters/%20..%20'],
  ])('cluster-show %j is GET %s', async (name, path) => {
    const r = await f.magnum(['cluster-show', name]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: Cluster .*\(HTTP 404\)/);
    expect(f.cloud.requests.filter((q) => q.server === 'magnum').map((q) => `${q.method} ${q.path}`)).toEqual([`GET ${path}`]);
  });

  it('a cluster whose name holds #, %, ? and a space is shown, and only it', async () => {
    f.cloud.seedCluster({ name: 'k8s' });
    f.cloud.seedCluster({ name: 'k8s#%73 ?x' });
    const r = await f.magnum(['cluster-show', '-f', 'value', '-c', 'name', 'k8s#%73 ?x']);
    expect(r).toEqual({ code: 0, stderr: '', stdout: 'k8s#%73 ?x\n' });
  });
});
