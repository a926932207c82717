// Tests of the fake cloud itself, with plain fetch (no CLI code involved).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CREDENTIAL, PROJECTS, startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { OPENSSL } from '../support/fake-ca';

interface Res {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}
type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => v as Obj;

async function call(
  url: string,
  init: { method?: string; token?: string; version?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Res> {
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  if (init.token) headers['X-Auth-Token'] = init.token;
  if (init.version) headers['OpenStack-API-Version'] = `container-infra ${init.version}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    redirect: 'manual',
  });
  const text = await r.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: r.status, headers: r.headers, text, json };
}

const passwordBody = (user: string, password: string, scope: unknown = { project: { name: user, domain: { name: 'Default' } } }) => ({
  auth: {
    identity: { methods: ['password'], password: { user: { name: user, domain: { name: 'Default' }, password } } },
    ...(scope ? { scope } : {}),
  },
});
const tokensUrl = (cloud: FakeCloud): string => `${cloud.authUrlV3}/auth/tokens`;
const UNAUTHORIZED = '{"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}';

describe('fake keystone', () => {
  let cloud: FakeCloud;
  beforeAll(async () => {
    cloud = await startFakeCloud();
  });
  afterAll(async () => {
    await cloud.close();
  });

  it('serves version discovery', async () => {
    const root = await call(cloud.keystoneUrl);
    expect(root.status).toBe(300);
    expect(root.headers.get('location')).toBe(`${cloud.keystoneUrl}/v3/`);
    const values = o(o(root.json)['versions'])['values'] as Obj[];
    expect(values[0]?.['links']).toEqual([{ rel: 'self', href: `${cloud.keystoneUrl}/v3/` }]);
    const v3 = await call(cloud.authUrlV3);
    expect(v3.status).toBe(200);
    expect(o(o(v3.json)['version'])['id']).toBe('v3.14');
  });

  it('issues a project-scoped token with a catalog', async () => {
    const before = Date.now();
    const r = await call(tokensUrl(cloud), { method: 'POST', body: passwordBody('demo', 'secret') });
    expect(r.status).toBe(201);
    expect(r.headers.get('x-subject-token')).toMatch(/^gAAAAAB/);
    expect(r.headers.get('x-openstack-request-id')).toMatch(/^req-[0-9a-f-]{36}$/);
    expect(r.text).toMatch(/^\{"token": \{"methods": \["password"\], "user": \{"domain": /);
    const token = o(o(r.json)['token']);
    expect(o(token['project'])['id']).toBe(PROJECTS.demo.id);
    const expires = Date.parse(String(token['expires_at']));
    expect(expires - before).toBeGreaterThan(3590_000);
    expect(expires - before).toBeLessThan(3610_000);
    const magnum = (token['catalog'] as Obj[]).find((s) => s['type'] === 'container-infra');
    const eps = (magnum?.['endpoints'] ?? []) as Obj[];
    expect(eps.filter((e) => e['region'] === 'RegionOne').map((e) => [e['interface'], e['url']])).toEqual([
      ['public', cloud.magnumUrl],
      ['internal', cloud.magnumUrl],
      ['admin', cloud.magnumUrl],
    ]);
    expect(eps.some((e) => e['region'] === 'RegionTwo' && e['interface'] === 'public')).toBe(true);
  });

  it('accepts ids, the token method and application credentials', async () => {
    const byId = await call(tokensUrl(cloud), {
      method: 'POST',
      body: {
        auth: {
          identity: { methods: ['password'], password: { user: { id: 'f4a4ab9aa8a5417da93a15b57b4f396b', password: 'secret' } } },
          scope: { project: { id: PROJECTS.demo.id } },
        },
      },
    });
    expect(byId.status).toBe(201);
    const old = byId.headers.get('x-subject-token') ?? '';
    const rescoped = await call(tokensUrl(cloud), {
      method: 'POST',
      headers: { 'X-Auth-Token': old },
      body: { auth: { identity: { methods: ['token'], token: { id: old } } } },
    });
    expect(rescoped.status).toBe(201);
    expect(o(o(rescoped.json)['token'])['methods']).toEqual(['password', 'token']);
    const ac = await call(tokensUrl(cloud), {
      method: 'POST',
      body: {
        auth: {
          identity: {
            methods: ['application_credential'],
            application_credential: { name: APP_CREDENTIAL.name, secret: 'appsecret', user: { name: 'demo', domain: { id: 'default' } } },
          },
        },
      },
    });
    expect(ac.status).toBe(201);
    const scoped = await call(tokensUrl(cloud), {
      method: 'POST',
      body: {
        auth: {
          identity: { methods: ['application_credential'], application_credential: { id: APP_CREDENTIAL.id, secret: 'appsecret' } },
          scope: { project: { id: PROJECTS.demo.id } },
        },
      },
    });
    expect(scoped.status).toBe(401);
    expect(o(o(scoped.json)['error'])['message']).toBe(
      'Error authenticating with application credential: Application credentials cannot request a scope.',
    );
  });

  it('rejects bad credentials like keystone', async () => {
    const bad = await call(tokensUrl(cloud), { method: 'POST', body: passwordBody('demo', 'nope') });
    expect(bad.status).toBe(401);
    expect(bad.text).toBe(UNAUTHORIZED);
    expect(bad.headers.get('www-authenticate')).toBe(`Keystone uri="${cloud.authUrlV3}"`);
    const wrongProject = await call(tokensUrl(cloud), {
      method: 'POST',
      body: passwordBody('demo', 'secret', { project: { name: 'admin', domain: { id: 'default' } } }),
    });
    expect(wrongProject.status).toBe(401);
    const noDomain = await call(tokensUrl(cloud), { method: 'POST', body: passwordBody('demo', 'secret', { project: { name: 'demo' } }) });
    expect(noDomain.status).toBe(400);
  });

  it('has knobs for catalog, lifetime and failure', async () => {
    const other = await startFakeCloud({ omitMagnum: true, tokenLifetimeSeconds: 60 });
    try {
      const r = await call(tokensUrl(other), { method: 'POST', body: passwordBody('admin', 'secret') });
      const token = o(o(r.json)['token']);
      expect((token['catalog'] as Obj[]).map((s) => s['type'])).toEqual(['identity']);
      expect(Date.parse(String(token['expires_at'])) - Date.now()).toBeLessThan(61_000);
      other.state.config.keystoneFailure = true;
      expect((await call(tokensUrl(other), { method: 'POST', body: passwordBody('admin', 'secret') })).status).toBe(500);
    } finally {
      await other.close();
    }
  });
});

describe('fake magnum', () => {
  let cloud: FakeCloud;
  let token: string;
  let admin: string;
  const v1 = (path: string): string => `${cloud.magnumUrl}${path}`;
  beforeAll(async () => {
    cloud = await startFakeCloud();
    const r = await call(tokensUrl(cloud), { method: 'POST', body: passwordBody('demo', 'secret') });
    token = r.headers.get('x-subject-token') ?? '';
    admin = cloud.issueToken('admin');
  });
  afterAll(async () => {
    await cloud.close();
  });

  it('needs a token and negotiates microversions', async () => {
    const none = await call(v1('/clusters'));
    expect(none.status).toBe(401);
    expect(none.text).toBe('{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}');
    const latest = await call(v1('/clusters'), { token, version: 'latest' });
    expect(latest.status).toBe(200);
    expect(latest.headers.get('openstack-api-version')).toBe('container-infra 1.10');
    expect(latest.headers.get('x-openstack-request-id')).toMatch(/^req-/);
    expect((await call(v1('/clusters'), { token })).headers.get('openstack-api-version')).toBe('container-infra 1.1');
    const tooNew = await call(v1('/clusters'), { token, version: '1.11' });
    expect(tooNew.status).toBe(406);
    expect(o((o(tooNew.json)['errors'] as Obj[])[0])['title']).toBe('Requested microversion is unsupported');
    const bad = await call(v1('/clusters'), { token, headers: { 'OpenStack-API-Version': 'compute 2.1' } });
    expect(bad.text).toBe('{"errors": [{"request_id": "", "code": "", "status": 406, "title": "", "detail": "", "links": []}]}');
    expect(bad.headers.get('openstack-api-version')).toBeNull();
  });

  it('lists and shows templates in server key order', async () => {
    const t = cloud.seedTemplate({ name: 'k8s-tmpl', labels: { kube_tag: 'v1.21.1' } });
    const list = await call(v1('/clustertemplates'), { token });
    expect(list.status).toBe(200);
    const items = o(list.json)['clustertemplates'] as Obj[];
    expect(items.map((x) => x['name'])).toContain('k8s-tmpl');
    const show = await call(v1('/clustertemplates/k8s-tmpl'), { token });
    expect(Object.keys(o(show.json)).slice(0, 5)).toEqual(['uuid', 'name', 'coe', 'image_id', 'flavor_id']);
    expect(o(show.json)['uuid']).toBe(t.uuid);
    const patched = await call(v1(`/clustertemplates/${t.uuid}`), {
      method: 'PATCH',
      token,
      body: [{ op: 'replace', path: '/labels', value: "{'a': 'b', 'n': 5}" }],
    });
    expect(patched.status).toBe(200);
    expect(o(patched.json)['labels']).toEqual({ a: 'b', n: '5' });
  });

  it('answers 404 and 409 in the magnum envelope', async () => {
    const r = await call(v1('/clusters/foo'), { token });
    expect(r.status).toBe(404);
    expect(r.text).toBe(
      '{"errors": [{"request_id": "", "code": "client", "status": 404, "title": "Cluster foo could not be found", "detail": "Cluster foo could not be found.", "links": []}]}',
    );
    cloud.seedCluster({ name: 'twin' });
    cloud.seedCluster({ name: 'twin' });
    const dup = await call(v1('/clusters/twin'), { token });
    expect(dup.status).toBe(409);
    expect(o((o(dup.json)['errors'] as Obj[])[0])['detail']).toBe('Multiple clusters exist with same name. Please use the cluster uuid instead.');
  });

  it('paginates with the next link', async () => {
    const c = new URL(cloud.magnumUrl);
    const all = (o((await call(v1('/clusters'), { token })).json)['clusters'] as Obj[]).map((x) => x['uuid']);
    expect(all.length).toBeGreaterThanOrEqual(2);
    const first = await call(v1('/clusters/?limit=1'), { token });
    const next = String(o(first.json)['next']);
    expect(next).toBe(`http://${c.host}/v1/clusters?sort_key=id&sort_dir=asc&limit=1&marker=${String(all[0])}`);
    const second = await call(next, { token });
    expect((o(second.json)['clusters'] as Obj[])[0]?.['uuid']).toBe(all[1]);
    const full = await call(v1(`/clusters?limit=${all.length + 1}`), { token });
    expect(o(full.json)['next']).toBeUndefined();
  });

  it('creates clusters through their lifecycle', async () => {
    const t = cloud.seedTemplate({ name: 'life' });
    const create = await call(v1('/clusters'), { method: 'POST', token, body: { name: 'c1', cluster_template_id: 'life', node_count: 2 } });
    expect(create.status).toBe(202);
    const uuid = String(o(create.json)['uuid']);
    expect(cloud.state.clusters.find((x) => x.uuid === uuid)?.status).toBe('CREATE_IN_PROGRESS');
    const shown = o((await call(v1(`/clusters/${uuid}`), { token })).json);
    expect([shown['status'], shown['api_address'], shown['node_count'], shown['cluster_template_id']]).toEqual([
      'CREATE_COMPLETE',
      'https://127.0.0.1:6443',
      2,
      t.uuid,
    ]);
    const inUse = await call(v1('/clustertemplates/life'), { method: 'DELETE', token });
    expect(inUse.status).toBe(400);
    expect(o((o(inUse.json)['errors'] as Obj[])[0])['detail']).toBe(`ClusterTemplate ${t.uuid} is referenced by one or multiple clusters.`);
    const failed = await call(v1('/clusters'), { method: 'POST', token, body: { name: 'fail-x', cluster_template_id: t.uuid } });
    const f = o((await call(v1(`/clusters/${String(o(failed.json)['uuid'])}`), { token })).json);
    expect(f['status']).toBe('CREATE_FAILED');
    expect(f['status_reason']).toBeTruthy();
    expect(Object.keys(o(f['faults']))).toEqual(['default-master', 'default-worker']);
    expect((await call(v1(`/clusters/${uuid}`), { method: 'DELETE', token })).status).toBe(204);
    expect((await call(v1(`/clusters/${uuid}`), { token })).status).toBe(404);
  });

  it('gates nodegroups on 1.9 and serves quotas and stats', async () => {
    const c = cloud.seedCluster({ name: 'ngs' });
    expect((await call(v1(`/clusters/ngs/nodegroups`), { token, version: '1.8' })).status).toBe(406);
    const ngs = o((await call(v1(`/clusters/ngs/nodegroups`), { token, version: '1.9' })).json)['nodegroups'] as Obj[];
    expect(ngs.map((x) => x['name'])).toEqual(['default-master', 'default-worker']);
    const quota = await call(v1(`/quotas/${PROJECTS.demo.id}/Cluster`), { token });
    expect(quota.text).toBe(`{"hard_limit": 20, "project_id": "${PROJECTS.demo.id}", "resource": "Cluster"}`);
    expect((await call(v1('/quotas'), { token })).status).toBe(403);
    const created = await call(v1('/quotas'), { method: 'POST', token: admin, body: { project_id: PROJECTS.demo.id, hard_limit: 3 } });
    expect(created.status).toBe(201);
    expect((await call(v1('/quotas'), { method: 'POST', token: admin, body: { project_id: PROJECTS.demo.id } })).status).toBe(409);
    const stats = o((await call(v1('/stats'), { token })).json);
    expect(stats['clusters']).toBe(cloud.state.clusters.filter((x) => x.project_id === c.project_id).length);
  });

  it('signs CSRs for real with a per-cluster CA', async () => {
    const c = cloud.seedCluster({ name: 'tls' });
    const dir = mkdtempSync(join(tmpdir(), 'fake-cloud-csr-'));
    try {
      execFileSync(
        OPENSSL,
        [
          'req',
          '-new',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'csr.pem'),
          '-subj',
          '/CN=admin/O=system:masters',
        ],
        { stdio: 'ignore' },
      );
      const csr = readFileSync(join(dir, 'csr.pem'), 'utf8');
      const signed = await call(v1('/certificates'), { method: 'POST', token, body: { cluster_uuid: 'tls', csr } });
      expect(signed.status).toBe(201);
      const body = o(signed.json);
      expect(Object.keys(body)).toEqual(['bay_uuid', 'cluster_uuid', 'links', 'csr', 'pem']);
      expect(String(body['pem']).endsWith('\n')).toBe(false);
      const ca = o((await call(v1(`/certificates/${c.uuid}`), { token })).json);
      writeFileSync(join(dir, 'ca.pem'), `${String(ca['pem'])}\n`);
      writeFileSync(join(dir, 'cert.pem'), `${String(body['pem'])}\n`);
      expect(execFileSync(OPENSSL, ['verify', '-CAfile', join(dir, 'ca.pem'), join(dir, 'cert.pem')], { encoding: 'utf8' })).toContain('OK');
      const text = execFileSync(OPENSSL, ['x509', '-in', join(dir, 'cert.pem'), '-noout', '-subject', '-issuer'], { encoding: 'utf8' });
      expect(text).toContain('subject=CN = admin, O = system:masters');
      expect(text).toContain('issuer=CN = tls');
      const garbage = await call(v1('/certificates'), { method: 'POST', token, body: { cluster_uuid: c.uuid, csr: 'not a csr' } });
      expect(o((o(garbage.json)['errors'] as Obj[])[0])['detail']).toBe("Received invalid csr b'not a csr'.");
      expect((await call(v1(`/certificates/${c.uuid}`), { method: 'PATCH', token })).status).toBe(202);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates templates with the server defaults', async () => {
    const r = await call(v1('/clustertemplates'), { method: 'POST', token, body: { coe: 'kubernetes', image_id: 'fedora-coreos', name: 'minimal' } });
    expect(r.status).toBe(201);
    const t = o(r.json);
    expect(r.headers.get('location')).toBe(`${cloud.magnumUrl}/clustertemplates/${String(t['uuid'])}`);
    expect([t['labels'], t['network_driver'], t['floating_ip_enabled'], t['server_type'], t['flavor_id']]).toEqual([
      null,
      'flannel',
      true,
      'vm',
      null,
    ]);
    const missing = await call(v1('/clustertemplates'), { method: 'POST', token, body: { coe: 'kubernetes' } });
    expect(o((o(missing.json)['errors'] as Obj[])[0])['detail']).toBe(
      "Invalid input for field/attribute image_id. Value: 'None'. Mandatory field missing.",
    );
  });

  it('rejects revoked tokens', async () => {
    const t = cloud.issueToken();
    expect((await call(v1('/stats'), { token: t })).status).toBe(200);
    cloud.state.tokens.delete(t);
    expect((await call(v1('/stats'), { token: t })).status).toBe(401);
  });

  it('records every request', () => {
    expect(cloud.requests.some((r) => r.server === 'keystone' && r.method === 'POST' && r.path === '/v3/auth/tokens')).toBe(true);
    expect(cloud.requests.some((r) => r.server === 'magnum' && r.path === '/v1/clusters/?limit=1')).toBe(true);
  });
});

describe('fake cloud knobs', () => {
  it('keeps clusters in progress for N reads or a delay', async () => {
    const cloud = await startFakeCloud({ inProgressReads: 1 });
    try {
      const token = cloud.issueToken();
      cloud.seedTemplate({ name: 't' });
      const statusOf = async (id: string): Promise<unknown> => o((await call(`${cloud.magnumUrl}/clusters/${id}`, { token })).json)['status'];
      const created = await call(`${cloud.magnumUrl}/clusters`, { method: 'POST', token, body: { name: 'slow', cluster_template_id: 't' } });
      expect(await statusOf('slow')).toBe('CREATE_IN_PROGRESS');
      expect(await statusOf('slow')).toBe('CREATE_COMPLETE');
      cloud.state.config.transitionDelayMs = 150;
      expect((await call(`${cloud.magnumUrl}/clusters/slow`, { method: 'DELETE', token })).status).toBe(204);
      expect(await statusOf('slow')).toBe('DELETE_IN_PROGRESS');
      await new Promise((r) => setTimeout(r, 200));
      expect((await call(`${cloud.magnumUrl}/clusters/${String(o(created.json)['uuid'])}`, { token })).status).toBe(404);
    } finally {
      await cloud.close();
    }
  });

  it('serves keystone under a path prefix', async () => {
    const cloud = await startFakeCloud({ identityPrefix: '/identity' });
    try {
      expect(cloud.authUrlV3).toMatch(/\/identity\/v3$/);
      const root = await call(cloud.keystoneUrl);
      expect(root.headers.get('location')).toBe(`${cloud.authUrlV3}/`);
      expect((await call(tokensUrl(cloud), { method: 'POST', body: passwordBody('demo', 'secret') })).status).toBe(201);
    } finally {
      await cloud.close();
    }
  });
});
