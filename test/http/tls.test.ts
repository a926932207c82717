// TLS end to end (`keystoneauth1/session.py Session`): the built CLI against the fake cloud behind
// loopback HTTPS fronts with a throwaway CA.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { openrcEnv, runCli, type RunCliResult } from '../support/run-cli';
import { makePki, startHttpsCloud, type HttpsCloud, type Pki } from '../support/tls-front';

let cloud: FakeCloud;
let pki: Pki;
let https: HttpsCloud;
let mtls: HttpsCloud;
let mtlsCloud: FakeCloud;
let wrongHost: HttpsCloud;
let wrongHostCloud: FakeCloud;

beforeAll(async () => {
  pki = await makePki();
  cloud = await startFakeCloud();
  https = await startHttpsCloud(cloud, { cert: pki.serverCert, key: pki.serverKey });
  mtlsCloud = await startFakeCloud();
  mtls = await startHttpsCloud(mtlsCloud, { cert: pki.serverCert, key: pki.serverKey, clientCaFile: pki.caFile });
  wrongHostCloud = await startFakeCloud();
  wrongHost = await startHttpsCloud(wrongHostCloud, { cert: pki.wrongHostCert, key: pki.wrongHostKey });
  cloud.seedCluster({ name: 'over-tls' });
  mtlsCloud.seedCluster({ name: 'over-mtls' });
});

afterAll(async () => {
  await Promise.all([https.close(), mtls.close(), wrongHost.close()]);
  await Promise.all([cloud.close(), mtlsCloud.close(), wrongHostCloud.close()]);
  await pki.close();
});

function magnum(front: HttpsCloud, args: string[], env: Record<string, string> = {}): Promise<RunCliResult> {
  return runCli(args, { env: { ...openrcEnv({ authUrlV3: front.authUrlV3 }), ...env } });
}

const names = (r: RunCliResult): string[] =>
  r.stdout
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| uuid'))
    .map((l) => l.split('|')[2].trim());
// urllib3's InsecureRequestWarning as the reference prints it, minus Python's `<file>:<line>: ` prefix and source line.
const INSECURE_WARNING =
  "InsecureRequestWarning: Unverified HTTPS request is being made to host '127.0.0.1'. Adding certificate verification is strongly advised. " +
  'See: https://urllib3.readthedocs.io/en/1.26.x/advanced-usage.html#ssl-warnings\n';
const SSL_ERROR = (url: string): RegExp => new RegExp(`^ERROR: SSL exception connecting to ${url.replace(/[.]/g, '\\.')}: [^\\n]+\\n$`);

describe('server verification', () => {
  it('works with the right CA from OS_CACERT, for keystone and for magnum', async () => {
    const before = cloud.requests.length;
    const r = await magnum(https, ['cluster-list'], { OS_CACERT: pki.caFile });
    expect([r.code, r.stderr, names(r)]).toEqual([0, '', ['over-tls']]);
    const seen = cloud.requests.slice(before).map((q) => `${q.server} ${q.method} ${q.path}`);
    expect(seen).toEqual(['keystone POST /v3/auth/tokens', 'magnum GET /v1/clusters']);
  });

  it('makes one TLS connection per host for the whole run (keep-alive, issue 13)', async () => {
    const before = [https.keystone.clientNames.length, https.magnum.clientNames.length];
    const r = await magnum(https, ['cluster-list'], { OS_CACERT: pki.caFile });
    expect([r.code, names(r)]).toEqual([0, ['over-tls']]);
    expect([https.keystone.clientNames.length - before[0], https.magnum.clientNames.length - before[1]]).toEqual([1, 1]);
  });

  it('works with --os-cacert (a dead flag in the reference)', async () => {
    const r = await magnum(https, ['--os-cacert', pki.caFile, 'cluster-list']);
    expect([r.code, r.stderr, names(r)]).toEqual([0, '', ['over-tls']]);
  });

  it('fails with a CA that did not sign the server certificate', async () => {
    const r = await magnum(https, ['cluster-list'], { OS_CACERT: pki.otherCaFile });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(SSL_ERROR(`${https.authUrlV3}/auth/tokens`));
    expect(r.stderr).toContain(': [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ');
  });

  it('fails without a CA: the private CA is not in the default trust store', async () => {
    const r = await magnum(https, ['cluster-list']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(SSL_ERROR(`${https.authUrlV3}/auth/tokens`));
  });

  it('fails for a certificate issued to another host name, even with the right CA', async () => {
    const r = await magnum(wrongHost, ['cluster-list'], { OS_CACERT: pki.caFile });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(SSL_ERROR(`${wrongHost.authUrlV3}/auth/tokens`));
    expect(r.stderr).toContain("Hostname/IP does not match certificate's altnames");
  });

  it('reports the magnum URL when only magnum is behind the untrusted certificate', async () => {
    const token = cloud.issueToken();
    const r = await runCli(['cluster-list'], { env: { OS_TOKEN: token, OS_ENDPOINT_OVERRIDE: https.magnumUrl, OS_CACERT: pki.otherCaFile } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(SSL_ERROR(`${https.magnumUrl}/clusters`));
  });

  it('explains a CA bundle path that does not exist, as requests does', async () => {
    const r = await magnum(https, ['cluster-list'], { OS_CACERT: '/nonexistent/ca.pem' });
    expect(r).toEqual({
      stdout: '',
      stderr: 'ERROR: Could not find a suitable TLS CA certificate bundle, invalid path: /nonexistent/ca.pem\n',
      code: 1,
    });
  });
});

describe('CA bundle', () => {
  it('is an error naming the file when it holds no certificate (not "self-signed certificate")', async () => {
    const garbage = join(pki.dir, 'garbage-ca.pem');
    writeFileSync(garbage, 'this is not a certificate\n');
    const before = cloud.requests.length;
    const r = await magnum(https, ['cluster-list'], { OS_CACERT: garbage });
    expect(r).toEqual({ stdout: '', stderr: `ERROR: The TLS CA certificate bundle ${garbage} holds no PEM certificate\n`, code: 1 });
    expect(cloud.requests.length).toBe(before);
  });
});

describe('no verification', () => {
  it.each([
    ['--insecure', ['--insecure'], {}],
    ['OS_INSECURE=true', [], { OS_INSECURE: 'true' }],
    ['MAGNUMCLIENT_INSECURE', [], { MAGNUMCLIENT_INSECURE: 'false' }],
    ['--insecure beats a wrong CA', ['--insecure'], { OS_CACERT: pki?.otherCaFile ?? '' }],
  ])('%s', async (_name, flags, env) => {
    const r = await magnum(https, [...flags, 'cluster-list'], env as Record<string, string>);
    // One warning, though keystone and magnum were both reached: they share the host.
    expect([r.code, r.stderr, names(r)]).toEqual([0, INSECURE_WARNING, ['over-tls']]);
  });

  it('OS_INSECURE=1 is not true (get_boolean)', async () => {
    const r = await magnum(https, ['cluster-list'], { OS_INSECURE: '1' });
    expect(r.code).toBe(1);
  });

  it('clouds.yaml verify: false', async () => {
    const home = join(pki.dir, 'home-verify');
    mkdirSync(home);
    const file = join(pki.dir, 'verify-clouds.yaml');
    writeFileSync(
      file,
      `clouds:\n  tls:\n    verify: false\n    auth: {auth_url: "${https.authUrlV3}", username: demo, password: secret, project_name: demo, user_domain_name: Default, project_domain_name: Default}\n`,
    );
    const r = await runCli(['--os-cloud', 'tls', 'cluster-list'], { env: { OS_CLIENT_CONFIG_FILE: file, HOME: home } });
    expect([r.code, r.stderr, names(r)]).toEqual([0, INSECURE_WARNING, ['over-tls']]);
  });
});

describe('client certificates', () => {
  it('a server that requires one refuses us without it', async () => {
    const r = await magnum(mtls, ['cluster-list'], { OS_CACERT: pki.caFile });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(SSL_ERROR(`${mtls.authUrlV3}/auth/tokens`));
    expect(r.stderr).toContain('[SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required');
  });

  it('accepts ours from --os-cert/--os-key', async () => {
    const before = mtls.keystone.clientNames.length;
    const r = await magnum(mtls, ['--os-cert', pki.clientCertFile, '--os-key', pki.clientKeyFile, 'cluster-list'], { OS_CACERT: pki.caFile });
    expect([r.code, r.stderr, names(r)]).toEqual([0, '', ['over-mtls']]);
    expect(mtls.keystone.clientNames.slice(before)).toContain('magnum-client');
    expect(mtls.magnum.clientNames).toContain('magnum-client');
  });

  it('accepts ours from OS_CERT/OS_KEY', async () => {
    const r = await magnum(mtls, ['cluster-list'], { OS_CACERT: pki.caFile, OS_CERT: pki.clientCertFile, OS_KEY: pki.clientKeyFile });
    expect([r.code, r.stderr, names(r)]).toEqual([0, '', ['over-mtls']]);
  });

  it('accepts ours from clouds.yaml cert:/key:/cacert:', async () => {
    const file = join(pki.dir, 'mtls-clouds.yaml');
    writeFileSync(
      file,
      `clouds:\n  mtls:\n    cacert: ${pki.caFile}\n    cert: ${pki.clientCertFile}\n    key: ${pki.clientKeyFile}\n` +
        `    auth: {auth_url: "${mtls.authUrlV3}", username: demo, password: secret, project_name: demo, user_domain_name: Default, project_domain_name: Default}\n`,
    );
    const r = await runCli(['cluster-list'], { env: { OS_CLOUD: 'mtls', OS_CLIENT_CONFIG_FILE: file } });
    expect([r.code, r.stderr, names(r)]).toEqual([0, '', ['over-mtls']]);
  });

  it('accepts one PEM holding both the certificate and its key (requests takes it as cert=<file>)', async () => {
    const both = join(pki.dir, 'client-both.pem');
    writeFileSync(both, readFileSync(pki.clientCertFile, 'utf8') + readFileSync(pki.clientKeyFile, 'utf8'));
    const before = mtls.magnum.clientNames.length;
    const r = await magnum(mtls, ['--os-cert', both, 'cluster-list'], { OS_CACERT: pki.caFile });
    expect([r.code, r.stderr, names(r)]).toEqual([0, '', ['over-mtls']]);
    expect(mtls.magnum.clientNames.slice(before)).toContain('magnum-client');
  });

  it('refuses a certificate without its key, before any request', async () => {
    const before = mtlsCloud.requests.length;
    const r = await magnum(mtls, ['--os-cert', pki.clientCertFile, 'cluster-list'], { OS_CACERT: pki.caFile });
    expect(r).toEqual({
      stdout: '',
      stderr: `ERROR: The TLS client certificate file ${pki.clientCertFile} holds no private key: give its key with --os-key (or OS_KEY)\n`,
      code: 1,
    });
    expect(mtlsCloud.requests.length).toBe(before);
  });

  it('refuses a key without a certificate', async () => {
    const r = await magnum(mtls, ['cluster-list'], { OS_CACERT: pki.caFile, OS_KEY: pki.clientKeyFile });
    expect(r).toEqual({
      stdout: '',
      stderr: `ERROR: A TLS client key (--os-key ${pki.clientKeyFile}) needs a client certificate (--os-cert)\n`,
      code: 1,
    });
  });

  it('explains a client key path that does not exist', async () => {
    const r = await magnum(mtls, ['cluster-list'], { OS_CACERT: pki.caFile, OS_CERT: pki.clientCertFile, OS_KEY: '/nonexistent.key' });
    expect(r).toEqual({ stdout: '', stderr: 'ERROR: Could not find the TLS key file, invalid path: /nonexistent.key\n', code: 1 });
  });
});
