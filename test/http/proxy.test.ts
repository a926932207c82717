// Proxies from the environment, for Keystone and Magnum alike (`keystoneauth1/session.py Session.request, requests`):
// NO_PROXY matching as a unit, and the built CLI through a loopback proxy.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bypassesProxy, proxyFor, proxySettingsFromEnv } from '../../src/http/proxy';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { openrcEnv, runCli, type RunCliResult } from '../support/run-cli';
import { makePki, startHttpsCloud, type HttpsCloud, type Pki } from '../support/tls-front';
import { startLoopbackProxy, type LoopbackProxy } from './loopback-proxy';

describe('NO_PROXY matching', () => {
  const u = (s: string): URL => new URL(s);
  it.each([
    ['http://keystone.example.com:5000/v3', 'example.com', true],
    ['http://keystone.example.com:5000/v3', '.example.com', true],
    ['http://keystone.example.com:5000/v3', '*.example.com', true],
    ['http://notexample.com/v3', 'example.com', false],
    ['http://example.com/v3', 'example.com', true],
    ['http://EXAMPLE.com/v3', 'Example.COM', true],
    ['http://127.0.0.1:5000/v3', '127.0.0.1', true],
    ['http://127.0.0.1:5000/v3', '127.0.0.1:5000', true],
    ['http://127.0.0.1:5000/v3', '127.0.0.1:9511', false],
    ['https://10.1.2.3/v3', '10.0.0.0/8', true],
    ['https://11.1.2.3/v3', '10.0.0.0/8', false],
    ['https://[::1]:5000/v3', '::1', true],
    ['https://anything/v3', '*', true],
    ['https://anything/v3', ' other , anything ', true],
    ['https://anything/v3', '', false],
  ])('%s with NO_PROXY=%j bypasses: %s', (url, noProxy, expected) => {
    expect(bypassesProxy(u(url), noProxy)).toBe(expected);
  });

  it('picks the proxy by scheme, lower case first, ALL_PROXY as the fallback', () => {
    const s = proxySettingsFromEnv({ HTTP_PROXY: 'http://H:1', https_proxy: 'p:3128', HTTPS_PROXY: 'http://ignored:1', ALL_PROXY: 'http://all:9' });
    expect(proxyFor(u('http://k/v3'), s)?.href).toBe('http://h:1/');
    expect(proxyFor(u('https://k/v3'), s)?.href).toBe('http://p:3128/');
    expect(proxyFor(u('http://k/v3'), proxySettingsFromEnv({ all_proxy: 'http://all:9' }))?.href).toBe('http://all:9/');
    // An empty lower-case variable switches the upper-case one off.
    expect(proxyFor(u('http://k/v3'), proxySettingsFromEnv({ http_proxy: '', HTTP_PROXY: 'http://h:1' }))).toBeUndefined();
  });
});

describe('the CLI through a proxy', () => {
  let cloud: FakeCloud;
  let proxy: LoopbackProxy;
  let pki: Pki;
  let httpsCloud: FakeCloud;
  let https: HttpsCloud;

  beforeAll(async () => {
    [cloud, proxy, pki, httpsCloud] = await Promise.all([startFakeCloud(), startLoopbackProxy(), makePki(), startFakeCloud()]);
    https = await startHttpsCloud(httpsCloud, { cert: pki.serverCert, key: pki.serverKey });
    cloud.seedCluster({ name: 'via-proxy' });
    httpsCloud.seedCluster({ name: 'via-tunnel' });
  });
  afterAll(async () => {
    await https.close();
    await Promise.all([cloud.close(), httpsCloud.close(), proxy.close()]);
    await pki.close();
  });
  beforeEach(() => {
    proxy.seen.length = 0;
    proxy.refuseConnect = undefined;
  });

  const names = (r: RunCliResult): string[] =>
    r.stdout
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| uuid'))
      .map((l) => l.split('|')[2].trim());
  const plain = (env: Record<string, string>) => runCli(['cluster-list'], { env: { ...openrcEnv(cloud), ...env } });
  const overTls = (env: Record<string, string>) =>
    runCli(['cluster-list'], { env: { ...openrcEnv({ authUrlV3: https.authUrlV3 }), OS_CACERT: pki.caFile, ...env } });

  it.each([['HTTP_PROXY'], ['http_proxy']])('sends absolute-URI requests for http targets through %s', async (name) => {
    const before = cloud.requests.length;
    const r = await plain({ [name]: proxy.url });
    expect([r.code, r.stderr, names(r)]).toEqual([0, '', ['via-proxy']]);
    const reached = cloud.requests.slice(before).map((q) => `${q.method} ${q.path}`);
    expect(proxy.seen.map((p) => `${p.method} ${new URL(p.target).pathname}`)).toEqual(reached);
    expect(proxy.seen.map((p) => p.target)).toEqual([`${cloud.authUrlV3}/auth/tokens`, `${cloud.magnumUrl}/clusters`]);
  });

  it.each([['HTTPS_PROXY'], ['https_proxy']])('tunnels https targets with CONNECT through %s', async (name) => {
    const r = await overTls({ [name]: proxy.url });
    expect([r.code, r.stderr, names(r)]).toEqual([0, '', ['via-tunnel']]);
    const ks = new URL(https.keystone.url).host;
    const mg = new URL(https.magnum.url).host;
    // One tunnel per host for the whole run: discovery and the token POST share keystone's.
    expect(proxy.seen).toEqual([
      { method: 'CONNECT', target: ks },
      { method: 'CONNECT', target: mg },
    ]);
  });

  it('still verifies the server through the tunnel', async () => {
    const r = await overTls({ HTTPS_PROXY: proxy.url, OS_CACERT: pki.otherCaFile });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: SSL exception connecting to https:\/\/127\.0\.0\.1:\d+\/v3\/auth\/tokens: \[SSL: CERTIFICATE_VERIFY_FAILED\] /);
    expect(proxy.seen.length).toBeGreaterThan(0);
  });

  it('bypasses the proxy for NO_PROXY hosts', async () => {
    const r = await plain({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    expect([r.code, names(r)]).toEqual([0, ['via-proxy']]);
    const t = await overTls({ https_proxy: proxy.url, no_proxy: 'localhost,127.0.0.0/8' });
    expect([t.code, names(t)]).toEqual([0, ['via-tunnel']]);
    expect(proxy.seen).toEqual([]);
  });

  it('uses the proxy of the target’s scheme only', async () => {
    const r = await plain({ HTTPS_PROXY: proxy.url });
    expect([r.code, names(r)]).toEqual([0, ['via-proxy']]);
    expect(proxy.seen).toEqual([]);
  });

  it('sends the proxy credentials of the proxy URL', async () => {
    const withAuth = proxy.url.replace('http://', 'http://us%40er:p%3Ass@');
    const r = await plain({ HTTP_PROXY: withAuth });
    expect(r.code).toBe(0);
    expect(proxy.seen[0].proxyAuthorization).toBe(`Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
  });

  it('reports a refused tunnel', async () => {
    proxy.refuseConnect = 403;
    const r = await overTls({ HTTPS_PROXY: proxy.url });
    const p = new URL(proxy.url).host;
    expect(r).toEqual({
      stdout: '',
      stderr: `ERROR: Unable to establish connection to ${https.authUrlV3}/auth/tokens: Cannot connect to proxy ${p}: Tunnel connection failed: 403 Forbidden\n`,
      code: 1,
    });
  });

  it('reports a proxy that does not answer', async () => {
    const r = await plain({ HTTP_PROXY: 'http://127.0.0.1:1' });
    expect(r).toEqual({
      stdout: '',
      stderr: `ERROR: Unable to establish connection to ${cloud.authUrlV3}/auth/tokens: connect ECONNREFUSED 127.0.0.1:1\n`,
      code: 1,
    });
  });
});
