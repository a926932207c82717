// Nothing lost, nothing false, nothing hangs (issue 9): the built CLI against the fake
// cloud behind loopback fronts that misbehave on cue (test/support/fault-front.ts).
// Each case asserts the exact stderr, the exit code, an empty stdout where nothing may
// be printed, and what reached the servers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import { defaultCatalog, startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { openrcEnv, runCli, type RunCliResult } from '../support/run-cli';
import { reply, reset, stall, startFaultFront, trickle, truncated, type FaultFront } from '../support/fault-front';

let cloud: FakeCloud;
let ks: FaultFront;
let mg: FaultFront;

beforeAll(async () => {
  cloud = await startFakeCloud();
  ks = await startFaultFront(cloud.keystoneUrl);
  mg = await startFaultFront(cloud.magnumUrl.replace(/\/v1$/, ''));
  cloud.state.config.catalog = () => defaultCatalog({ keystoneUrl: ks.url, magnumUrl: `${mg.url}/v1` });
  cloud.seedTemplate({ name: 'kubernetes' });
  cloud.seedCluster({ name: 'keep-me' });
});

afterAll(async () => {
  await Promise.all([ks.close(), mg.close()]);
  await cloud.close();
});

beforeEach(() => {
  for (const f of [ks, mg]) {
    f.rules.length = 0;
    f.seen.length = 0;
  }
});

interface Timed extends RunCliResult {
  ms: number;
}

async function magnum(args: string[], env: Record<string, string> = {}): Promise<Timed> {
  const started = Date.now();
  const r = await runCli(args, { env: { ...openrcEnv({ authUrlV3: `${ks.url}/v3` }), OS_API_TIMEOUT: '1', ...env }, timeoutMs: 20_000 });
  return { ...r, ms: Date.now() - started };
}

const clusterNames = (): string[] => cloud.state.clusters.map((c) => c.name);
const TIMED_OUT = (url: string): string => `ERROR: Request to ${url} timed out: no complete reply within 1 s (--os-api-timeout)\n`;

describe('no request can hang (OS_API_TIMEOUT=1)', () => {
  it('a Keystone that accepts version discovery and never answers (an unversioned auth URL)', async () => {
    ks.rules.push({ method: 'GET', path: '/', action: stall });
    const r = await magnum(['cluster-list'], { OS_AUTH_URL: `${ks.url}/` });
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', TIMED_OUT(`${ks.url}/`)]);
    expect(r.ms).toBeLessThan(5000);
    expect(ks.seen).toEqual(['GET /']);
  });

  it('a Keystone that never answers the token request', async () => {
    ks.rules.push({ method: 'POST', path: '/v3/auth/tokens', action: stall });
    const r = await magnum(['cluster-list']);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', TIMED_OUT(`${ks.url}/v3/auth/tokens`)]);
    expect(r.ms).toBeLessThan(5000);
  });

  it('a Magnum API that never answers', async () => {
    mg.rules.push({ method: 'GET', path: /^\/v1\/clusters/, action: stall });
    const r = await magnum(['cluster-list']);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', TIMED_OUT(`${mg.url}/v1/clusters`)]);
    expect(r.ms).toBeLessThan(5000);
    // A timeout is not retried: the server may still be working on it.
    expect(mg.seen).toEqual(['GET /v1/clusters']);
  });

  it('a server that trickles a byte every 200 ms is still cut off at the total deadline', async () => {
    mg.rules.push({ method: 'GET', path: /^\/v1\/clusters/, action: trickle(mg, 200) });
    const r = await magnum(['cluster-list']);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', TIMED_OUT(`${mg.url}/v1/clusters`)]);
    expect(r.ms).toBeLessThan(5000);
  });

  it('--os-api-timeout beats OS_API_TIMEOUT, and a bad value is refused before any request', async () => {
    mg.rules.push({ method: 'GET', path: /^\/v1\/clusters/, action: stall });
    const r = await magnum(['--os-api-timeout', '0.5', 'cluster-list'], { OS_API_TIMEOUT: '30' });
    expect([r.code, r.stderr]).toEqual([1, `ERROR: Request to ${mg.url}/v1/clusters timed out: no complete reply within 0.5 s (--os-api-timeout)\n`]);
    ks.seen.length = 0;
    const bad = await magnum(['cluster-list'], { OS_API_TIMEOUT: 'soon' });
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([
      1,
      '',
      "ERROR: Invalid API timeout 'soon' (--os-api-timeout, OS_API_TIMEOUT or api_timeout): a positive number of seconds is expected\n",
    ]);
    expect(ks.seen).toEqual([]);
  });
});

describe('connections refused, reset or cut short', () => {
  it('a refused connection names the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await runCli(['cluster-list'], { env: { OS_TOKEN: 'x', OS_ENDPOINT_OVERRIDE: `http://127.0.0.1:${port}/v1` } });
    expect([r.code, r.stdout, r.stderr]).toEqual([
      1,
      '',
      `ERROR: Unable to establish connection to http://127.0.0.1:${port}/v1/clusters: connect ECONNREFUSED 127.0.0.1:${port}\n`,
    ]);
  });

  it('a GET reset once is retried, and --debug says so', async () => {
    mg.rules.push({ method: 'GET', path: '/v1/clusters', action: reset, times: 1 });
    const r = await magnum(['--debug', 'cluster-list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('keep-me');
    expect(r.stderr).toContain(`DEBUG Retrying GET ${mg.url}/v1/clusters in 0.5 s (attempt 2 of 4): connection reset (`);
    expect(mg.seen).toEqual(['GET /v1/clusters', 'GET /v1/clusters']);
  });

  it('a GET reset every time gives up after 4 attempts', async () => {
    mg.rules.push({ method: 'GET', path: '/v1/clusters', action: reset });
    const r = await magnum(['cluster-list']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(new RegExp(`^ERROR: Unable to establish connection to ${mg.url}/v1/clusters: (socket hang up|read ECONNRESET)\\n$`));
    expect(mg.seen.length).toBe(4);
  });

  it('a reply cut short is an error, never a partial table', async () => {
    mg.rules.push({ method: 'GET', path: '/v1/clusters', action: truncated });
    const r = await magnum(['cluster-list']);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      1,
      '',
      `ERROR: Unable to establish connection to ${mg.url}/v1/clusters: the connection was closed before the reply was complete\n`,
    ]);
  });

  it('a DELETE is never retried after a reset', async () => {
    mg.rules.push({ method: 'DELETE', path: /^\/v1\/clusters\//, action: reset });
    const r = await magnum(['cluster-delete', 'keep-me']);
    expect(r.code).toBe(1);
    expect(mg.seen.filter((s) => s.startsWith('DELETE'))).toHaveLength(1);
  });
});

describe('retries of idempotent GETs on 429, 502, 503, 504', () => {
  it('honours Retry-After and succeeds', async () => {
    mg.rules.push({ method: 'GET', path: '/v1/clusters', action: reply(503, '', { 'Retry-After': '1' }), times: 1 });
    const r = await magnum(['--debug', 'cluster-list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('keep-me');
    expect(r.stderr).toContain(`DEBUG Retrying GET ${mg.url}/v1/clusters in 1.0 s (attempt 2 of 4): HTTP 503\n`);
    expect(r.ms).toBeGreaterThanOrEqual(1000);
  });

  it.each([[429], [502], [504]])('gives up on a lasting %i after 4 attempts with the server error', async (status) => {
    mg.rules.push({ method: 'GET', path: '/v1/clusters', action: reply(status, '', { 'Retry-After': '0' }) });
    const r = await magnum(['cluster-list']);
    const reason = { 429: 'HTTP Client Error', 502: 'Bad Gateway', 504: 'Gateway Timeout' }[status];
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `ERROR: ${reason} (HTTP ${status})\n`]);
    expect(mg.seen.length).toBe(4);
  });

  it('does not wait for a Retry-After beyond the per-wait cap', async () => {
    mg.rules.push({ method: 'GET', path: '/v1/clusters', action: reply(503, '', { 'Retry-After': '3600' }) });
    const r = await magnum(['--debug', 'cluster-list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`DEBUG Not retrying GET ${mg.url}/v1/clusters (HTTP 503): a wait of 3600.0 s is beyond the retry limits\n`);
    expect(r.stderr.endsWith('ERROR: Service Unavailable (HTTP 503)\n')).toBe(true);
    expect(mg.seen.length).toBe(1);
  });

  it('never retries a POST', async () => {
    mg.rules.push({ method: 'POST', path: '/v1/clusters', action: reply(503, '', { 'Retry-After': '0' }) });
    const r = await magnum(['cluster-create', 'not-made', '--cluster-template', 'kubernetes']);
    expect(r.code).toBe(1);
    expect(mg.seen.filter((s) => s.startsWith('POST'))).toHaveLength(1);
  });
});

describe('redirects', () => {
  it('follows a 307 for a GET on the same scheme and host', async () => {
    mg.rules.push({ method: 'GET', path: '/v1/clusters', action: reply(307, '', { Location: '/v1/clusters?sort_dir=asc' }) });
    const r = await magnum(['cluster-list']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('keep-me');
    expect(mg.seen).toEqual(['GET /v1/clusters', 'GET /v1/clusters?sort_dir=asc']);
  });

  it.each([[301], [302], [303]])('refuses a %i with an empty body (never an empty table)', async (status) => {
    mg.rules.push({ method: 'GET', path: '/v1/clusters', action: reply(status, '', { Location: 'https://elsewhere.example/v1/clusters' }) });
    const r = await magnum(['cluster-list']);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      1,
      '',
      `ERROR: GET ${mg.url}/v1/clusters was redirected (HTTP ${status}) to https://elsewhere.example/v1/clusters; not followed ` +
        '(only a 307 or 308 for a GET on the same scheme and host is). Check the auth URL or endpoint.\n',
    ]);
  });

  it('refuses a 307 to another host', async () => {
    mg.rules.push({ method: 'GET', path: '/v1/clusters', action: reply(307, '', { Location: 'http://127.0.0.2:1/v1/clusters' }) });
    const r = await magnum(['cluster-list']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toContain('was redirected (HTTP 307) to http://127.0.0.2:1/v1/clusters; not followed');
  });

  it('a redirected DELETE is an error and deletes nothing (never "accepted")', async () => {
    mg.rules.push({ method: 'DELETE', path: /^\/v1\/clusters\//, action: reply(307, '', { Location: '/v1/clusters/keep-me' }) });
    const r = await magnum(['cluster-delete', 'keep-me']);
    // The reference's per-name failure line (on stdout, docs/reference-behaviour.md, Success and failure lines), exit 1.
    expect([r.code, r.stderr, r.stdout]).toEqual([
      1,
      '',
      `Delete for cluster keep-me failed: DELETE ${mg.url}/v1/clusters/keep-me was redirected (HTTP 307) to /v1/clusters/keep-me; not followed ` +
        '(only a 307 or 308 for a GET on the same scheme and host is). Check the auth URL or endpoint.\n',
    ]);
    expect(clusterNames()).toContain('keep-me');
  });

  it('a redirect loop ends', async () => {
    mg.rules.push({ method: 'GET', path: '/v1/clusters', action: reply(308, '', { Location: '/v1/clusters' }) });
    const r = await magnum(['cluster-list']);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `ERROR: GET ${mg.url}/v1/clusters was redirected more than 5 times; giving up\n`]);
  });
});

describe('replies that cannot be used', () => {
  it('a 200 that is not JSON', async () => {
    mg.rules.push({ method: 'GET', path: '/v1/clusters', action: reply(200, '<html>hi</html>', { 'Content-Type': 'text/html; charset=utf-8' }) });
    const r = await magnum(['cluster-list']);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      1,
      '',
      `ERROR: Invalid response from ${mg.url}/v1/clusters (HTTP 200): the body is not JSON (Content-Type: text/html)\n`,
    ]);
  });

  it.each([['null'], ['[]'], ['"text"']])('a 200 whose JSON is %s', async (body) => {
    mg.rules.push({ method: 'GET', path: /^\/v1\/clusters\/keep-me$/, action: reply(200, body, { 'Content-Type': 'application/json' }) });
    const r = await magnum(['cluster-show', 'keep-me']);
    const what = { null: 'null', '[]': 'an array', '"text"': 'a string' }[body];
    expect([r.code, r.stdout, r.stderr]).toEqual([
      1,
      '',
      `ERROR: Invalid response from ${mg.url}/v1/clusters/keep-me (HTTP 200): the body is ${what}, not a JSON object\n`,
    ]);
  });

  it('a create answered with null is an error, never "accepted"', async () => {
    mg.rules.push({ method: 'POST', path: '/v1/clusters', action: reply(202, 'null', { 'Content-Type': 'application/json' }) });
    const r = await magnum(['cluster-create', 'ghost', '--cluster-template', 'kubernetes']);
    // Not the server refusing (that is the reference's "Create for cluster … failed" line): one ERROR line.
    expect([r.code, r.stdout, r.stderr]).toEqual([
      1,
      '',
      `ERROR: Invalid response from ${mg.url}/v1/clusters (HTTP 202): the body is null, not a JSON object\n`,
    ]);
  });

  it('an HTML 500 page is one ERROR line, nothing on stdout (quotas-delete printed the page)', async () => {
    const page = '<!DOCTYPE html>\n<html><body><h1>500 Internal Server Error</h1></body></html>\n';
    mg.rules.push({ method: 'DELETE', path: /^\/v1\/quotas\//, action: reply(500, page, { 'Content-Type': 'text/html' }) });
    const r = await magnum(['quotas-delete', '--project-id', 'p1', '--resource', 'Cluster']);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      1,
      '',
      `ERROR: Invalid response from ${mg.url}/v1/quotas/p1/Cluster (HTTP 500): the body is not JSON (Content-Type: text/html)\n`,
    ]);
  });

  it('version discovery answered with null: no JavaScript internals', async () => {
    ks.rules.push({ method: 'GET', path: '/', action: reply(300, 'null', { 'Content-Type': 'application/json' }) });
    const r = await runCli(['cluster-list'], { env: { ...openrcEnv({ authUrlV3: ks.url }), OS_AUTH_URL: `${ks.url}/` } });
    expect([r.code, r.stdout, r.stderr]).toEqual([
      1,
      '',
      'ERROR: Could not find versioned identity endpoints when attempting to authenticate. Please check that your auth_url is correct.\n',
    ]);
  });

  it('a token reply that is not a JSON object', async () => {
    ks.rules.push({
      method: 'POST',
      path: '/v3/auth/tokens',
      action: reply(201, '[]', { 'Content-Type': 'application/json', 'X-Subject-Token': 'abc' }),
    });
    const r = await magnum(['cluster-list']);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      1,
      '',
      `ERROR: Invalid response from ${ks.url}/v3/auth/tokens (HTTP 201): the body is an array, not a JSON object\n`,
    ]);
  });
});

describe('connection reuse (issue 13)', () => {
  it('cluster-list uses one connection per host for the whole run', async () => {
    const before = [ks.connections, mg.connections];
    const r = await magnum(['cluster-list']);
    expect(r.code).toBe(0);
    expect(ks.seen).toEqual(['POST /v3/auth/tokens']);
    expect([ks.connections - before[0], mg.connections - before[1]]).toEqual([1, 1]);
  });

  it('the process exits promptly: kept-alive sockets do not hold it open', async () => {
    const r = await magnum(['cluster-list']);
    expect(r.code).toBe(0);
    // The servers keep connections open for 5 s; the run must not wait for them.
    expect(r.ms).toBeLessThan(3000);
  });
});
