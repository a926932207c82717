// Fault suite (docs/testing.md): a 2xx whose JSON is not what the command needs is one
// `ERROR:` line naming the URL, the status and what was wrong, exit 1: never
// "…cluster undefined has been accepted.", never `undefined` printed.
import { beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useFakeCloud } from '../support/cli-fixture';
import type { Reply } from '../support/fake-cloud';
import { tempDir } from '../support/temp';

const f = useFakeCloud();
beforeEach(() => {
  f.cloud.requests.length = 0;
  f.cloud.magnumOverride = null;
});

/** Magnum answers `text` (with a JSON Content-Type) to `method path`; everything else as usual. */
function answer(method: string, path: RegExp, status: number, text: string): void {
  f.cloud.magnumOverride = (m, p): Reply | undefined =>
    m === method && path.test(p) ? { status, text, headers: { 'Content-Type': 'application/json' } } : undefined;
}

async function expectInvalid(argv: string[], path: string, status: number, what: string): Promise<void> {
  expect(await f.magnum(argv)).toEqual({
    code: 1,
    stdout: '',
    stderr: `ERROR: Invalid response from ${f.cloud.magnumUrl}${path} (HTTP ${status}): ${what}\n`,
  });
}

describe('lists', () => {
  it.each([
    ['null', 'the body is null, not a JSON object'],
    ['[]', 'the body is an array, not a JSON object'],
    ['"clusters"', 'the body is a string, not a JSON object'],
    ['{}', 'the reply has no "clusters" list'],
    ['{"clusters": {}}', '"clusters" is an object, not a list'],
    ['{"clusters": [null]}', 'item 1 of "clusters" is null, not a JSON object'],
    ['{"clusters": [], "next": 3}', '"next" is a number, not a link'],
  ])('cluster-list given %s', async (text, what) => {
    answer('GET', /^\/v1\/clusters/, 200, text);
    await expectInvalid(['cluster-list'], '/clusters', 200, what);
  });

  it('an empty body', async () => {
    answer('GET', /^\/v1\/clustertemplates/, 200, '');
    await expectInvalid(['cluster-template-list'], '/clustertemplates', 200, 'the body is empty');
  });

  it('a well-formed empty list is still the empty table', async () => {
    answer('GET', /^\/v1\/clusters/, 200, '{"clusters": []}');
    const r = await f.magnum(['cluster-list']);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout:
        '+------+------+---------+------------+--------------+--------+\n| uuid | name | keypair | node_count | master_count | status |\n+------+------+---------+------------+--------------+--------+\n+------+------+---------+------------+--------------+--------+\n',
    });
  });
});

describe('creates: no "accepted" line without the uuid', () => {
  it.each([
    ['null', 'the body is null, not a JSON object'],
    ['[]', 'the body is an array, not a JSON object'],
    ['{}', 'the reply has no "uuid"'],
    ['{"uuid": 7}', '"uuid" is a number, not a string'],
    ['{"uuid": ""}', '"uuid" is empty'],
  ])('cluster-create given %s', async (text, what) => {
    if (!f.cloud.state.templates.some((t) => t.name === 'k8s-tmpl')) f.cloud.seedTemplate({ name: 'k8s-tmpl' });
    answer('POST', /^\/v1\/clusters$/, 202, text);
    await expectInvalid(['cluster-create', 'new', '--cluster-template', 'k8s-tmpl'], '/clusters', 202, what);
  });

  it('nodegroup-create without a uuid', async () => {
    f.cloud.seedCluster({ name: 'ng-home' });
    answer('POST', /\/nodegroups\/$/, 202, '{"name": "ng"}');
    await expectInvalid(['nodegroup-create', 'ng-home', 'ng'], '/clusters/ng-home/nodegroups/', 202, 'the reply has no "uuid"');
  });

  it('cluster-template-create given null', async () => {
    answer('POST', /^\/v1\/clustertemplates$/, 201, 'null');
    await expectInvalid(
      ['cluster-template-create', 't', '--image', 'fedora', '--external-network', 'public', '--coe', 'kubernetes'],
      '/clustertemplates',
      201,
      'the body is null, not a JSON object',
    );
  });

  it('quotas-create given []', async () => {
    answer('POST', /^\/v1\/quotas$/, 201, '[]');
    await expectInvalid(['quotas-create', '--project-id', 'p', '--resource', 'Cluster'], '/quotas', 201, 'the body is an array, not a JSON object');
  });
});

describe('shows', () => {
  it.each([
    ['null', 'the body is null, not a JSON object'],
    ['[]', 'the body is an array, not a JSON object'],
    ['{}', 'the reply has no "uuid"'],
    ['{"uuid": "u"}', 'the reply has no "cluster_template_id"'],
  ])('cluster-show given %s', async (text, what) => {
    answer('GET', /^\/v1\/clusters\/k8s$/, 200, text);
    await expectInvalid(['cluster-show', 'k8s'], '/clusters/k8s', 200, what);
  });

  it('cluster-template-show given []', async () => {
    answer('GET', /^\/v1\/clustertemplates\/t$/, 200, '[]');
    await expectInvalid(['cluster-template-show', 't'], '/clustertemplates/t', 200, 'the body is an array, not a JSON object');
  });

  it('nodegroup-show given null', async () => {
    answer('GET', /^\/v1\/clusters\/k8s\/nodegroups\/ng$/, 200, 'null');
    await expectInvalid(['nodegroup-show', 'k8s', 'ng'], '/clusters/k8s/nodegroups/ng', 200, 'the body is null, not a JSON object');
  });

  it('quotas-show and stats-list given null', async () => {
    answer('GET', /^\/v1\/(quotas|stats)/, 200, 'null');
    await expectInvalid(
      ['quotas-show', '--project-id', 'p', '--resource', 'Cluster'],
      '/quotas/p/Cluster',
      200,
      'the body is null, not a JSON object',
    );
    await expectInvalid(['stats-list'], '/stats', 200, 'the body is null, not a JSON object');
  });

  it('ca-show without "pem" prints no `undefined`', async () => {
    const c = f.cloud.seedCluster({ name: 'ca-home' });
    answer('GET', /^\/v1\/certificates\//, 200, '{"cluster_uuid": "x"}');
    await expectInvalid(['ca-show', 'ca-home'], `/certificates/${c.uuid}`, 200, 'the reply has no "pem"');
  });

  it('ca-sign with a "pem" that is not a string', async () => {
    f.cloud.seedCluster({ name: 'sign-home' });
    const csr = join(tempDir('magnum-shape-'), 'client.csr');
    writeFileSync(csr, '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n');
    answer('POST', /^\/v1\/certificates$/, 201, '{"pem": null}');
    await expectInvalid(['ca-sign', '--cluster', 'sign-home', '--csr', csr], '/certificates', 201, '"pem" is null, not a string');
  });

  it('ca-rotate on a cluster reply without a uuid sends no PATCH', async () => {
    answer('GET', /^\/v1\/clusters\/rot$/, 200, '{"name": "rot"}');
    await expectInvalid(['ca-rotate', '--cluster', 'rot'], '/clusters/rot', 200, 'the reply has no "uuid"');
    expect(f.cloud.requests.filter((q) => q.method === 'PATCH')).toEqual([]);
  });
});

// An error reply with nothing in it (a proxy's 503 with an empty body): the lines that print
// the server's full message name the status instead of printing nothing (`ERROR: ` alone).
describe('an error reply with an empty body', () => {
  const UNAVAILABLE = 'Service Unavailable (HTTP 503)';
  it.each([
    ['cluster-update', 'PATCH', /^\/v1\/clusters\/c$/, ['cluster-update', 'c', 'replace', 'node_count=2'], `ERROR: ${UNAVAILABLE}\n`],
    [
      'quotas-create',
      'POST',
      /^\/v1\/quotas$/,
      ['quotas-create', '--project-id', 'p', '--resource', 'Cluster', '--hard-limit', '3'],
      `Create quota for project_id p resource Cluster failed: ${UNAVAILABLE}\n`,
    ],
    [
      'quotas-delete',
      'DELETE',
      /^\/v1\/quotas\/p\/Cluster$/,
      ['quotas-delete', '--project-id', 'p', '--resource', 'Cluster'],
      `Quota delete failed for project id p and resource Cluster :${UNAVAILABLE}\n`,
    ],
  ])('%s names the status', async (_name, method, path, argv, line) => {
    answer(method, path, 503, '');
    const r = await f.magnum(argv);
    // The fake cloud sends an X-Openstack-Request-Id with every reply: the summary ends with it.
    expect({ ...r, stdout: r.stdout.replace(/ \(Request-ID: req-[0-9a-f-]+\)\n$/, '\n') }).toEqual({ code: 1, stdout: line, stderr: '' });
    expect(f.cloud.requests.filter((q) => q.server === 'magnum' && q.method === method)).toHaveLength(1);
  });
});
