// TOTP, multi-factor with auth receipts, and OIDC federation end to end: the built CLI
// against the fake keystone, a loopback identity provider and the OIDC front that plays
// mod_auth_openidc (test/support/oidc-idp.ts, oidc-front.ts). stdin is closed (a script):
// nothing is ever prompted, and a missing factor is one clear line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCloud, type FakeCloud, type RecordedRequest } from '../support/fake-cloud';
import { TOTP_SECRETS, USERS } from '../support/fake-state';
import { foreignKey, startLoopbackIdp, type LoopbackIdp } from '../support/oidc-idp';
import { startOidcFront, type OidcFront } from '../support/oidc-front';
import { totpCode, base32Encode } from '../support/totp';
import { runCli, type RunCliResult } from '../support/run-cli';

let cloud: FakeCloud;
let idp: LoopbackIdp;
let front: OidcFront;
let dir: string;

beforeAll(async () => {
  idp = await startLoopbackIdp();
  cloud = await startFakeCloud({
    federation: {
      idp: 'myidp',
      protocol: 'openid',
      remoteIds: [''],
      users: { alice: USERS.demo, 'service-account-magnum-cli': USERS.demo },
    },
  });
  cloud.state.config.federation!.remoteIds = [idp.issuer];
  cloud.seedCluster({ name: 'mine' });
  front = await startOidcFront({
    upstream: new URL(cloud.keystoneUrl).origin,
    issuer: idp.issuer,
    jwksUrl: idp.jwksUrl,
    audience: idp.audience,
    protocol: 'openid',
  });
  dir = mkdtempSync(join(tmpdir(), 'magnum-login-kinds-'));
});
afterAll(async () => {
  await Promise.all([cloud.close(), idp.close(), front.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function run(
  env: Record<string, string>,
  args = ['cluster-list'],
): Promise<{ r: RunCliResult; keystone: RecordedRequest[]; idpCalls: string[] }> {
  const before = cloud.requests.length;
  const idpBefore = idp.requests.length;
  const r = await runCli(args, { env });
  return {
    r,
    keystone: cloud.requests.slice(before).filter((q) => q.server === 'keystone'),
    // The front's own JWKS fetch is not the client's.
    idpCalls: idp.requests
      .slice(idpBefore)
      .map((q) => `${q.method} ${q.path}`)
      .filter((c) => c !== 'GET /jwks'),
  };
}
const listed = (r: RunCliResult): string[] =>
  r.stdout
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| uuid'))
    .map((l) => l.split('|')[2].trim());
const bodies = (reqs: RecordedRequest[]): { auth: { identity: Record<string, unknown> } }[] =>
  reqs.filter((q) => q.method === 'POST' && q.path.endsWith('/auth/tokens')).map((q) => JSON.parse(q.body));

const user = (name: 'demo' | 'mfa', extra: Record<string, string> = {}): Record<string, string> => ({
  OS_AUTH_URL: cloud.authUrlV3,
  OS_USERNAME: name,
  OS_USER_DOMAIN_NAME: 'Default',
  OS_PROJECT_NAME: 'demo',
  OS_PROJECT_DOMAIN_NAME: 'Default',
  ...extra,
});

describe('TOTP helper', () => {
  it('matches RFC 6238 appendix B (SHA-1, 8 digits)', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    expect([59, 1111111109, 1234567890, 20000000000].map((t) => totpCode(secret, t * 1000, 30, 8))).toEqual([
      '94287082',
      '07081804',
      '89005924',
      '65353130',
    ]);
  });
});

describe('v3totp', () => {
  it('logs in with OS_PASSCODE: one POST with the totp method', async () => {
    const code = totpCode(TOTP_SECRETS.demo);
    const { r, keystone } = await run(user('demo', { OS_AUTH_TYPE: 'v3totp', OS_PASSCODE: code }));
    expect([r.code, r.stderr, listed(r)]).toEqual([0, '', ['mine']]);
    expect(bodies(keystone)).toEqual([
      {
        auth: {
          identity: { methods: ['totp'], totp: { user: { passcode: code, name: 'demo', domain: { name: 'Default' } } } },
          scope: { project: { name: 'demo', domain: { name: 'Default' } } },
        },
      },
    ]);
  });

  it('takes --os-passcode and clouds.yaml passcode', async () => {
    const flag = await runCli(['--os-passcode', totpCode(TOTP_SECRETS.demo), 'cluster-list'], { env: user('demo', { OS_AUTH_TYPE: 'v3totp' }) });
    expect([flag.code, flag.stderr]).toEqual([0, '']);
    const file = join(dir, 'totp.yaml');
    writeFileSync(
      file,
      `clouds:\n  t:\n    auth_type: v3totp\n    auth: {auth_url: "${cloud.authUrlV3}", username: demo, user_domain_name: Default, ` +
        `project_name: demo, project_domain_name: Default, passcode: "${totpCode(TOTP_SECRETS.demo)}"}\n`,
    );
    const { r } = await run({ OS_CLOUD: 't', OS_CLIENT_CONFIG_FILE: file });
    expect([r.code, r.stderr, listed(r)]).toEqual([0, '', ['mine']]);
  });

  it('without a passcode in a script: one line, no request', async () => {
    const { r, keystone } = await run(user('demo', { OS_AUTH_TYPE: 'v3totp' }));
    expect([r.stderr, r.code, keystone.length]).toEqual([
      'ERROR: You must provide a TOTP passcode via either --os-passcode, env[OS_PASSCODE], or prompted response\n',
      1,
      0,
    ]);
  });

  it("a wrong passcode is Keystone's 401", async () => {
    const { r } = await run(user('demo', { OS_AUTH_TYPE: 'v3totp', OS_PASSCODE: '000000' === totpCode(TOTP_SECRETS.demo) ? '111111' : '000000' }));
    expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/^ERROR: The request you have made requires authentication\. \(HTTP 401\)/)]);
  });
});

describe('multi-factor (rules [["password", "totp"]])', () => {
  it('v3multifactor sends both methods in one request', async () => {
    const { r, keystone } = await run(
      user('mfa', {
        OS_AUTH_TYPE: 'v3multifactor',
        OS_AUTH_METHODS: 'v3password,v3totp',
        OS_PASSWORD: 'mfa-secret',
        OS_PASSCODE: totpCode(TOTP_SECRETS.mfa),
      }),
    );
    expect([r.code, r.stderr, listed(r)]).toEqual([0, '', ['mine']]);
    expect(bodies(keystone).map((b) => b.auth.identity.methods)).toEqual([['password', 'totp']]);
  });

  it('clouds.yaml auth_methods is a list', async () => {
    const file = join(dir, 'mfa.yaml');
    writeFileSync(
      file,
      `clouds:\n  m:\n    auth_type: v3multifactor\n    auth:\n      auth_methods: [v3password, v3totp]\n      auth_url: "${cloud.authUrlV3}"\n` +
        `      username: mfa\n      user_domain_name: Default\n      project_name: demo\n      project_domain_name: Default\n      password: mfa-secret\n`,
    );
    const { r } = await run({ OS_CLOUD: 'm', OS_CLIENT_CONFIG_FILE: file, OS_PASSCODE: totpCode(TOTP_SECRETS.mfa) });
    expect([r.code, r.stderr, listed(r)]).toEqual([0, '', ['mine']]);
  });

  it('password alone gets a receipt; the configured passcode completes it with Openstack-Auth-Receipt', async () => {
    const { r, keystone } = await run(user('mfa', { OS_PASSWORD: 'mfa-secret', OS_PASSCODE: totpCode(TOTP_SECRETS.mfa) }));
    expect([r.code, r.stderr, listed(r)]).toEqual([0, '', ['mine']]);
    const posts = keystone.filter((q) => q.method === 'POST');
    expect(posts.map((q) => typeof q.headers['openstack-auth-receipt'])).toEqual(['undefined', 'string']);
    expect(bodies(keystone).map((b) => b.auth.identity.methods)).toEqual([['password'], ['totp']]);
  });

  it('in a script without the second factor: one line naming it', async () => {
    const { r } = await run(user('mfa', { OS_PASSWORD: 'mfa-secret' }));
    expect([r.stderr, r.code]).toEqual([
      'ERROR: Keystone requires a second factor for this user (password+totp): give a TOTP passcode (--os-passcode or OS_PASSCODE)\n',
      1,
    ]);
  });

  it('v3totp alone for that user: the receipt asks for the password', async () => {
    const { r } = await run(user('mfa', { OS_AUTH_TYPE: 'v3totp', OS_PASSCODE: totpCode(TOTP_SECRETS.mfa) }));
    expect([r.stderr, r.code]).toEqual([
      'ERROR: Keystone requires a second factor for this user (password+totp): give a password (--os-password or OS_PASSWORD)\n',
      1,
    ]);
  });

  it('auth_methods it cannot combine is one line', async () => {
    const { r } = await run(user('mfa', { OS_AUTH_TYPE: 'v3multifactor', OS_AUTH_METHODS: 'v3password,v3oidcpassword', OS_PASSWORD: 'x' }));
    expect([r.stderr, r.code]).toEqual([
      'ERROR: auth_methods: v3oidcpassword cannot be combined by v3multifactor; use v3password, v3totp, v3token, v3applicationcredential\n',
      1,
    ]);
  });
});

describe('OIDC federation through the front', () => {
  const oidc = (type: string, extra: Record<string, string> = {}): Record<string, string> => ({
    OS_AUTH_TYPE: type,
    OS_AUTH_URL: `${front.url}/v3`,
    OS_IDENTITY_PROVIDER: 'myidp',
    OS_PROTOCOL: 'openid',
    OS_PROJECT_NAME: 'demo',
    OS_PROJECT_DOMAIN_NAME: 'Default',
    ...extra,
  });

  it('v3oidcpassword: discovery, password grant (client secret by Basic), federated auth, re-scope', async () => {
    const before = front.forwardedClaims.length;
    const { r, keystone, idpCalls } = await run(
      oidc('v3oidcpassword', {
        OS_DISCOVERY_ENDPOINT: idp.discoveryUrl,
        OS_CLIENT_ID: 'magnum-cli',
        OS_CLIENT_SECRET: 'cli-secret',
        OS_USERNAME: 'alice',
        OS_PASSWORD: 'wonderland',
      }),
    );
    expect([r.code, r.stderr, listed(r)]).toEqual([0, '', ['mine']]);
    expect(idpCalls).toEqual(['GET /.well-known/openid-configuration', 'POST /token']);
    const tokenReq = idp.requests.filter((q) => q.path === '/token').at(-1)!;
    expect(tokenReq.headers.authorization).toBe(`Basic ${Buffer.from('magnum-cli:cli-secret').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(tokenReq.body))).toEqual({
      username: 'alice',
      password: 'wonderland',
      scope: 'openid profile',
      grant_type: 'password',
    });
    expect(keystone.map((q) => `${q.method} ${q.path}`)).toEqual([
      'POST /v3/OS-FEDERATION/identity_providers/myidp/protocols/openid/auth',
      'POST /v3/auth/tokens',
    ]);
    expect(keystone[0].headers['oidc-claim-preferred_username']).toBe('alice');
    expect(keystone[0].headers['oidc-claim-iss']).toBe(idp.issuer);
    expect(bodies(keystone)[0].auth.identity.methods).toEqual(['token']);
    expect(front.forwardedClaims.length).toBe(before + 1);
  });

  it('v3oidcpassword with a public client: client_id in the form', async () => {
    const { r } = await run(
      oidc('v3oidcpassword', {
        OS_ACCESS_TOKEN_ENDPOINT: idp.tokenUrl,
        OS_CLIENT_ID: 'public-cli',
        OS_USERNAME: 'alice',
        OS_PASSWORD: 'wonderland',
        OS_OPENID_SCOPE: 'openid email',
      }),
    );
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(Object.fromEntries(new URLSearchParams(idp.requests.filter((q) => q.path === '/token').at(-1)!.body))).toEqual({
      username: 'alice',
      password: 'wonderland',
      scope: 'openid email',
      client_id: 'public-cli',
      grant_type: 'password',
    });
  });

  it('v3oidcclientcredentials with access_token_endpoint', async () => {
    const { r, idpCalls } = await run(
      oidc('v3oidcclientcredentials', { OS_ACCESS_TOKEN_ENDPOINT: idp.tokenUrl, OS_CLIENT_ID: 'magnum-cli', OS_CLIENT_SECRET: 'cli-secret' }),
    );
    expect([r.code, r.stderr, listed(r), idpCalls]).toEqual([0, '', ['mine'], ['POST /token']]);
  });

  it("v3oidcaccesstoken: the user's own token goes straight to Keystone", async () => {
    const { r, idpCalls } = await run(oidc('v3oidcaccesstoken', { OS_ACCESS_TOKEN: idp.mint({ sub: 'u1', preferred_username: 'alice' }) }));
    expect([r.code, r.stderr, listed(r), idpCalls]).toEqual([0, '', ['mine'], []]);
  });

  it("a forged, expired or foreign-audience token stops at the front, with the front's 401", async () => {
    const forged = idp.mint({ preferred_username: 'alice' }, { key: foreignKey() });
    const expired = idp.mint({ preferred_username: 'alice', exp: Math.floor(Date.now() / 1000) - 3600 });
    const otherAud = idp.mint({ preferred_username: 'alice', aud: 'someone-else' });
    for (const token of [forged, expired, otherAud]) {
      const { r, keystone } = await run(oidc('v3oidcaccesstoken', { OS_ACCESS_TOKEN: token }));
      expect([r.stderr, r.code, keystone.length]).toEqual(['ERROR: Unauthorized (HTTP 401)\n', 1, 0]);
    }
    expect(front.rejected.slice(-3)).toEqual(['bad signature', 'token expired', 'wrong audience']);
  });

  it('client-supplied OIDC-* headers never reach Keystone', async () => {
    const before = cloud.requests.length;
    const res = await fetch(`${front.url}/v3`, { headers: { 'OIDC-Claim-preferred_username': 'admin', OIDC_CLAIM_iss: 'x' } });
    expect(res.status).toBe(200);
    const seen = cloud.requests.slice(before)[0].headers;
    expect(Object.keys(seen).filter((k) => k.startsWith('oidc'))).toEqual([]);
  });

  it("a wrong IdP password is the token endpoint's error, one line", async () => {
    const { r, keystone } = await run(
      oidc('v3oidcpassword', {
        OS_ACCESS_TOKEN_ENDPOINT: idp.tokenUrl,
        OS_CLIENT_ID: 'magnum-cli',
        OS_CLIENT_SECRET: 'cli-secret',
        OS_USERNAME: 'alice',
        OS_PASSWORD: 'nope',
      }),
    );
    expect([r.stderr, r.code, keystone.length]).toEqual([
      `ERROR: The identity provider's token endpoint ${idp.tokenUrl} refused the request: invalid_grant: Invalid user credentials (HTTP 401)\n`,
      1,
      0,
    ]);
  });

  it('a token endpoint reply without the token asked for is an invalid response, worded as every other', async () => {
    const { r, keystone } = await run(
      oidc('v3oidcclientcredentials', {
        OS_ACCESS_TOKEN_ENDPOINT: idp.tokenUrl,
        OS_CLIENT_ID: 'magnum-cli',
        OS_CLIENT_SECRET: 'cli-secret',
        OS_ACCESS_TOKEN_TYPE: 'refresh_token',
      }),
    );
    expect([r.stdout, r.stderr, r.code, keystone.length]).toEqual([
      '',
      `ERROR: Invalid response from ${idp.tokenUrl} (HTTP 200): no refresh_token in the reply\n`,
      1,
      0,
    ]);
  });

  it("missing options are keystoneauth's words", async () => {
    const noEndpoint = await run(oidc('v3oidcpassword', { OS_CLIENT_ID: 'c', OS_USERNAME: 'a', OS_PASSWORD: 'b' }));
    expect(noEndpoint.r.stderr).toBe("ERROR: You have to specify either an 'access-token-endpoint' or a 'discovery-endpoint'.\n");
    const noIdp = await run({ ...oidc('v3oidcaccesstoken', { OS_ACCESS_TOKEN: 't' }), OS_IDENTITY_PROVIDER: '' });
    expect(noIdp.r.stderr).toBe('ERROR: Missing value identity_provider required for auth plugin v3oidcaccesstoken\n');
  });

  it('the token cache keeps a federated login: the second run asks neither the IdP nor Keystone', async () => {
    const env = {
      ...oidc('v3oidcpassword', {
        OS_DISCOVERY_ENDPOINT: idp.discoveryUrl,
        OS_CLIENT_ID: 'magnum-cli',
        OS_CLIENT_SECRET: 'cli-secret',
        OS_USERNAME: 'alice',
        OS_PASSWORD: 'wonderland',
      }),
      OS_CACHE: 'true',
      XDG_CACHE_HOME: join(dir, 'cache'),
    };
    const first = await run(env);
    const second = await run(env);
    expect([first.r.code, first.idpCalls.length, first.keystone.length]).toEqual([0, 2, 2]);
    expect([second.r.code, second.r.stderr, listed(second.r), second.idpCalls, second.keystone]).toEqual([0, '', ['mine'], [], []]);
    // Another protocol is another identity: no reuse.
    const other = await run({ ...env, OS_IDENTITY_PROVIDER: 'otheridp' });
    expect([other.r.code, other.keystone.length]).toEqual([1, 1]);
  });
});

describe('a TOTP login and the token cache', () => {
  it('the second run needs no passcode while the token is valid', async () => {
    const env = { ...user('demo', { OS_AUTH_TYPE: 'v3totp' }), OS_CACHE: 'true', XDG_CACHE_HOME: join(dir, 'cache-totp') };
    const first = await run({ ...env, OS_PASSCODE: totpCode(TOTP_SECRETS.demo) });
    const second = await run(env);
    expect([first.r.code, first.keystone.length]).toEqual([0, 1]);
    expect([second.r.code, second.r.stderr, second.keystone.length]).toEqual([0, '', 0]);
  });
});

describe('auth-status', () => {
  it('shows who, how and until when, never the token', async () => {
    const { r, keystone } = await run(user('mfa', { OS_PASSWORD: 'mfa-secret', OS_PASSCODE: totpCode(TOTP_SECRETS.mfa) }), [
      'auth-status',
      '-f',
      'json',
    ]);
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(status).toEqual({
      cloud: null,
      auth_url: cloud.authUrlV3,
      auth_type: 'password',
      user: `mfa (${USERS.mfa.id})`,
      project: `demo (${USERS.mfa.project.id})`,
      methods: 'password, totp',
      region: null,
      expires_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      token_source: 'Keystone',
      token_cache: 'disabled (--os-cache, OS_CACHE=true)',
    });
    const token = keystone.at(-1)!;
    expect(token.path).toBe('/v3/auth/tokens');
    expect(r.stdout).not.toContain('gAAAA');
    expect(r.stdout).not.toContain('mfa-secret');
  });
});
