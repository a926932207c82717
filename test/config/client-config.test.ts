// Flags + OS_* resolution and the pre-checks made before any network traffic, per auth
// type (`magnumclient/shell.py _ensure_auth_info`, `openstack/config/loader.py OpenStackConfig._get_os_environ`, `openstack/config/loader.py OpenStackConfig._get_auth_loader`, docs/reference-behaviour.md, Keystone failures as the user sees them).
import { describe, expect, it } from 'vitest';
import { resolveClientConfig, tokenEndpoint, type Env } from '../../src/config/client-config';
import { ensureAuthInfo } from '../../src/config/auth-checks';

const resolve = (env: Env, flags: Record<string, unknown> = {}) => resolveClientConfig(flags, env);
const check = (env: Env, flags: Record<string, unknown> = {}): string => {
  try {
    ensureAuthInfo(resolve(env, flags));
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
};

const PASSWORD_ENV: Env = {
  OS_AUTH_URL: 'http://k/v3',
  OS_USERNAME: 'demo',
  OS_PASSWORD: 'secret',
  OS_PROJECT_NAME: 'demo',
  OS_USER_DOMAIN_NAME: 'Default',
  OS_PROJECT_DOMAIN_NAME: 'Default',
};
const APP_ENV: Env = {
  OS_AUTH_TYPE: 'v3applicationcredential',
  OS_AUTH_URL: 'http://k/v3',
  OS_APPLICATION_CREDENTIAL_ID: 'f70c',
  OS_APPLICATION_CREDENTIAL_SECRET: 'appsecret',
};

describe('resolveClientConfig', () => {
  it('treats empty variables as unset and strips URL from the interface', () => {
    const c = resolve({ OS_USERNAME: '', OS_INTERFACE: 'internalURL' });
    expect([c.auth.username, c.interface, c.auth.authType]).toEqual([undefined, 'internal', 'password']);
  });

  it('reads OS_INSECURE with get_boolean and MAGNUMCLIENT_INSECURE as any non-empty value', () => {
    expect(resolve({ OS_INSECURE: 'true' }).tls.insecure).toBe(true);
    expect(resolve({ OS_INSECURE: '1' }).tls.insecure).toBe(false);
    expect(resolve({ MAGNUMCLIENT_INSECURE: 'false' }).tls.insecure).toBe(true);
    expect(resolve({}, { insecure: true }).tls.insecure).toBe(true);
  });

  it('takes the client certificate from --os-cert/--os-key before OS_CERT/OS_KEY, expanding ~', () => {
    expect(resolve({ OS_CERT: '~/c.pem', OS_KEY: '/k.pem', HOME: '/home/u' }).tls).toMatchObject({ certFile: '/home/u/c.pem', keyFile: '/k.pem' });
    expect(resolve({ OS_CERT: '/env.pem' }, { os_cert: '/flag.pem', os_key: '/flagkey.pem' }).tls).toMatchObject({
      certFile: '/flag.pem',
      keyFile: '/flagkey.pem',
    });
  });

  it('takes --bypass-url / BYPASS_URL over --os-endpoint-override / OS_ENDPOINT_OVERRIDE, as the reference does', () => {
    expect(resolve({}, { bypass_url: 'http://bypass/v1', os_endpoint_override: 'http://override/v1' }).endpointOverride).toBe('http://bypass/v1');
    expect(resolve({ BYPASS_URL: 'http://bypass/v1', OS_ENDPOINT_OVERRIDE: 'http://override/v1' }).endpointOverride).toBe('http://bypass/v1');
    expect(resolve({ OS_ENDPOINT_OVERRIDE: 'http://override/v1' }, { bypass_url: '' }).endpointOverride).toBe('http://override/v1');
    expect(resolve({ BYPASS_URL: 'http://bypass/v1' }).endpointOverride).toBe('http://bypass/v1');
  });

  it('falls back to REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE when no CA bundle is configured', () => {
    expect(resolve({ CURL_CA_BUNDLE: '/curl.pem' }).tls.caFile).toBe('/curl.pem');
    expect(resolve({ REQUESTS_CA_BUNDLE: '/req.pem', CURL_CA_BUNDLE: '/curl.pem' }).tls.caFile).toBe('/req.pem');
    expect(resolve({ REQUESTS_CA_BUNDLE: '/req.pem', OS_CACERT: '/os.pem' }).tls.caFile).toBe('/os.pem');
  });

  it('reads proxies from the environment, lower case first', () => {
    expect(resolve({ HTTPS_PROXY: 'http://up:1', https_proxy: 'http://low:2', NO_PROXY: 'a' }).tls.proxy).toEqual({
      httpProxy: undefined,
      httpsProxy: 'http://low:2',
      noProxy: 'a',
    });
    expect(resolve({}).tls.proxy).toBeUndefined();
  });

  it('turns the cache on with --os-cache or OS_CACHE (bool_from_string)', () => {
    expect(resolve({}, { os_cache: true }).cache).toBe(true);
    expect(resolve({ OS_CACHE: 'yes' }).cache).toBe(true);
    expect(resolve({ OS_CACHE: 'no' }).cache).toBe(false);
  });

  it('fans OS_DOMAIN_NAME out to both domains when a project is given (`openstack/config/loader.py OpenStackConfig._handle_domain_id`)', () => {
    const c = resolve({ OS_DOMAIN_NAME: 'Default', OS_PROJECT_NAME: 'demo' });
    expect(c.auth).toMatchObject({ userDomainName: 'Default', projectDomainName: 'Default' });
    expect(c.auth.domainName).toBeUndefined();
  });
});

describe('tokenEndpoint: when no Keystone is involved', () => {
  it.each([
    ['token + endpoint override (magnum)', { OS_TOKEN: 't', OS_ENDPOINT_OVERRIDE: 'http://m/v1' }, { token: 't', endpoint: 'http://m/v1' }],
    [
      'the same with OS_AUTH_TYPE=password',
      { OS_AUTH_TYPE: 'password', OS_TOKEN: 't', BYPASS_URL: 'http://m' },
      { token: 't', endpoint: 'http://m' },
    ],
    [
      'admin_token with OS_ENDPOINT',
      { OS_AUTH_TYPE: 'admin_token', OS_TOKEN: 't', OS_ENDPOINT: 'http://e/v1' },
      { token: 't', endpoint: 'http://e/v1' },
    ],
    [
      'token_endpoint is admin_token',
      { OS_AUTH_TYPE: 'token_endpoint', OS_TOKEN: 't', OS_ENDPOINT: 'http://e/v1' },
      { token: 't', endpoint: 'http://e/v1' },
    ],
    ['v3token re-scopes through Keystone', { OS_AUTH_TYPE: 'v3token', OS_TOKEN: 't', OS_ENDPOINT_OVERRIDE: 'http://m/v1' }, undefined],
    ['a token alone', { OS_TOKEN: 't' }, undefined],
  ])('%s', (_name, env, expected) => {
    expect(tokenEndpoint(resolve(env))).toEqual(expected);
  });
});

describe('ensureAuthInfo', () => {
  it('passes complete password settings', () => {
    expect(check(PASSWORD_ENV)).toBe('ok');
  });

  it.each([
    ['OS_USERNAME', 'You must provide a username via either --os-username or via env[OS_USERNAME]'],
    ['OS_PASSWORD', 'You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response'],
    [
      'OS_PROJECT_NAME',
      'You must provide a project name or project id via --os-project-name, --os-project-id, env[OS_PROJECT_NAME] or env[OS_PROJECT_ID]',
    ],
    ['OS_AUTH_URL', 'You must provide an auth url via either --os-auth-url or via env[OS_AUTH_URL]'],
  ])('password: without %s says magnum’s text', (name, message) => {
    expect(check({ ...PASSWORD_ENV, [name]: undefined })).toBe(message);
  });

  it('password: nothing configured reports the username first, as magnum does', () => {
    expect(check({})).toBe('You must provide a username via either --os-username or via env[OS_USERNAME]');
  });

  it('password: a token with an auth URL needs no username (the token method is used)', () => {
    expect(check({ OS_TOKEN: 't', OS_AUTH_URL: 'http://k/v3' })).toBe('ok');
  });

  it('password: with a cloud the project may come from keystone (magnum skips its check then)', () => {
    expect(check({ ...PASSWORD_ENV, OS_PROJECT_NAME: undefined }, { os_cloud: 'envvars' })).toBe('ok');
  });

  it('v3password: a user name or project name needs its domain', () => {
    expect(check({ ...PASSWORD_ENV, OS_AUTH_TYPE: 'v3password' })).toBe('ok');
    expect(check({ ...PASSWORD_ENV, OS_AUTH_TYPE: 'v3password', OS_USER_DOMAIN_NAME: undefined })).toBe(
      'You have provided a username. In the V3 identity API a username is only unique within a domain so you must also provide either a user_domain_id or user_domain_name.',
    );
    expect(check({ ...PASSWORD_ENV, OS_AUTH_TYPE: 'v3password', OS_PROJECT_DOMAIN_NAME: undefined })).toBe(
      'You have provided a project_name. In the V3 identity API a project_name is only unique within a domain so you must also provide either a project_domain_id or project_domain_name.',
    );
  });

  it('application credential: needs no username, password or project', () => {
    expect(check(APP_ENV)).toBe('ok');
    expect(check({ ...APP_ENV, OS_APPLICATION_CREDENTIAL_ID: undefined, OS_APPLICATION_CREDENTIAL_NAME: 'democred', OS_USERNAME: 'demo' })).toBe(
      'ok',
    );
  });

  it('application credential: a stray project is left for keystone to refuse', () => {
    expect(check({ ...APP_ENV, OS_PROJECT_NAME: 'demo' })).toBe('ok');
  });

  it.each([
    [{ OS_APPLICATION_CREDENTIAL_SECRET: undefined }, 'Missing value application_credential_secret required for auth plugin v3applicationcredential'],
    [{ OS_APPLICATION_CREDENTIAL_ID: undefined }, 'You must provide either an application credential ID or an application credential name and user.'],
    [
      { OS_APPLICATION_CREDENTIAL_ID: undefined, OS_APPLICATION_CREDENTIAL_NAME: 'democred' },
      'You must provide either an application credential ID or an application credential name and user.',
    ],
    [{ OS_AUTH_URL: undefined }, 'You must provide an auth url via either --os-auth-url or via env[OS_AUTH_URL]'],
  ])('application credential: %j', (change, message) => {
    expect(check({ ...APP_ENV, ...change })).toBe(message);
  });

  it('token types need a token and an auth URL', () => {
    expect(check({ OS_AUTH_TYPE: 'v3token', OS_AUTH_URL: 'http://k/v3', OS_TOKEN: 't' })).toBe('ok');
    expect(check({ OS_AUTH_TYPE: 'token', OS_AUTH_URL: 'http://k/v3' })).toBe('Missing value token required for auth plugin token');
    expect(check({ OS_AUTH_TYPE: 'v3token', OS_TOKEN: 't' })).toBe('You must provide an auth url via either --os-auth-url or via env[OS_AUTH_URL]');
  });

  it('admin_token needs a token and an endpoint', () => {
    expect(check({ OS_AUTH_TYPE: 'admin_token', OS_ENDPOINT: 'http://m/v1' })).toBe('Missing value token required for auth plugin admin_token');
    expect(check({ OS_AUTH_TYPE: 'admin_token', OS_TOKEN: 't' })).toBe('Missing value endpoint required for auth plugin admin_token');
  });

  it('an unknown auth type is refused as keystoneauth words it', () => {
    expect(check({ ...PASSWORD_ENV, OS_AUTH_TYPE: 'bogus' })).toMatch(
      /^The plugin bogus could not be found; this client supports password, v3password, .*, admin_token$/,
    );
  });
});
